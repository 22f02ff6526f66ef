"""Small filtered read queries, for what `store.export` only gives for the whole database."""

from __future__ import annotations

import json
from typing import Any

from dyadscope.store.db import Store

LISTED = "id, source, url, title, outlet, language, published, published_precision"


def document_list(store: Store) -> list[dict[str, Any]]:
    """Documents without their text, newest first."""
    return store.rows(
        f"SELECT {LISTED} FROM documents ORDER BY published IS NULL, published DESC, source"
    )


def document(store: Store, document_id: str) -> dict[str, Any] | None:
    """One document with its text and body spans, shaped like `export.documents`."""
    found = store.rows("SELECT * FROM documents WHERE id = ?", (document_id,))
    if not found:
        return None
    row = found[0]
    spans = json.loads(row["body"])
    return {
        "id": row["id"], "source": row["source"], "url": row["url"], "title": row["title"],
        "outlet": row["outlet"], "author": row["author"], "language": row["language"],
        "published": row["published"], "published_precision": row["published_precision"],
        "published_confidence": row["published_confidence"], "text": row["text"],
        "body_spans": spans,
    }


def document_mentions(store: Store, document_id: str) -> list[dict[str, Any]]:
    return [
        {"entity": r["entity_id"], "name": r["name"], "start": r["start"], "end": r["end"],
         "text": r["text"], "type": r["type"], "origin": r["origin"]}
        for r in store.rows(
            'SELECT m.*, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id '
            'WHERE m.document_id = ? ORDER BY m.start, m."end"', (document_id,),
        )
    ]


def document_evidence(store: Store, document_id: str) -> list[dict[str, Any]]:
    """The evidence spans of the events this document reports."""
    return [
        {"event": r["event_id"], "type": r["type"], "status": r["status"], "date": r["date"],
         "source_country": r["source_country"], "target_country": r["target_country"],
         "start": r["start"], "end": r["end"], "text": r["text"],
         "trigger": [r["trigger_start"], r["trigger_end"]]}
        for r in store.rows(
            "SELECT v.event_id, v.start, v.\"end\", v.text, v.trigger_start, v.trigger_end, "
            "e.type, e.status, e.date, e.source_country, e.target_country FROM evidence v "
            "JOIN events e ON e.id = v.event_id WHERE v.document_id = ? ORDER BY v.start",
            (document_id,),
        )
    ]


def breakdown(store: Store) -> dict[str, dict[str, int]]:
    """Counts of entities and events by type, and events by status."""
    def grouped(sql: str) -> dict[str, int]:
        return {row["key"]: row["n"] for row in store.rows(sql)}

    return {
        "entities_by_type": grouped(
            "SELECT type AS key, COUNT(*) AS n FROM entities GROUP BY type ORDER BY type"),
        "events_by_type": grouped(
            "SELECT type AS key, COUNT(*) AS n FROM events GROUP BY type ORDER BY type"),
        "events_by_status": grouped(
            "SELECT status AS key, COUNT(*) AS n FROM events GROUP BY status ORDER BY status"),
    }
