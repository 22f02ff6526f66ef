"""The one write path: what `resolve` decides, persisted. All of resolve's SQL lives here,
in the dialect both backends share."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from dyadscope.store.db import Store, each

Row = dict[str, Any]
EVENT_COLUMNS = ("id", "type", "mode", "context", "source", "target", "source_country",
                 "target_country", "date", "date_precision", "status", "location", "score",
                 "rule", "source_sector", "target_sector")
# rows that name an event; moved over when one event absorbs another
EVENT_ROWS = {
    "evidence": "document_id, start, \"end\", text, trigger_start, trigger_end, rule, date",
    "event_actors": "entity_id",
    "event_links": "document_id, start, score, reason",
}
REPORT_COLUMNS = 23
PAIR = ("type = ? AND ((source_country IS NOT DISTINCT FROM ? AND target_country IS NOT "
        "DISTINCT FROM ?) OR (source_country IS NOT DISTINCT FROM ? AND target_country IS "
        "NOT DISTINCT FROM ?))")


class StoreWriter:
    """Reads and writes of entity and event resolution, inside the caller's transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.each = each("ids")

    def load(self, table: str, rows: list[tuple]) -> None:
        """Many rows into one table at once (bulk loads: benchmarks, loaders)."""
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.store.execute_many(
                f"INSERT INTO {table} VALUES ({marks}) ON CONFLICT DO NOTHING", rows)

    # ---- entities and mentions ----

    def entities(self) -> list[Row]:
        return self.store.rows("SELECT id, type, name, country, key FROM entities")

    def entity_count(self) -> int:
        return int(self.store.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def save_entity(self, id: str, type: str, name: str, country: str | None,
                    key: str) -> None:
        self.store.execute("INSERT INTO entities VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                           (id, type, name, country, key))

    def save_entity_link(self, entity: str, key: str, document: str, score: float,
                         reason: str) -> None:
        self.store.execute(
            "INSERT INTO entity_links VALUES (?,?,?,?,?) ON CONFLICT (entity_id, key, "
            "document_id) DO UPDATE SET score = excluded.score, reason = excluded.reason",
            (entity, key, document, score, reason))

    def save_mention(self, document: str, start: int, end: int, text: str, entity: str,
                     type: str, origin: str) -> None:
        self.store.execute(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (document, start, end, text, entity, type, origin))

    def save_alias(self, entity: str, alias: str) -> None:
        self.store.execute("INSERT INTO aliases VALUES (?,?) ON CONFLICT DO NOTHING",
                           (entity, alias))

    def save_role(self, entity: str, title: str, country: str | None, document: str) -> None:
        self.store.execute("INSERT INTO roles VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                           (entity, title, country, None, document))

    # ---- events ----

    def events_like(self, kind: str, source: str | None, target: str | None,
                    years: tuple[int, int] | None = None, document: str = "") -> list[Row]:
        """Stored events of this type between these two countries; with `years`, only the
        undated ones, those dated in these years and those of `document`."""
        where = ("e.type = ? AND ((e.source_country = ? AND e.target_country = ?) OR "
                 "(e.source_country = ? AND e.target_country = ?))")
        params: tuple[object, ...] = (kind, source, target, target, source)
        if years is not None:
            where += (" AND (e.date IS NULL OR CAST(substr(e.date, 1, 4) AS INTEGER) "
                      "BETWEEN ? AND ? OR e.id IN (SELECT event_id FROM evidence "
                      "WHERE document_id = ?))")
            params += (*years, document)
        return self._events(where, params)

    def event(self, identifier: str) -> Row | None:
        found = self._events("e.id = ?", (identifier,))
        return found[0] if found else None

    def _events(self, where: str, params: tuple[object, ...]) -> list[Row]:
        """Events with the documents, dates and publication days of their reports, their
        actors and their sentences."""
        concat = self.store.dialect.group_concat
        rows = self.store.rows(
            f"SELECT e.*, {concat('v.document_id')} AS docs, {concat('v.date')} AS days, "
            f"{concat('d.published')} AS pubs FROM events e JOIN evidence v ON v.event_id = "
            f"e.id JOIN documents d ON d.id = v.document_id WHERE {where} GROUP BY e.id "
            "ORDER BY e.id", params,
        )
        for row in rows:
            row["actors"] = {r["entity_id"] for r in self.store.rows(
                "SELECT entity_id FROM event_actors WHERE event_id = ?", (row["id"],))}
            row["texts"] = {r["text"] for r in self.store.rows(
                "SELECT text FROM evidence WHERE event_id = ?", (row["id"],))}
        return rows

    def insert_event(self, values: dict[str, Any]) -> None:
        columns = ", ".join(EVENT_COLUMNS)
        marks = ",".join("?" * len(EVENT_COLUMNS))
        self.store.execute(
            f"INSERT INTO events ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING",
            tuple(values[c] for c in EVENT_COLUMNS))

    def event_dates(self, identifiers: Iterable[str]) -> list[Row]:
        return self.store.rows(
            f"SELECT id, date, date_precision, location FROM events WHERE id IN {self.each} "
            "ORDER BY id", {"ids": json.dumps(sorted(identifiers))})

    def set_event_date(self, identifier: str, value: str | None, precision: str | None,
                       location: str | None) -> None:
        self.store.execute(
            "UPDATE events SET date = ?, date_precision = ?, location = ? WHERE id = ?",
            (value, precision, location, identifier))

    def add_link(self, event: str, document: str, start: int, score: float,
                 reason: str) -> None:
        self.store.execute("INSERT INTO event_links VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                           (event, document, start, score, reason))

    def add_actor(self, event: str, entity: str) -> None:
        self.store.execute("INSERT INTO event_actors VALUES (?,?) ON CONFLICT DO NOTHING",
                           (event, entity))

    def add_evidence(self, values: tuple[object, ...]) -> None:
        self.store.execute(
            "INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", values)

    def add_report(self, values: tuple[object, ...]) -> None:
        marks = ",".join("?" * REPORT_COLUMNS)
        self.store.execute(f"INSERT INTO reports VALUES ({marks}) ON CONFLICT DO NOTHING",
                           values)

    def evidence_of(self, event: str) -> list[Row]:
        return self.store.rows(
            "SELECT document_id, start, rule FROM evidence WHERE event_id = ? "
            "ORDER BY document_id, start", (event,))

    def absorb(self, survivor: str, absorbed: str, reason: str, score: float) -> None:
        """Move what names `absorbed` over to `survivor` and delete it; each of its reports
        records the join's reason and score."""
        for row in self.evidence_of(absorbed):
            self.add_link(survivor, row["document_id"], row["start"], score, reason)
        for table, columns in EVENT_ROWS.items():
            self.store.execute(
                f"INSERT INTO {table} SELECT ?, {columns} FROM {table} WHERE event_id = ? "
                "ON CONFLICT DO NOTHING", (survivor, absorbed))
            self.store.execute(f"DELETE FROM {table} WHERE event_id = ?", (absorbed,))
        self.store.execute("UPDATE quantities SET event_id = ? WHERE event_id = ?",
                           (survivor, absorbed))
        self.store.execute("DELETE FROM events WHERE id = ?", (absorbed,))

    def event_pair(self, event: str) -> tuple[str | None, str | None]:
        row = self.store.rows("SELECT source_country, target_country FROM events WHERE id = ?",
                              (event,))[0]
        return row["source_country"], row["target_country"]

    def swap_sides(self, event: str) -> None:
        self.store.execute(
            "UPDATE events SET source = target, target = source, source_country = "
            "target_country, target_country = source_country, source_sector = "
            "target_sector, target_sector = source_sector WHERE id = ?", (event,))

    def event_around(self, document: str, start: int, end: int) -> str | None:
        """The event whose evidence sentence holds this span."""
        rows = self.store.rows(
            'SELECT event_id FROM evidence WHERE document_id = ? AND start <= ? AND "end" >= ? '
            "ORDER BY event_id LIMIT 1", (document, start, end))
        return rows[0]["event_id"] if rows else None

    def add_quantity(self, values: tuple[object, ...]) -> None:
        self.store.execute(
            "INSERT INTO quantities VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING", values)

    def add_quote(self, values: tuple[object, ...]) -> None:
        self.store.execute("INSERT INTO quotes VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                           values)

    # ---- reclustering a block (a type and an unordered country pair) ----

    def report_blocks(self, document: str) -> list[Row]:
        return self.store.rows(
            "SELECT type, source_country, target_country FROM reports WHERE document_id = ?",
            (document,))

    def block_events(self, kind: str, first: str | None, second: str | None) -> list[str]:
        return [r["id"] for r in self.store.rows(
            f"SELECT id FROM events WHERE {PAIR} ORDER BY id",
            (kind, first, second, second, first))]

    def has_unreported_evidence(self, events: list[str]) -> bool:
        """Whether some evidence of these events has no stored report (stored before
        reports were kept)."""
        return bool(self.store.rows(
            f"SELECT 1 FROM evidence v WHERE v.event_id IN {self.each} AND NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.document_id = v.document_id AND "
            "r.start = v.start AND r.rule = v.rule) LIMIT 1", {"ids": json.dumps(events)}))

    def forget_events(self, events: list[str]) -> list[str]:
        """Delete these events and what names them; their quantities lose their event.
        Returns the documents that reported them."""
        wanted = {"ids": json.dumps(events)}
        documents = sorted({r["document_id"] for r in self.store.rows(
            f"SELECT document_id FROM evidence WHERE event_id IN {self.each}", wanted)})
        for table in EVENT_ROWS:
            self.store.execute(f"DELETE FROM {table} WHERE event_id IN {self.each}", wanted)
        self.store.execute(f"UPDATE quantities SET event_id = NULL WHERE event_id IN "
                           f"{self.each}", wanted)
        self.store.execute(f"DELETE FROM events WHERE id IN {self.each}", wanted)
        return documents

    def block_reports(self, kind: str, first: str | None, second: str | None) -> list[Row]:
        """The block's reports in the fixed order of reclustering: publication day, then
        document id, then place in the document."""
        return self.store.rows(
            f"SELECT r.*, d.published, d.published_precision FROM reports r JOIN documents d "
            f"ON d.id = r.document_id WHERE {PAIR} "
            "ORDER BY d.published IS NULL, d.published, r.document_id, r.start, r.rule",
            (kind, first, second, second, first))

    def quantities_of(self, document: str) -> list[Row]:
        return self.store.rows('SELECT start, "end", event_id FROM quantities '
                               "WHERE document_id = ?", (document,))

    def link_quantity(self, document: str, start: int, end: int, event: str | None) -> None:
        self.store.execute('UPDATE quantities SET event_id = ? WHERE document_id = ? AND '
                           'start = ? AND "end" = ?', (event, document, start, end))

    # ---- happenings and search, for the events a run touched ----

    def _ids(self, sql: str, ids: Iterable[str]) -> set[str]:
        return {row["id"] for row in self.store.rows(sql, {"ids": json.dumps(sorted(ids))})}

    def events_in(self, documents: Iterable[str]) -> set[str]:
        return self._ids(f"SELECT DISTINCT event_id AS id FROM evidence WHERE document_id IN "
                         f"{self.each}", documents)

    def events_naming_people_in(self, documents: Iterable[str]) -> set[str]:
        """Events that name a person or body these documents mention (whose aliases may
        have grown)."""
        named = (f"SELECT m.entity_id FROM mentions m JOIN entities n ON n.id = m.entity_id "
                 f"WHERE m.document_id IN {self.each} AND n.type != 'COUNTRY'")
        return self._ids(
            f"SELECT id FROM events WHERE source IN ({named}) OR target IN ({named}) UNION "
            f"SELECT event_id FROM event_actors WHERE entity_id IN ({named})", documents)

    def happening_mates(self, events: Iterable[str]) -> set[str]:
        """Events that share a stored happening with these, or whose happening's lead
        event is gone."""
        return self._ids(
            f"SELECT event_id AS id FROM happenings WHERE happening IN (SELECT happening FROM "
            f"happenings WHERE event_id IN {self.each}) OR happening NOT IN "
            "(SELECT id FROM events)", events)

    def neighbours(self, events: Iterable[str]) -> set[str]:
        """Events told in a document with these, or between the same two countries on the
        same day: all that a happening tie can join them with."""
        return self._ids(
            f"SELECT DISTINCT b.event_id AS id FROM evidence a JOIN evidence b ON "
            f"b.document_id = a.document_id WHERE a.event_id IN {self.each} UNION "
            f"SELECT b.id FROM events a JOIN events b ON b.date = a.date AND "
            "a.date_precision = 'day' AND b.date_precision = 'day' AND "
            "((b.source_country = a.source_country AND b.target_country = a.target_country) "
            "OR (b.source_country = a.target_country AND b.target_country = a.source_country)) "
            f"WHERE a.id IN {self.each}", events)

    def events_by_id(self, events: Iterable[str]) -> list[Row]:
        return self.store.rows(f"SELECT * FROM events WHERE id IN {self.each} ORDER BY id",
                               {"ids": json.dumps(sorted(events))})

    def evidence_by_event(self, events: Iterable[str]) -> list[Row]:
        return self.store.rows(
            'SELECT event_id, document_id, start, "end", text FROM evidence WHERE event_id IN '
            f"{self.each} ORDER BY event_id, document_id, start",
            {"ids": json.dumps(sorted(events))})

    def replace_happenings(self, events: Iterable[str],
                           members: list[tuple[str, str, str]]) -> None:
        """The happenings of these events (and of events no longer stored) anew."""
        self.store.execute("DELETE FROM happenings WHERE event_id NOT IN (SELECT id FROM events)")
        self.store.execute(f"DELETE FROM happenings WHERE event_id IN {self.each}",
                           {"ids": json.dumps(sorted(events))})
        self.store.execute_many("INSERT INTO happenings VALUES (?,?,?)", members)

    def search_sources(self, events: Iterable[str]) -> tuple[list[Row], list[Row], list[Row]]:
        """What these events' search texts are made of: their evidence, the entities they
        name (sides and actors) and every name and alias of those."""
        wanted = {"ids": json.dumps(sorted(events))}
        evidence = self.store.rows(
            f"SELECT event_id, text FROM evidence WHERE event_id IN {self.each}", wanted)
        named = self.store.rows(
            f"SELECT id AS event_id, source AS entity_id FROM events WHERE id IN {self.each} "
            f"AND source IS NOT NULL UNION SELECT id, target FROM events WHERE id IN "
            f"{self.each} AND target IS NOT NULL UNION SELECT event_id, entity_id FROM "
            f"event_actors WHERE event_id IN {self.each}", wanted)
        entities = {"ids": json.dumps(sorted({r["entity_id"] for r in named}))}
        names = self.store.rows(
            f"SELECT id AS entity_id, name FROM entities WHERE id IN {self.each} UNION "
            f"SELECT entity_id, alias FROM aliases WHERE entity_id IN {self.each}", entities)
        return evidence, named, names

    def replace_search(self, events: Iterable[str], bodies: dict[str, str]) -> None:
        """The search texts of these events (and of events no longer stored) anew."""
        self.store.execute("DELETE FROM search WHERE event_id NOT IN (SELECT id FROM events)")
        self.store.execute(f"DELETE FROM search WHERE event_id IN {self.each}",
                           {"ids": json.dumps(sorted(events))})
        statement = self.store.dialect.search_row()
        width = statement.count("?")
        self.store.execute_many(statement, [(event, body, body)[:width]
                                            for event, body in sorted(bodies.items())])
