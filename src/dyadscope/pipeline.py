"""The stages in order: read -> clean -> annotate/extract -> resolve -> store."""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadscope import __version__
from dyadscope.clean import clean
from dyadscope.errors import DyadscopeError
from dyadscope.knowledge import Knowledge
from dyadscope.read import ReadFailure, discover, read_path
from dyadscope.store.db import Store
from dyadscope.types import Document, Extraction, RawDocument

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


def _clean_batch(
    raws: list[RawDocument], store: Store, report: IngestReport, seen: set[str],
    refresh: str | None = None,
) -> list[Document]:
    """New documents, and with `refresh` (the current run id) documents an earlier
    pipeline or knowledge base extracted."""
    documents = []
    for raw in raws:
        try:
            document = clean(raw)
        except DyadscopeError as error:
            report.failures.append(ReadFailure(raw.source, error.reason))
            continue
        report.documents += 1
        if document.id in seen or _is_current(store, document.id, refresh):
            report.unchanged += 1
            continue
        seen.add(document.id)
        documents.append(document)
    return documents


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
    batches = (
        _clean_batch(raws, store, report, seen, identifier if refresh else None)
        for raws in _batches(_raw_documents(files, report, tick, sidecar), BATCH))
    for extractions in _extracted(batches, knowledge, workers):
        for extraction in extractions:
            again = store.has_document(extraction.document.id)
            if writer.write(extraction, identifier, replace=again):
                report.stored += 1
                report.refreshed += again
            else:
                report.unchanged += 1  # another ingest stored it meanwhile
    _settle(writer)
    report.stale = store.stale_documents(identifier)
    return report


def _settle(writer: Any) -> None:
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
    writer = Writer(store, knowledge)
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


def _extracted(batches: Iterable[list[Document]], knowledge: Knowledge,
               workers: int) -> Iterator[list[Extraction]]:
    """The extractions of each batch, in order; with several workers, each batch in one
    of their processes (the spaCy pipeline and knowledge loaded once per process) while
    the next ones are cleaned and the earlier ones written."""
    from dyadscope.extract import Extractor

    if workers <= 1:
        extractor = Extractor(knowledge)
        for documents in batches:
            yield extractor.extract(documents)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(knowledge,)) as pool:
        pending: deque[Future[list[Extraction]]] = deque()
        for documents in batches:
            pending.append(pool.submit(_extract_in_worker, documents))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_worker_extractor: list[Any] = []


def _start_worker(knowledge: Knowledge) -> None:
    from dyadscope.extract import Extractor

    _worker_extractor.append(Extractor(knowledge))


def _extract_in_worker(documents: list[Document]) -> list[Extraction]:
    return _worker_extractor[0].extract(documents)


def count_files(paths: list[Path]) -> int:
    return len(discover(paths))
