"""Fact scoring: the number found in the gold evidence, and whose number it is."""

from __future__ import annotations

import re
from typing import Any

PAIR = re.compile(r"^[A-Z]{2,5}-[A-Z]{2,5}$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _found(gold: dict, text: str, system: list[dict]) -> dict | None:
    start = text.find(gold["evidence"])
    if start < 0:
        return None
    end = start + len(gold["evidence"])
    inside = [f for f in system if f["start"] < end and start < f["end"]]
    wanted = _digits(gold["quantity"])
    return next((f for f in inside if _digits(f["text"]) == wanted), None)


def _subject_correct(gold: dict, fact: dict, gold_doc: dict, text: str,
                     mentions: list[dict]) -> bool:
    expected, found = gold["subject"], fact.get("subject")
    if found is None:
        return False
    if PAIR.match(expected):
        return sorted(expected.split("-")) == sorted(found.split("-"))
    surfaces = gold_doc.get("mentions", {}).get(expected, [])
    spans = [(m.start(), m.end()) for s in surfaces for m in re.finditer(re.escape(s), text)]
    return any(
        m["entity"] == found and any(m["start"] < e and s < m["end"] for s, e in spans)
        for m in mentions
    )


def score_facts(pairs: list[tuple[dict, dict]], facts: list[dict],
                mentions: list[dict]) -> dict[str, Any]:
    total = found = subjects = 0
    for gold_doc, doc in pairs:
        system = [f for f in facts if f["document"] == doc["id"]]
        own_mentions = [m for m in mentions if m["document"] == doc["id"]]
        for gold in gold_doc.get("facts", []):
            total += 1
            fact = _found(gold, doc["text"], system)
            if fact is None:
                continue
            found += 1
            subjects += _subject_correct(gold, fact, gold_doc, doc["text"], own_mentions)
    return {
        "recall": found / total if total else 1.0,
        "subject_accuracy": subjects / found if found else 0.0,
        "facts": total,
    }
