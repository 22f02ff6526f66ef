"""Rich tables for the command line: timeline, dyad analysis, outlet comparison."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from dyadscope.analyse.dyad import Dyad
    from dyadscope.analyse.outlets import OutletReport
    from dyadscope.types import TimelineEntry

EVIDENCE_CHARS = 160


def short(text: str, limit: int = EVIDENCE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def who(source: str | None, target: str | None) -> str:
    return f"{source} → {target}"


def timeline_table(entries: Sequence[TimelineEntry], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("date", "type", "who → whom", "status", "where", "sources", "reports",
                   "evidence"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(
            entry.date or "?", " + ".join(entry.types) or entry.type,
            who(entry.source_country, entry.target_country),
            entry.status, entry.location or "", "\n".join(entry.outlets),
            str(entry.corroboration), short(entry.evidence[0]) if entry.evidence else "",
        )
    return table


def periods_table(dyad: Dyad) -> Table:
    types = sorted({t for period in dyad.periods for t in period.counts})
    table = Table(title=f"events by PLOVER type per {dyad.by}")
    table.add_column(dyad.by)
    for name in [*types, "events", "index (mean)", "index (sum)", "states (mean)",
                 "with people"]:
        table.add_column(name, justify="right")
    for period in dyad.periods:
        counts = [str(period.counts.get(t, 0) or "") for t in types]
        table.add_row(period.period, *counts, str(period.events), number(period.score_mean),
                      number(period.score_sum), number(period.state_mean),
                      str(period.people_events or ""))
    if dyad.undated:
        table.add_row("undated", *[""] * len(types), str(dyad.undated), "", "", "", "")
    table.add_row("all", *[""] * len(types), str(dyad.events), number(dyad.score_mean),
                  number(dyad.score_sum), number(dyad.state_mean),
                  str(dyad.people_events or ""), style="bold")
    return table


def people_table(dyad: Dyad) -> Table:
    table = Table(title="people on each side")
    for column in ("side", "name", "country", "roles"):
        table.add_column(column, overflow="fold")
    table.add_column("events", justify="right")
    for person in dyad.people:
        table.add_row(person.side, person.name, person.country or "", ", ".join(person.roles),
                      str(person.events))
    return table


def agreements_table(dyad: Dyad) -> Table:
    table = Table(title="agreements", show_lines=True)
    for column in ("date", "who → whom", "agreement", "signed by", "status", "sources"):
        table.add_column(column, overflow="fold")
    for item in dyad.agreements:
        table.add_row(item.date or "?", who(item.source_country, item.target_country),
                      item.document or short(item.evidence), "\n".join(item.signatories),
                      item.status, "\n".join(item.outlets))
    return table


def arms_table(dyad: Dyad) -> Table:
    table = Table(title="arms transfers", show_lines=True)
    for column in ("supplier", "recipient", "system", "number", "year", "status", "source"):
        table.add_column(column, overflow="fold")
    for item in dyad.arms_transfers:
        source = f"{short(item.evidence)}\n— {item.outlet}"
        table.add_row(item.supplier or "?", item.recipient or "?", item.system or "unspecified",
                      number(item.quantity), str(item.year or "?"), item.status, source)
    return table


def side(name: str, countries: tuple[str, ...]) -> str:
    return f"{name} ({', '.join(countries)})" if countries else name


def print_dyad(dyad: Dyad, console: Console) -> None:
    console.print(timeline_table(dyad.timeline, f"{side(dyad.a, dyad.a_countries)} – "
                                                f"{side(dyad.b, dyad.b_countries)}"))
    if not dyad.events:
        console.print("no events between these actors")
        return
    console.print(periods_table(dyad))
    for table, rows in ((people_table(dyad), dyad.people),
                        (agreements_table(dyad), dyad.agreements),
                        (arms_table(dyad), dyad.arms_transfers)):
        if rows:
            console.print(table)


def outlets_table(report: OutletReport) -> Table:
    table = Table(title="outlets")
    table.add_column("outlet", overflow="fold")
    for column in ("documents", "events", "shared", "only here"):
        table.add_column(column, justify="right")
    for row in report.outlets:
        table.add_row(row.outlet, str(row.documents), str(row.events), str(row.shared),
                      str(row.exclusive))
    return table


def event_outlets_table(report: OutletReport) -> Table:
    table = Table(title="events reported by more than one document or part of a happening",
                  show_lines=True)
    for column in ("date", "type", "who → whom", "documents", "outlets", "joined because"):
        table.add_column(column, overflow="fold")
    for event in report.events:
        if event.documents > 1 or any(j.startswith("one happening") for j in event.joins):
            table.add_row(event.date or "?", event.type,
                          who(event.source_country, event.target_country),
                          str(event.documents), "\n".join(event.outlets),
                          "\n".join(event.joins))
    return table


def disagreements_table(report: OutletReport) -> Table:
    table = Table(title="disagreements", show_lines=True)
    for column in ("event", "on", "outlet", "says", "evidence"):
        table.add_column(column, overflow="fold")
    for item in report.disagreements:
        event = f"{item.date or '?'} {item.type}\n{item.event_id}"
        subject = item.kind if item.subject == item.kind else f"{item.kind}: {item.subject}"
        for claim in item.claims:
            says = claim.value
            if item.kind == "date" and claim.value == claim.published:
                says += "\n(= published)"
            table.add_row(event, subject, claim.outlet, says, short(claim.evidence, 120))
            event = ""
    return table


def print_outlets(report: OutletReport, console: Console) -> None:
    console.print(outlets_table(report))
    console.print(event_outlets_table(report))
    if report.disagreements:
        console.print(disagreements_table(report))
    else:
        console.print("no disagreements between documents on dates, numbers or names")
