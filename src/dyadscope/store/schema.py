"""The versioned schema: named migrations, each applied once in its own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY, started TEXT NOT NULL, version TEXT NOT NULL,
            knowledge_version TEXT, model_version TEXT
        );
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, outlet TEXT,
            author TEXT, language TEXT, published TEXT, published_precision TEXT,
            published_confidence TEXT, text TEXT NOT NULL, body TEXT NOT NULL,
            run_id TEXT REFERENCES runs(id)
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
            key TEXT NOT NULL
        );
        CREATE INDEX entities_key ON entities(key);
        CREATE TABLE aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id), alias TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias)
        );
        CREATE TABLE roles (
            entity_id TEXT NOT NULL REFERENCES entities(id), title TEXT NOT NULL,
            country TEXT, reported TEXT, document_id TEXT NOT NULL REFERENCES documents(id),
            PRIMARY KEY (entity_id, title, document_id)
        );
        CREATE TABLE mentions (
            document_id TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, entity_id TEXT NOT NULL
            REFERENCES entities(id), type TEXT NOT NULL, origin TEXT NOT NULL,
            PRIMARY KEY (document_id, start, "end")
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE entity_links (
            entity_id TEXT NOT NULL REFERENCES entities(id), key TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id), score REAL NOT NULL,
            reason TEXT NOT NULL, PRIMARY KEY (entity_id, key, document_id)
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, context TEXT,
            source TEXT REFERENCES entities(id), target TEXT REFERENCES entities(id),
            source_country TEXT, target_country TEXT, date TEXT, date_precision TEXT,
            status TEXT NOT NULL, location TEXT, score REAL, rule TEXT NOT NULL
        );
        CREATE INDEX events_pair ON events(source_country, target_country);
        CREATE TABLE evidence (
            event_id TEXT NOT NULL REFERENCES events(id),
            document_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            trigger_start INTEGER, trigger_end INTEGER, rule TEXT, date TEXT,
            PRIMARY KEY (event_id, document_id, start, "end")
        );
        CREATE INDEX evidence_document ON evidence(document_id);
        CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events(id),
            entity_id TEXT NOT NULL REFERENCES entities(id),
            PRIMARY KEY (event_id, entity_id)
        );
        CREATE TABLE event_links (
            event_id TEXT NOT NULL REFERENCES events(id), document_id TEXT NOT NULL,
            start INTEGER NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (event_id, document_id, start)
        );
        CREATE TABLE quantities (
            document_id TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, value REAL, unit TEXT, what TEXT,
            subject TEXT, event_id TEXT, PRIMARY KEY (document_id, start, "end")
        );
        CREATE TABLE quotes (
            document_id TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT,
            PRIMARY KEY (document_id, start, "end")
        );
        """,
    ),
    (
        "0002_event_sectors",
        """
        ALTER TABLE events ADD COLUMN source_sector TEXT;
        ALTER TABLE events ADD COLUMN target_sector TEXT
        """,
    ),
    (
        "0003_happenings",
        """
        CREATE TABLE happenings (
            event_id TEXT PRIMARY KEY, happening TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX happenings_happening ON happenings(happening)
        """,
    ),
    (
        "0004_reports",
        """
        CREATE TABLE reports (
            document_id TEXT NOT NULL REFERENCES documents(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, type TEXT NOT NULL, rule TEXT NOT NULL, mode TEXT,
            context TEXT, source TEXT, target TEXT, source_country TEXT, target_country TEXT,
            source_sector TEXT, target_sector TEXT, date TEXT, date_precision TEXT,
            status TEXT NOT NULL, location TEXT, score REAL, trigger_start INTEGER,
            trigger_end INTEGER, actors TEXT NOT NULL, counterpart TEXT, text TEXT NOT NULL,
            PRIMARY KEY (document_id, start, "end", type, rule)
        );
        CREATE INDEX reports_block ON reports(type, source_country, target_country)
        """,
    ),
]


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied TEXT)"
    )


def applied(conn: sqlite3.Connection) -> set[str]:
    _ensure_table(conn)
    return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}


def migrate(conn: sqlite3.Connection, now: Callable[[], str]) -> list[str]:
    """Apply the migrations this database lacks; returns their names."""
    done = applied(conn)
    ran: list[str] = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, now()))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
