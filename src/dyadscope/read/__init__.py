"""Files and folders to raw documents: .txt, .html/.htm, .jsonl (plain or .gz), .warc(.gz)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dyadscope.errors import DyadscopeError
from dyadscope.read.files import ReadFailure, read_jsonl, read_text_file, read_warc
from dyadscope.types import RawDocument

__all__ = ["ReadFailure", "discover", "file_kind", "read_path"]

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def file_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".warc") or name.endswith(".warc.gz"):
        return "warc"
    plain = path.with_suffix("") if name.endswith(".gz") else path
    return SUFFIXES.get(plain.suffix.lower())


def discover(paths: list[Path]) -> list[Path]:
    """Every readable file under the given paths, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and file_kind(p) is not None
            )
        elif path.exists():
            found.append(path)
        else:
            raise DyadscopeError(str(path), "read", "no such file or folder")
    return found


def read_path(path: Path, label: str | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Raw documents of one file; a failure is yielded, not raised, so others go on."""
    label = label or path.name
    kind = file_kind(path)
    try:
        if kind == "text":
            yield read_text_file(path, label, "text")
        elif kind == "html":
            yield read_text_file(path, label, "html")
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
