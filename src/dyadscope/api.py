"""The public door: ingest, export, timeline. Raises only DyadscopeError."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadscope import knowledge as knowledge_module
from dyadscope.errors import DyadscopeError
from dyadscope.pipeline import IngestReport
from dyadscope.pipeline import ingest as run_pipeline
from dyadscope.store.db import Store
from dyadscope.store.export import export_all


def ingest(
    paths: list[Path], db: Path, knowledge_dir: Path | None = None,
    tick: Callable[[], None] = lambda: None,
) -> IngestReport:
    knowledge = knowledge_module.load(knowledge_dir)
    with Store(db) as store:
        return run_pipeline(paths, store, knowledge, tick)


def export(db: Path) -> dict[str, Any]:
    with Store(db, readonly=True) as store:
        return export_all(store)


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    date: str | None
    type: str
    status: str
    source_country: str | None
    target_country: str | None
    location: str | None
    outlets: tuple[str, ...]
    evidence: tuple[str, ...]
    corroboration: int


def _actor_countries(store: Store, name: str) -> tuple[set[str], set[str]]:
    """Country codes and entity ids that a name or alias denotes."""
    from dyadscope.analyse.actors import find_actor

    return find_actor(store, name)


def timeline(db: Path, a: str, b: str, undated: bool = False) -> list[TimelineEntry]:
    from dyadscope.analyse.timeline import dyad_timeline

    with Store(db, readonly=True) as store:
        first, second = _actor_countries(store, a), _actor_countries(store, b)
        if not (first[0] or first[1]):
            raise DyadscopeError(None, "timeline", f"no actor called {a!r} in {db}")
        if not (second[0] or second[1]):
            raise DyadscopeError(None, "timeline", f"no actor called {b!r} in {db}")
        return dyad_timeline(store, first, second, undated)
