"""Dated events between two actors, oldest first, each with its sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dyadscope.store.db import Store
from dyadscope.store.export import events as all_events

if TYPE_CHECKING:
    from dyadscope.api import TimelineEntry

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
    """The exported events between the two actors, in export order."""
    return [event for event in all_events(store) if between(event, first, second)]


def timeline_entry(event: dict[str, Any]) -> TimelineEntry:
    from dyadscope.api import TimelineEntry

    return TimelineEntry(
        event_id=event["id"], date=event["date"], type=event["type"],
        status=event["status"], source_country=event["source_country"],
        target_country=event["target_country"], location=event["location"],
        outlets=tuple(event["outlets"]),
        evidence=tuple(e["text"] for e in event["evidence"]),
        corroboration=event["corroboration"],
    )


def chronological(events: list[dict[str, Any]], undated: bool) -> list[TimelineEntry]:
    entries = [timeline_entry(event) for event in events]
    dated = sorted((e for e in entries if e.date), key=lambda e: e.date or "")
    return dated + ([e for e in entries if not e.date] if undated else [])


def dyad_timeline(
    store: Store, first: Actor, second: Actor, undated: bool = False
) -> list[TimelineEntry]:
    return chronological(dyad_events(store, first, second), undated)
