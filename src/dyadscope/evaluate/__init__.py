"""Score an export against gold files in the format of shared/gold/README.md."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dyadscope.errors import DyadscopeError
from dyadscope.evaluate.events import score_events
from dyadscope.evaluate.facts import score_facts


def load_gold(gold_dir: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    if not gold_dir.is_dir():
        raise DyadscopeError(str(gold_dir), "evaluate", "gold folder not found")
    files = []
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == "entities.json":
            continue
        try:
            files.append(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as error:
            raise DyadscopeError(str(path), "evaluate", f"bad JSON: {error.msg}") from None
    entities_path = gold_dir / "entities.json"
    entities = json.loads(entities_path.read_text()) if entities_path.exists() else {}
    if not files:
        raise DyadscopeError(str(gold_dir), "evaluate", "no gold files")
    return files, entities


def _prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def gold_body(text: str, gold: dict[str, Any]) -> str | None:
    first, last = gold["body"]["first"], gold["body"]["last"]
    start = text.find(first)
    end = text.find(last, max(start, 0))
    if start < 0 or end < 0:
        return None
    return text[start : end + len(last)]


def score_body(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    scores = []
    for gold, doc in pairs:
        expected = gold_body(doc["text"], gold)
        if expected is None:
            continue
        truth, found = Counter(expected.split()), Counter(doc["body"].split())
        tp = sum((truth & found).values())
        scores.append(_prf(tp, sum(found.values()) - tp, sum(truth.values()) - tp))
    return _macro(scores)


def _macro(scores: list[dict[str, float]]) -> dict[str, float]:
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "documents": 0}
    p = sum(s["precision"] for s in scores) / len(scores)
    r = sum(s["recall"] for s in scores) / len(scores)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "documents": len(scores)}


def score_dates(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    exact, readable, hedged, unreadable = 0, 0, 0, 0
    for gold, doc in pairs:
        if gold.get("published_in_text"):
            readable += 1
            value = gold["published"]
            if doc["published"] and doc["published"][: len(value)] == value and (
                len(doc["published"]) == len(value)
            ):
                exact += 1
        else:
            unreadable += 1
            if doc["published"] is None or doc["published_confidence"] == "low":
                hedged += 1
    return {
        "exact": exact / readable if readable else 1.0,
        "readable_documents": readable,
        "uncertain_marked": hedged / unreadable if unreadable else 1.0,
        "unreadable_documents": unreadable,
    }


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def score_entities(pairs: list[tuple[dict, dict]], mentions: list[dict]) -> dict[str, float]:
    by_doc: dict[str, list[dict]] = {}
    for mention in mentions:
        by_doc.setdefault(mention["document"], []).append(mention)
    found: list[tuple[str, str]] = []
    total = 0
    for gold, doc in pairs:
        system = by_doc.get(doc["id"], [])
        for gold_id, surfaces in gold.get("mentions", {}).items():
            for surface in surfaces:
                total += 1
                entity = _system_entity(doc["text"], surface, system)
                if entity is not None:
                    found.append((gold_id, entity))
    return {"mention_recall": len(found) / total if total else 1.0, "mentions": total,
            **_bcubed(found)}


def _system_entity(text: str, surface: str, system: list[dict]) -> str | None:
    for start, end in _occurrences(text, surface):
        overlapping = [m for m in system if m["start"] < end and start < m["end"]]
        if overlapping:
            best = max(overlapping, key=lambda m: min(m["end"], end) - max(m["start"], start))
            return best["entity"]
    return None


def _bcubed(found: list[tuple[str, str]]) -> dict[str, float]:
    if not found:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    gold_sizes = Counter(g for g, _ in found)
    system_sizes = Counter(s for _, s in found)
    both = Counter(found)
    precision = sum(both[(g, s)] / system_sizes[s] for g, s in found) / len(found)
    recall = sum(both[(g, s)] / gold_sizes[g] for g, s in found) / len(found)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def score(gold_dir: Path | Sequence[Path], export: dict[str, Any]) -> dict[str, Any]:
    """Every metric of `shared/gold/README.md`; several gold folders are scored together,
    so that reports of one story in different sets count as links."""
    folders = [gold_dir] if isinstance(gold_dir, Path) else list(gold_dir)
    golds = [g for folder in folders for g in load_gold(folder)[0]]
    by_source = {Path(d["source"]).name: d for d in export["documents"]}
    pairs = [(g, by_source[g["file"]]) for g in golds if g["file"] in by_source]
    missing = [g["file"] for g in golds if g["file"] not in by_source]
    return {
        "body": score_body(pairs),
        "date": score_dates(pairs),
        "entities": score_entities(pairs, export["mentions"]),
        "events": score_events(pairs, export["events"]),
        "facts": score_facts(pairs, export.get("facts", []), export["mentions"]),
        "missing_documents": missing,
    }
