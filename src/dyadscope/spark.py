"""`dyadscope spark INPUT... --out DIR`: read, clean and extract on a Spark cluster.

The costly, embarrassingly parallel part of `ingest` (reading, cleaning, the spaCy
pipeline and the event coding: all but a few per cent of its time) runs in Spark
executors, with the pipeline and the knowledge loaded once per executor process. Files
(text, HTML, JSONL, WARC/WARC.gz in the CC-NEWS layout) are read with Spark's `binaryFile`
source, Parquet (a `text` or `html` column, optional `url`, `published`, `title`,
`outlet`) with Spark's Parquet reader, and both go through the same readers as `ingest`.
The output is Parquet partitioned by publication month: `extractions` (one row per
document: its place in the input order and its extraction as JSON) and `failures`.
`dyadscope load DIR --db ...` then resolves and stores them as `ingest` would have (same
ids, same merges), into SQLite or PostgreSQL.

Also `python -m dyadscope.spark INPUT... --out DIR [--master URL]` for `spark-submit`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.pipeline import BATCH, EXTRACTIONS, FAILURES
from dyadscope.read import SIDECAR, ReadFailure, discover, read_path, read_sidecar
from dyadscope.types import RawDocument


@dataclass(frozen=True)
class SparkReport:
    files: int
    documents: int
    failures: int
    out: Path


def session(master: str | None = None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DyadscopeError(None, "spark", "needs pyspark: pip install 'dyadscope[spark]'"
                             ) from None

    from dyadscope.pipeline import ONE_THREAD

    for name, value in ONE_THREAD.items():  # one BLAS thread per Python worker
        os.environ.setdefault(name, value)
    # local workers run this interpreter (with dyadscope), not whatever python3 is on PATH;
    # on a cluster spark.pyspark.python or PYSPARK_PYTHON says which (docs/scale.md)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dyadscope")
    for name, value in ONE_THREAD.items():
        builder = builder.config(f"spark.executorEnv.{name}", value)
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.ui.enabled", "false").config(
        "spark.sql.session.timeZone", "UTC")
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        raise DyadscopeError(None, "spark", "needs Java 17 or newer (Debian: apt-get install "
                             "default-jre-headless)")
    return builder.getOrCreate()


def run(inputs: list[Path], out: Path, master: str | None = None,
        knowledge_dir: Path | None = None) -> SparkReport:
    """Read, clean and extract `inputs` with Spark; write Parquet under `out`."""
    spark = session(master)
    files = discover(inputs) + _parquet_files(inputs)  # ingest's order, then Parquet
    order = {str(path.resolve()): index for index, path in enumerate(files)}
    sidecars = {str(path.resolve()): _sidecar_record(path) for path in files}
    plain = [str(p.resolve()) for p in files if not p.name.lower().endswith(".parquet")]
    tables = [str(p.resolve()) for p in files if p.name.lower().endswith(".parquet")]
    context = spark.sparkContext
    shared = context.broadcast({"order": order, "sidecars": sidecars,
                                "knowledge": str(knowledge_dir) if knowledge_dir else None})
    raws = context.emptyRDD()
    if plain:
        frame = spark.read.format("binaryFile").load(plain)
        raws = frame.select("path", "content").rdd.flatMap(
            lambda row: _read_file(row.path, bytes(row.content), shared.value))
    for table in tables:
        frame = spark.read.parquet(table)
        index = order[table]
        rows = frame.rdd.zipWithIndex().map(
            lambda pair, index=index, name=Path(table).name: _table_record(pair, index, name))
        raws = raws.union(rows)
    # binaryFile gives each small file a partition of its own: fewer, larger partitions
    # let the pipeline fill its batches and spare a task per file
    wanted = context.defaultParallelism * 4
    if raws.getNumPartitions() > wanted:
        raws = raws.coalesce(wanted)
    results = raws.mapPartitions(lambda items: _extract_partition(items, shared.value)).cache()
    _write(spark, results.filter(lambda r: r[0] == "ok").map(lambda r: r[1]), out / EXTRACTIONS,
           ("file", "record", "document", "month", "extraction"))
    _write(spark, results.filter(lambda r: r[0] == "failed").map(lambda r: r[1]), out / FAILURES,
           ("file", "record", "source", "reason", "month"))
    documents = results.filter(lambda r: r[0] == "ok").count()
    failures = results.filter(lambda r: r[0] == "failed").count()
    return SparkReport(len(files), documents, failures, out)


def _parquet_files(inputs: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in inputs:  # a Parquet file named on its own is in discover's list already
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.parquet") if p.is_file())
    return found


def _sidecar_record(path: Path) -> dict[str, Any] | None:
    return read_sidecar(path.parent / SIDECAR).get(path.name)


def _read_file(uri: str, content: bytes, shared: dict[str, Any]) -> Iterator[tuple]:
    """Each document of one file, through `ingest`'s own readers, with its place in the
    input order: (file index, record index, raw document or failure)."""
    path = uri.removeprefix("file:")
    index = shared["order"][path]
    name = Path(path).name
    with tempfile.TemporaryDirectory(prefix="dyadscope-") as folder:
        local = Path(folder) / name
        local.write_bytes(content)
        record = shared["sidecars"].get(path)
        if record is not None:
            (Path(folder) / SIDECAR).write_text(json.dumps({**record, "file": name}) + "\n",
                                                encoding="utf-8")
            read_sidecar.cache_clear()
        for number, item in enumerate(read_path(local, name)):
            yield index, number, item


def _table_record(pair: tuple[Any, int], index: int, name: str) -> tuple:
    row, number = pair
    values = row.asDict()
    kind = "html" if values.get("html") else "text"
    content = values.get("html") or values.get("text")
    where = f"{name}#{number + 1}"
    if not content:
        return index, number, ReadFailure(where, "no text or html")
    published = values.get("published")
    return index, number, RawDocument(
        source=where, kind=kind, content=str(content), url=values.get("url"),
        title=values.get("title"), published=str(published) if published else None,
        outlet=values.get("outlet"))


_extractor: list[Any] = []


def _extract_partition(items: Iterable[tuple], shared: dict[str, Any]) -> Iterator[tuple]:
    """Clean and extract one partition, BATCH documents at a time; the pipeline and the
    knowledge are loaded once per executor process."""
    from dyadscope.clean import clean
    from dyadscope.codec import to_json

    extractor = _executor_extractor(shared["knowledge"])
    batch: list[tuple[int, int, Any]] = []
    for index, number, item in items:
        if isinstance(item, ReadFailure):
            yield "failed", (index, number, item.path, item.reason, "unknown")
            continue
        try:
            batch.append((index, number, clean(item)))
        except DyadscopeError as error:
            yield "failed", (index, number, item.source, error.reason, "unknown")
            continue
        if len(batch) == BATCH:
            yield from _extract_batch(extractor, batch, to_json)
            batch = []
    if batch:
        yield from _extract_batch(extractor, batch, to_json)


def _executor_extractor(knowledge_dir: str | None) -> Any:
    if not _extractor:
        from dyadscope import knowledge
        from dyadscope.extract import Extractor

        _extractor.append(Extractor(knowledge.load(Path(knowledge_dir) if knowledge_dir
                                                   else None)))
    return _extractor[0]


def _extract_batch(extractor: Any, batch: list[tuple[int, int, Any]], to_json: Any
                   ) -> Iterator[tuple]:
    extractions = extractor.extract([document for _, _, document in batch])
    for (index, number, document), extraction in zip(batch, extractions, strict=True):
        published = document.published
        month = published.value[:7] if published and len(published.value) >= 7 else "unknown"
        yield "ok", (index, number, document.id, month, to_json(extraction))


def _write(spark: Any, rows: Any, folder: Path, columns: tuple[str, ...]) -> None:
    frame = spark.createDataFrame(rows, schema=_schema(columns))
    frame.write.mode("overwrite").partitionBy("month").parquet(str(folder))


def _schema(columns: tuple[str, ...]) -> Any:
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    numbers = {"file", "record"}
    return StructType([StructField(c, LongType() if c in numbers else StringType())
                       for c in columns])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="dyadscope.spark", description=__doc__)
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--master", help="Spark master (default: spark-submit's or local[*])")
    args = parser.parse_args(argv)
    report = run(args.inputs, args.out, args.master)
    print(f"{report.documents} documents extracted from {report.files} files, "
          f"{report.failures} failed -> {report.out}")


if __name__ == "__main__":
    main()
