"""Event triggers: the versioned lexicon compiled to regular expressions over sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dyadscope.knowledge import Knowledge, load_json_data


@dataclass(frozen=True, slots=True)
class TriggerRule:
    id: str
    type: str
    mode: str | None
    context: str | None
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    reverse: bool
    status: str | None
    status_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    possessor_is_agent: bool


@dataclass(frozen=True, slots=True)
class TriggerHit:
    rule: TriggerRule
    start: int
    end: int


def _compile(fragment: str | None) -> re.Pattern[str] | None:
    return re.compile(rf"\b(?:{fragment})\b") if fragment else None


@cache
def compile_rules(knowledge: Knowledge) -> tuple[TriggerRule, ...]:
    rules = []
    for entry in knowledge.event_lexicon:
        pattern = _compile("|".join(f"(?:{p})" for p in entry["patterns"]))
        assert pattern is not None
        rules.append(
            TriggerRule(
                id=entry["id"],
                type=entry["type"],
                mode=entry.get("mode"),
                context=entry.get("context"),
                pattern=pattern,
                requires=_compile(entry.get("requires")),
                exclude=_compile(entry.get("exclude")),
                reverse=bool(entry.get("reverse")),
                status=entry.get("status"),
                status_patterns=tuple(
                    (status, re.compile(rf"\b(?:{p})\b"))
                    for status, p in entry.get("status_patterns", {}).items()
                ),
                possessor_is_agent=entry.get("possessor_is_agent", True),
            )
        )
    return tuple(rules)


@cache
def type_scores() -> dict[str, float]:
    table = load_json_data("lexicons/plover.json")
    return {name: float(spec["score"]) for name, spec in table["types"].items()}


@cache
def _mode_adjust() -> dict[str, float]:
    return {k: float(v) for k, v in load_json_data("lexicons/plover.json")["mode_adjust"].items()}


def event_score(kind: str, mode: str | None, status: str) -> float:
    """The PLOVER score of an event on the -10..+10 scale: its type's score, moved by its
    mode (signing weighs more than talk) and by being only planned; negated is neutral."""
    if status == "negated":
        return 0.0
    adjust = _mode_adjust()
    score = type_scores().get(kind, 0.0)
    shift = adjust.get(mode or "", 0.0) + (adjust.get("planned", 0.0) if status == "planned" else 0)
    # a shift strengthens an event in its own direction: a signed pact of conflict is worse
    score += shift if score >= 0 else -shift
    return max(-10.0, min(10.0, score))


def find_triggers(sentence: str, rules: tuple[TriggerRule, ...]) -> list[TriggerHit]:
    """The first hit of each rule in a sentence (offsets relative to the sentence)."""
    lowered = sentence.lower().replace("’", "'")
    hits: list[TriggerHit] = []
    for rule in rules:
        match = rule.pattern.search(lowered)
        if match is None:
            continue
        if rule.requires is not None and not rule.requires.search(lowered):
            continue
        if rule.exclude is not None and rule.exclude.search(lowered):
            continue
        hits.append(TriggerHit(rule, match.start(), match.end()))
    return _one_per_type(hits)


def _one_per_type(hits: list[TriggerHit]) -> list[TriggerHit]:
    """One happening per type and sentence: keep each type's earliest trigger."""
    best: dict[str, TriggerHit] = {}
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        best.setdefault(hit.rule.type, hit)
    return sorted(best.values(), key=lambda h: h.start)
