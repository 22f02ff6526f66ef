"""Event scoring: evidence overlap plus the same unordered country pair."""

from __future__ import annotations

from typing import Any


def _gold_span(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def _system_items(events: list[dict], document_id: str) -> list[tuple[dict, tuple[int, int]]]:
    items = []
    for event in events:
        for evidence in event["evidence"]:
            if evidence["document"] == document_id:
                items.append((event, (evidence["start"], evidence["end"])))
    return items


def _matches(gold: dict, span: tuple[int, int], event: dict, at: tuple[int, int]) -> bool:
    if not (at[0] < span[1] and span[0] < at[1]):
        return False
    pair = {event["source_country"], event["target_country"]}
    return pair == {gold["source"], gold["target"]}


def _date_correct(gold: dict, event: dict) -> bool:
    expected = gold.get("date")
    found = event.get("date")
    if expected is None:
        return found is None
    if found is None:
        return False
    expected = expected.split("/")[0]
    return found[: len(expected)] == expected


def score_events(pairs: list[tuple[dict, dict]], events: list[dict]) -> dict[str, Any]:
    core, core_found = 0, 0
    system_total, system_correct = 0, 0
    typed = directed = dated = matched = 0
    misses: list[str] = []
    for gold_doc, doc in pairs:
        items = _system_items(events, doc["id"])
        golds = [(g, _gold_span(doc["text"], g["evidence"])) for g in gold_doc.get("events", [])]
        golds = [(g, s) for g, s in golds if s is not None]
        seen_events = {e["id"] for e, _ in items}
        system_total += len(seen_events)
        correct_events = {
            e["id"] for e, at in items for g, s in golds if _matches(g, s, e, at)
        }
        system_correct += len(correct_events)
        for gold, span in golds:
            candidates = [e for e, at in items if _matches(gold, span, e, at)]
            if gold.get("core"):
                core += 1
                core_found += bool(candidates)
                if not candidates:
                    misses.append(f"{gold_doc['file']}: {gold['evidence'][:70]}")
            if not candidates:
                continue
            best = max(candidates, key=lambda e: _agreement(gold, e))
            matched += 1
            typed += best["type"] in {gold["type"], *gold.get("alt_types", [])}
            directed += best["source_country"] == gold["source"]
            dated += _date_correct(gold, best)
    return {
        "core_recall": core_found / core if core else 1.0,
        "precision": system_correct / system_total if system_total else 1.0,
        "type_accuracy": typed / matched if matched else 0.0,
        "direction_accuracy": directed / matched if matched else 0.0,
        "date_accuracy": dated / matched if matched else 0.0,
        "core_events": core,
        "system_events": system_total,
        "matched": matched,
        "missed_core": misses,
    }


def _agreement(gold: dict, event: dict) -> int:
    return (
        (event["type"] in {gold["type"], *gold.get("alt_types", [])}) * 4
        + (event["source_country"] == gold["source"]) * 2
        + _date_correct(gold, event)
    )
