"""Flat tables: CSV and Parquet files that hold what the JSON export holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dyadscope import api
from dyadscope.errors import DyadscopeError
from dyadscope.store.tables import COLUMNS

LIST_COLUMNS = {(t, c) for t, columns in COLUMNS.items() for c, kind in columns if kind == "list"}


def expected_rows(db: Path) -> dict[str, int]:
    data = api.export(db)
    return {
        "documents": len(data["documents"]), "entities": len(data["entities"]),
        "mentions": len(data["mentions"]), "events": len(data["events"]),
        "evidence": sum(len(e["evidence"]) for e in data["events"]),
        "roles": sum(len(e["roles"]) for e in data["entities"]),
        "quantities": len(data["facts"]),
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_match_the_export(samples_db: Path, tmp_path: Path) -> None:
    written = api.export_tables(samples_db, "csv", tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in COLUMNS)
    counts = expected_rows(samples_db)
    for path in written:
        table = path.stem
        rows = read_csv(path)
        assert len(rows) == counts[table], table
        if rows:
            assert list(rows[0]) == [c for c, _ in COLUMNS[table]]
        for column in (c for t, c in LIST_COLUMNS if t == table):
            assert all(isinstance(json.loads(r[column]), list) for r in rows)


def test_parquet_round_trips(samples_db: Path, tmp_path: Path) -> None:
    api.export_tables(samples_db, "parquet", tmp_path / "parquet")
    counts = expected_rows(samples_db)
    events = api.export(samples_db)["events"]
    for table in COLUMNS:
        read = pq.read_table(tmp_path / "parquet" / f"{table}.parquet")
        assert read.num_rows == counts[table]
        assert read.column_names == [c for c, _ in COLUMNS[table]]
    rows = pq.read_table(tmp_path / "parquet" / "events.parquet").to_pylist()
    assert [r["id"] for r in rows] == [e["id"] for e in events]
    assert [r["actors"] for r in rows] == [e["actors"] for e in events]
    assert [r["score"] for r in rows] == [e["score"] for e in events]


def test_empty_database_gives_empty_tables(tmp_path: Path) -> None:
    from dyadscope.store.db import Store

    db = tmp_path / "empty.db"
    Store(db).close()
    api.export_tables(db, "parquet", tmp_path / "out")
    read = pq.read_table(tmp_path / "out" / "events.parquet")
    assert read.num_rows == 0 and read.column_names == [c for c, _ in COLUMNS["events"]]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_folder_is_required(samples_db: Path, tmp_path: Path, fmt: str) -> None:
    with pytest.raises(DyadscopeError, match="--out"):
        api.export_tables(samples_db, fmt, None)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(DyadscopeError, match="folder"):
        api.export_tables(samples_db, fmt, a_file)


def test_missing_database_makes_no_folder(tmp_path: Path) -> None:
    with pytest.raises(DyadscopeError, match="missing.db"):
        api.export_tables(tmp_path / "missing.db", "csv", tmp_path / "out")
    assert not (tmp_path / "out").exists()
