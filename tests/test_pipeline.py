"""End to end through the CLI: ingest, export, the contract's keys, offsets and exit codes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
BOILERPLATE = ("Share", "Read more", "- Politics", "- Economy")


def test_ingest_and_export_follow_the_contract(
    articles, articles_dir, tmp_path, cli, check_export, export_db
) -> None:
    db = tmp_path / "news.db"
    result = cli("ingest", articles_dir, "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 stored" in result.stderr

    out = tmp_path / "export.json"
    written = cli("export", "--db", db, "--format", "json", "--out", out)
    assert written.exit_code == 0, written.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == export_db(db)
    check_export(data)

    documents = {d["source"]: d for d in data["documents"]}
    assert set(documents) == set(articles)
    for name, doc in documents.items():
        assert doc["text"] == articles[name]
        assert doc["body"] and all(line in doc["text"] for line in doc["body"].split("\n"))
        body_lines = {line.strip() for line in doc["body"].split("\n")}
        assert not body_lines & set(BOILERPLATE), (name, body_lines & set(BOILERPLATE))
        assert doc["language"] == "en"

    countries = {e["country"] for e in data["entities"] if e["type"] == "COUNTRY"}
    assert {"BLR", "VNM", "KAZ"} <= countries
    pairs = {frozenset((e["source_country"], e["target_country"])) for e in data["events"]}
    assert frozenset(("BLR", "VNM")) in pairs
    assert frozenset(("BLR", "KAZ")) in pairs


def _ids(data: dict) -> dict[str, list]:
    return {
        "documents": sorted(d["id"] for d in data["documents"]),
        "entities": sorted(e["id"] for e in data["entities"]),
        "mentions": sorted((m["document"], m["start"], m["end"], m["entity"])
                           for m in data["mentions"]),
        "events": sorted(e["id"] for e in data["events"]),
        "evidence": sorted((e["id"], v["document"], v["start"], v["end"])
                           for e in data["events"] for v in e["evidence"]),
    }


def test_reingest_changes_nothing(articles_dir, tmp_path, cli, export_db) -> None:
    db = tmp_path / "news.db"
    assert cli("ingest", articles_dir, "--db", db).exit_code == 0
    before = export_db(db)

    again = cli("ingest", articles_dir, "--db", db)
    assert again.exit_code == 0, again.output
    assert "0 stored" in again.stderr and "3 unchanged" in again.stderr

    after = export_db(db)
    assert _ids(after) == _ids(before)
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}
    assert after == before


def test_same_content_under_another_name_is_unchanged(
    articles_dir, tmp_path, cli, export_db
) -> None:
    db = tmp_path / "news.db"
    assert cli("ingest", articles_dir, "--db", db).exit_code == 0
    before = export_db(db)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(articles_dir / "minsk_defence_talks.txt", copy / "renamed.txt")
    again = cli("ingest", copy, "--db", db)
    assert again.exit_code == 0, again.output
    assert "1 unchanged" in again.stderr
    assert _ids(export_db(db)) == _ids(before)


def test_corrupt_file_is_named_and_the_rest_stored(
    articles, articles_dir, tmp_path, cli, export_db, check_export
) -> None:
    (articles_dir / "scan.txt").write_bytes(PNG)
    db = tmp_path / "news.db"
    result = cli("ingest", articles_dir, "--db", db)
    assert result.exit_code == 1, result.output
    assert "scan.txt" in result.stderr
    assert "Traceback" not in result.output
    data = export_db(db)
    check_export(data)
    assert sorted(d["source"] for d in data["documents"]) == sorted(articles)


def test_missing_path_is_an_error_without_traceback(tmp_path, cli) -> None:
    result = cli("ingest", tmp_path / "nowhere", "--db", tmp_path / "news.db")
    assert result.exit_code not in (0, 1)
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _warc(path: Path, url: str, page: str) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode()), http_headers=headers))


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Share | Read more | Subscribe</footer></body></html>"
    )


def test_every_input_format_end_to_end(articles, tmp_path, cli, export_db, check_export) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    minsk = articles["minsk_defence_talks.txt"]
    hanoi = articles["hanoi_foreign_ministers.txt"]
    records = [
        {"text": minsk, "url": "https://news.example/minsk", "title": "Talks in Minsk",
         "published": "2025-03-03", "outlet": "Example Wire"},
        {"html": _page("Ministers meet in Hanoi", hanoi.split("\n\n")),
         "url": "https://news.example/hanoi"},
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    astana = articles["astana_trade_agreement.txt"].split("\n\n")
    (folder / "astana.html").write_text(_page("Trade agreement signed", astana), "utf-8")
    _warc(folder / "crawl.warc.gz", "https://news.example/astana",
          _page("Belarus and Kazakhstan sign", astana[:2]))

    db = tmp_path / "mixed.db"
    result = cli("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.output
    data = export_db(db)
    check_export(data)

    sources = sorted(d["source"] for d in data["documents"])
    assert len(sources) == 4, sources
    assert sources[0] == "astana.html"
    assert sources[1].startswith("crawl.warc.gz#urn:uuid:")
    assert sources[2:] == ["feed.jsonl#1", "feed.jsonl#2"]

    docs = {d["source"]: d for d in data["documents"]}
    first = docs["feed.jsonl#1"]
    assert first["url"] == "https://news.example/minsk"
    assert first["outlet"] == "Example Wire"
    assert first["published"] == "2025-03-03"
    assert docs["feed.jsonl#2"]["url"] == "https://news.example/hanoi"
    for source in ("astana.html", "feed.jsonl#2"):
        text = docs[source]["text"]
        assert "<p>" not in text and "Home" not in docs[source]["body"]
    warc = next(d for s, d in docs.items() if s.startswith("crawl.warc.gz#"))
    assert warc["url"] == "https://news.example/astana"


def test_seed_articles_end_to_end(shared_dir, tmp_path, cli, export_db, check_export) -> None:
    seeds = shared_dir / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} not present")
    db = tmp_path / "seeds.db"
    result = cli("ingest", seeds, "--db", db)
    assert result.exit_code == 0, result.output
    data = export_db(db)
    check_export(data)
    assert len(data["documents"]) >= 5
    assert len(data["events"]) >= 5


def test_title_is_the_headline_not_the_date_line(ingested_db, articles, export_db) -> None:
    for doc in export_db(ingested_db)["documents"]:
        headline = articles[doc["source"]].split("\n", 1)[0]
        assert doc["title"] == headline, doc["source"]


def test_a_weapon_system_entity_carries_its_country_of_origin(samples_db, export_db) -> None:
    weapons = [e for e in export_db(samples_db)["entities"] if e["type"] == "WEAPON_SYSTEM"]
    origins = {e["name"]: e["country"] for e in weapons}
    assert origins.get("Su-30MK2") == "RUS", origins


WIRE = [
    "HANOI, March 3 (Agency) - The defence ministers of Vietnam and Belarus signed an "
    "agreement on military cooperation in Hanoi on Monday, the Vietnamese defence ministry "
    "said in a statement.",
    "Under the agreement, Belarus will train Vietnamese officers and the two countries will "
    "hold joint exercises next year, the statement said.",
    "Japan criticized North Korea for its latest missile launch and urged Pyongyang to stop "
    "its weapons programme, the Japanese foreign minister said.",
]


def _events(db: Path, export_db) -> list[tuple]:
    data = export_db(db)
    return sorted((e["type"], e["source"], e["target"]) for e in data["events"])


def test_hard_wrapped_and_run_together_text_gives_the_same_events(
        tmp_path, cli, export_db) -> None:
    import textwrap

    texts = {
        "blocks.txt": "Ministers sign pact\n\n" + "\n\n".join(WIRE) + "\n",
        "wrapped.txt": "Ministers sign pact\n\n" + "\n\n".join(
            textwrap.fill(p, 66) for p in WIRE) + "\n",
        "run-together.txt": "".join(WIRE).replace(". ", "."),
    }
    found = {}
    for name, text in texts.items():
        folder = tmp_path / name.removesuffix(".txt")
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        db = folder / "news.db"
        assert cli("ingest", folder / name, "--db", db).exit_code == 0
        found[name] = _events(db, export_db)
    assert len(found["blocks.txt"]) >= 3
    assert found["wrapped.txt"] == found["blocks.txt"]
    assert found["run-together.txt"] == found["blocks.txt"]


def test_several_workers_store_what_one_worker_stores(tmp_path: Path, shared_dir: Path) -> None:
    from dyadscope import api

    folders = [shared_dir / "dev", shared_dir / "seeds"]
    api.ingest(folders, tmp_path / "one.db")
    report = api.ingest(folders, tmp_path / "two.db", workers=2)
    assert report.stored > 16  # more than one batch, so both workers extract
    assert api.export(tmp_path / "one.db") == api.export(tmp_path / "two.db")
