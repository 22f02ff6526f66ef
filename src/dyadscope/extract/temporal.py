"""When and how real an event is: date expressions near the trigger, and its status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dyadscope.clean.dates import resolve_relative
from dyadscope.knowledge import load_json_data
from dyadscope.types import PartialDate

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a few|several)"
)
DATE_EXPRESSION = re.compile(
    rf"""\b(?:
        (?:on\s+)?{WEEKDAY}
      | yesterday | today | tomorrow
      | (?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year)
      | {NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago
      | (?:in\s+|on\s+)?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?
      | (?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?
      | in\s+(?:early\s+|mid-?|late\s+)?{MONTH}(?:\s+\d{{4}})?
      | (?:in|since|by)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{{2}}
      | \d{{4}}-\d{{2}}-\d{{2}}
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class DateExpression:
    start: int
    end: int
    text: str


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    table = load_json_data("lexicons/status.json")
    return {name: re.compile(rf"\b(?:{'|'.join(words)})\b") for name, words in table.items()
            if name != "version"}


def date_expressions(sentence: str) -> list[DateExpression]:
    found = DATE_EXPRESSION.finditer(sentence)
    return [DateExpression(m.start(), m.end(), m.group(0)) for m in found]


def assign_dates(
    triggers: list[tuple[int, int]], expressions: list[DateExpression]
) -> dict[int, DateExpression]:
    """Each date expression belongs to the trigger nearest to it (index -> expression)."""
    assigned: dict[int, DateExpression] = {}
    for expression in expressions:
        if not triggers:
            break
        distances = [
            min(abs(expression.start - end), abs(start - expression.end))
            for start, end in triggers
        ]
        nearest = distances.index(min(distances))
        assigned.setdefault(nearest, expression)
    return assigned


def event_status(sentence: str, trigger_start: int, default: str | None, trigger_end: int) -> str:
    """planned / negated / ongoing from cues around the trigger."""
    lowered = sentence.lower()
    before = lowered[max(0, trigger_start - 60) : trigger_end]
    verb_in_past = lowered[trigger_start:trigger_end].endswith("ed")
    cues = _cues()
    if cues["negated"].search(lowered[max(0, trigger_start - 25) : trigger_start]):
        return "negated"
    after = lowered[trigger_end : trigger_end + 40]
    if cues["planned"].search(before) or (
        not verb_in_past and cues["planned_after"].search(after)
    ):
        return "planned"
    if default:
        return default
    return "occurred"


def is_background(sentence: str) -> bool:
    """Past-perfect and 'previously' sentences report earlier happenings of unknown date."""
    return bool(_cues()["background"].search(sentence.lower()))


def resolve_date(
    expression: DateExpression | None, anchor: PartialDate | None, status: str, sentence: str
) -> PartialDate | None:
    if expression is not None:
        resolved = resolve_relative(expression.text, anchor, future=status == "planned")
        if resolved is not None:
            return resolved
    if status != "occurred" or anchor is None or is_background(sentence):
        return None
    return anchor
