"""The SQLite store: named migrations applied once, and clear errors on bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dyadscope.errors import DyadscopeError
from dyadscope.store.db import Store, utc_now
from dyadscope.store.schema import MIGRATIONS, migrate

NAMES = [name for name, _ in MIGRATIONS]


def recorded(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, applied FROM schema_migrations ORDER BY name").fetchall()


def test_migrations_are_recorded(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with Store(db) as store:
        assert store.counts() == dict.fromkeys(
            ("documents", "entities", "mentions", "events", "evidence"), 0)
    rows = recorded(db)
    assert [name for name, _ in rows] == sorted(NAMES)
    assert all(applied for _, applied in rows)


def test_opening_twice_applies_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    Store(db).close()
    before = recorded(db)
    with Store(db) as store:
        assert migrate(store, utc_now) == []
    assert recorded(db) == before


def test_readonly_open_of_migrated_database(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    Store(db).close()
    with Store(db, readonly=True) as store:
        assert store.counts()["documents"] == 0
        with pytest.raises(sqlite3.OperationalError):
            store.execute("CREATE TABLE intruder (x)")


@pytest.mark.parametrize("readonly", [False, True])
def test_non_database_file_names_the_file(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are meeting notes, not a database.\n" * 50, encoding="utf-8")
    with pytest.raises(DyadscopeError) as info:
        Store(path, readonly=readonly)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert info.value.stage == "store"


def test_readonly_open_of_other_sqlite_database_errors(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE something (x)")
    with pytest.raises(DyadscopeError) as info:
        Store(path, readonly=True)
    assert str(path) in str(info.value)


def test_readonly_open_of_missing_database_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(DyadscopeError) as info:
        Store(missing, readonly=True)
    assert str(missing) in str(info.value)
    assert not missing.exists()
