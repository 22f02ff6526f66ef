"""The stages in order: read -> clean -> annotate/extract -> resolve -> store."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadscope import __version__
from dyadscope.clean import clean
from dyadscope.errors import DyadscopeError
from dyadscope.knowledge import Knowledge
from dyadscope.read import ReadFailure, discover, read_path
from dyadscope.store.db import Store
from dyadscope.types import Extraction, RawDocument

if TYPE_CHECKING:
    from dyadscope.store.resolver import Writer

BATCH = 16
# the Parquet tables of `dyadscope spark`, read back by `load`
EXTRACTIONS = "extractions"
FAILURES = "failures"


@dataclass
class IngestReport:
    files: int = 0
    documents: int = 0
    stored: int = 0
    unchanged: int = 0
    # documents in the database that an older pipeline or knowledge base extracted
    stale: int = 0
    refreshed: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def run_id(knowledge: Knowledge, model: str) -> str:
    basis = f"{__version__}|{knowledge.version}|{model}"
    return "run-" + hashlib.sha256(basis.encode()).hexdigest()[:12]


def _raw_documents(
    files: list[Path], report: IngestReport, tick: Callable[[], None],
    sidecar: Path | None = None,
) -> Iterator[RawDocument]:
    for path in files:
        report.files += 1
        for item in read_path(path, sidecar=sidecar):
            if isinstance(item, ReadFailure):
                report.failures.append(item)
            else:
                yield item
        tick()


def _batches(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Processed:
    """One batch cleaned and extracted: the extractions of its new documents."""

    extractions: list[Extraction] = field(default_factory=list)
    documents: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def _process(raws: list[RawDocument], store: Store, extractor: Any,
             refresh: str | None = None) -> Processed:
    """Clean a batch and extract its documents that are new, and with `refresh` (the
    current run id) those an earlier pipeline or knowledge base extracted."""
    done = Processed()
    documents = []
    for raw in raws:
        try:
            document = clean(raw)
        except DyadscopeError as error:
            done.failures.append(ReadFailure(raw.source, error.reason))
            continue
        done.documents += 1
        if _is_current(store, document.id, refresh):
            done.unchanged += 1
            continue
        documents.append(document)
    done.extractions = extractor.extract(documents) if documents else []
    return done


def _is_current(store: Store, document_id: str, refresh: str | None) -> bool:
    if not store.has_document(document_id):
        return False
    return refresh is None or store.document_run(document_id) == refresh


def ingest(
    paths: list[Path], store: Store, knowledge: Knowledge,
    tick: Callable[[], None] = lambda: None, refresh: bool = False,
    sidecar: Path | None = None, workers: int = 1,
) -> IngestReport:
    """Read, clean, extract, resolve and store. With `refresh`, documents that another
    version of the pipeline or knowledge extracted are extracted again in place;
    `sidecar`: a sources.jsonl with the files' url, outlet and publication date;
    `workers`: processes that extract (the writing stays in this one, in input order, so
    the result is that of one worker)."""
    from dyadscope.annotate.model import model_version
    from dyadscope.store.resolver import Writer

    files = discover(paths)
    report = IngestReport()
    writer = Writer(store, knowledge)
    identifier = run_id(knowledge, model_version())
    store.record_run(identifier, __version__, knowledge.version, model_version())
    seen: set[str] = set()
    batches = _batches(_raw_documents(files, report, tick, sidecar), BATCH)
    for done in _processed(batches, store, knowledge, workers, identifier if refresh else None):
        report.documents += done.documents
        report.unchanged += done.unchanged
        report.failures += done.failures
        for extraction in done.extractions:
            if extraction.document.id in seen:  # the same text twice in this run
                report.unchanged += 1
                continue
            seen.add(extraction.document.id)
            again = store.has_document(extraction.document.id)
            if writer.write(extraction, identifier, replace=again):
                report.stored += 1
                report.refreshed += again
            else:
                report.unchanged += 1  # another ingest stored it meanwhile
    _settle(writer)
    report.stale = store.stale_documents(identifier)
    return report


def _settle(writer: Writer) -> None:
    """The run's global steps: its blocks of events formed again, then the happenings and
    search text of what it touched."""
    writer.recluster()
    touched = writer.touched()
    writer.settle_happenings(touched)
    writer.index_search(touched)


def load(folder: Path, store: Store, knowledge: Knowledge) -> IngestReport:
    """Store the extractions `dyadscope spark` wrote under `folder`, in `ingest`'s input
    order and through its writer, so the database is the one `ingest` makes."""
    from dyadscope.annotate.model import model_version
    from dyadscope.store.resolver import Writer

    if not (folder / EXTRACTIONS).is_dir():
        raise DyadscopeError(str(folder), "load", f"no {EXTRACTIONS}/ table from dyadscope spark")
    report = IngestReport(failures=read_failures(folder))
    writer = Writer(store, knowledge, place=False)
    identifier = run_id(knowledge, model_version())
    store.record_run(identifier, __version__, knowledge.version, model_version())
    seen: set[str] = set()
    for extraction in read_extractions(folder):
        report.documents += 1
        document = extraction.document.id
        if document in seen or store.has_document(document):
            report.unchanged += 1
            continue
        seen.add(document)
        if writer.write(extraction, identifier):
            report.stored += 1
        else:
            report.unchanged += 1
    _settle(writer)
    report.stale = store.stale_documents(identifier)
    return report


def read_extractions(folder: Path) -> Iterator[Extraction]:
    """The extractions of a `dyadscope spark` run, in the input order of `ingest`."""
    import pyarrow.parquet as pq

    from dyadscope.codec import extraction_from_json

    if not any((folder / EXTRACTIONS).rglob("*.parquet")):
        return
    table = pq.read_table(folder / EXTRACTIONS, columns=["file", "record", "extraction"])
    rows = sorted(zip(table.column("file").to_pylist(), table.column("record").to_pylist(),
                      table.column("extraction").to_pylist(), strict=True))
    for _, _, text in rows:
        yield extraction_from_json(text)


def read_failures(folder: Path) -> list[ReadFailure]:
    import pyarrow.parquet as pq

    if not any((folder / FAILURES).rglob("*.parquet")):
        return []  # Spark writes no file for an empty table
    table = pq.read_table(folder / FAILURES, columns=["file", "record", "source", "reason"])
    rows = sorted(zip(*(table.column(c).to_pylist()
                        for c in ("file", "record", "source", "reason")), strict=True))
    return [ReadFailure(source, reason) for _, _, source, reason in rows]


def _processed(batches: Iterable[list[RawDocument]], store: Store, knowledge: Knowledge,
               workers: int, refresh: str | None) -> Iterator[Processed]:
    """Each batch cleaned and extracted, in order; with several workers, each batch in one
    of their processes (the spaCy pipeline, the knowledge and a read-only connection
    loaded once per process) while the earlier ones are written here."""
    from dyadscope.extract import Extractor

    if workers <= 1:
        extractor = Extractor(knowledge)
        for raws in batches:
            yield _process(raws, store, extractor, refresh)
        return
    context = multiprocessing.get_context("spawn")
    with _one_thread_each(), ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker,
            initargs=(knowledge, store.path)) as pool:
        pending: deque[Future[Processed]] = deque()
        for raws in batches:
            pending.append(pool.submit(_process_in_worker, raws, refresh))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# numpy's BLAS would give each process threads for every core: with one process per
# core they only compete (measured: 2 workers 1.45x faster with one thread each, slower
# without)
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def _one_thread_each() -> Iterator[None]:
    """Worker processes started inside get one BLAS thread each."""
    saved = {name: os.environ.get(name) for name in ONE_THREAD}
    os.environ.update(ONE_THREAD)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_worker: dict[str, Any] = {}


def _start_worker(knowledge: Knowledge, db: str) -> None:
    from dyadscope.extract import Extractor

    _worker["extractor"] = Extractor(knowledge)
    _worker["store"] = Store(db, readonly=True)


def _process_in_worker(raws: list[RawDocument], refresh: str | None) -> Processed:
    return _process(raws, _worker["store"], _worker["extractor"], refresh)


def count_files(paths: list[Path]) -> int:
    return len(discover(paths))
