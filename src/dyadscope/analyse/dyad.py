"""One relationship in depth: timeline, counts and index per period, people, agreements, arms.

The cooperation–conflict index of a period is the mean and the sum of its events' PLOVER
scores (-10 = most conflictual, +10 = most cooperative). An event's score is the one stored
with it; an event stored without one gets its type's score plus its mode's adjustment from
`data/lexicons/plover.json`. Negated events ("did not sign") are counted by type but left
out of the index: a reported non-happening is neither cooperation nor conflict.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from dyadscope.analyse.timeline import Actor, chronological, dyad_events, participants
from dyadscope.knowledge import load_json_data
from dyadscope.store import reads
from dyadscope.store.db import Store
from dyadscope.types import TimelineEntry

Granularity = Literal["month", "year"]
GRANULARITIES: tuple[str, ...] = ("month", "year")
TOP_PEOPLE = 5
SCORE_RANGE = (-10.0, 10.0)
# AGREE modes that report a proposal or readiness, not a concluded agreement.
PROPOSAL_MODES = frozenset({"offer", "intent"})
ARMS_CONTEXT = "military"
# A count belongs to a weapon system when at most this many characters separate them.
COUNT_GAP = 40
CLAUSE_BREAK = re.compile(r"[.;:]")


@dataclass(frozen=True)
class Period:
    period: str
    events: int
    counts: dict[str, int]
    scored: int
    score_sum: float
    score_mean: float | None
    # the index of acts between the two states (governments, forces, police, courts)
    # apart from acts that involve citizens, firms, opposition or armed groups
    state_mean: float | None = None
    people_events: int = 0


@dataclass(frozen=True)
class Person:
    side: str
    entity_id: str
    name: str
    country: str | None
    roles: tuple[str, ...]
    events: int


@dataclass(frozen=True)
class Agreement:
    event_id: str
    date: str | None
    type: str
    status: str
    source_country: str | None
    target_country: str | None
    document: str | None
    signatories: tuple[str, ...]
    evidence: str
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class ArmsTransfer:
    event_id: str
    supplier: str | None
    recipient: str | None
    system: str | None
    quantity: float | None
    year: int | None
    reported: str | None
    status: str
    evidence: str
    outlet: str
    document: str


@dataclass(frozen=True)
class Dyad:
    a: str
    b: str
    a_countries: tuple[str, ...]
    b_countries: tuple[str, ...]
    by: str
    events: int
    undated: int
    score_sum: float
    score_mean: float | None
    state_mean: float | None
    people_events: int
    timeline: tuple[TimelineEntry, ...]
    periods: tuple[Period, ...]
    people: tuple[Person, ...]
    agreements: tuple[Agreement, ...]
    arms_transfers: tuple[ArmsTransfer, ...]


@cache
def plover_table() -> dict[str, Any]:
    return load_json_data("lexicons/plover.json")


def event_score(event: dict[str, Any]) -> float:
    if event.get("score") is not None:
        value = float(event["score"])
    else:
        table = plover_table()
        value = float(table["types"].get(event["type"], {}).get("score", 0.0))
        value += float(table.get("mode_adjust", {}).get(event.get("mode") or "", 0.0))
    low, high = SCORE_RANGE
    return max(low, min(high, value))


def index_of(events: list[dict[str, Any]]) -> tuple[int, float, float | None]:
    """(events scored, score sum, mean score) over the events that are not negated."""
    scores = [event_score(e) for e in events if e["status"] != "negated"]
    total = round(sum(scores), 2)
    return len(scores), total, (round(total / len(scores), 2) if scores else None)


def period_of(date: str | None, by: str) -> str | None:
    """`2024-12` or `2024`; in month mode a date known only to the year stays `2024`."""
    if not date:
        return None
    return date[:7] if by == "month" else date[:4]


# CAMEO agent sectors that act for the state; a side with no sector is the state itself.
# CAMEO sectors whose agents act for their state (lexicons/actors.json)
STATE_SECTORS = frozenset(load_json_data("lexicons/actors.json")["state_sectors"])


def between_states(event: dict[str, Any]) -> bool:
    return all(event.get(side) in STATE_SECTORS | {None}
               for side in ("source_sector", "target_sector"))


def summarise(period: str, events: list[dict[str, Any]]) -> Period:
    scored, total, mean = index_of(events)
    counts = dict(sorted(Counter(e["type"] for e in events).items()))
    state = [e for e in events if between_states(e)]
    return Period(period, len(events), counts, scored, total, mean,
                  index_of(state)[2], len(events) - len(state))


def periods_of(events: list[dict[str, Any]], by: str) -> tuple[Period, ...]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        key = period_of(event["date"], by)
        if key:
            grouped[key].append(event)
    return tuple(summarise(key, grouped[key]) for key in sorted(grouped))


def people_rows(store: Store) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in reads.people(store)}


def role_titles(store: Store) -> dict[str, tuple[str, ...]]:
    titles: dict[str, list[str]] = defaultdict(list)
    for row in reads.role_titles(store):
        if row["title"] not in titles[row["entity_id"]]:
            titles[row["entity_id"]].append(row["title"])
    return {entity: tuple(found) for entity, found in titles.items()}


def side_countries(actor: Actor, people: dict[str, dict[str, Any]]) -> set[str]:
    """The actor's countries; for a person, the person's country."""
    codes, ids = actor
    return set(codes) | {people[i]["country"] for i in ids if i in people and people[i]["country"]}


def side_of(person: dict[str, Any], actor: Actor, countries: set[str]) -> bool:
    return person["id"] in actor[1] or person["country"] in countries


def top_people(
    store: Store, events: list[dict[str, Any]], sides: list[tuple[str, Actor]]
) -> tuple[Person, ...]:
    people = people_rows(store)
    roles = role_titles(store)
    involvement = Counter(p for event in events for p in participants(event) if p in people)
    found: list[Person] = []
    taken: set[str] = set()
    for label, actor in sides:
        countries = side_countries(actor, people)
        members = [
            p for p in involvement if p not in taken and side_of(people[p], actor, countries)
        ]
        members.sort(key=lambda p: (-involvement[p], people[p]["name"]))
        for entity in members[:TOP_PEOPLE]:
            row = people[entity]
            found.append(Person(label, entity, row["name"], row["country"],
                                roles.get(entity, ()), involvement[entity]))
        taken.update(members)
    return tuple(found)


@cache
def document_words() -> re.Pattern[str]:
    """Words that name a written agreement: the event lexicon's &AGREEMENT class."""
    phrases = load_json_data("lexicons/event_words.json")["synsets"]["&AGREEMENT"]
    words = sorted({p for p in phrases if not p.startswith("%")}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


NAME_LEAD = re.compile(
    r".*\b((?:an?|the|its|their|\d+|several|two|three|four)\s+(?:[\w-]+\s+){0,4})$",
    re.IGNORECASE | re.DOTALL,
)
NAME_TAIL = re.compile(r"\s+(?:on|of|for|between|about|to)\b[^,.;:()\"“”]*")
NAME_STOP = re.compile(
    r"\s+(?:(?:which|that|after|at|during|was|were|is|are|will|who|with)\b|in\s+(?=[A-Z]))"
)
NAME_WORDS = 14


def agreement_name(text: str) -> str | None:
    """The agreement as the sentence names it: `a protocol on defence cooperation`."""
    match = document_words().search(text)
    if match is None:
        return None
    lead = NAME_LEAD.match(text[: match.start()])
    start = match.start() - len(lead.group(1)) if lead else match.start()
    tail = NAME_TAIL.match(text, match.end())
    end = tail.end() if tail else match.end()
    name = NAME_STOP.split(text[start:end], maxsplit=1)[0]
    return " ".join(name.split()[:NAME_WORDS])


def is_agreement(event: dict[str, Any]) -> bool:
    if event["status"] == "negated":
        return False
    if event["type"] == "SUPPORT" and event["mode"] == "sign":
        return True
    if event["type"] != "AGREE" or event["mode"] in PROPOSAL_MODES:
        return False
    return any(document_words().search(item["text"]) for item in event["evidence"])


def agreement(event: dict[str, Any], people: dict[str, dict[str, Any]]) -> Agreement:
    evidence = next(
        (item["text"] for item in event["evidence"] if document_words().search(item["text"])),
        event["evidence"][0]["text"] if event["evidence"] else "",
    )
    signatories = sorted(people[p]["name"] for p in participants(event) if p in people)
    return Agreement(
        event["id"], event["date"], event["type"], event["status"], event["source_country"],
        event["target_country"], agreement_name(evidence), tuple(signatories), evidence,
        tuple(event["outlets"]),
    )


def agreements(store: Store, events: list[dict[str, Any]]) -> tuple[Agreement, ...]:
    people = people_rows(store)
    found = [agreement(event, people) for event in events if is_agreement(event)]
    return tuple(sorted(found, key=lambda a: (a.date is None, a.date or "", a.event_id)))


def is_arms_transfer(event: dict[str, Any]) -> bool:
    military = event["mode"] == ARMS_CONTEXT or event["context"] == ARMS_CONTEXT
    return event["type"] == "AID" and military and event["status"] != "negated"


def weapons_in(store: Store, item: dict[str, Any]) -> list[dict[str, Any]]:
    return reads.weapons_in(store, item["document"], item["start"], item["end"])


def text_between(item: dict[str, Any], start: int, end: int) -> str | None:
    """The evidence text between two document offsets, if both fall inside it."""
    if not item["start"] <= start <= end <= item["end"]:
        return None
    return item["text"][start - item["start"] : end - item["start"]]


def count_before(
    quantities: list[dict[str, Any]], item: dict[str, Any], weapon: dict[str, Any]
) -> float | None:
    """The count right before the system's name in the same sentence (`12 Su-30MK2`)."""
    for quantity in quantities:
        if quantity["document"] != item["document"] or quantity["unit"] is not None:
            continue
        gap = text_between(item, quantity["end"], weapon["start"])
        if gap is None or quantity["value"] is None:
            continue
        if len(gap) <= COUNT_GAP and not CLAUSE_BREAK.search(gap):
            return float(quantity["value"])
    return None


def published_dates(store: Store) -> dict[str, str | None]:
    return reads.published(store)


def transfer(
    event: dict[str, Any], item: dict[str, Any], system: str | None, quantity: float | None,
    published: dict[str, str | None],
) -> ArmsTransfer:
    return ArmsTransfer(
        event["id"], event["source_country"], event["target_country"], system, quantity,
        int(event["date"][:4]) if event["date"] else None, published.get(item["document"]),
        event["status"], item["text"], item["outlet"] or item["source"], item["document"],
    )


def event_transfers(
    store: Store, event: dict[str, Any], published: dict[str, str | None]
) -> list[ArmsTransfer]:
    rows: dict[str, ArmsTransfer] = {}
    for item in event["evidence"]:
        for weapon in weapons_in(store, item):
            if weapon["name"] not in rows:
                quantity = count_before(event["quantities"], item, weapon)
                rows[weapon["name"]] = transfer(event, item, weapon["name"], quantity, published)
    if not rows and event["evidence"]:
        return [transfer(event, event["evidence"][0], None, None, published)]
    return list(rows.values())


def arms_transfers(store: Store, events: list[dict[str, Any]]) -> tuple[ArmsTransfer, ...]:
    published = published_dates(store)
    found = [
        row for event in events if is_arms_transfer(event)
        for row in event_transfers(store, event, published)
    ]
    return tuple(sorted(found, key=lambda t: (t.year is None, t.year or 0, t.system or "")))


def analyse_dyad(
    store: Store, first: tuple[str, Actor], second: tuple[str, Actor], by: str = "year"
) -> Dyad:
    events = dyad_events(store, first[1], second[1])
    people = people_rows(store)
    scored_sum, mean = index_of(events)[1:]
    return Dyad(
        a=first[0], b=second[0],
        a_countries=tuple(sorted(side_countries(first[1], people))),
        b_countries=tuple(sorted(side_countries(second[1], people))),
        by=by, events=len(events), undated=sum(1 for e in events if not e["date"]),
        score_sum=scored_sum, score_mean=mean,
        state_mean=index_of([e for e in events if between_states(e)])[2],
        people_events=sum(1 for e in events if not between_states(e)),
        timeline=tuple(chronological(events, undated=True)),
        periods=periods_of(events, by),
        people=top_people(store, events, [first, second]),
        agreements=agreements(store, events),
        arms_transfers=arms_transfers(store, events),
    )
