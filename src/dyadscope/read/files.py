"""Readers for each container format; each returns RawDocument or raises DyadscopeError."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from dyadscope.errors import DyadscopeError
from dyadscope.types import RawDocument


@dataclass(frozen=True, slots=True)
class ReadFailure:
    path: str
    reason: str


_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def decode(data: bytes, label: str) -> str:
    """UTF-8 first, charset detection as fallback; binary content is refused."""
    if b"\x00" in data[:8192]:
        raise DyadscopeError(label, "read", "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = _best_guess(data)
        if best is None:
            reason = "undecodable: not UTF-8, no charset found"
            raise DyadscopeError(label, "read", reason) from None
        text = str(best)
    sample = text[:8192]
    if sample and sum(ord(c) in _CONTROL for c in sample) / len(sample) > 0.05:
        raise DyadscopeError(label, "read", "binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _best_guess(data: bytes) -> object | None:
    """charset-normalizer's choice; on a tie, the web's commonest single-byte codec wins."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return next((m for m in tied if m.encoding == "cp1252"), best)


def file_bytes(path: Path, label: str) -> bytes:
    """The file's bytes, gunzipped when its name ends in .gz (crawls are stored so)."""
    data = path.read_bytes()
    if not path.name.lower().endswith(".gz"):
        return data
    try:
        return gzip.decompress(data)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise DyadscopeError(label, "read", f"not a readable gzip file ({error})") from None


def read_text_file(path: Path, label: str, kind: str) -> RawDocument:
    text = decode(file_bytes(path, label), label)
    if not text.strip():
        raise DyadscopeError(label, "read", "empty file")
    return RawDocument(source=label, kind="html" if kind == "html" else "text", content=text)


def _jsonl_record(record: Any, label: str) -> RawDocument:
    if not isinstance(record, dict):
        raise DyadscopeError(label, "read", "line is not a JSON object")
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise DyadscopeError(label, "read", "record has neither 'text' nor 'html'")
    kind = "html" if content is html else "text"

    def optional(field: str) -> str | None:
        for key in FIELD_NAMES[field]:
            value = record.get(key)
            if isinstance(value, dict):  # JSON-LD style {"name": ...} or {"@id": ...}
                value = value.get("name") or value.get("@id")
            if value not in (None, "") and not isinstance(value, list | dict):
                return str(value)
        return None

    return RawDocument(
        source=label,
        kind=kind,
        content=content.replace("\r\n", "\n"),
        url=optional("url"),
        title=optional("title"),
        published=optional("published"),
        outlet=optional("outlet"),
    )


# The names crawlers and scrapers give each field (news-please, trafilatura, JSON-LD),
# ours first.
FIELD_NAMES = {
    "url": ("url", "canonical_url", "link", "source_url", "uri"),
    "title": ("title", "headline"),
    "published": ("published", "date_publish", "datePublished", "published_at",
                  "publish_date", "pubdate", "date"),
    "outlet": ("outlet", "sitename", "site_name", "source_name", "publisher", "source_domain"),
}


def read_jsonl(path: Path, label: str) -> Iterator[RawDocument | ReadFailure]:
    text = decode(file_bytes(path, label), label)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{label}#{number}"
        try:
            yield _jsonl_record(json.loads(line), where)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"invalid JSON: {error.msg}")
        except DyadscopeError as error:
            yield ReadFailure(where, error.reason)


def read_warc(path: Path, label: str) -> Iterator[RawDocument | ReadFailure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if not record.format.startswith("warc"):
                    raise DyadscopeError(label, "read", "not a WARC file: no WARC header")
                records += 1
                if record.rec_type != "response":
                    continue
                headers = record.http_headers
                ctype = headers.get_header("Content-Type", "") if headers else ""
                if "html" not in ctype and "text" not in ctype:
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID", "").strip("<>")
                where = f"{label}#{record_id}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    content = decode(record.content_stream().read(), where)
                except DyadscopeError as error:
                    yield ReadFailure(where, error.reason)
                    continue
                kind = "html" if "html" in ctype else "text"
                yield RawDocument(source=where, kind=kind, content=content, url=url)
        except ArchiveLoadFailed as error:
            raise DyadscopeError(label, "read", f"not a WARC file: {error}") from None
    if records == 0:
        raise DyadscopeError(label, "read", "not a WARC file: no records")
