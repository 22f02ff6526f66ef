"""A dyad as a PNG: stacked event counts per period, the cooperation–conflict index on top."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dyadscope.analyse.dyad import SCORE_RANGE, Dyad, Period, plover_table
from dyadscope.errors import DyadscopeError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Past this many periods the gaps are not filled in: the bars would be too thin to read.
MAX_FILLED = 240
# Cooperation in blues (verbal) and greens (material), conflict in oranges and reds,
# darker the stronger, so the stack reads like the index.
TYPE_COLOURS = {
    "REQUEST": "#c6dbef", "CONSULT": "#6baed6", "SUPPORT": "#2171b5", "AGREE": "#08306b",
    "CONCEDE": "#c7e9c0", "RETREAT": "#a1d99b", "COOPERATE": "#41ab5d", "AID": "#006d2c",
    "ACCUSE": "#fdd0a2", "REJECT": "#fdae6b", "THREATEN": "#fd8d3c", "PROTEST": "#e6550d",
    "SANCTION": "#ef3b2c", "MOBILIZE": "#cb181d", "COERCE": "#a50f15", "ASSAULT": "#67000d",
}
OTHER_COLOUR = "#bdbdbd"
MAX_TICKS = 24


def months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def all_keys(keys: list[str], by: str) -> list[str]:
    """Every period from the first to the last, so that the axis reads as time."""
    if by == "year":
        return [str(y) for y in range(int(keys[0]), int(keys[-1]) + 1)]
    months = [k for k in keys if len(k) == 7]
    years_only = [k for k in keys if len(k) == 4]
    filled = months_between(months[0], months[-1]) if months else []
    return sorted(filled + years_only)


def filled(periods: tuple[Period, ...], by: str) -> list[Period]:
    if not periods:
        return []
    keys = all_keys([p.period for p in periods], by)
    if len(keys) > MAX_FILLED:
        return list(periods)
    known = {p.period: p for p in periods}
    return [known.get(key) or Period(key, 0, {}, 0, 0.0, None) for key in keys]


def stack_order(types: set[str]) -> list[str]:
    """Types in the order of plover.json (cooperation first), unknown ones last."""
    known = [name for name in plover_table()["types"] if name in types]
    return known + sorted(types - set(known))


def draw_counts(axes: Axes, periods: list[Period]) -> None:
    types = stack_order({t for p in periods for t in p.counts})
    positions = range(len(periods))
    bottom = [0] * len(periods)
    for name in types:
        heights = [p.counts.get(name, 0) for p in periods]
        colour = TYPE_COLOURS.get(name, OTHER_COLOUR)
        axes.bar(positions, heights, bottom=bottom, color=colour, label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_ylabel("events")
    axes.set_ylim(0, max(bottom, default=0) * 1.15 + 1)


def draw_index(axes: Axes, periods: list[Period]) -> None:
    points = [(i, p.score_mean) for i, p in enumerate(periods) if p.score_mean is not None]
    axes.axhline(0, color="grey", linewidth=0.8, linestyle="--")
    if points:
        xs, ys = zip(*points, strict=True)
        axes.plot(xs, ys, color="black", marker="o", linewidth=1.6, label="index (mean score)")
    low, high = SCORE_RANGE
    axes.set_ylim(low - 0.5, high + 0.5)
    axes.set_ylabel("cooperation–conflict index (mean PLOVER score)")


def label_axis(axes: Axes, periods: list[Period], by: str) -> None:
    step = max(1, -(-len(periods) // MAX_TICKS))
    ticks = list(range(0, len(periods), step))
    axes.set_xticks(ticks)
    axes.set_xticklabels([periods[i].period for i in ticks], rotation=45, ha="right")
    axes.set_xlabel(by)


def render(dyad: Dyad) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    counts = figure.add_subplot()
    periods = filled(dyad.periods, dyad.by)
    draw_counts(counts, periods)
    index = counts.twinx()
    draw_index(index, periods)
    label_axis(counts, periods, dyad.by)
    counts.set_title(f"{dyad.a} – {dyad.b}: events by PLOVER type and cooperation–conflict index")
    if not periods:
        counts.text(0.5, 0.5, "no dated events", transform=counts.transAxes, ha="center")
    handles = counts.get_legend_handles_labels()
    lines = index.get_legend_handles_labels()
    if handles[0] or lines[0]:
        figure.legend(handles[0] + lines[0], handles[1] + lines[1], loc="outside right upper",
                      fontsize="small")
    return figure


def plot_dyad(dyad: Dyad, path: Path) -> Path:
    """Write the dyad's chart as a PNG file; returns the path."""
    figure = render(dyad)
    try:
        figure.savefig(path, format="png")
    except OSError as error:
        raise DyadscopeError(str(path), "plot", f"cannot write: {error.strerror}") from None
    return path
