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
    r"|a\s+few|several|a\s+couple\s+of)"
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
      | (?:between|from)\s+(?:19|20)\d{{2}}\s+(?:and|to|until)\s+(?:19|20)\d{{2}}
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
            if name not in ("version", "past_forms")}


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


def event_status(
    sentence: str, trigger_start: int, default: str | None, trigger_end: int,
    intent: bool = False,
) -> str:
    """planned / negated / ongoing from cues around the trigger. An intent's own future
    ("hoped that the sides will cooperate") is its content: the intent itself occurred."""
    lowered = sentence.lower()
    before = lowered[max(0, trigger_start - 60) : trigger_end]
    cues = _cues()
    if cues["negated"].search(lowered[max(0, trigger_start - 25) : trigger_start]):
        return "negated"
    after = lowered[trigger_end : trigger_end + 40]
    if cues["planned"].search(before) or (
        not intent and not _in_past(lowered[trigger_start:trigger_end])
        and cues["planned_after"].search(after)
    ):
        return "planned"
    return default or "occurred"


def _in_past(trigger: str) -> bool:
    words = trigger.split()
    return any(w.endswith("ed") for w in words) or bool(set(words) & _past_forms())


@cache
def _past_forms() -> frozenset[str]:
    return frozenset(load_json_data("lexicons/status.json")["past_forms"])


BACKGROUND_REACH = 60


def is_background(sentence: str, trigger: tuple[int, int] = (0, 10**6)) -> bool:
    """A past perfect or 'previously' around the trigger reports an earlier happening
    of unknown date. After 'said' it is only the sequence of tenses ('said it had
    lodged a protest'), and a past perfect elsewhere in the sentence ('rejected the
    claim and said its troops had only responded') dates nothing here."""
    lowered = sentence.lower()
    start, end = max(0, trigger[0] - BACKGROUND_REACH), trigger[1] + 20
    for match in _cues()["background"].finditer(lowered, start, end):
        if not _reported(lowered[max(0, match.start() - 30) : match.start()]):
            return True
    return False


@cache
def _reporting() -> re.Pattern[str]:
    verbs = load_json_data("gazetteers/patterns.json")["reporting_verbs"]
    return re.compile(rf"\b(?:{'|'.join(verbs)})\b(?:\s+that)?(?:\s+\w+)?\s*$")


def _reported(before: str) -> bool:
    return bool(_reporting().search(before))


RANGE = re.compile(r"(?:between|from)\s+((?:19|20)\d{2})\s", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def estimated_anchor(sentences: list[str]) -> PartialDate | None:
    """For an article without a publication date: the month of the earliest happening it
    announces as upcoming ("the Expo 2024 will be held from December 19"), since news
    reports what is coming in the weeks before it; else the month of a full date its
    lede reports ("held talks ... on July 11, 2024"). Month precision, never a day."""
    upcoming = []
    for sentence in sentences:
        if not _cues()["planned"].search(sentence.lower()):
            continue
        years = YEAR.findall(sentence)
        for expression in date_expressions(sentence):
            year = PartialDate(years[0], "year") if years else None
            resolved = resolve_relative(expression.text, year, future=True)
            if resolved is not None and resolved.precision == "day":
                upcoming.append(resolved.value)
    if upcoming:
        return PartialDate(min(upcoming)[:7], "month")
    return _lede_month(sentences[:LEDE_SENTENCES])


LEDE_SENTENCES = 2


def _lede_month(sentences: list[str]) -> PartialDate | None:
    for sentence in sentences:
        for expression in date_expressions(sentence):
            if YEAR.search(expression.text):
                resolved = resolve_relative(expression.text, None)
                if resolved is not None and resolved.precision == "day":
                    return PartialDate(resolved.value[:7], "month")
    return None


def dated(
    expression: DateExpression | None, anchor: PartialDate | None, status: str, sentence: str,
    trigger: tuple[int, int] = (0, 10**6), future: bool | None = None,
) -> tuple[PartialDate | None, str | None]:
    """The event's date and where it came from: "text" (its own expression) or "article"
    (an occurred event without one happened when the article reports it)."""
    if expression is not None and (span := RANGE.match(expression.text)):
        return PartialDate(span.group(1), "year"), "text"  # a period is dated by its start
    if expression is not None:
        ahead = status == "planned" if future is None else future
        resolved = resolve_relative(expression.text, anchor, future=ahead)
        if resolved is not None:
            return resolved, "text"
    if status != "occurred" or anchor is None or is_background(sentence, trigger):
        return None, None
    return anchor, "article"
