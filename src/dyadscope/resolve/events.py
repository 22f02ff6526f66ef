"""One event per happening: within an article, a report joins a stored event when nothing
tells them apart; across articles, when the scored evidence (data/resolve/links.json)
reaches the threshold and no guard parts them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rapidfuzz import fuzz

from dyadscope.extract.rules import rule_pair, rule_what  # noqa: F401 - shared names
from dyadscope.knowledge import load_json_data
from dyadscope.types import EventCandidate, PartialDate

# Verbal acts repeat within an article as distinct acts; happenings are reported twice.
HAPPENINGS = {"CONSULT", "COOPERATE", "AID", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE",
              "RETREAT", "CONCEDE", "PROTEST"}
# Two arms deals or two projects in one article are often distinct: without people or
# a date to tie them, they stay apart (a second attack on the same country rarely is).
DISTINCT_IN_ONE_ARTICLE = {"AID", "COOPERATE"}
SYMMETRIC_MODES = {"meet", "sign"}
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
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
    days: frozenset[str] = frozenset()  # the day-precision dates its reports give
    published: frozenset[str] = frozenset()  # its documents' publication dates
    rule: str | None = None
    texts: frozenset[str] = frozenset()  # its reports' sentences


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


def _pair_compatible(candidate: EventCandidate, stored: StoredEvent,
                     swappable: frozenset[str] = SYMMETRIC_TYPES) -> bool:
    same = (candidate.source_country, candidate.target_country) == (
        stored.source_country, stored.target_country)
    swapped = (candidate.source_country, candidate.target_country) == (
        stored.target_country, stored.source_country)
    # A meeting or a signing is one happening told from either side; a sanction of A by
    # B and of B by A are two.
    return same or (swapped and (candidate.mode in SYMMETRIC_MODES
                                 or candidate.type in swappable))


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


def merge_verdict(
    candidate: EventCandidate, actors: frozenset[str], document_id: str, stored: StoredEvent,
    counterpart: str | None = None, published: PartialDate | None = None,
    texts: frozenset[str] = frozenset(),
) -> tuple[str, float] | None:
    """Why the candidate is the stored happening and the score of the join, or None when
    they stay apart: across articles the scored link decides, within one article the
    rules of `_within_article` (score 1). `counterpart` is the entity of the person the
    candidate names as its target; `published` its document's publication date; `texts`
    the sentences that report it."""
    if document_id not in stored.documents:
        link = link_score(candidate, actors, stored, counterpart, published, texts)
        if link is None or link.score < settings().threshold:
            return None
        return link.reason(), link.score
    reason = _within_article(candidate, actors, stored, counterpart)
    return (reason, 1.0) if reason else None


def merge_reason(
    candidate: EventCandidate, actors: frozenset[str], document_id: str, stored: StoredEvent,
    counterpart: str | None = None, published: PartialDate | None = None,
) -> str | None:
    """The reason of `merge_verdict`, or None when they must stay apart."""
    verdict = merge_verdict(candidate, actors, document_id, stored, counterpart, published)
    return verdict[0] if verdict else None


def _within_article(candidate: EventCandidate, actors: frozenset[str], stored: StoredEvent,
                    counterpart: str | None) -> str | None:
    """Two sentences of one article tell one happening unless something parts them."""
    if candidate.type != stored.type or not _pair_compatible(candidate, stored):
        return None
    if not _modes_compatible(candidate, stored) or candidate.status != stored.status:
        return None
    what, their_what = _paper(rule_what(candidate.rule)), _paper(stored.what)
    if what and their_what and what != their_what:
        return None  # an arrival and the talks, a protocol and a declaration: two acts
    if not _is_happening(candidate):
        return None  # verbal acts repeat within an article as distinct acts
    shared = actors & stored.actors
    if actors and stored.actors and not shared:
        return None
    if counterpart and stored.actors and counterpart not in stored.actors:
        return None  # "Putin later held talks with Trong": another meeting of the visit
    fit = dates_compatible(candidate.date, stored.date, 0)
    one_paper = bool(what and what == their_what and dates_compatible(
        candidate.date, stored.date))  # "we signed the statement today", told a day later
    if fit is False and not (shared and _one_trip(candidate, stored)) and not one_paper:
        return None
    if (candidate.type in DISTINCT_IN_ONE_ARTICLE and not shared
            and not _same_day(candidate, stored)):
        return None  # two arms deals of one month are not one deal
    # "Hanoi" and "Vietnam" name one visit's place at two scales: differing place names
    # part two events only when neither people nor a day-precise date tie them.
    places = candidate.location, stored.location
    if all(places) and places[0] != places[1] and not shared and not _same_day(candidate, stored):
        return None
    if fit is False:
        return ("one paper signed, dated a day or two apart in one article" if one_paper
                else "one trip in one article: the same visitors, days apart")
    if fit is True:
        when = candidate.date.value if candidate.date else "?"
        return f"same type, mode and countries; dates agree ({when})" + (
            "; shared actors" if shared else "")
    if shared:
        return "same type, mode, countries and actors in one article; one date unknown"
    return "same type, mode and countries in one article; one date unknown"


# ---------------------------------------------------------------- across articles

@dataclass(frozen=True, slots=True)
class LinkSettings:
    """data/resolve/links.json: weights of the evidence that two reports in different
    articles are one happening, in the manner of nomenklatura's matchers (each feature is
    named, weighted and stored with the join), the score a join needs, and the lists the
    features read."""

    threshold: float
    weights: dict[str, float]
    news_cycle_days: int  # days before its publication an undated report's act may fall
    swappable_types: frozenset[str]  # told from either side: "A visited B", "B received A"
    loose_mode_types: frozenset[str]  # reports name the means differently: strikes, shelling
    frequent_types: frozenset[str]  # recur along a front: one day holds several
    frequent_day_share: float
    agreements: frozenset[str]  # an agreement reached is a happening, not a statement
    generic_papers: frozenset[str]  # a signing that names no paper ('the documents')
    paper_kin: dict[str, str]  # one paper by kin words: a joint declaration is a statement
    same_words_ratio: float  # sentences this alike are one agency's copy


@cache
def settings() -> LinkSettings:
    data = load_json_data("resolve/links.json")
    return LinkSettings(
        threshold=float(data["threshold"]), weights=dict(data["weights"]),
        news_cycle_days=int(data["news_cycle_days"]),
        swappable_types=frozenset(data["swappable_types"]),
        loose_mode_types=frozenset(data["loose_mode_types"]),
        frequent_types=frozenset(data["frequent_types"]),
        frequent_day_share=float(data["frequent_day_share"]),
        agreements=frozenset(data["agreements"]),
        generic_papers=frozenset(data["generic_papers"]), paper_kin=dict(data["paper_kin"]),
        same_words_ratio=float(data["same_words_ratio"]),
    )


@dataclass(frozen=True, slots=True)
class Link:
    features: tuple[tuple[str, float], ...]

    @property
    def score(self) -> float:
        return sum(weight for _, weight in self.features)

    def reason(self) -> str:
        shown = ", ".join(f"{name} {weight:+g}" for name, weight in self.features)
        return f"link score {self.score:g} >= {settings().threshold:g}: {shown}"


def link_score(
    candidate: EventCandidate, actors: frozenset[str], stored: StoredEvent,
    counterpart: str | None = None, published: PartialDate | None = None,
    texts: frozenset[str] = frozenset(),
) -> Link | None:
    """The scored evidence that a report in another article is the stored happening, or
    None when a guard parts them: another type, country pair or status; another
    counterpart at a meeting; another document signed; dates that cannot be one day."""
    config = settings()
    weights = config.weights
    if candidate.type != stored.type:
        return None
    statuses = {candidate.status, stored.status}
    if len(statuses) > 1 and statuses != {"occurred", "ongoing"}:
        return None  # a planned visit and a visit: told at two times, kept apart
    if not _pair_compatible(candidate, stored, config.swappable_types):
        return None
    if candidate.type == "CONSULT" and counterpart and stored.actors and (
            counterpart not in stored.actors):
        return None  # "Putin later held talks with Trong": another meeting of the visit
    features: list[tuple[str, float]] = []
    when = _date_feature(candidate, stored, published)
    if when is None:
        return None
    if candidate.type in config.frequent_types and when[0] in ("same_day", "near_day"):
        when = (when[0], when[1] * config.frequent_day_share)
    features.append(when)
    if when[0] in ("same_month", "same_year") and _same_coverage(published, stored.published):
        # articles of one week that date an act only to its month or year tell of the
        # same deal or war as background
        features.append(("same_coverage", weights["same_coverage"]))
    if not _is_happening(candidate) and when[0] != "same_day" and when[0] != "near_day":
        return None  # a statement recurs often; only its day makes two reports one
    if len(statuses) > 1:
        features.append(("ongoing", weights["ongoing"]))
    what, their_what = (_paper(w) for w in (rule_what(candidate.rule), stored.what))
    modes = candidate.mode, stored.mode
    if all(modes) and modes[0] != modes[1]:
        if candidate.type not in config.loose_mode_types and candidate.type != "CONSULT":
            return None
        features.append(("other_mode", weights["other_mode"]))
    elif all(modes):
        features.append(("same_mode", weights["same_mode"]))
    if actors and stored.actors:
        shared = bool(actors & stored.actors)
        features.append(("shared_people", weights["shared_people"]) if shared
                        else ("other_people", weights["other_people"]))
    places = candidate.location, stored.location
    if all(places):
        features.append(("same_place", weights["same_place"]) if places[0] == places[1]
                        else ("other_place", weights["other_place"]))
    if candidate.mode == "sign" and what and their_what:
        if what != their_what:
            return None  # a joint statement and a trade protocol: two papers, two signings
        features.append(("same_object", weights["same_object"]))
    if texts and stored.texts and max(
            fuzz.ratio(mine, theirs) for mine in texts for theirs in stored.texts
    ) >= 100 * config.same_words_ratio:
        features.append(("same_words", weights["same_words"]))  # wire copy, reprinted
    if candidate.type in config.frequent_types:
        pass  # clashes and raids recur daily along a front: the day alone is weak
    elif _is_happening(candidate) or candidate.type in config.agreements:
        features.append(("happening", weights["happening"]))
    else:
        features.append(("statement", weights["statement"]))
    return Link(tuple(features))


def _same_coverage(published: PartialDate | None, theirs: frozenset[str]) -> bool:
    if published is None or published.precision != "day":
        return False
    day = _as_date(published)
    cycle = settings().news_cycle_days
    return any(abs((_as_date(PartialDate(p, "day")) - day).days) <= cycle
               for p in theirs if len(p) == 10)


def _paper(what: str | None) -> str | None:
    """The kind of paper a signing names, or None when it names none."""
    if what is None or what in settings().generic_papers:
        return None
    return settings().paper_kin.get(what, what)


def _date_feature(candidate: EventCandidate, stored: StoredEvent,
                  published: PartialDate | None) -> tuple[str, float] | None:
    """How the dates of two reports agree, at each one's own precision; None when they
    cannot be one happening. An undated report of an act is placed in the news cycle
    before its article's publication."""
    mine, theirs = candidate.date, stored.date
    if mine is not None and theirs is not None:
        if mine.precision == "day" and (days := stored.days | (
                {theirs.value} if theirs.precision == "day" else set())):
            gaps = [abs((_as_date(mine) - _as_date(PartialDate(d, "day"))).days) for d in days]
            if max(gaps) > DAY_SLACK:
                return None  # no happening holds two days that far apart
            return ("same_day", settings().weights["same_day"]) if max(gaps) == 0 else (
                "near_day", settings().weights["near_day"])
        if not dates_compatible(mine, theirs):
            return None
        coarse = min(len(mine.value), len(theirs.value))
        if coarse < 7:
            return ("same_year", settings().weights["same_year"])
        # a month holds several arms deals or projects between two states
        many = candidate.type in DISTINCT_IN_ONE_ARTICLE
        return ("same_month", settings().weights["same_month"] / (2 if many else 1))
    if candidate.status == stored.status == "ongoing" and (mine is None or theirs is None):
        # "the US remains Taiwan's main arms supplier": one standing relation, whenever told
        return ("standing", settings().weights["standing"])
    mine_window = _window(mine, {published.value} if published else set())
    their_window = _window(theirs, set(stored.published))
    if mine_window is None or their_window is None:
        return None
    if mine_window[0] > their_window[1] or their_window[0] > mine_window[1]:
        return None
    if mine is None and theirs is None and mine_window == their_window:
        return ("news_day", settings().weights["news_day"])  # undated both, published the same day
    return ("news_cycle", settings().weights["news_cycle"])


def _window(when: PartialDate | None, published: set[str]) -> tuple[date, date] | None:
    """The days a report's act may fall on: its own date's period, else the news cycle
    before its article's publication (the earliest of its articles)."""
    if when is not None:
        first = _as_date(when)
        if when.precision == "day":
            return first, first
        if when.precision == "month":
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return first, date(first.year, 12, 31)
    days = [_as_date(PartialDate(p, "day")) for p in published if len(p) == 10]
    if not days:
        return None
    last = min(days)
    return last - timedelta(days=settings().news_cycle_days), last


def more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    if len(a.value) == len(b.value):
        return min(a, b, key=lambda d: d.value)  # a happening starts on its earliest day
    return a if len(a.value) > len(b.value) else b
