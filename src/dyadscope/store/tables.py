"""The database as flat tables, one file each: CSV (lists as JSON text) or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.store import export
from dyadscope.store.db import Store

Row = dict[str, Any]
# Column name and kind: str, int, float or list (a list of strings).
Columns = tuple[tuple[str, str], ...]

COLUMNS: dict[str, Columns] = {
    "documents": (
        ("id", "str"), ("source", "str"), ("url", "str"), ("title", "str"), ("outlet", "str"),
        ("author", "str"), ("language", "str"), ("published", "str"),
        ("published_precision", "str"), ("published_confidence", "str"), ("text", "str"),
        ("body", "str"),
    ),
    "entities": (
        ("id", "str"), ("type", "str"), ("name", "str"), ("country", "str"),
        ("aliases", "list"), ("roles", "list"),
    ),
    "roles": (
        ("entity", "str"), ("title", "str"), ("country", "str"), ("reported", "str"),
        ("document", "str"),
    ),
    "mentions": (
        ("entity", "str"), ("document", "str"), ("start", "int"), ("end", "int"),
        ("text", "str"), ("type", "str"), ("origin", "str"),
    ),
    "events": (
        ("id", "str"), ("type", "str"), ("mode", "str"), ("context", "str"), ("source", "str"),
        ("target", "str"), ("source_country", "str"), ("target_country", "str"),
        ("source_sector", "str"), ("target_sector", "str"),
        ("date", "str"), ("date_precision", "str"), ("status", "str"), ("location", "str"),
        ("score", "float"), ("rule", "str"), ("actors", "list"), ("outlets", "list"),
        ("corroboration", "int"),
    ),
    "evidence": (
        ("event", "str"), ("document", "str"), ("start", "int"), ("end", "int"),
        ("text", "str"), ("trigger_start", "int"), ("trigger_end", "int"), ("rule", "str"),
        ("date", "str"), ("outlet", "str"), ("source", "str"),
    ),
    "quantities": (
        ("document", "str"), ("start", "int"), ("end", "int"), ("text", "str"),
        ("value", "float"), ("unit", "str"), ("what", "str"),
    ),
}
TABLE_FORMATS = ("csv", "parquet")


def entity_rows(store: Store) -> list[Row]:
    rows = []
    for entity in export.entities(store):
        titles = list(dict.fromkeys(role["title"] for role in entity["roles"]))
        rows.append({**entity, "roles": titles})
    return rows


def role_rows(store: Store) -> list[Row]:
    return [
        {"entity": entity["id"], **role}
        for entity in export.entities(store) for role in entity["roles"]
    ]


def evidence_rows(store: Store) -> list[Row]:
    return [
        {"event": row["event_id"], "document": row["document_id"], "start": row["start"],
         "end": row["end"], "text": row["text"], "trigger_start": row["trigger_start"],
         "trigger_end": row["trigger_end"], "rule": row["rule"], "date": row["date"],
         "outlet": row["outlet"], "source": row["source"]}
        for row in store.rows(
            "SELECT v.*, d.outlet, d.source FROM evidence v "
            "JOIN documents d ON d.id = v.document_id ORDER BY v.event_id, v.document_id, v.start"
        )
    ]


READERS: dict[str, Callable[[Store], list[Row]]] = {
    "documents": export.documents,
    "entities": entity_rows,
    "roles": role_rows,
    "mentions": export.mentions,
    "events": export.events,
    "evidence": evidence_rows,
    "quantities": export.facts,
}


def flat_tables(store: Store) -> dict[str, list[Row]]:
    """Table name to rows holding exactly that table's columns."""
    tables = {}
    for name, read in READERS.items():
        names = [column for column, _ in COLUMNS[name]]
        tables[name] = [{column: row.get(column) for column in names} for row in read(store)]
    return tables


def csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def write_csv(path: Path, columns: Columns, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([csv_cell(row[name]) for name, _ in columns])


def write_parquet(path: Path, columns: Columns, rows: list[Row]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([(name, kinds[kind]) for name, kind in columns])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


WRITERS: dict[str, Callable[[Path, Columns, list[Row]], None]] = {
    "csv": write_csv,
    "parquet": write_parquet,
}


def require_folder(folder: Path | None, fmt: str) -> Path:
    """The --out folder for a table format, checked before anything is read or made."""
    if fmt not in WRITERS:
        raise DyadscopeError(None, "export", f"unknown table format {fmt!r} (csv, parquet)")
    if folder is None:
        raise DyadscopeError(None, "export", f"--format {fmt} writes one file per table: "
                                             "give a folder with --out DIR")
    if folder.exists() and not folder.is_dir():
        raise DyadscopeError(str(folder), "export", "--out must be a folder, not a file")
    return folder


def write_tables(store: Store, fmt: str, folder: Path | None) -> list[Path]:
    """One file per table in `folder` (made if missing); returns the paths written."""
    target = require_folder(folder, fmt)
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, rows in flat_tables(store).items():
            path = target / f"{name}.{fmt}"
            WRITERS[fmt](path, COLUMNS[name], rows)
            written.append(path)
    except OSError as error:
        where = error.filename or target
        reason = error.strerror or str(error)
        raise DyadscopeError(str(where), "export", f"cannot write: {reason}") from None
    return written
