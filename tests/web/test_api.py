"""The REST API and the page over a real database built from articles written here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyadscope import api
from dyadscope.errors import DyadscopeError
from dyadscope.web import create_app
from dyadscope.web.routes import in_range

ARTICLES = {
    "aleinik_son_minsk.txt": """Belarus and Vietnam sign trade pact
Published: 12 March 2024
MINSK, March 12 (Wire) - Belarusian Foreign Minister Sergei Aleinik met Vietnamese \
Foreign Minister Bui Thanh Son in Minsk on Tuesday and the two ministers signed an \
agreement on trade cooperation.
Aleinik said Belarus wanted to expand exports of tractors and trucks to Vietnam over \
the next three years.
Son said Hanoi valued its long friendship with Minsk and invited Aleinik to visit \
Vietnam later this year.
""",
    "son_lukashenko_talks.txt": """Vietnamese minister holds talks in Minsk
Published: 13 March 2024
MINSK, March 13 (Daily) - Vietnamese Foreign Minister Bui Thanh Son held talks with \
Belarusian President Alexander Lukashenko in Minsk on Wednesday.
Lukashenko told Son that Belarus regarded Vietnam as a key partner in Southeast Asia \
and hoped for closer ties in industry and education.
The two sides agreed to hold a meeting of the intergovernmental commission in Hanoi \
in the autumn.
""",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = root / "web.db"
    report = api.ingest([folder], path)
    assert not report.failures
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def get(client: TestClient, url: str, **params: str) -> object:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_missing_database_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DyadscopeError, match="no such database"):
        create_app(tmp_path / "absent.db")


def test_foreign_file_is_an_error(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("not sqlite at all " * 100)
    with pytest.raises(DyadscopeError):
        create_app(other)


def test_stats(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    counts = stats["counts"]
    assert counts["documents"] == 2
    assert counts["entities"] > 0 and counts["events"] > 0 and counts["mentions"] > 0
    assert sum(stats["events_by_type"].values()) == counts["events"]
    assert stats["entities_by_type"]["PERSON"] >= 2


def test_document_list_has_no_text(client: TestClient) -> None:
    found = get(client, "/api/documents")
    assert {d["source"] for d in found} == set(ARTICLES)
    for doc in found:
        assert {"id", "source", "title", "outlet", "published"} <= doc.keys()
        assert "text" not in doc and "body" not in doc
    assert {d["published"] for d in found} == {"2024-03-12", "2024-03-13"}


def test_document_offsets_match_text(client: TestClient) -> None:
    for listed in get(client, "/api/documents"):
        doc = get(client, f"/api/documents/{listed['id']}")
        text = doc["text"]
        assert text == ARTICLES[doc["source"]]
        assert doc["body_spans"] and all(0 <= s < e <= len(text) for s, e in doc["body_spans"])
        assert doc["mentions"] and doc["evidence"]
        for mention in doc["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
            assert mention["type"] and mention["name"]
        for evidence in doc["evidence"]:
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]
            assert evidence["event"].startswith("evt-")


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/documents/doc-nope", "/api/entities/ent-nope"):
        response = client.get(url)
        assert response.status_code == 404
        assert "nope" in response.json()["detail"]


def test_entities_filter_by_type_and_name(client: TestClient) -> None:
    people = get(client, "/api/entities", type="PERSON")
    assert people and all(p["type"] == "PERSON" for p in people)
    assert all({"aliases", "roles", "name", "country"} <= p.keys() for p in people)
    found = get(client, "/api/entities", type="person", q="aleinik")
    assert [p["name"] for p in found] == ["Sergei Aleinik"]
    assert "Aleinik" in found[0]["aliases"]
    assert found[0]["roles"] and found[0]["roles"][0]["country"] == "BLR"
    assert get(client, "/api/entities", q="nobody by that name") == []


def test_entity_detail_lists_its_events(client: TestClient) -> None:
    son = get(client, "/api/entities", q="Bui Thanh Son")[0]
    detail = get(client, f"/api/entities/{son['id']}")
    assert {"aliases", "roles", "merges", "events"} <= detail.keys()
    assert detail["events"]
    for event in detail["events"]:
        assert son["id"] in event["actors"] + [event["source"], event["target"]]
        assert event["source_name"] and event["target_name"]


def test_events_filters(client: TestClient) -> None:
    everything = get(client, "/api/events")
    assert everything
    belarus = get(client, "/api/events", country="blr")
    assert belarus and all("BLR" in (e["source_country"], e["target_country"]) for e in belarus)
    kind = everything[0]["type"]
    typed = get(client, "/api/events", type=kind)
    assert typed and all(e["type"] == kind for e in typed)
    march = get(client, "/api/events", **{"from": "2024-03", "to": "2024-03"})
    assert march and all(e["date"] and e["date"][:4] == "2024" for e in march)
    assert get(client, "/api/events", **{"from": "2025-01"}) == []
    assert get(client, "/api/events", **{"to": "2023-12"}) == []
    assert client.get("/api/events", params={"from": "March"}).status_code == 422


def test_in_range_with_partial_dates() -> None:
    assert in_range("2024-03-12", "2024-01", "2024-12")
    assert in_range("2024", "2024-06", None)
    assert not in_range("2024-03-12", "2024-04", None)
    assert not in_range("2024-03-12", None, "2024-02")
    assert not in_range(None, "2024", None)
    assert in_range(None, None, None)


def test_timeline(client: TestClient) -> None:
    result = get(client, "/api/timeline", a="Belarus", b="Vietnam")
    rows = result["events"]
    assert rows
    dates = [r["date"] for r in rows]
    assert all(dates) and dates == sorted(dates)
    texts = {}
    for row in rows:
        assert {"BLR", "VNM"} == {row["source_country"], row["target_country"]}
        assert row["source_name"] and row["target_name"] and row["outlets"]
        for item in row["evidence"]:
            if item["document"] not in texts:
                texts[item["document"]] = get(client, f"/api/documents/{item['document']}")["text"]
            assert texts[item["document"]][item["start"]:item["end"]] == item["text"]
    by_person = get(client, "/api/timeline", a="Lukashenko", b="Vietnam")["events"]
    assert by_person


def test_timeline_unknown_actor_is_404(client: TestClient) -> None:
    response = client.get("/api/timeline", params={"a": "Belarus", "b": "Atlantis"})
    assert response.status_code == 404
    assert "Atlantis" in response.json()["detail"]


def test_page_links_static_files(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js">' in page.text
    assert 'href="/static/style.css"' in page.text
    for name, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]
    assert "innerHTML" not in client.get("/static/app.js").text
