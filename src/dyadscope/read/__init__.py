"""Files and folders to raw documents: .txt, .html/.htm, .jsonl (plain or .gz), .warc(.gz)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.read.files import ReadFailure, read_jsonl, read_text_file, read_warc
from dyadscope.types import RawDocument

__all__ = ["ReadFailure", "discover", "file_kind", "read_path", "read_sidecar"]

# A crawler's metadata beside the pages it saved: one JSON object a line with the file's
# name and its url, title, outlet and publication date ('sources.jsonl').
SIDECAR = "sources.jsonl"
METADATA = ("url", "title", "published", "outlet")

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def file_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc") or name.endswith(".warc.gz"):
        return "warc"
    plain = path.with_suffix("") if name.endswith(".gz") else path
    return SUFFIXES.get(plain.suffix.lower())


def discover(paths: list[Path]) -> list[Path]:
    """Every readable file under the given paths, in a stable order (metadata sidecars
    are read with the files they describe, not as documents)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and file_kind(p) is not None and p.name != SIDECAR
            )
        elif path.exists():
            found.append(path)
        else:
            raise DyadscopeError(str(path), "read", "no such file or folder")
    return found


@cache
def read_sidecar(path: Path) -> dict[str, dict[str, Any]]:
    """File name -> its crawl metadata, from a sidecar file (none when it is absent)."""
    if not path.is_file():
        return {}
    records: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DyadscopeError(f"{path}:{number}", "read", f"bad JSON: {error.msg}") from None
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            records[record["file"]] = record
    return records


def _with_metadata(raw: RawDocument, record: dict[str, Any] | None) -> RawDocument:
    if not record:
        return raw
    given = {key: str(record[key]) for key in METADATA
             if record.get(key) not in (None, "") and getattr(raw, key) is None}
    return replace(raw, **given)


def read_path(path: Path, label: str | None = None,
              sidecar: Path | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Raw documents of one file; a failure is yielded, not raised, so others go on.
    Metadata comes from `sidecar`, else from a sources.jsonl beside the file."""
    label = label or path.name
    kind = file_kind(path)
    try:
        record = read_sidecar(sidecar or path.parent / SIDECAR).get(path.name)
        if kind == "text":
            yield _with_metadata(read_text_file(path, label, "text"), record)
        elif kind == "html":
            yield _with_metadata(read_text_file(path, label, "html"), record)
        elif kind == "jsonl":
            yield from read_jsonl(path, label)
        elif kind == "warc":
            yield from read_warc(path, label)
        else:
            yield ReadFailure(label, f"unsupported file type {path.suffix!r}")
    except DyadscopeError as error:
        yield ReadFailure(error.path or label, error.reason)
    except OSError as error:
        yield ReadFailure(label, f"cannot read: {error.strerror or error}")
