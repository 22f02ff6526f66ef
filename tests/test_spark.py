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
