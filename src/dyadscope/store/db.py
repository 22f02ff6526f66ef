"""The store: one SQLite file (the default) or one PostgreSQL database, behind one object.

SQL is written once, in the dialect both engines share (`INSERT ... ON CONFLICT DO NOTHING`,
`IS NOT DISTINCT FROM`, `?` and `:name` parameters); the few functions that differ are
spelled by the `Dialect` of the open database. One object owns the connection; readers open
it read-only; every write goes through `transaction()`."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.store.schema import migrate
from dyadscope.types import Document

URL_SCHEMES = ("postgresql://", "postgres://")
# One writer at a time resolves and merges (an advisory lock held for each write
# transaction): extraction runs in parallel, joins see every committed event.
WRITE_LOCK = 0x64796164
BUSY_SECONDS = 600


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_url(target: Path | str) -> bool:
    return str(target).startswith(URL_SCHEMES)


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form for substring search (the SQL function `fold`)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(text: str | None) -> list[str]:
    """The words text search matches on: folded, split at anything not a letter or digit."""
    return re.findall(r"[^\W_]+", fold(text))


def each(param: str) -> str:
    """The values of the JSON list of strings bound as `param`, as a subquery (SQLite's
    spelling; the PostgreSQL dialect respells it)."""
    return f"(SELECT value FROM json_each(:{param}))"


class Dialect:
    """What SQLite spells its own way."""

    name = "sqlite"
    no_limit: int | None = -1

    def group_concat(self, expression: str) -> str:
        return f"group_concat(DISTINCT {expression})"

    def sql(self, statement: str) -> str:
        return statement

    def search(self, param: str) -> str:
        """Events whose search text holds every word of the query bound as `param`
        (`search_query` spells it), each as the start of a word."""
        return f"(SELECT event_id FROM search WHERE search MATCH :{param})"

    def search_query(self, words: list[str]) -> str:
        return " AND ".join(f'"{word}"*' for word in words)

    def search_row(self) -> str:
        return "INSERT INTO search (event_id, body) VALUES (?, ?)"


class PostgresDialect(Dialect):
    name = "postgresql"
    no_limit = None

    def group_concat(self, expression: str) -> str:
        return f"string_agg(DISTINCT CAST({expression} AS text), ',')"

    def sql(self, statement: str) -> str:
        return _postgres_sql(statement)

    def search(self, param: str) -> str:
        return f"(SELECT event_id FROM search WHERE words @@ to_tsquery('simple', :{param}))"

    def search_query(self, words: list[str]) -> str:
        return " & ".join(f"{word}:*" for word in words)

    def search_row(self) -> str:
        return "INSERT INTO search VALUES (?, ?, to_tsvector('simple', ?))"


JSON_EACH = re.compile(r"\(SELECT value FROM json_each\(:(\w+)\)\)")


QUOTED = re.compile(r"('[^']*')")
PLACEHOLDER = re.compile(r"\?|(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=4096)
def _postgres_sql(statement: str) -> str:
    """`?` and `:name` as psycopg's `%s` and `%(name)s`; literal percent signs doubled."""
    def swap(match: re.Match[str]) -> str:
        return "%s" if match.group(0) == "?" else f"%({match.group(1)})s"

    statement = JSON_EACH.sub(r"(SELECT jsonb_array_elements_text(CAST(:\1 AS jsonb)))",
                              statement)
    parts = QUOTED.split(statement)
    return "".join(part.replace("%", "%%") if part.startswith("'")
                   else PLACEHOLDER.sub(swap, part.replace("%", "%%")) for part in parts)


class Store:
    """One database: a SQLite file, or a PostgreSQL database given as a
    `postgresql://user@host/dbname` URL."""

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.dialect: Dialect = PostgresDialect() if is_url(path) else Dialect()
        try:
            if is_url(path):
                self.conn = _connect_postgres(self.path, readonly)
            else:
                self.conn = _connect_sqlite(Path(path), readonly)
            if not readonly:
                with self._migration_lock():
                    migrate(self, utc_now)
            else:
                self.execute("SELECT 1 FROM documents LIMIT 1")
        except DyadscopeError:
            raise
        except Exception as error:  # noqa: BLE001 - any driver's error names the database
            if not _is_database_error(error):
                raise
            raise DyadscopeError(self.path, "store",
                                 f"not a dyadscope database: {_first_line(error)}") from None

    @property
    def backend(self) -> str:
        return self.dialect.name

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if self.backend == "postgresql":
            self.execute("SELECT pg_advisory_lock(?)", (WRITE_LOCK,))
            try:
                yield
            finally:
                self.execute("SELECT pg_advisory_unlock(?)", (WRITE_LOCK,))
        else:
            yield

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction; on PostgreSQL it also holds the write lock, so that two
        ingests into one database merge events one after the other."""
        self.begin()
        try:
            if self.backend == "postgresql":
                self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            yield self.conn
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def begin(self) -> None:
        """BEGIN a write transaction; on SQLite, wait for another writer with a message."""
        if self.backend == "postgresql":
            self.execute("BEGIN")
            return
        waited = 0.0
        while True:
            try:
                self.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error):
                    raise
                if waited >= BUSY_SECONDS:
                    raise DyadscopeError(self.path, "store", "another process has been writing "
                                         "to this database for too long") from None
                if waited == 0:
                    print(f"waiting: another process is writing to {self.path}",
                          file=sys.stderr)
                time.sleep(0.5)
                waited += 0.5

    def execute(self, sql: str, params: tuple | dict = ()) -> Any:
        return self.conn.execute(self.dialect.sql(sql), params)

    def execute_many(self, sql: str, rows: list[tuple]) -> None:
        """One statement for many parameter rows (bulk loads)."""
        if self.backend == "postgresql":
            self.conn.execute_many(self.dialect.sql(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.execute(sql, params)]

    def has_document(self, document_id: str) -> bool:
        row = self.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def document_run(self, document_id: str) -> str | None:
        row = self.execute("SELECT run_id FROM documents WHERE id = ?",
                                (document_id,)).fetchone()
        return row[0] if row else None

    def forget_document(self, document_id: str) -> None:
        """Remove what was extracted from one document (inside the caller's transaction):
        its mentions, roles, links, facts and evidence; events it alone reported; and
        entities nothing refers to any more. Other articles' evidence stays."""
        events = [r[0] for r in self.execute(
            "SELECT DISTINCT event_id FROM evidence WHERE document_id = ?", (document_id,))]
        for table in ("evidence", "event_links", "quantities", "quotes", "mentions", "roles",
                      "entity_links", "reports"):
            self.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        for event in events:
            if self.execute("SELECT 1 FROM evidence WHERE event_id = ?",
                                 (event,)).fetchone() is None:
                for table in ("event_actors", "event_links"):
                    self.execute(f"DELETE FROM {table} WHERE event_id = ?", (event,))
                self.execute("DELETE FROM events WHERE id = ?", (event,))
        self.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._forget_orphan_entities()

    def _forget_orphan_entities(self) -> None:
        orphans = ("SELECT id FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions) "
                   "AND id NOT IN (SELECT entity_id FROM event_actors) "
                   "AND id NOT IN (SELECT source FROM events WHERE source IS NOT NULL) "
                   "AND id NOT IN (SELECT target FROM events WHERE target IS NOT NULL)")
        for table, column in (("aliases", "entity_id"), ("roles", "entity_id"),
                              ("entity_links", "entity_id"), ("entities", "id")):
            self.execute(f"DELETE FROM {table} WHERE {column} IN ({orphans})")

    def stale_documents(self, run_id: str) -> int:
        """Documents extracted by another version of the pipeline or its knowledge."""
        row = self.execute(
            "SELECT count(*) FROM documents WHERE run_id IS DISTINCT FROM ?", (run_id,)).fetchone()
        return int(row[0])

    def record_run(self, run_id: str, version: str, knowledge: str, model: str) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (run_id, utc_now(), version, knowledge, model),
            )

    def insert_document(self, doc: Document, run_id: str) -> None:
        published = doc.published
        self.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
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
        return {t: self.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def _connect_sqlite(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        if not path.exists():
            raise DyadscopeError(str(path), "store", "no such database")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=2)
        conn.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync cannot corrupt the file; it skips an fsync per document,
        # which is most of the write time on a slow disk.
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.create_function("fold", 1, fold, deterministic=True)
    return conn


def _connect_postgres(url: str, readonly: bool) -> Any:
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError:
        raise DyadscopeError(url, "store", "PostgreSQL needs psycopg: pip install "
                             "'dyadscope[postgres]'") from None
    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
    except psycopg.OperationalError as error:
        raise DyadscopeError(_safe(url), "store",
                             f"cannot connect: {_first_line(error)}") from None
    if readonly:
        conn.execute("SET default_transaction_read_only = on")
    return _TupleCursors(conn)


class _TupleCursors:
    """A psycopg connection whose `execute` gives rows that index by name and position,
    as sqlite3.Row does."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: tuple | dict = ()) -> Any:
        return _Rows(self._conn.execute(sql, params or None))

    def execute_many(self, sql: str, rows: list[tuple]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(sql, rows)

    def close(self) -> None:
        self._conn.close()


class _Rows:
    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def _wrap(self, row: dict[str, Any] | None) -> _Row | None:
        return None if row is None else _Row(row)

    def fetchone(self) -> _Row | None:
        return self._wrap(self._cursor.fetchone() if self._cursor.description else None)

    def fetchall(self) -> list[_Row]:
        return [_Row(r) for r in self._cursor.fetchall()] if self._cursor.description else []

    def __iter__(self) -> Iterator[_Row]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class _Row(dict):
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return list(self.values())[key]
        return super().__getitem__(key)


def _is_database_error(error: Exception) -> bool:
    if isinstance(error, sqlite3.DatabaseError):
        return True
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(error, psycopg.Error)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _safe(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
