"""Dated events between two actors, oldest first, each with its sources."""

from __future__ import annotations

from typing import Any

from dyadscope.store import queries
from dyadscope.store.db import Store
from dyadscope.store.queries import EventFilter, Page
from dyadscope.types import TimelineEntry

Actor = tuple[set[str], set[str]]


def _is(actor: Actor, country: str | None, people: set[str]) -> bool:
    codes, ids = actor
    return (country in codes) or bool(ids & people)


def participants(event: dict[str, Any]) -> set[str]:
    """The entity ids an event names: its actors, source and target."""
    return (set(event["actors"]) | {event["source"], event["target"]}) - {None}


def between(event: dict, first: Actor, second: Actor) -> bool:
    people = participants(event)
    src, tgt = event["source_country"], event["target_country"]
    src_people = people if not first[1] else people & first[1]
    forward = _is(first, src, src_people) and _is(second, tgt, people)
    backward = _is(second, src, people) and _is(first, tgt, people)
    return forward or backward


def dyad_events(store: Store, first: Actor, second: Actor) -> list[dict[str, Any]]:
    """The events between the two actors (the database filters them), oldest first."""
    return queries.event_page(store, EventFilter(dyad=(first, second)), Page())[0]


def timeline_entry(events: list[dict[str, Any]]) -> TimelineEntry:
    """One happening: the events that tell it (one per type and country pair), led by the
    one most articles report; its outlets and reports are those of all of them."""
    lead = min(events, key=lambda e: (-e["corroboration"], e["date"] is None, e["id"]))
    evidence = [item for event in events for item in event["evidence"]]
    dates = sorted(e["date"] for e in events if e["date"])
    return TimelineEntry(
        event_id=lead["id"], date=lead["date"] or (dates[0] if dates else None),
        type=lead["type"], status=lead["status"], source_country=lead["source_country"],
        target_country=lead["target_country"], location=lead["location"],
        outlets=tuple(sorted({o for event in events for o in event["outlets"]})),
        evidence=tuple(dict.fromkeys(e["text"] for e in evidence)),
        corroboration=len({e["document"] for e in evidence}),
        happening=lead.get("happening") or lead["id"],
        events=tuple(e["id"] for e in events),
        types=tuple(dict.fromkeys(e["type"] for e in [lead, *events])),
    )


def chronological(events: list[dict[str, Any]], undated: bool,
                  by_happening: bool = True) -> list[TimelineEntry]:
    """One entry per happening (or per event), oldest first; undated ones last when asked
    for."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        key = (event.get("happening") or event["id"]) if by_happening else event["id"]
        grouped.setdefault(key, []).append(event)
    entries = [timeline_entry(members) for members in grouped.values()]
    dated = sorted((e for e in entries if e.date), key=lambda e: e.date or "")
    return dated + ([e for e in entries if not e.date] if undated else [])


def dyad_timeline(
    store: Store, first: Actor, second: Actor, undated: bool = False,
    by_happening: bool = True,
) -> list[TimelineEntry]:
    return chronological(dyad_events(store, first, second), undated, by_happening)
