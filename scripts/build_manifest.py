"""Write ``src/dyadscope/data/MANIFEST.json``: every data file with its sha256 and size.

Run from the repository root after changing any data file::

    .venv/bin/python scripts/build_manifest.py

The manifest versions the knowledge the package ships: a test checks that every file
under ``data/`` is listed and unchanged, so an edit to a lexicon or gazetteer cannot
land without a new manifest (and a reviewer sees which knowledge changed). Files that
carry their own ``version`` field have it copied here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "src" / "dyadscope" / "data"
MANIFEST = DATA / "MANIFEST.json"


def data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p != MANIFEST
                  and "__pycache__" not in p.parts)


def declared_version(path: Path) -> str | None:
    if path.suffix != ".json":
        return None
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    version = content.get("version") if isinstance(content, dict) else None
    return str(version) if version is not None else None


def record(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    entry: dict[str, Any] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    if path.suffix == ".jsonl":
        entry["records"] = sum(1 for line in data.decode("utf-8").splitlines() if line.strip())
    if (version := declared_version(path)) is not None:
        entry["version"] = version
    return entry


def main() -> None:
    files = {p.relative_to(DATA).as_posix(): record(p) for p in data_files()}
    MANIFEST.write_text(json.dumps({"files": files}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"{len(files)} files -> {MANIFEST}")


if __name__ == "__main__":
    main()
