"""Readers: every container format to RawDocument, and failures named by file."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyadscope.errors import DyadscopeError
from dyadscope.read import ReadFailure, discover, read_path
from dyadscope.types import RawDocument

TEXT = (
    "Vietnam and Belarus sign education accord\n\n"
    "HANOI, May 5 (Agency) - Vietnamese Education Minister Nguyen Kim Son and his Belarusian "
    "counterpart Andrei Ivaniec signed an agreement on student exchanges on Monday.\n"
)
PAGE = (
    "<html><head><title>Ministers meet in Minsk</title></head><body>"
    "<nav>Home | World | Sport</nav><article><h1>Ministers meet in Minsk</h1>"
    "<p>MINSK, April 2 (Agency) - The foreign ministers of Belarus and Mongolia met in Minsk "
    "on Tuesday and agreed to open a trade office in Ulaanbaatar.</p></article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def read_all(path: Path) -> list[RawDocument | ReadFailure]:
    return list(read_path(path))


def only_document(path: Path) -> RawDocument:
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def only_failure(path: Path) -> ReadFailure:
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items
    return items[0]


def test_txt(tmp_path: Path) -> None:
    path = tmp_path / "accord.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = only_document(path)
    assert (doc.source, doc.kind, doc.content) == ("accord.txt", "text", TEXT)


@pytest.mark.parametrize(("name", "kind"), [("page.html.gz", "html"), ("accord.txt.gz", "text")])
def test_gzipped_files_are_read(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    content = PAGE if kind == "html" else TEXT
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    doc = only_document(path)
    assert (doc.source, doc.kind, doc.content) == (name, kind, content)
    assert discover([tmp_path]) == [path]


def test_a_broken_gzip_is_reported_by_name(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(b"not gzip at all")
    failure = only_failure(path)
    assert failure.path == "page.html.gz" and "gzip" in failure.reason


def test_txt_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert only_document(path).content == TEXT


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_document(path)
    assert (doc.source, doc.kind, doc.content) == (path.name, "html", PAGE)


def test_jsonl_text_html_metadata_and_bad_line(tmp_path: Path) -> None:
    records = [
        json.dumps({"text": TEXT, "url": "https://news.example/accord", "title": "Accord",
                    "published": "2024-05-06", "outlet": "Example News"}),
        "{not json at all",
        "",
        json.dumps({"html": PAGE, "url": "https://news.example/minsk"}),
        json.dumps({"title": "no content"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    items = read_all(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, ReadFailure)]

    assert [d.source for d in docs] == ["feed.jsonl#1", "feed.jsonl#4"]
    first, second = docs
    assert (first.kind, first.content) == ("text", TEXT)
    assert (first.url, first.title, first.published, first.outlet) == (
        "https://news.example/accord", "Accord", "2024-05-06", "Example News")
    assert (second.kind, second.content, second.url) == ("html", PAGE, "https://news.example/minsk")
    assert second.title is None and second.published is None and second.outlet is None

    assert [f.path for f in failures] == ["feed.jsonl#2", "feed.jsonl#5"]
    assert "JSON" in failures[0].reason


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, ctype, payload in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _warc(path, [
        ("https://news.example/minsk", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "image/png", PNG),
        ("https://news.example/accord.txt", "text/plain", TEXT.encode()),
    ])
    docs = read_all(path)
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [(d.url, d.kind) for d in docs] == [
        ("https://news.example/minsk", "html"), ("https://news.example/accord.txt", "text")]
    assert docs[0].content == PAGE and docs[1].content == TEXT
    for doc in docs:
        assert doc.source.startswith(f"{name}#urn:uuid:")
    assert docs[0].source != docs[1].source


@pytest.mark.parametrize(
    "payload", [PNG, b"Ministers met in Minsk on Monday.\n"], ids=["png", "text"]
)
def test_not_a_warc_is_reported_by_name(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(payload)
    failure = only_failure(path)
    assert failure.path == "broken.warc"
    assert "WARC" in failure.reason


def test_latin1_text_is_decoded_by_fallback(tmp_path: Path) -> None:
    text = (
        "Le ministre des Affaires étrangères arrive à Genève\n\n"
        "GENÈVE, 4 mars (Agence) - Le ministre français des Affaires étrangères a rencontré "
        "son homologue biélorusse à Genève. Les négociations ont duré trois heures, a déclaré "
        "le porte-parole du ministère après la réunion.\n"
    )
    path = tmp_path / "geneve.txt"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert only_document(path).content == text


@pytest.mark.parametrize("payload", [PNG, b"\x00" * 64 + b"text after nuls"], ids=["png", "nul"])
def test_binary_file_is_reported_by_name(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(payload)
    failure = only_failure(path)
    assert failure.path == "photo.txt"
    assert "binary" in failure.reason


@pytest.mark.parametrize("content", ["", "  \n\n \t\n"])
def test_empty_file_is_reported(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    failure = only_failure(path)
    assert failure.path == "empty.txt"
    assert "empty" in failure.reason


def test_missing_path_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DyadscopeError) as info:
        discover([missing])
    assert info.value.path == str(missing)
    assert str(missing) in str(info.value)


def test_discover_recurses_in_stable_order_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    for name in ["b/deep/z.txt", "a.html", "b/c.jsonl", "notes.md", "b/x.warc.gz", "img.png"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.html", "b/c.jsonl", "b/deep/z.txt", "b/x.warc.gz"]


def test_a_sources_sidecar_gives_each_file_its_crawl_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sources.jsonl").write_text(json.dumps({
        "file": "a.txt", "url": "https://news.example/a", "outlet": "Example News",
        "published": "2024-05-06"}) + "\n", encoding="utf-8")
    assert discover([tmp_path]) == [tmp_path / "a.txt"]  # the sidecar is no document
    [raw] = list(read_path(tmp_path / "a.txt"))
    assert isinstance(raw, RawDocument)
    assert (raw.url, raw.outlet, raw.published) == (
        "https://news.example/a", "Example News", "2024-05-06")


def test_a_sidecar_given_by_path_and_a_broken_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    elsewhere = tmp_path / "meta.jsonl"
    elsewhere.write_text('{"file": "a.txt", "published": "2024-05-06"}\n', encoding="utf-8")
    [raw] = list(read_path(tmp_path / "a.txt", sidecar=elsewhere))
    assert isinstance(raw, RawDocument) and raw.published == "2024-05-06"
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    [failure] = list(read_path(tmp_path / "a.txt", sidecar=broken))
    assert isinstance(failure, ReadFailure) and "broken.jsonl:1" in failure.path


def test_jsonl_reads_the_field_names_other_crawlers_use(tmp_path: Path) -> None:
    record = {"text": TEXT, "link": "https://news.example/accord", "headline": "Accord",
              "date_publish": "2024-05-06 10:00:00", "publisher": {"name": "Example News"}}
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = [i for i in read_all(path) if isinstance(i, RawDocument)]
    assert (doc.url, doc.title, doc.published, doc.outlet) == (
        "https://news.example/accord", "Accord", "2024-05-06 10:00:00", "Example News")
