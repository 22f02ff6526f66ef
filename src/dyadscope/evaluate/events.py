"""Event scoring as shared/gold/README.md defines it.

A system event in an article is one claim, whatever the number of its evidence spans
there. It matches a gold event when one of its spans overlaps the gold evidence and its
unordered country pair is the gold's. Each gold event takes at most one claim (core
events first) and each claim serves one gold event. A core event is found when it, or
another mention of its story in the same article, is matched. Precision is over claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class Claim:
    event: dict[str, Any]
    spans: tuple[tuple[int, int], ...]


def _gold_span(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def _claims(events: list[dict], document_id: str) -> list[Claim]:
    claims = []
    for event in events:
        spans = tuple((e["start"], e["end"]) for e in event["evidence"]
                      if e["document"] == document_id)
        if spans:
            claims.append(Claim(event, spans))
    return claims


def _matches(gold: dict, span: tuple[int, int], claim: Claim) -> bool:
    if not any(start < span[1] and span[0] < end for start, end in claim.spans):
        return False
    pair = {claim.event["source_country"], claim.event["target_country"]}
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


def _typed(gold: dict, event: dict) -> bool:
    return event["type"] in {gold["type"], *gold.get("alt_types", [])}


def _agreement(gold: dict, event: dict) -> int:
    return _typed(gold, event) * 4 + (event["source_country"] == gold["source"]) * 2 + (
        _date_correct(gold, event))


def _describe(event: dict) -> str:
    return (f"{event['type']} {event['source_country']}->{event['target_country']} "
            f"{event.get('date')}")


@dataclass
class Tally:
    core: int = 0
    core_found: int = 0
    claims: int = 0
    correct_claims: int = 0
    matched: int = 0
    typed: int = 0
    directed: int = 0
    dated: int = 0


def _score_document(
    gold_doc: dict, doc: dict, events: list[dict], tally: Tally, details: dict[str, list[str]],
    links: list[tuple[str, str]],
) -> None:
    name = gold_doc["file"]
    claims = _claims(events, doc["id"])
    golds = [(g, _gold_span(doc["text"], g["evidence"])) for g in gold_doc.get("events", [])]
    golds = [(g, s) for g, s in golds if s is not None]
    golds.sort(key=lambda item: not item[0].get("core"))  # core events choose first
    taken: dict[int, tuple[dict, Claim]] = {}
    used: set[int] = set()
    for index, (gold, span) in enumerate(golds):
        free = [(i, c) for i, c in enumerate(claims) if i not in used and _matches(gold, span, c)]
        if not free:
            continue
        i, claim = max(free, key=lambda item: _agreement(gold, item[1].event))
        used.add(i)
        taken[index] = (gold, claim)
    found_stories = {golds[i][0].get("story") for i in taken}
    for index, (gold, _) in enumerate(golds):
        if not gold.get("core"):
            continue
        tally.core += 1
        story = gold.get("story")
        if index in taken or (story is not None and story in found_stories):
            tally.core_found += 1
        else:
            details["missed"].append(f"{name}: {gold['type']} {gold['source']}->"
                                     f"{gold['target']} | {gold['evidence'][:90]}")
    tally.claims += len(claims)
    tally.correct_claims += len(used)
    for i, claim in enumerate(claims):
        if i not in used:
            start, end = claim.spans[0]
            details["spurious"].append(
                f"{name}: {_describe(claim.event)} | {doc['text'][start:end][:90]}")
    for gold, claim in taken.values():
        event = claim.event
        tally.matched += 1
        tally.typed += _typed(gold, event)
        tally.directed += event["source_country"] == gold["source"]
        tally.dated += _date_correct(gold, event)
        wrong = [what for what, ok in (("type", _typed(gold, event)),
                                       ("direction", event["source_country"] == gold["source"]),
                                       ("date", _date_correct(gold, event))) if not ok]
        if wrong:
            details["wrong"].append(
                f"{name}: {'/'.join(wrong)}: system {_describe(event)}; gold {gold['type']} "
                f"{gold['source']}->{gold['target']} {gold.get('date')} | "
                f"{gold['evidence'][:70]}")
        if gold.get("story"):
            links.append((f"{name}#{gold['story']}", event.get("happening") or event["id"]))


def _link_scores(links: list[tuple[str, str]]) -> dict[str, float | int]:
    """Pairs of matched gold events from different articles: same story stored as one
    happening (link recall); stored as one happening and same story (link precision). A
    happening is one event, or the events the store clusters as one (`happening`)."""
    same_story = same_event = both = 0
    for (a_key, a_event), (b_key, b_event) in combinations(links, 2):
        a_file, a_story = a_key.split("#", 1)
        b_file, b_story = b_key.split("#", 1)
        if a_file == b_file:
            continue
        story, event = a_story == b_story, a_event == b_event
        same_story += story
        same_event += event
        both += story and event
    return {
        "link_recall": both / same_story if same_story else 1.0,
        "link_precision": both / same_event if same_event else 1.0,
        "story_pairs": same_story,
    }


def score_events(pairs: list[tuple[dict, dict]], events: list[dict]) -> dict[str, Any]:
    tally = Tally()
    details: dict[str, list[str]] = {"missed": [], "spurious": [], "wrong": []}
    links: list[tuple[str, str]] = []
    for gold_doc, doc in pairs:
        _score_document(gold_doc, doc, events, tally, details, links)
    matched = tally.matched
    return {
        "core_recall": tally.core_found / tally.core if tally.core else 1.0,
        "precision": tally.correct_claims / tally.claims if tally.claims else 1.0,
        "type_accuracy": tally.typed / matched if matched else 0.0,
        "direction_accuracy": tally.directed / matched if matched else 0.0,
        "date_accuracy": tally.dated / matched if matched else 0.0,
        "core_events": tally.core,
        "system_events": tally.claims,
        "matched": matched,
        **_link_scores(links),
        "missed_core": details["missed"],
        "spurious": details["spurious"],
        "mismatched": details["wrong"],
    }
