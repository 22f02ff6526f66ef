"""The coding rule each event candidate records, 'cameo:CODE:TRIGGER:WHAT:SOURCE-TARGET',
read back by later stages."""

from __future__ import annotations


def rule_what(rule: str | None) -> str | None:
    """What an event is about, from its coding rule 'cameo:CODE:TRIGGER:WHAT:PAIR'
    ('visit' or 'meeting' for consultations, the document signed)."""
    parts = (rule or "").split(":")
    return parts[3] or None if len(parts) >= 5 and parts[0] == "cameo" else None


def rule_pair(rule: str | None) -> tuple[str, str] | None:
    """The (source, target) a candidate's rule records ('cameo:040:met:meet:RUS-VNM')."""
    last = (rule or "").rsplit(":", 1)[-1]
    source, dash, target = last.partition("-")
    return (source, target) if dash and source and target else None
