"""One event per happening: candidates merge with a stored event when nothing tells them apart."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from dyadscope.types import EventCandidate, PartialDate

# Verbal acts repeat within an article as distinct acts; happenings are reported twice.
HAPPENINGS = {"CONSULT", "COOPERATE", "AID", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE",
              "RETREAT", "CONCEDE", "PROTEST"}
# Two arms deals or two projects in one article are often distinct: without people or
# a date to tie them, they stay apart (a second attack on the same country rarely is).
DISTINCT_IN_ONE_ARTICLE = {"AID", "COOPERATE"}
SYMMETRIC_MODES = {"meet", "sign"}
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
DAY_SLACK = 2


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: str
    type: str
    mode: str | None
    source_country: str | None
    target_country: str | None
    date: PartialDate | None
    status: str
    location: str | None
    documents: frozenset[str]
    actors: frozenset[str]
    what: str | None = None


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


def event_id(document_id: str, candidate: EventCandidate) -> str:
    basis = f"{document_id}|{candidate.evidence.start}|{candidate.type}|{candidate.rule}"
    return "evt-" + hashlib.sha256(basis.encode()).hexdigest()[:12]


def _as_date(value: PartialDate) -> date:
    parts = [int(p) for p in value.value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def dates_compatible(a: PartialDate | None, b: PartialDate | None,
                     slack: int = DAY_SLACK) -> bool | None:
    """True/False when both are known; None when one is missing. Outlets may date one
    happening a day or two apart; one article gives one day for it."""
    if a is None or b is None:
        return None
    if a.precision == "day" and b.precision == "day":
        return abs((_as_date(a) - _as_date(b)).days) <= slack
    coarse = min(len(a.value), len(b.value))
    return a.value[:coarse] == b.value[:coarse]


def _pair_compatible(candidate: EventCandidate, stored: StoredEvent) -> bool:
    same = (candidate.source_country, candidate.target_country) == (
        stored.source_country, stored.target_country)
    swapped = (candidate.source_country, candidate.target_country) == (
        stored.target_country, stored.source_country)
    # A meeting or a signing is one happening told from either side; a sanction of A by
    # B and of B by A are two.
    return same or (swapped and (candidate.mode in SYMMETRIC_MODES
                                 or candidate.type in SYMMETRIC_TYPES))


def _modes_compatible(candidate: EventCandidate, stored: StoredEvent) -> bool:
    # A state visit, the talks held during it and the meeting are one consultation.
    return candidate.mode == stored.mode or candidate.type == "CONSULT"


VISIT_DAYS = 14


def _one_trip(candidate: EventCandidate, stored: StoredEvent) -> bool:
    """One article's arrival on Tuesday and its visit on Friday are one trip."""
    if candidate.mode != "visit" or stored.mode != "visit" or not (candidate.date and stored.date):
        return False
    return abs((_as_date(candidate.date) - _as_date(stored.date)).days) <= VISIT_DAYS


def _is_happening(candidate: EventCandidate) -> bool:
    return candidate.type in HAPPENINGS or candidate.mode == "sign"


def _same_day(candidate: EventCandidate, stored: StoredEvent) -> bool:
    both = candidate.date, stored.date
    return all(d is not None and d.precision == "day" for d in both) and bool(
        dates_compatible(candidate.date, stored.date))


def merge_reason(
    candidate: EventCandidate, actors: frozenset[str], document_id: str, stored: StoredEvent,
    counterpart: str | None = None,
) -> str | None:
    """Why the candidate is the stored happening, or None when they must stay apart.
    `counterpart` is the entity of the person the candidate names as its target."""
    if candidate.type != stored.type or not _pair_compatible(candidate, stored):
        return None
    if not _modes_compatible(candidate, stored) or candidate.status != stored.status:
        return None
    same_document = document_id in stored.documents
    what = rule_what(candidate.rule)
    if same_document and what and stored.what and what != stored.what:
        return None  # an arrival and the talks, a protocol and a declaration: two acts
    shared = actors & stored.actors
    if same_document and not _is_happening(candidate):
        return None
    if actors and stored.actors and not shared:
        return None
    if counterpart and stored.actors and counterpart not in stored.actors:
        return None  # "Putin later held talks with Trong": another meeting of the visit
    fit = dates_compatible(candidate.date, stored.date, 0 if same_document else DAY_SLACK)
    if fit is False and not (same_document and shared and _one_trip(candidate, stored)):
        return None
    if not same_document and not _is_happening(candidate) and not _same_day(candidate, stored):
        return None  # a statement recurs often; only its day makes two reports one
    if (candidate.type in DISTINCT_IN_ONE_ARTICLE and not shared
            and not _same_day(candidate, stored)):
        return None  # two arms deals of one month are not one deal
    # "Hanoi" and "Vietnam" name one visit's place at two scales: differing place names
    # part two events only when neither people nor a day-precise date tie them.
    places = candidate.location, stored.location
    if all(places) and places[0] != places[1] and not shared and not _same_day(candidate, stored):
        return None
    if fit is False:
        return "one trip in one article: the same visitors, days apart"
    if fit is True:
        when = candidate.date.value if candidate.date else "?"
        return f"same type, mode and countries; dates agree ({when})" + (
            "; shared actors" if shared else "")
    # Across articles an undated report could be any year's meeting of the same
    # leaders (a 2017 visit and a 2024 summit): only dates that agree join them.
    if not same_document:
        return None
    if shared:
        return "same type, mode, countries and actors in one article; one date unknown"
    if candidate.type in DISTINCT_IN_ONE_ARTICLE:
        return None
    return "same type, mode and countries in one article; one date unknown"


def more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    if len(a.value) == len(b.value):
        return min(a, b, key=lambda d: d.value)  # a happening starts on its earliest day
    return a if len(a.value) > len(b.value) else b
