"""Metrics as Rich tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _table(title: str, values: dict[str, Any]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in values.items():
        if isinstance(value, list):
            continue
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    return table


DETAILS = (("missed_core", "missed core event"), ("spurious", "claim matching no gold"),
           ("mismatched", "matched, but wrong"))


def render(metrics: dict[str, Any], console: Console, details: bool = False) -> None:
    """The tables, then the missed core events; with `details` also the claims that
    match nothing and the matches with a wrong type, direction or date."""
    for group in ("body", "date", "entities", "events", "facts"):
        console.print(_table(group, metrics[group]))
    for key, label in DETAILS if details else DETAILS[:1]:
        for line in metrics["events"].get(key, []):
            console.print(f"  {label}: {line}", highlight=False, soft_wrap=True)
    for name in metrics.get("missing_documents", []):
        console.print(f"  no document for gold file {name}", highlight=False)
