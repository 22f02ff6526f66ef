"""Small read queries that the analyses share (names, roles, dates, mentions)."""

from __future__ import annotations

from typing import Any

from dyadscope.store.db import Store

Row = dict[str, Any]


def named_entities(store: Store) -> list[Row]:
    """Every non-country entity with each of its aliases (one row per alias)."""
    return store.rows("SELECT e.id, e.name, e.type, a.alias FROM entities e "
                      "LEFT JOIN aliases a ON a.entity_id = e.id WHERE e.type != 'COUNTRY'")


def people(store: Store) -> list[Row]:
    return store.rows("SELECT id, name, country FROM entities WHERE type = 'PERSON'")


def entities(store: Store) -> list[Row]:
    return store.rows("SELECT id, type, name, country FROM entities")


def role_titles(store: Store) -> list[Row]:
    """Each person's reported titles, earliest report first."""
    return store.rows(
        "SELECT r.entity_id, r.title FROM roles r JOIN documents d ON d.id = r.document_id "
        "ORDER BY d.published IS NOT NULL, d.published, r.title, r.document_id")


def weapons_in(store: Store, document: str, start: int, end: int) -> list[Row]:
    """Weapon systems named between two offsets of a document."""
    return store.rows(
        'SELECT m.start, m."end", e.name FROM mentions m JOIN entities e ON e.id = m.entity_id '
        "WHERE m.document_id = ? AND e.type = 'WEAPON_SYSTEM' AND m.start >= ? "
        'AND m."end" <= ? ORDER BY m.start', (document, start, end))


def published(store: Store) -> dict[str, str | None]:
    rows = store.rows("SELECT id, published FROM documents")
    return {row["id"]: row["published"] for row in rows}


def evidence_dates(store: Store) -> list[Row]:
    return store.rows("SELECT event_id, document_id, start, date FROM evidence")


def spellings(store: Store, entity: str, documents: list[str]) -> list[Row]:
    """How each of these documents writes the entity's name."""
    marks = ",".join("?" * len(documents))
    return store.rows(
        f"SELECT document_id, text FROM mentions WHERE entity_id = ? AND document_id IN ({marks}) "
        "ORDER BY document_id, start", (entity, *documents))
