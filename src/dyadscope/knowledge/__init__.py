"""Load and validate the packaged data files into one immutable Knowledge object."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError

DATA = resources.files("dyadscope") / "data"

REQUIRED: dict[str, tuple[str, ...]] = {
    "gazetteers/countries.jsonl": ("id", "alpha3", "name"),
    "gazetteers/organizations.jsonl": ("id", "name"),
    "gazetteers/armed_groups.jsonl": ("id", "name", "country", "kind"),
    "lexicons/armed_groups.jsonl": ("id", "name", "country", "kind"),
    "gazetteers/titles.jsonl": ("id", "pattern", "role", "kind"),
    "gazetteers/weapons.jsonl": ("id", "name"),
    "office_holders.jsonl": ("id", "name", "country", "offices"),
}


@dataclass(frozen=True, eq=False)
class Knowledge:
    countries: tuple[dict[str, Any], ...]
    organizations: tuple[dict[str, Any], ...]
    titles: tuple[dict[str, Any], ...]
    weapons: tuple[dict[str, Any], ...]
    office_holders: tuple[dict[str, Any], ...]
    extra: dict[str, Any]
    version: str


def read_jsonl(path: Path | Any, name: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            where = f"{name}:{number}"
            raise DyadscopeError(where, "knowledge", f"bad JSON: {error.msg}") from None
        missing = [key for key in REQUIRED.get(name, ("id",)) if key not in record]
        if missing:
            raise DyadscopeError(f"{name}:{number}", "knowledge", f"missing keys {missing}")
        if record["id"] in seen:
            raise DyadscopeError(f"{name}:{number}", "knowledge", f"duplicate id {record['id']!r}")
        seen.add(record["id"])
        records.append(record)
    return records


def _load_file(name: str, extra_dir: Path | None) -> tuple[list[dict[str, Any]], str]:
    path = DATA.joinpath(*name.split("/"))
    records = read_jsonl(path, name) if path.is_file() else []
    digest = hashlib.sha256(path.read_bytes() if path.is_file() else b"").hexdigest()
    if extra_dir is not None:
        user = extra_dir / Path(name).name
        if user.is_file():
            records += read_jsonl(user, str(user))
            digest += hashlib.sha256(user.read_bytes()).hexdigest()
    return records, digest


def load_json_data(name: str) -> dict[str, Any]:
    path = DATA.joinpath(*name.split("/"))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DyadscopeError(name, "knowledge", f"cannot load: {error}") from None


@cache
def load(extra_dir: Path | None = None) -> Knowledge:
    """The packaged knowledge, plus same-named files from `extra_dir` appended."""
    loaded: dict[str, list[dict[str, Any]]] = {}
    digests: list[str] = []
    for name in REQUIRED:
        loaded[name], digest = _load_file(name, extra_dir)
        digests.append(digest)
    # The manifest hashes every packaged data file (lexicons too), so a changed rule
    # file is a new knowledge version and `ingest --refresh` knows what to redo.
    manifest = DATA / "MANIFEST.json"
    digests.append(hashlib.sha256(manifest.read_bytes() if manifest.is_file() else b"")
                   .hexdigest())
    version = hashlib.sha256("".join(digests).encode()).hexdigest()[:12]
    return Knowledge(
        countries=tuple(loaded["gazetteers/countries.jsonl"]),
        # non-state groups (hand-kept, then from PETRARCH2's dictionary) act as organisations
        organizations=tuple(loaded["gazetteers/organizations.jsonl"]
                            + loaded["gazetteers/armed_groups.jsonl"]
                            + loaded["lexicons/armed_groups.jsonl"]),
        titles=tuple(loaded["gazetteers/titles.jsonl"]),
        weapons=tuple(loaded["gazetteers/weapons.jsonl"]),
        office_holders=tuple(loaded["office_holders.jsonl"]),
        extra={},
        version=version,
    )
