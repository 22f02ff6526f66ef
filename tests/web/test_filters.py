"""Filtering and paging in SQL answer exactly what filtering the whole export in Python did."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyadscope import api
from dyadscope.store import export, queries
from dyadscope.store.db import Store, search_words
from dyadscope.web.routes import in_range

# ---- the reference: the whole export, filtered in Python (the endpoints before SQL) ----


def named(event: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {
        **event,
        "source_name": names.get(event["source"]) or event["source_country"],
        "target_name": names.get(event["target"]) or event["target_country"],
        "actor_names": [names.get(a, a) for a in event["actors"]],
    }


def takes_part(event: dict[str, Any], entity_id: str) -> bool:
    return entity_id in event["actors"] or entity_id in (event["source"], event["target"])


def matches_text(event: dict[str, Any], text: str, spelled: dict[str, list[str]]) -> bool:
    """Text search: every word of the query starts a word of the evidence, of a name or
    alias of the sides and actors, or of the country codes."""
    people = [event["source"], event["target"], *event["actors"]]
    haystack = [item["text"] for item in event["evidence"]]
    haystack += [name for p in people for name in spelled.get(p, [])]
    haystack += [event["source_country"] or "", event["target_country"] or ""]
    words = set(search_words(" ".join(haystack)))
    wanted = search_words(text)
    return bool(wanted) and all(any(w.startswith(q) for w in words) for q in wanted)


def exported(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    with Store(db, readonly=True) as store:
        return export.entities(store), export.events(store)


def reference_events(db: Path, **wanted: str) -> list[dict[str, Any]]:
    entities, events = exported(db)
    names = {e["id"]: e["name"] for e in entities}
    spelled = {e["id"]: [e["name"], *e["aliases"]] for e in entities}
    code = wanted["country"].upper() if "country" in wanted else None
    return [
        named(e, names) for e in events
        if (code is None or code in (e["source_country"], e["target_country"]))
        and ("type" not in wanted or e["type"] == wanted["type"].upper())
        and ("status" not in wanted or e["status"] == wanted["status"].lower())
        and ("entity" not in wanted or takes_part(e, wanted["entity"]))
        and ("q" not in wanted or matches_text(e, wanted["q"], spelled))
        and in_range(e["date"], wanted.get("from"), wanted.get("to"))
    ]


def reference_timeline(db: Path, a: str, b: str, undated: bool) -> dict[str, Any]:
    entities, events = exported(db)
    names = {e["id"]: e["name"] for e in entities}
    by_id = {e["id"]: named(e, names) for e in events}
    rows = []
    for entry in api.timeline(db, a, b, undated=undated, by_happening=False):
        event = by_id[entry.event_id]
        rows.append({
            "event_id": entry.event_id, "date": entry.date, "type": entry.type,
            "status": entry.status, "source_country": entry.source_country,
            "target_country": entry.target_country, "location": entry.location,
            "outlets": list(entry.outlets),
            "evidence": [
                {k: item[k] for k in ("document", "start", "end", "text", "outlet", "source")}
                for item in event["evidence"]
            ],
            "corroboration": entry.corroboration, "happening": entry.happening,
            "source": event["source"], "target": event["target"],
            "source_name": event["source_name"], "target_name": event["target_name"],
            "actor_names": event["actor_names"],
        })
    return {"a": a, "b": b, "events": rows}


def get(client: TestClient, url: str, **params: str | int) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ---- the endpoints against the reference ----

FILTERS: list[dict[str, str]] = [
    {}, {"country": "blr"}, {"country": "VNM", "type": "consult"}, {"status": "planned"},
    {"from": "2024"}, {"from": "2024-10", "to": "2024-12-17"}, {"to": "2019-09"},
    {"from": "2024-12-17", "to": "2024-12-17"}, {"from": "2024-06-21"},
    {"country": "CHN", "from": "2023"},
    {"q": "pechora"}, {"q": "PHAM MINH"}, {"q": "Trần Đại"}, {"q": "united states"},
    {"q": "Ukhnaagiin"}, {"q": "nothing like this"},
]


@pytest.mark.parametrize("wanted", FILTERS, ids=lambda w: repr(w) if w else "all")
def test_events_match_the_reference(
    samples_client: TestClient, samples_db: Path, wanted: dict[str, str],
) -> None:
    found = get(samples_client, "/api/events", **wanted)
    expected = reference_events(samples_db, **wanted)
    assert found == expected
    assert [list(event) for event in found] == [list(event) for event in expected]


def test_the_filters_are_not_vacuous(samples_client: TestClient, samples_db: Path) -> None:
    """Each filter above except the last keeps some events and drops others."""
    everything = reference_events(samples_db)
    for wanted in FILTERS[1:-1]:
        kept = len(reference_events(samples_db, **wanted))
        assert 0 < kept < len(everything), wanted
    assert reference_events(samples_db, **FILTERS[-1]) == []


def test_events_by_entity_and_entity_detail(
    samples_client: TestClient, samples_db: Path,
) -> None:
    people = get(samples_client, "/api/entities", type="PERSON")
    assert len(people) > 5
    for person in people:
        expected = reference_events(samples_db, entity=person["id"])
        assert get(samples_client, "/api/events", entity=person["id"]) == expected
        detail = get(samples_client, f"/api/entities/{person['id']}")
        assert detail["events"] == expected
        assert {k: v for k, v in detail.items() if k not in ("events", "merges")} == person


@pytest.mark.parametrize("wanted", [
    {}, {"type": "PERSON"}, {"type": "country"}, {"q": "lukash"}, {"type": "PERSON", "q": "tran"},
    {"q": "MINH CHÍNH"}, {"type": "ORG"}, {"q": "zzz"},
])
def test_entities_match_the_reference(
    samples_client: TestClient, samples_db: Path, wanted: dict[str, str],
) -> None:
    entities, _ = exported(samples_db)
    expected = [
        {k: v for k, v in e.items() if k != "merges"} for e in entities
        if ("type" not in wanted or e["type"] == wanted["type"].upper())
        and ("q" not in wanted or any(
            queries.fold(wanted["q"]) in queries.fold(n) for n in [e["name"], *e["aliases"]]))
    ]
    assert get(samples_client, "/api/entities", **wanted) == expected


@pytest.mark.parametrize(("a", "b"), [
    ("Belarus", "Vietnam"), ("Vietnam", "Belarus"), ("Lukashenko", "Vietnam"),
    ("China", "Vietnam"), ("Russia", "Belarus"), ("Khrenin", "Giang"), ("Belarus", "Mongolia"),
])
@pytest.mark.parametrize("undated", [False, True])
def test_timeline_matches_the_reference(
    samples_client: TestClient, samples_db: Path, a: str, b: str, undated: bool,
) -> None:
    params = {"a": a, "b": b, "undated": str(undated).lower()}
    expected = reference_timeline(samples_db, a, b, undated)
    assert expected["events"] or not undated, (a, b)
    found = get(samples_client, "/api/timeline", **params)
    assert found == expected
    assert [list(row) for row in found["events"]] == [list(row) for row in expected["events"]]


def test_timeline_unknown_actor(samples_client: TestClient, samples_db: Path) -> None:
    response = samples_client.get("/api/timeline", params={"a": "Atlantis", "b": "Belarus"})
    assert response.status_code == 404
    assert response.json()["detail"] == f"no actor called 'Atlantis' in {samples_db}"


# ---- paging and the new filters ----


@pytest.mark.parametrize("url", ["/api/events", "/api/timeline"])
def test_pages_add_up_to_the_whole(samples_client: TestClient, url: str) -> None:
    base = {"a": "Belarus", "b": "Vietnam", "undated": "true"} if "timeline" in url else {}

    def rows(**params: str | int) -> tuple[list[Any], int]:
        response = samples_client.get(url, params={**base, **params})
        assert response.status_code == 200, response.text
        body = response.json()
        return (body["events"] if "timeline" in url else body), int(
            response.headers["X-Total-Count"])

    everything, total = rows()
    assert total == len(everything) > 10
    pages = [rows(limit=7, offset=start) for start in range(0, total, 7)]
    assert all(count == total for _, count in pages)
    assert [len(page) for page, _ in pages[:-1]] == [7] * (len(pages) - 1)
    assert [row for page, _ in pages for row in page] == everything
    assert rows(limit=5, offset=total) == ([], total)
    for bad in ({"limit": 0}, {"offset": -1}, {"limit": "ten"}):
        assert samples_client.get(url, params={**base, **bad}).status_code == 422


def test_country_pair(samples_client: TestClient, samples_db: Path) -> None:
    pair = get(samples_client, "/api/events", country="blr", partner="vnm")
    assert {(e["source_country"], e["target_country"]) for e in pair} == {
        ("BLR", "VNM"), ("VNM", "BLR")}
    expected = [e for e in reference_events(samples_db, country="BLR")
                if {e["source_country"], e["target_country"]} == {"BLR", "VNM"}]
    assert pair == expected
    assert get(samples_client, "/api/events", partner="MNG") == reference_events(
        samples_db, country="MNG")


def test_timeline_filters(samples_client: TestClient, samples_db: Path) -> None:
    whole = reference_timeline(samples_db, "Belarus", "Vietnam", undated=True)["events"]
    dated = get(samples_client, "/api/timeline", a="Belarus", b="Vietnam",
                **{"from": "2024-10", "to": "2024-12"})["events"]
    assert dated == [r for r in whole if in_range(r["date"], "2024-10", "2024-12")]
    assert 0 < len(dated) < len(whole)
    kind = dated[0]["type"]
    typed = get(samples_client, "/api/timeline", a="Belarus", b="Vietnam", type=kind.lower(),
                undated="true")["events"]
    assert typed == [r for r in whole if r["type"] == kind]


def test_no_endpoint_reads_the_whole_export(
    samples_client: TestClient, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("read the whole export")

    for name in ("events", "entities", "documents", "export_all"):
        monkeypatch.setattr(export, name, refuse)
    monkeypatch.setattr(api, "timeline", refuse)
    person = get(samples_client, "/api/entities", q="Lukashenko")[0]
    for url in ("/api/events", "/api/timeline?a=Belarus&b=Vietnam", "/api/entities",
                f"/api/entities/{person['id']}", "/api/stats", "/api/documents"):
        assert samples_client.get(url).status_code == 200, url


# ---- the date range in SQL against `in_range` ----

DATES = [None, "2023", "2024", "2024-03", "2024-03-12", "2024-03-31", "2024-04-01", "2025-01"]
BOUNDS = [None, "2024", "2024-03", "2024-03-12", "2024-03-13", "2023-12-31", "2025"]


def test_sql_dates_agree_with_in_range() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, date TEXT)")
    conn.executemany("INSERT INTO events (date) VALUES (?)", [(d,) for d in DATES])
    checked = 0
    for start in BOUNDS:
        for end in BOUNDS:
            where = queries.event_where(queries.EventFilter(start=start, end=end))
            found = [row[0] for row in conn.execute(
                f"SELECT e.date FROM events e WHERE {where.sql()} ORDER BY e.id", where.params)]
            assert found == [d for d in DATES if in_range(d, start, end)], (start, end)
            checked += len(found)
    assert checked > 0


# ---- the dyad in SQL against `analyse.timeline`, on events made up to hit its corners ----

MADE_UP = [  # id, source, target, source country, target country, date, actors
    ("e1", None, None, "BLR", "VNM", "2024", []),
    ("e2", None, None, "VNM", "BLR", "", []),
    ("e3", None, None, "BLR", "VNM", None, []),
    ("e4", "p1", None, None, "VNM", "2023", []),
    ("e5", None, None, "RUS", "CHN", "2022", ["p1", "p2"]),
    ("e6", None, "p2", "VNM", None, "2021", []),
    ("e7", None, None, "BLR", "RUS", "2020", ["p2"]),
    ("e8", None, None, "BLR", "BLR", "2019", []),
]


def made_up_store(path: Path) -> Store:
    store = Store(path)
    for person in ("p1", "p2"):
        store.execute("INSERT INTO entities VALUES (?, 'PERSON', ?, NULL, ?)",
                      (person, person.upper(), person))
    for event_id, source, target, src, tgt, date, actors in MADE_UP:
        store.execute(
            "INSERT INTO events (id, type, source, target, source_country, target_country, "
            "date, status, rule) VALUES (?, 'CONSULT', ?, ?, ?, ?, ?, 'occurred', 'made up')",
            (event_id, source, target, src, tgt, date))
        for person in actors:
            store.execute("INSERT INTO event_actors VALUES (?, ?)", (event_id, person))
    return store


@pytest.mark.parametrize("first", [({"BLR"}, set()), (set(), {"p1"}), ({"RUS"}, {"p2"})])
@pytest.mark.parametrize("second", [({"VNM"}, set()), (set(), {"p2"}), ({"BLR"}, set())])
@pytest.mark.parametrize("undated", [False, True])
def test_dyad_agrees_with_analyse(
    tmp_path: Path, first: queries.Actor, second: queries.Actor, undated: bool,
) -> None:
    from dyadscope.analyse.timeline import dyad_timeline

    with made_up_store(tmp_path / "made-up.db") as store:
        expected = [e.event_id for e in dyad_timeline(store, first, second, undated)]
        wanted = queries.EventFilter(dyad=(first, second), undated=undated)
        found, total = queries.event_page(store, wanted, queries.Page())
    assert [e["id"] for e in found] == expected
    assert total == len(expected)


def test_text_search_finds_a_person_by_any_alias(samples_client: TestClient,
                                                 samples_db: Path) -> None:
    entities, events = exported(samples_db)
    checked = 0
    for entity in entities:
        if entity["type"] != "PERSON":
            continue
        theirs = {e["id"] for e in events if takes_part(e, entity["id"])}
        for alias in entity["aliases"]:
            if not theirs or not search_words(alias):
                continue
            found = {e["id"] for e in get(samples_client, "/api/events", q=alias)}
            assert theirs <= found, (entity["name"], alias)
            checked += 1
    assert checked > 5
