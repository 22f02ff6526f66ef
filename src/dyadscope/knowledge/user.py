"""The user's own knowledge folder: office holders imported from Wikidata results."""

from __future__ import annotations

import json
from pathlib import Path

from dyadscope.knowledge.wikidata import parse_sparql_json


def import_office_holders(result: Path, folder: Path) -> tuple[int, Path]:
    """Merge the people of a SPARQL JSON result into folder/office_holders.jsonl by id."""
    people = parse_sparql_json(result)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "office_holders.jsonl"
    known: dict[str, dict] = {}
    if target.exists():
        for line in target.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                known[record["id"]] = record
    for person in people:
        known[person["id"]] = person
    lines = [json.dumps(r, ensure_ascii=False) for r in known.values()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(people), target
