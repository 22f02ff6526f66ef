"""The versioned schema: named migrations, each applied once in its own transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyadscope.store.db import Store

# A migration is one script, or one per backend where they spell it apart.
MIGRATIONS: list[tuple[str, str | dict[str, str]]] = [
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
    (
        "0005_search",
        {
            # folded text of each event (evidence, sides, actors and their aliases)
            "sqlite": "CREATE VIRTUAL TABLE search USING fts5(event_id UNINDEXED, body, "
                      "tokenize = 'unicode61 remove_diacritics 2')",
            "postgresql": "CREATE TABLE search (event_id TEXT PRIMARY KEY, body TEXT NOT NULL, "
                          "words tsvector NOT NULL); "
                          "CREATE INDEX search_words ON search USING gin (words)",
        },
    ),
]


# PostgreSQL: the same tables; SQLite's REAL is a double there too, and `fold` and
# `instr` behave as the Python `fold` registered on SQLite connections and SQLite's instr.
POSTGRES_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION fold(t text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT lower(regexp_replace(normalize(coalesce(t, ''), NFKD),
    E'[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g')
    COLLATE "und-x-icu")
$$;
CREATE OR REPLACE FUNCTION instr(a text, b text) RETURNS integer IMMUTABLE LANGUAGE sql AS $$
  SELECT strpos(a, b)
$$
"""


def _for(store: Store, sql: str | dict[str, str]) -> list[str]:
    if isinstance(sql, dict):
        sql = sql[store.backend]
    statements = [s for s in sql.split(";") if s.strip()]
    if store.backend == "postgresql":
        # byte order for text, as SQLite sorts, whatever the database's locale
        statements = [re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"',
                             re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)) for s in statements]
    return statements


def applied(store: Store) -> set[str]:
    store.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied TEXT)"
    )
    return {row[0] for row in store.execute("SELECT name FROM schema_migrations")}


def migrate(store: Store, now: Callable[[], str]) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction; returns
    their names."""
    done = applied(store)
    ran: list[str] = []
    migrations: list[tuple[str, str | dict[str, str] | None]] = list(MIGRATIONS)
    if store.backend == "postgresql":
        migrations.insert(0, ("postgres_functions", None))
    for name, sql in migrations:
        if name in done:
            continue
        store.begin()
        try:
            if sql is None:
                store.conn.execute(POSTGRES_FUNCTIONS)  # one dollar-quoted script
            else:
                for statement in _for(store, sql):
                    store.execute(statement)
            store.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, now()))
            store.execute("COMMIT")
        except Exception:
            store.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
