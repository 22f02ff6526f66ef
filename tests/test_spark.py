"""One answer, two engines: `dyadscope spark` then `load` stores what `ingest` stores."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from dyadscope import api
from tests.conftest import ARTICLES

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (.ci/run installs default-jre-headless)",
                allow_module_level=True)


def _cc_news_warc(path: Path) -> None:
    """A small WARC.gz in the CC-NEWS layout: HTTP responses of our own article pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for name, text in ARTICLES.items():
            title, _, body = text.partition("\n")
            page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}"
                    f"</h1>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) +
                    "</article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.example/{name}", "response",
                payload=io.BytesIO(page.encode()), http_headers=headers)
            writer.write_record(record)


def test_spark_and_ingest_store_the_same(shared_dir: Path, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _cc_news_warc(crawl / "CC-NEWS-20250301000000-00001.warc.gz")
    inputs = [shared_dir / "seeds", shared_dir / "dev", crawl]
    report = api.spark(inputs, tmp_path / "out", master="local[2]")
    assert report.documents == 5 + 23 + len(ARTICLES) and report.failures == 0
    loaded = api.load(tmp_path / "out", tmp_path / "spark.db")
    ingested = api.ingest(inputs, tmp_path / "ingest.db")
    assert (loaded.stored, loaded.failures) == (ingested.stored, ingested.failures)
    first, second = api.export(tmp_path / "spark.db"), api.export(tmp_path / "ingest.db")
    for table in first:
        assert first[table] == second[table], table
    months = {p.name for p in (tmp_path / "out" / "extractions").iterdir() if p.is_dir()}
    assert "month=2024-12" in months  # partitioned by publication month
    again = api.load(tmp_path / "out", tmp_path / "spark.db")
    assert again.stored == 0 and again.unchanged == loaded.stored  # loading twice is safe


def test_parquet_and_jsonl_inputs_read_like_their_records(tmp_path: Path) -> None:
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    names = sorted(ARTICLES)
    table = pa.table({
        "text": [ARTICLES[n] for n in names[:2]],
        "url": [f"https://news.example/{n}" for n in names[:2]],
        "published": ["2025-03-03", "2024-06-12"],
    })
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    pq.write_table(table, inputs / "crawl.parquet")
    (inputs / "more.jsonl").write_text(
        json.dumps({"text": ARTICLES[names[2]], "url": "https://news.example/x"}) + "\n"
        + "{not json\n", encoding="utf-8")
    report = api.spark([inputs], tmp_path / "out", master="local[2]")
    assert (report.documents, report.failures) == (3, 1)
    loaded = api.load(tmp_path / "out", tmp_path / "spark.db")
    assert loaded.stored == 3 and [f.path for f in loaded.failures] == ["more.jsonl#2"]
    documents = api.export(tmp_path / "spark.db")["documents"]
    assert sorted(d["url"] for d in documents) == sorted(
        [*table.column("url").to_pylist(), "https://news.example/x"])
