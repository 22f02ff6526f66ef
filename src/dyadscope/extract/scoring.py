"""Where an event sits on the -10 (conflict) .. +10 (cooperation) scale."""

from __future__ import annotations

from functools import cache

from dyadscope.knowledge import load_json_data


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
