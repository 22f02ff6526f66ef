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


def render(metrics: dict[str, Any], console: Console) -> None:
    for group in ("body", "date", "entities", "events", "facts"):
        console.print(_table(group, metrics[group]))
    for miss in metrics["events"].get("missed_core", []):
        console.print(f"  missed core event: {miss}", highlight=False)
    for name in metrics.get("missing_documents", []):
        console.print(f"  no document for gold file {name}", highlight=False)
