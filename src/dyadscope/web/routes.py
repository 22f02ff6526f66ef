"""The JSON endpoints under /api; each request opens its own read-only connection."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from dyadscope import api
from dyadscope.errors import DyadscopeError
from dyadscope.store import export
from dyadscope.store.db import Store
from dyadscope.web import queries

router = APIRouter()
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    with Store(request.app.state.db, readonly=True) as store:
        yield store


def fold(text: str) -> str:
    """Case- and accent-insensitive form for substring search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def in_range(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether a partial ISO date can fall within [start, end] (both partial, inclusive)."""
    if start is None and end is None:
        return True
    if date is None:
        return False
    after = start is None or date >= start or start.startswith(date)
    before = end is None or date[: len(end)] <= end
    return after and before


def named(event: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """An exported event with the names of its source, target and people."""
    return {
        **event,
        "source_name": names.get(event["source"]) or event["source_country"],
        "target_name": names.get(event["target"]) or event["target_country"],
        "actor_names": [names.get(a, a) for a in event["actors"]],
    }


def takes_part(event: dict[str, Any], entity_id: str) -> bool:
    return entity_id in event["actors"] or entity_id in (event["source"], event["target"])


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    with reading(request) as store:
        return {"counts": store.counts(), **queries.breakdown(store)}


@router.get("/documents")
def documents(request: Request) -> list[dict[str, Any]]:
    with reading(request) as store:
        return queries.document_list(store)


@router.get("/documents/{document_id}")
def document(request: Request, document_id: str) -> dict[str, Any]:
    with reading(request) as store:
        found = queries.document(store, document_id)
        if found is None:
            raise HTTPException(404, f"no document {document_id!r}")
        found["mentions"] = queries.document_mentions(store, document_id)
        found["evidence"] = queries.document_evidence(store, document_id)
        return found


@router.get("/entities")
def entities(
    request: Request,
    type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORG, ...")] = None,
    q: Annotated[str | None, Query(description="part of a name or alias")] = None,
) -> list[dict[str, Any]]:
    with reading(request) as store:
        found = export.entities(store)
    if type:
        found = [e for e in found if e["type"] == type.upper()]
    if q:
        wanted = fold(q)
        found = [e for e in found if any(wanted in fold(n) for n in [e["name"], *e["aliases"]])]
    return [{k: v for k, v in e.items() if k != "merges"} for e in found]


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    with reading(request) as store:
        everyone = export.entities(store)
        found = next((e for e in everyone if e["id"] == entity_id), None)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        names = {e["id"]: e["name"] for e in everyone}
        events = [named(e, names) for e in export.events(store) if takes_part(e, entity_id)]
    return {**found, "events": events}


@router.get("/events")
def events(
    request: Request,
    country: Annotated[str | None, Query(description="ISO alpha-3, source or target")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT")] = None,
    status: Annotated[str | None, Query()] = None,
    entity: Annotated[str | None, Query(description="an entity id taking part")] = None,
    start: Annotated[str | None, Query(alias="from", pattern=PARTIAL_DATE)] = None,
    end: Annotated[str | None, Query(alias="to", pattern=PARTIAL_DATE)] = None,
) -> list[dict[str, Any]]:
    with reading(request) as store:
        names = {e["id"]: e["name"] for e in export.entities(store)}
        found = export.events(store)
    code = country.upper() if country else None
    return [
        named(e, names) for e in found
        if (code is None or code in (e["source_country"], e["target_country"]))
        and (type is None or e["type"] == type.upper())
        and (status is None or e["status"] == status.lower())
        and (entity is None or takes_part(e, entity))
        and in_range(e["date"], start, end)
    ]


@router.get("/timeline")
def timeline(
    request: Request, a: str, b: str, undated: bool = False,
) -> dict[str, Any]:
    db: Path = request.app.state.db
    try:
        entries = api.timeline(db, a, b, undated=undated)
    except DyadscopeError as error:
        raise HTTPException(404, error.reason) from None
    with reading(request) as store:
        names = {e["id"]: e["name"] for e in export.entities(store)}
        wanted = {entry.event_id for entry in entries}
        by_id = {e["id"]: e for e in export.events(store) if e["id"] in wanted}
    rows = []
    for entry in entries:
        event = named(by_id[entry.event_id], names)
        rows.append({
            **asdict(entry),
            "source": event["source"], "target": event["target"],
            "source_name": event["source_name"], "target_name": event["target_name"],
            "actor_names": event["actor_names"],
            "evidence": [
                {k: item[k] for k in ("document", "start", "end", "text", "outlet", "source")}
                for item in event["evidence"]
            ],
        })
    return {"a": a, "b": b, "events": rows}
