"""The public door: ingest, export, timeline, dyad, outlets. Raises only DyadscopeError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dyadscope import knowledge as knowledge_module
from dyadscope.analyse.dyad import GRANULARITIES, Dyad
from dyadscope.analyse.outlets import OutletReport
from dyadscope.errors import DyadscopeError
from dyadscope.pipeline import IngestReport
from dyadscope.pipeline import ingest as run_pipeline
from dyadscope.store.db import Store
from dyadscope.store.export import export_all
from dyadscope.types import TimelineEntry


def ingest(
    paths: list[Path], db: Path | str, knowledge_dir: Path | None = None,
    tick: Callable[[], None] = lambda: None, refresh: bool = False,
    sources: Path | None = None, workers: int = 1,
) -> IngestReport:
    """Store what the articles report; `refresh` re-extracts documents that another
    version of dyadscope or of the knowledge files extracted; `sources`: a JSONL file of
    the files' crawl metadata (file, url, title, outlet, published), used where a
    sources.jsonl beside the files is not; `workers`: processes that extract."""
    knowledge = knowledge_module.load(knowledge_dir)
    if sources is not None and not sources.is_file():
        raise DyadscopeError(str(sources), "read", "no such metadata file")
    with Store(db) as store:
        return run_pipeline(paths, store, knowledge, tick, refresh, sources, workers)


def load(folder: Path, db: Path | str, knowledge_dir: Path | None = None) -> IngestReport:
    """Store what `dyadscope spark` extracted into `folder` (its Parquet tables), resolved
    and merged as `ingest` does."""
    from dyadscope.pipeline import load as load_extractions

    knowledge = knowledge_module.load(knowledge_dir)
    with Store(db) as store:
        return load_extractions(folder, store, knowledge)


def spark(inputs: list[Path], out: Path, master: str | None = None,
          knowledge_dir: Path | None = None) -> Any:
    """Read, clean and extract with Apache Spark (`pip install 'dyadscope[spark]'`)."""
    from dyadscope.spark import run

    return run(inputs, out, master, knowledge_dir)


def export(db: Path | str) -> dict[str, Any]:
    with Store(db, readonly=True) as store:
        return export_all(store)


def _actor_countries(store: Store, name: str) -> tuple[set[str], set[str]]:
    """Country codes and entity ids that a name or alias denotes."""
    from dyadscope.analyse.actors import find_actor

    return find_actor(store, name)


def _actor(store: Store, db: Path | str, name: str, stage: str) -> tuple[set[str], set[str]]:
    found = _actor_countries(store, name)
    if not (found[0] or found[1]):
        raise DyadscopeError(None, stage, f"no actor called {name!r} in {db}")
    return found


def timeline(db: Path | str, a: str, b: str, undated: bool = False,
             by_happening: bool = True) -> list[TimelineEntry]:
    """The events between two actors, oldest first: one entry per happening (the events
    of other types that tell it folded in), or with `by_happening=False` per event."""
    from dyadscope.analyse.timeline import dyad_timeline

    with Store(db, readonly=True) as store:
        first, second = _actor(store, db, a, "timeline"), _actor(store, db, b, "timeline")
        return dyad_timeline(store, first, second, undated, by_happening)


def dyad(db: Path | str, a: str, b: str, by: str = "year") -> Dyad:
    """The relationship of two actors: timeline, counts and index per `by`, people,
    agreements and arms transfers."""
    from dyadscope.analyse.dyad import analyse_dyad

    if by not in GRANULARITIES:
        raise DyadscopeError(None, "dyad", f"unknown period {by!r} (month or year)")
    with Store(db, readonly=True) as store:
        first, second = _actor(store, db, a, "dyad"), _actor(store, db, b, "dyad")
        return analyse_dyad(store, (a, first), (b, second), by)


def plot_dyad(result: Dyad, out: Path) -> Path:
    """Write the chart of `dyad(...)` as a PNG file."""
    from dyadscope.analyse.plot import plot_dyad as draw

    return draw(result, out)


def outlets(db: Path | str, a: str | None = None, b: str | None = None) -> OutletReport:
    """Which outlets reported which events, and where their reports disagree; all events,
    or those between `a` and `b`."""
    from dyadscope.analyse.outlets import compare_outlets

    if (a is None) != (b is None):
        raise DyadscopeError(None, "outlets", "give two actors or none")
    with Store(db, readonly=True) as store:
        if a is None or b is None:
            return compare_outlets(store)
        pair = (_actor(store, db, a, "outlets"), _actor(store, db, b, "outlets"))
        return compare_outlets(store, pair)


def export_tables(db: Path | str, fmt: str, folder: Path | None) -> list[Path]:
    """Write one CSV or Parquet file per table into `folder`; returns the files."""
    from dyadscope.store.tables import require_folder, write_tables

    target = require_folder(folder, fmt)
    with Store(db, readonly=True) as store:
        return write_tables(store, fmt, target)


def network(db: Path | str) -> Any:
    """The actor network as a networkx DiGraph."""
    from dyadscope.analyse.network import actor_network

    with Store(db, readonly=True) as store:
        return actor_network(store)


def export_network(db: Path | str, fmt: str) -> str:
    """The actor network as GraphML or GEXF text."""
    from dyadscope.analyse.network import GRAPH_FORMATS, serialise

    if fmt not in GRAPH_FORMATS:
        raise DyadscopeError(None, "export", f"unknown graph format {fmt!r} (graphml, gexf)")
    return serialise(network(db), fmt)
