"""Read queries that build the export format of CONTRACT.md."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from dyadscope.store.db import Store
from dyadscope.store.queries import event_records


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


NAMES = ("source_name", "target_name", "actor_names")


def events(store: Store) -> list[dict[str, Any]]:
    """Every event in the shape the REST API gives (store/queries.py builds both), without
    the display names."""
    rows = store.rows("SELECT * FROM events ORDER BY date IS NULL, date, id")
    return [{k: v for k, v in record.items() if k not in NAMES}
            for record in event_records(store, rows)]


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
