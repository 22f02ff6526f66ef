"""Filtered read queries: the database does the filtering and paging, Python only shapes rows.

The shapes match `store.export` (plus names), so the API answers as if it filtered the export.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from dyadscope.store.db import Dialect, Store, each, fold, search_words

LISTED = "id, source, url, title, outlet, language, published, published_precision"
Actor = tuple[set[str], set[str]]


def ids_json(ids: set[str] | list[str]) -> str:
    """A list of ids as one bound parameter, read back in SQL through json_each."""
    return json.dumps(sorted(ids) if isinstance(ids, set) else list(ids))


# ---- documents ----

def document_list(store: Store) -> list[dict[str, Any]]:
    """Documents without their text, newest first."""
    return store.rows(
        f"SELECT {LISTED} FROM documents ORDER BY published IS NULL, published DESC, source"
    )


def document(store: Store, document_id: str) -> dict[str, Any] | None:
    """One document with its text and body spans, shaped like `export.documents`."""
    found = store.rows("SELECT * FROM documents WHERE id = ?", (document_id,))
    if not found:
        return None
    row = found[0]
    spans = json.loads(row["body"])
    return {
        "id": row["id"], "source": row["source"], "url": row["url"], "title": row["title"],
        "outlet": row["outlet"], "author": row["author"], "language": row["language"],
        "published": row["published"], "published_precision": row["published_precision"],
        "published_confidence": row["published_confidence"], "text": row["text"],
        "body_spans": spans,
    }


def document_mentions(store: Store, document_id: str) -> list[dict[str, Any]]:
    return [
        {"entity": r["entity_id"], "name": r["name"], "start": r["start"], "end": r["end"],
         "text": r["text"], "type": r["type"], "origin": r["origin"]}
        for r in store.rows(
            'SELECT m.*, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id '
            'WHERE m.document_id = ? ORDER BY m.start, m."end"', (document_id,),
        )
    ]


def document_evidence(store: Store, document_id: str) -> list[dict[str, Any]]:
    """The evidence spans of the events this document reports."""
    return [
        {"event": r["event_id"], "type": r["type"], "status": r["status"], "date": r["date"],
         "source_country": r["source_country"], "target_country": r["target_country"],
         "start": r["start"], "end": r["end"], "text": r["text"],
         "trigger": [r["trigger_start"], r["trigger_end"]]}
        for r in store.rows(
            "SELECT v.event_id, v.start, v.\"end\", v.text, v.trigger_start, v.trigger_end, "
            "e.type, e.status, e.date, e.source_country, e.target_country FROM evidence v "
            "JOIN events e ON e.id = v.event_id WHERE v.document_id = ? ORDER BY v.start",
            (document_id,),
        )
    ]


def breakdown(store: Store) -> dict[str, dict[str, int]]:
    """Counts of entities and events by type, and events by status."""
    def grouped(sql: str) -> dict[str, int]:
        return {row["key"]: row["n"] for row in store.rows(sql)}

    return {
        "entities_by_type": grouped(
            "SELECT type AS key, COUNT(*) AS n FROM entities GROUP BY type ORDER BY type"),
        "events_by_type": grouped(
            "SELECT type AS key, COUNT(*) AS n FROM events GROUP BY type ORDER BY type"),
        "events_by_status": grouped(
            "SELECT status AS key, COUNT(*) AS n FROM events GROUP BY status ORDER BY status"),
    }


# ---- entities ----

def entity_ids(store: Store, type: str | None = None, text: str | None = None) -> list[str]:
    """Ids of entities of a type whose name or an alias contains `text`, export order."""
    clauses, params = ["TRUE"], {}
    if type:
        clauses.append("n.type = :type")
        params["type"] = type.upper()
    if text:
        clauses.append(
            "(instr(fold(n.name), :text) > 0 OR EXISTS (SELECT 1 FROM aliases a "
            "WHERE a.entity_id = n.id AND instr(fold(a.alias), :text) > 0))"
        )
        params["text"] = fold(text)
    sql = f"SELECT n.id FROM entities n WHERE {' AND '.join(clauses)} ORDER BY type, name, id"
    return [row["id"] for row in store.rows(sql, params)]


def entity_records(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """These entities shaped like `export.entities`, in the order given."""
    wanted = {"ids": ids_json(ids)}
    rows = {r["id"]: r for r in store.rows(f"SELECT * FROM entities WHERE id IN {each('ids')}",
                                            wanted)}
    aliases, roles, merges = _aliases(store, wanted), _roles(store, wanted), _merges(store, wanted)
    return [
        {"id": i, "type": rows[i]["type"], "name": rows[i]["name"],
         "country": rows[i]["country"], "aliases": aliases[i], "roles": roles[i],
         "merges": merges[i]}
        for i in ids if i in rows
    ]


def _aliases(store: Store, wanted: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.rows(
        f"SELECT entity_id, alias FROM aliases WHERE entity_id IN {each('ids')} ORDER BY alias",
        wanted,
    ):
        found[row["entity_id"]].append(row["alias"])
    return found


def _roles(store: Store, wanted: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        "SELECT r.entity_id, r.title, r.country, d.published, r.document_id FROM roles r "
        f"JOIN documents d ON d.id = r.document_id WHERE r.entity_id IN {each('ids')} "
        "ORDER BY d.published IS NOT NULL, d.published, r.title, r.document_id", wanted,
    ):
        found[row["entity_id"]].append({
            "title": row["title"], "country": row["country"], "reported": row["published"],
            "document": row["document_id"],
        })
    return found


def _merges(store: Store, wanted: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        f"SELECT * FROM entity_links WHERE entity_id IN {each('ids')} "
        "ORDER BY document_id, key", wanted,
    ):
        found[row["entity_id"]].append({
            "document": row["document_id"], "mention_key": row["key"],
            "score": row["score"], "reason": row["reason"],
        })
    return found


def names(store: Store, ids: set[str]) -> dict[str, str]:
    return {
        row["id"]: row["name"]
        for row in store.rows(f"SELECT id, name FROM entities WHERE id IN {each('ids')}",
                              {"ids": ids_json(ids)})
    }


# ---- events ----

@dataclass(frozen=True)
class EventFilter:
    """What events are narrowed by; None means any. Dates are partial ISO, both inclusive."""

    country: str | None = None
    partner: str | None = None
    type: str | None = None
    status: str | None = None
    entity: str | None = None
    start: str | None = None
    end: str | None = None
    text: str | None = None
    dyad: tuple[Actor, Actor] | None = None
    undated: bool = True


@dataclass(frozen=True)
class Page:
    limit: int | None = None
    offset: int = 0


@dataclass
class Where:
    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, sql: str, **params: Any) -> None:
        self.clauses.append(sql)
        self.params.update(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "TRUE"


EVENT_ORDER = "e.date IS NULL, e.date, e.id"
# analyse.timeline puts an empty date with the undated ones, after the dated.
TIMELINE_ORDER = "(e.date IS NULL OR e.date = ''), e.date IS NULL, e.date, e.id"
TAKES_PART = (
    "(e.source IN {ids} OR e.target IN {ids} OR EXISTS (SELECT 1 FROM event_actors x "
    "WHERE x.event_id = e.id AND x.entity_id IN {ids}))"
)
def _countries(where: Where, one: str | None, other: str | None) -> None:
    codes = [code.upper() for code in (one, other) if code]
    if len(codes) == 2:
        where.add("((e.source_country = :c1 AND e.target_country = :c2) OR "
                  "(e.source_country = :c2 AND e.target_country = :c1))", c1=codes[0], c2=codes[1])
    elif codes:
        where.add("(e.source_country = :c1 OR e.target_country = :c1)", c1=codes[0])


def _dates(where: Where, start: str | None, end: str | None) -> None:
    """`routes.in_range` in SQL: a partial date counts if it can fall within the range."""
    if start is None and end is None:
        return
    where.add("e.date IS NOT NULL")
    if start is not None:
        where.add("(e.date >= :start OR substr(:start, 1, length(e.date)) = e.date)", start=start)
    if end is not None:
        where.add("substr(e.date, 1, length(:end)) <= :end", end=end)


def _dyad(where: Where, dyad: tuple[Actor, Actor] | None, undated: bool) -> None:
    """`analyse.timeline.between` in SQL: one actor on each side, either way round."""
    if dyad is None:
        return
    (codes1, ids1), (codes2, ids2) = dyad
    one = TAKES_PART.format(ids=each("ids1"))
    two = TAKES_PART.format(ids=each("ids2"))
    where.add(
        f"(((e.source_country IN {each('codes1')} OR {one}) AND "
        f"(e.target_country IN {each('codes2')} OR {two})) OR "
        f"((e.source_country IN {each('codes2')} OR {two}) AND "
        f"(e.target_country IN {each('codes1')} OR {one})))",
        codes1=ids_json(codes1), ids1=ids_json(ids1),
        codes2=ids_json(codes2), ids2=ids_json(ids2),
    )
    if not undated:
        where.add("e.date IS NOT NULL AND e.date != ''")


def event_where(f: EventFilter, dialect: Dialect | None = None) -> Where:
    """The SQL of `f`; `dialect` spells the text search of the open database."""
    dialect = dialect or Dialect()
    where = Where()
    _countries(where, f.country, f.partner)
    if f.type:
        where.add("e.type = :type", type=f.type.upper())
    if f.status:
        where.add("e.status = :status", status=f.status.lower())
    if f.entity:
        where.add(TAKES_PART.format(ids=each("entity")), entity=ids_json([f.entity]))
    _dates(where, f.start, f.end)
    if f.text:
        words = search_words(f.text)
        if words:
            where.add(f"e.id IN {dialect.search('text')}", text=dialect.search_query(words))
        else:
            where.add("FALSE")
    _dyad(where, f.dyad, f.undated)
    return where


def event_page(store: Store, f: EventFilter, page: Page) -> tuple[list[dict[str, Any]], int]:
    """One page of the events that pass `f`, shaped like `export.events` plus names; the total."""
    where = event_where(f, store.dialect)
    total = store.execute(f"SELECT COUNT(*) FROM events e WHERE {where.sql()}",
                          where.params).fetchone()[0]
    order = TIMELINE_ORDER if f.dyad else EVENT_ORDER
    rows = store.rows(
        f"SELECT e.* FROM events e WHERE {where.sql()} ORDER BY {order} "
        "LIMIT :limit OFFSET :offset",
        {**where.params, "limit": store.dialect.no_limit if page.limit is None else page.limit,
         "offset": page.offset},
    )
    return event_records(store, rows), total


def event_records(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted = {"ids": ids_json([row["id"] for row in rows])}
    evidence, actors = _event_evidence(store, wanted), _event_actors(store, wanted)
    quantities = _event_quantities(store, wanted)
    links = _event_links(store, wanted)
    happenings = {row["event_id"]: row for row in store.rows(
        f"SELECT * FROM happenings WHERE event_id IN {each('ids')}", wanted)}
    people = {row[k] for row in rows for k in ("source", "target") if row[k]}
    known = names(store, people.union(*actors.values()))
    return [
        _event(row, evidence[row["id"]], actors[row["id"]], quantities[row["id"]], known,
               links[row["id"]], happenings.get(row["id"]))
        for row in rows
    ]


def _event_links(store: Store, wanted: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Each event's joins, with score and features, as the export lists them."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        f"SELECT * FROM event_links WHERE event_id IN {each('ids')} "
        "ORDER BY document_id, start", wanted,
    ):
        found[row["event_id"]].append({"document": row["document_id"], "start": row["start"],
                                       "score": row["score"], "reason": row["reason"]})
    return found


def _event(
    row: dict[str, Any], items: list[dict[str, Any]], actors: list[str],
    quantities: list[dict[str, Any]], known: dict[str, str], links: list[dict[str, Any]],
    happening: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "id": row["id"], "type": row["type"], "mode": row["mode"],
        "context": row["context"], "source": row["source"], "target": row["target"],
        "source_country": row["source_country"], "target_country": row["target_country"],
        "source_sector": row["source_sector"], "target_sector": row["target_sector"],
        "date": row["date"], "date_precision": row["date_precision"],
        "status": row["status"], "location": row["location"], "score": row["score"],
        "rule": row["rule"], "actors": actors, "quantities": quantities, "evidence": items,
        "outlets": sorted({i["outlet"] or i["source"] for i in items}),
        "corroboration": len({i["document"] for i in items}),
        "links": links,
        "happening": happening["happening"] if happening else row["id"],
        "happening_reason": happening["reason"] if happening else None,
        "source_name": known.get(row["source"]) or row["source_country"],
        "target_name": known.get(row["target"]) or row["target_country"],
        "actor_names": [known.get(a, a) for a in actors],
    }


def _event_evidence(store: Store, wanted: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        "SELECT v.*, d.outlet, d.source FROM evidence v JOIN documents d ON d.id = v.document_id "
        f"WHERE v.event_id IN {each('ids')} ORDER BY v.document_id, v.start, v.\"end\"", wanted,
    ):
        found[row["event_id"]].append({
            "document": row["document_id"], "start": row["start"], "end": row["end"],
            "text": row["text"], "trigger": [row["trigger_start"], row["trigger_end"]],
            "rule": row["rule"], "outlet": row["outlet"], "source": row["source"],
        })
    return found


def _event_actors(store: Store, wanted: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.rows(
        f"SELECT event_id, entity_id FROM event_actors WHERE event_id IN {each('ids')} "
        "ORDER BY entity_id", wanted,
    ):
        found[row["event_id"]].append(row["entity_id"])
    return found


def _event_quantities(store: Store, wanted: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The quantities inside each evidence span, evidence by evidence as the export lists them."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.rows(
        "SELECT v.event_id AS owner, q.* FROM evidence v JOIN quantities q ON q.document_id = "
        "v.document_id AND q.start >= v.start AND q.\"end\" <= v.\"end\" "
        f"WHERE v.event_id IN {each('ids')} "
        "ORDER BY v.event_id, v.document_id, v.start, v.\"end\", q.start, q.\"end\"", wanted,
    ):
        found[row["owner"]].append({
            "text": row["text"], "value": row["value"], "unit": row["unit"],
            "what": row["what"], "subject": row["subject"], "document": row["document_id"],
            "start": row["start"], "end": row["end"],
        })
    return found


def timeline_entry(event: dict[str, Any]) -> dict[str, Any]:
    """A named event as a row of `/api/timeline` (an `api.TimelineEntry` with its sources)."""
    return {
        "event_id": event["id"], "date": event["date"], "type": event["type"],
        "status": event["status"], "source_country": event["source_country"],
        "target_country": event["target_country"], "location": event["location"],
        "outlets": event["outlets"],
        "evidence": [
            {k: item[k] for k in ("document", "start", "end", "text", "outlet", "source")}
            for item in event["evidence"]
        ],
        "corroboration": event["corroboration"], "happening": event["happening"],
        "source": event["source"], "target": event["target"],
        "source_name": event["source_name"], "target_name": event["target_name"],
        "actor_names": event["actor_names"],
    }
