"""Read queries that build the export format of CONTRACT.md."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from dyadscope.store.db import Store


def documents(store: Store) -> list[dict[str, Any]]:
    rows = store.rows("SELECT * FROM documents ORDER BY source, id")
    result = []
    for row in rows:
        spans = json.loads(row["body"])
        text = row["text"]
        result.append({
            "id": row["id"], "source": row["source"], "url": row["url"], "title": row["title"],
            "outlet": row["outlet"], "author": row["author"], "language": row["language"],
            "published": row["published"], "published_precision": row["published_precision"],
            "published_confidence": row["published_confidence"], "text": text,
            "body": "\n".join(text[s:e] for s, e in spans),
            "body_spans": spans,
        })
    return result


def entities(store: Store) -> list[dict[str, Any]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in store.rows("SELECT entity_id, alias FROM aliases ORDER BY alias"):
        aliases[row["entity_id"]].append(row["alias"])
    roles: dict[str, list[dict]] = defaultdict(list)
    for row in store.rows(
        "SELECT r.entity_id, r.title, r.country, d.published, r.document_id FROM roles r "
        "JOIN documents d ON d.id = r.document_id "
        "ORDER BY d.published IS NOT NULL, d.published, r.title, r.document_id"
    ):
        roles[row["entity_id"]].append({
            "title": row["title"], "country": row["country"], "reported": row["published"],
            "document": row["document_id"],
        })
    links: dict[str, list[dict]] = defaultdict(list)
    for row in store.rows("SELECT * FROM entity_links ORDER BY document_id, key"):
        links[row["entity_id"]].append({
            "document": row["document_id"], "mention_key": row["key"],
            "score": row["score"], "reason": row["reason"],
        })
    return [
        {
            "id": row["id"], "type": row["type"], "name": row["name"],
            "country": row["country"], "aliases": aliases[row["id"]],
            "roles": roles[row["id"]], "merges": links[row["id"]],
        }
        for row in store.rows("SELECT * FROM entities ORDER BY type, name, id")
    ]


def mentions(store: Store) -> list[dict[str, Any]]:
    return [
        {"entity": r["entity_id"], "document": r["document_id"], "start": r["start"],
         "end": r["end"], "text": r["text"], "type": r["type"], "origin": r["origin"]}
        for r in store.rows('SELECT * FROM mentions ORDER BY document_id, start, "end"')
    ]


def _evidence(store: Store) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        "SELECT v.*, d.outlet, d.source FROM evidence v JOIN documents d ON d.id = v.document_id "
        'ORDER BY v.document_id, v.start, v."end"'
    ):
        grouped[row["event_id"]].append({
            "document": row["document_id"], "start": row["start"], "end": row["end"],
            "text": row["text"], "trigger": [row["trigger_start"], row["trigger_end"]],
            "rule": row["rule"], "outlet": row["outlet"], "source": row["source"],
        })
    return grouped


def _quantities(store: Store, evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in evidence:
        for row in store.rows(
            'SELECT * FROM quantities WHERE document_id = ? AND start >= ? AND "end" <= ?',
            (item["document"], item["start"], item["end"]),
        ):
            found.append({"text": row["text"], "value": row["value"], "unit": row["unit"],
                          "what": row["what"], "subject": row["subject"],
                          "document": row["document_id"],
                          "start": row["start"], "end": row["end"]})
    return found


def _links(store: Store) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows("SELECT * FROM event_links ORDER BY document_id, start"):
        grouped[row["event_id"]].append({"document": row["document_id"], "start": row["start"],
                                         "score": row["score"], "reason": row["reason"]})
    return grouped


def events(store: Store) -> list[dict[str, Any]]:
    evidence = _evidence(store)
    links = _links(store)
    actors: dict[str, list[str]] = defaultdict(list)
    for row in store.rows("SELECT * FROM event_actors ORDER BY entity_id"):
        actors[row["event_id"]].append(row["entity_id"])
    happenings = {row["event_id"]: row for row in store.rows("SELECT * FROM happenings")}
    result = []
    for row in store.rows("SELECT * FROM events ORDER BY date IS NULL, date, id"):
        happening = happenings.get(row["id"])
        items = evidence[row["id"]]
        result.append({
            "id": row["id"], "type": row["type"], "mode": row["mode"],
            "context": row["context"], "source": row["source"], "target": row["target"],
            "source_country": row["source_country"], "target_country": row["target_country"],
            "source_sector": row["source_sector"], "target_sector": row["target_sector"],
            "date": row["date"], "date_precision": row["date_precision"],
            "status": row["status"], "location": row["location"], "score": row["score"],
            "rule": row["rule"], "actors": actors[row["id"]],
            "quantities": _quantities(store, items), "evidence": items,
            "outlets": sorted({i["outlet"] or i["source"] for i in items}),
            "corroboration": len({i["document"] for i in items}),
            "links": links[row["id"]],
            "happening": happening["happening"] if happening else row["id"],
            "happening_reason": happening["reason"] if happening else None,
        })
    return result


def facts(store: Store) -> list[dict[str, Any]]:
    return [
        {"document": r["document_id"], "start": r["start"], "end": r["end"], "text": r["text"],
         "value": r["value"], "unit": r["unit"], "what": r["what"], "subject": r["subject"],
         "event": r["event_id"]}
        for r in store.rows('SELECT * FROM quantities ORDER BY document_id, start, "end"')
    ]


def quotes(store: Store) -> list[dict[str, Any]]:
    return [
        {"document": r["document_id"], "start": r["start"], "end": r["end"], "text": r["text"],
         "speaker": r["speaker"]}
        for r in store.rows('SELECT * FROM quotes ORDER BY document_id, start, "end"')
    ]


def export_all(store: Store) -> dict[str, Any]:
    return {
        "documents": documents(store),
        "entities": entities(store),
        "mentions": mentions(store),
        "events": events(store),
        "facts": facts(store),
        "quotes": quotes(store),
    }
