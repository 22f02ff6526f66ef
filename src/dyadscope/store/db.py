"""SQLite store: one writer connection, idempotent inserts, transactions per document."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.store.schema import migrate
from dyadscope.types import Document


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(path).exists():
                    raise DyadscopeError(self.path, "store", "no such database")
                uri = f"file:{Path(path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                # WAL with NORMAL sync cannot corrupt the file; it skips an fsync per
                # document, which is most of the write time on a slow disk.
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                migrate(self.conn, utc_now)
            else:
                self.conn.execute("SELECT 1 FROM documents LIMIT 1")
        except sqlite3.DatabaseError as error:
            raise DyadscopeError(self.path, "store", f"not a dyadscope database: {error}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.conn.execute(sql, params)]

    def has_document(self, document_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def document_run(self, document_id: str) -> str | None:
        row = self.conn.execute("SELECT run_id FROM documents WHERE id = ?",
                                (document_id,)).fetchone()
        return row[0] if row else None

    def forget_document(self, document_id: str) -> None:
        """Remove what was extracted from one document (inside the caller's transaction):
        its mentions, roles, links, facts and evidence; events it alone reported; and
        entities nothing refers to any more. Other articles' evidence stays."""
        events = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT event_id FROM evidence WHERE document_id = ?", (document_id,))]
        for table in ("evidence", "event_links", "quantities", "quotes", "mentions", "roles",
                      "entity_links", "reports"):
            self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        for event in events:
            if self.conn.execute("SELECT 1 FROM evidence WHERE event_id = ?",
                                 (event,)).fetchone() is None:
                for table in ("event_actors", "event_links"):
                    self.conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event,))
                self.conn.execute("DELETE FROM events WHERE id = ?", (event,))
        self.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._forget_orphan_entities()

    def _forget_orphan_entities(self) -> None:
        orphans = ("SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions) "
                   "AND id NOT IN (SELECT entity_id FROM event_actors) "
                   "AND id NOT IN (SELECT source FROM events WHERE source IS NOT NULL) "
                   "AND id NOT IN (SELECT target FROM events WHERE target IS NOT NULL)")
        for table, column in (("aliases", "entity_id"), ("roles", "entity_id"),
                              ("entity_links", "entity_id"), ("entities", "id")):
            self.conn.execute(f"DELETE FROM {table} WHERE {column} IN ({orphans})")

    def stale_documents(self, run_id: str) -> int:
        """Documents extracted by another version of the pipeline or its knowledge."""
        row = self.conn.execute(
            "SELECT count(*) FROM documents WHERE run_id IS NOT ? ", (run_id,)).fetchone()
        return int(row[0])

    def record_run(self, run_id: str, version: str, knowledge: str, model: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?)",
            (run_id, utc_now(), version, knowledge, model),
        )

    def insert_document(self, doc: Document, run_id: str) -> None:
        published = doc.published
        self.conn.execute(
            "INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id, doc.source, doc.url, doc.title, doc.outlet, doc.author, doc.language,
                published.value if published else None,
                published.precision if published else None,
                doc.published_confidence, doc.text,
                json.dumps([[s.start, s.end] for s in doc.body]), run_id,
            ),
        )

    def counts(self) -> dict[str, int]:
        tables = ("documents", "entities", "mentions", "events", "evidence")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
