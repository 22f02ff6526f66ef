"""The packaged data files match data/MANIFEST.json (sha256 of each listed file)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

DATA = resources.files("dyadscope") / "data"
MANIFEST = DATA / "MANIFEST.json"

if not MANIFEST.is_file():
    pytest.skip("no data/MANIFEST.json yet", allow_module_level=True)


def entries() -> list[tuple[str, dict[str, Any]]]:
    """(path, record) pairs, whether files are keyed by path or listed with a path field."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    files = manifest.get("files", manifest) if isinstance(manifest, dict) else manifest
    if isinstance(files, dict):
        return [(name, record) for name, record in files.items() if isinstance(record, dict)]
    return [(record.get("path") or record["file"], record) for record in files]


ENTRIES = entries()


def test_manifest_lists_files() -> None:
    assert ENTRIES


@pytest.mark.parametrize(("name", "record"), ENTRIES, ids=[name for name, _ in ENTRIES])
def test_listed_file_matches_its_sha256(name: str, record: dict[str, Any]) -> None:
    path = DATA.joinpath(*name.split("/"))
    assert path.is_file(), f"{name} is listed in MANIFEST.json but missing"
    assert "sha256" in record, f"{name} has no sha256"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == record["sha256"], f"{name} changed: run scripts/build_manifest.py"


def test_every_data_file_is_listed() -> None:
    listed = {name for name, _ in ENTRIES}
    root = Path(str(DATA))
    present = {p.relative_to(root).as_posix() for p in root.rglob("*")
               if p.is_file() and p.name != "MANIFEST.json" and "__pycache__" not in p.parts}
    missing = sorted(present - listed)
    assert not missing, f"not in MANIFEST.json (run scripts/build_manifest.py): {missing}"
