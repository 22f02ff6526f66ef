"""The stages in order: read -> clean -> annotate/extract -> resolve -> store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyadscope import __version__
from dyadscope.clean import clean
from dyadscope.errors import DyadscopeError
from dyadscope.knowledge import Knowledge
from dyadscope.read import ReadFailure, discover, read_path
from dyadscope.store.db import Store
from dyadscope.types import Document, RawDocument

BATCH = 16


@dataclass
class IngestReport:
    files: int = 0
    documents: int = 0
    stored: int = 0
    unchanged: int = 0
    # documents in the database that an older pipeline or knowledge base extracted
    stale: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def run_id(knowledge: Knowledge, model: str) -> str:
    basis = f"{__version__}|{knowledge.version}|{model}"
    return "run-" + hashlib.sha256(basis.encode()).hexdigest()[:12]


def _raw_documents(
    files: list[Path], report: IngestReport, tick: Callable[[], None]
) -> Iterator[RawDocument]:
    for path in files:
        report.files += 1
        for item in read_path(path):
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
    raws: list[RawDocument], store: Store, report: IngestReport, seen: set[str]
) -> list[Document]:
    documents = []
    for raw in raws:
        try:
            document = clean(raw)
        except DyadscopeError as error:
            report.failures.append(ReadFailure(raw.source, error.reason))
            continue
        report.documents += 1
        if document.id in seen or store.has_document(document.id):
            report.unchanged += 1
            continue
        seen.add(document.id)
        documents.append(document)
    return documents


def ingest(
    paths: list[Path], store: Store, knowledge: Knowledge,
    tick: Callable[[], None] = lambda: None,
) -> IngestReport:
    from dyadscope.annotate.model import model_version
    from dyadscope.extract import Extractor
    from dyadscope.resolve.apply import Writer

    files = discover(paths)
    report = IngestReport()
    extractor = Extractor(knowledge)
    writer = Writer(store, knowledge)
    identifier = run_id(knowledge, model_version())
    store.record_run(identifier, __version__, knowledge.version, model_version())
    seen: set[str] = set()
    for raws in _batches(_raw_documents(files, report, tick), BATCH):
        documents = _clean_batch(raws, store, report, seen)
        for extraction in extractor.extract(documents):
            writer.write(extraction, identifier)
            report.stored += 1
    report.stale = store.stale_documents(identifier)
    return report


def count_files(paths: list[Path]) -> int:
    return len(discover(paths))
