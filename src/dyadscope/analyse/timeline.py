"""Dated events between two actors, oldest first, each with its sources."""

from __future__ import annotations

from dyadscope.store.db import Store
from dyadscope.store.export import events as all_events

Actor = tuple[set[str], set[str]]


def _is(actor: Actor, country: str | None, people: set[str]) -> bool:
    codes, ids = actor
    return (country in codes) or bool(ids & people)


def between(event: dict, first: Actor, second: Actor) -> bool:
    people = set(event["actors"]) | {event["source"], event["target"]} - {None}
    src, tgt = event["source_country"], event["target_country"]
    src_people = people if not first[1] else people & first[1]
    forward = _is(first, src, src_people) and _is(second, tgt, people)
    backward = _is(second, src, people) and _is(first, tgt, people)
    return forward or backward


def dyad_timeline(store: Store, first: Actor, second: Actor, undated: bool = False) -> list:
    from dyadscope.api import TimelineEntry

    entries = []
    for event in all_events(store):
        if not between(event, first, second):
            continue
        entries.append(TimelineEntry(
            event_id=event["id"], date=event["date"], type=event["type"],
            status=event["status"], source_country=event["source_country"],
            target_country=event["target_country"], location=event["location"],
            outlets=tuple(event["outlets"]),
            evidence=tuple(e["text"] for e in event["evidence"]),
            corroboration=event["corroboration"],
        ))
    dated = sorted((e for e in entries if e.date), key=lambda e: e.date)
    return dated + ([e for e in entries if not e.date] if undated else [])
