"""The JSON endpoints under /api; each request opens its own read-only connection.

Filtering and paging happen in SQL (`queries`); lists that page say their full length in the
X-Total-Count header.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from dyadscope.analyse.actors import find_actor
from dyadscope.store import queries
from dyadscope.store.db import Store
from dyadscope.store.queries import EventFilter, Page

router = APIRouter()
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@contextmanager
def reading(request: Request) -> Iterator[Store]:
    with Store(request.app.state.db, readonly=True) as store:
        yield store


def in_range(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether a partial ISO date can fall within [start, end] (both partial, inclusive).

    The reference for the SQL in `queries._dates`.
    """
    if start is None and end is None:
        return True
    if date is None:
        return False
    after = start is None or date >= start or start.startswith(date)
    before = end is None or date[: len(end)] <= end
    return after and before


def paging(
    limit: Annotated[int | None, Query(ge=1, le=10_000, description="at most this many")] = None,
    offset: Annotated[int, Query(ge=0, description="skip this many first")] = 0,
) -> Page:
    return Page(limit, offset)


def common_filter(
    type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT")] = None,
    status: Annotated[str | None, Query()] = None,
    start: Annotated[str | None, Query(alias="from", pattern=PARTIAL_DATE)] = None,
    end: Annotated[str | None, Query(alias="to", pattern=PARTIAL_DATE)] = None,
    q: Annotated[str | None, Query(description="part of the evidence or an actor's name")] = None,
) -> EventFilter:
    return EventFilter(type=type, status=status, start=start, end=end, text=q)


Paging = Annotated[Page, Depends(paging)]
Common = Annotated[EventFilter, Depends(common_filter)]


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
        found = queries.entity_records(store, queries.entity_ids(store, type, q))
    return [{k: v for k, v in e.items() if k != "merges"} for e in found]


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    with reading(request) as store:
        found = queries.entity_records(store, [entity_id])
        if not found:
            raise HTTPException(404, f"no entity {entity_id!r}")
        events, _ = queries.event_page(store, EventFilter(entity=entity_id), Page())
    return {**found[0], "events": events}


@router.get("/events")
def events(
    request: Request,
    response: Response,
    common: Common,
    page: Paging,
    country: Annotated[str | None, Query(description="ISO alpha-3, source or target")] = None,
    partner: Annotated[str | None, Query(description="ISO alpha-3, the other side")] = None,
    entity: Annotated[str | None, Query(description="an entity id taking part")] = None,
) -> list[dict[str, Any]]:
    wanted = replace(common, country=country, partner=partner, entity=entity)
    with reading(request) as store:
        found, total = queries.event_page(store, wanted, page)
    response.headers["X-Total-Count"] = str(total)
    return found


@router.get("/timeline")
def timeline(
    request: Request, response: Response, a: str, b: str, common: Common, page: Paging,
    undated: bool = False,
) -> dict[str, Any]:
    with reading(request) as store:
        dyad = (actor(request, store, a), actor(request, store, b))
        wanted = replace(common, dyad=dyad, undated=undated)
        found, total = queries.event_page(store, wanted, page)
    response.headers["X-Total-Count"] = str(total)
    return {"a": a, "b": b, "events": [queries.timeline_entry(e) for e in found]}


def actor(request: Request, store: Store, name: str) -> queries.Actor:
    """The countries and entities a name denotes; 404 as `api.timeline` words it."""
    codes, ids = find_actor(store, name)
    if not (codes or ids):
        raise HTTPException(404, f"no actor called {name!r} in {request.app.state.db}")
    return codes, ids
