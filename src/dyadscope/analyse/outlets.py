"""Which outlets reported which events, and where the reports of one event disagree.

Three kinds of disagreement, each between documents that are evidence of the same event:

- date: every piece of evidence keeps the date resolved in its own document; a
  document's claim is its most precise one, and two claims disagree unless one is a
  prefix of the other (`2024-12` agrees with `2024-12-17`).
- number: quantities of the same unit and kind inside the evidence differ.
- name: one person is written with different spellings: the name tokens (titles
  dropped, accents folded) of one document are not a subset of the other's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

from dyadscope import knowledge as knowledge_module
from dyadscope.analyse.timeline import Actor, participants
from dyadscope.knowledge.names import normalize_name
from dyadscope.store import queries, reads
from dyadscope.store.db import Store
from dyadscope.store.queries import EventFilter, Page


@dataclass(frozen=True)
class EventOutlets:
    event_id: str
    date: str | None
    type: str
    source_country: str | None
    target_country: str | None
    outlets: tuple[str, ...]
    documents: int
    joins: tuple[str, ...] = ()  # why reports of other articles joined it: score, features


@dataclass(frozen=True)
class OutletSummary:
    outlet: str
    documents: int
    events: int
    shared: int
    exclusive: int


@dataclass(frozen=True)
class Claim:
    value: str
    document: str
    outlet: str
    published: str | None
    evidence: str


@dataclass(frozen=True)
class Disagreement:
    event_id: str
    date: str | None
    type: str
    kind: str
    subject: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class OutletReport:
    outlets: tuple[OutletSummary, ...]
    events: tuple[EventOutlets, ...]
    disagreements: tuple[Disagreement, ...]

    def matrix(self) -> dict[str, tuple[str, ...]]:
        """Outlet to the ids of the events it reported."""
        found: dict[str, list[str]] = defaultdict(list)
        for event in self.events:
            for outlet in event.outlets:
                found[outlet].append(event.event_id)
        return {outlet: tuple(ids) for outlet, ids in sorted(found.items())}


def outlet_of(item: dict[str, Any]) -> str:
    return item["outlet"] or item["source"]


@dataclass(frozen=True)
class Context:
    """What the comparisons look up besides the event itself."""

    dates: dict[tuple[str, str, int], str]
    published: dict[str, str | None]
    people: dict[str, str]


def claim(value: str, item: dict[str, Any], context: Context) -> Claim:
    document = item["document"]
    return Claim(value, document, outlet_of(item), context.published.get(document), item["text"])


def by_document(event: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in event["evidence"]:
        grouped[item["document"]].append(item)
    return grouped


def event_outlets(event: dict[str, Any]) -> EventOutlets:
    return EventOutlets(
        event["id"], event["date"], event["type"], event["source_country"],
        event["target_country"], tuple(event["outlets"]), event["corroboration"],
        tuple(sorted({link["reason"] for link in event.get("links", [])
                      if link["reason"].startswith("link score")})) + tuple(
            f"one happening with {event['happening']}: {event['happening_reason']}"
            for _ in [0] if event.get("happening_reason")),
    )


def summaries(events: list[dict[str, Any]]) -> tuple[OutletSummary, ...]:
    documents: dict[str, set[str]] = defaultdict(set)
    reported: dict[str, set[str]] = defaultdict(set)
    for event in events:
        for item in event["evidence"]:
            documents[outlet_of(item)].add(item["document"])
            reported[outlet_of(item)].add(event["id"])
    outlets_of = {e["id"]: set(e["outlets"]) for e in events}
    rows = []
    for outlet, ids in reported.items():
        shared = sum(1 for i in ids if len(outlets_of[i]) > 1)
        rows.append(OutletSummary(outlet, len(documents[outlet]), len(ids), shared,
                                  len(ids) - shared))
    return tuple(sorted(rows, key=lambda r: (-r.events, r.outlet)))


def evidence_dates(store: Store) -> dict[tuple[str, str, int], str]:
    """(event, document, start) to the date that document gave the event."""
    return {
        (row["event_id"], row["document_id"], row["start"]): row["date"]
        for row in reads.evidence_dates(store)
        if row["date"]
    }


def compatible(first: str, second: str) -> bool:
    return first.startswith(second) or second.startswith(first)


def conflicting(values: list[str]) -> bool:
    return any(not compatible(a, b) for a, b in combinations(set(values), 2))


def date_claims(event: dict[str, Any], context: Context) -> list[Claim]:
    claims = []
    for document, items in by_document(event).items():
        keys = [(event["id"], document, item["start"]) for item in items]
        dated = [(context.dates[k], i) for k, i in zip(keys, items, strict=True)
                 if k in context.dates]
        if dated:
            value, item = max(dated, key=lambda pair: len(pair[0]))
            claims.append(claim(value, item, context))
    return claims


def date_disagreements(event: dict[str, Any], context: Context) -> list[Disagreement]:
    claims = date_claims(event, context)
    if not conflicting([c.value for c in claims]):
        return []
    return [disagreement(event, "date", "date", claims)]


def disagreement(
    event: dict[str, Any], kind: str, subject: str, claims: list[Claim]
) -> Disagreement:
    ordered = tuple(sorted(claims, key=lambda c: (c.value, c.outlet)))
    return Disagreement(event["id"], event["date"], event["type"], kind, subject, ordered)


def containing(event: dict[str, Any], document: str, start: int) -> dict[str, Any]:
    items = by_document(event)[document]
    return next((i for i in items if i["start"] <= start < i["end"]), items[0])


def number_disagreements(event: dict[str, Any], context: Context) -> list[Disagreement]:
    grouped: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list))
    for quantity in event["quantities"]:
        kind = (quantity["unit"] or "count", quantity["what"] or "")
        grouped[kind][quantity["document"]].append(quantity)
    found = []
    for (unit, what), per_document in sorted(grouped.items()):
        values = {d: tuple(sorted(q["value"] for q in qs)) for d, qs in per_document.items()}
        if len(values) < 2 or len(set(values.values())) < 2:
            continue
        claims = [number_claim(event, quantities, context)
                  for quantities in per_document.values()]
        found.append(disagreement(event, "number", f"{what} ({unit})".strip(), claims))
    return found


def number_claim(
    event: dict[str, Any], quantities: list[dict[str, Any]], context: Context
) -> Claim:
    item = containing(event, quantities[0]["document"], quantities[0]["start"])
    value = ", ".join(q["text"] for q in sorted(quantities, key=lambda q: q["start"]))
    return claim(value, item, context)


@cache
def title_words() -> frozenset[str]:
    patterns = [title["pattern"] for title in knowledge_module.load().titles]
    return frozenset(word for pattern in patterns for word in normalize_name(pattern).split())


def name_tokens(text: str) -> frozenset[str]:
    return frozenset(t for t in normalize_name(text).split() if t not in title_words())


def spellings(store: Store, entity: str, documents: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in reads.spellings(store, entity, documents):
        if name_tokens(row["text"]):
            found[row["document_id"]].append(row["text"])
    return found


def spelled_apart(first: list[str], second: list[str]) -> bool:
    left = frozenset().union(*map(name_tokens, first))
    right = frozenset().union(*map(name_tokens, second))
    return not (left <= right or right <= left)


def name_disagreements(
    store: Store, event: dict[str, Any], context: Context
) -> list[Disagreement]:
    documents = sorted(by_document(event))
    found = []
    for entity in sorted(p for p in participants(event) if p in context.people):
        forms = spellings(store, entity, documents)
        if not any(spelled_apart(forms[a], forms[b]) for a, b in combinations(forms, 2)):
            continue
        claims = [name_claim(event, document, texts, context)
                  for document, texts in forms.items()]
        found.append(disagreement(event, "name", context.people[entity], claims))
    return found


def name_claim(
    event: dict[str, Any], document: str, texts: list[str], context: Context
) -> Claim:
    """The document's fullest spelling: most name tokens, fewest title words."""
    fullest = max(texts, key=lambda t: (len(name_tokens(t)), -len(t)))
    return claim(fullest, by_document(event)[document][0], context)


def disagreements_of(
    store: Store, event: dict[str, Any], context: Context
) -> list[Disagreement]:
    if event["corroboration"] < 2:
        return []
    return (date_disagreements(event, context) + number_disagreements(event, context)
            + name_disagreements(store, event, context))


def compare_outlets(store: Store, pair: tuple[Actor, Actor] | None = None) -> OutletReport:
    events = queries.event_page(store, EventFilter(dyad=pair), Page())[0]
    context = Context(
        dates=evidence_dates(store),
        published=reads.published(store),
        people={r["id"]: r["name"] for r in reads.people(store)},
    )
    found = [d for e in events for d in disagreements_of(store, e, context)]
    return OutletReport(summaries(events), tuple(event_outlets(e) for e in events), tuple(found))
