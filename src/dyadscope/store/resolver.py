"""Resolve one document's extraction against the store and write it, in one transaction."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, reduce

from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.weapons import weapon_origins
from dyadscope.resolve.entities import (
    EntityIndex,
    EntityRecord,
    Link,
    resolve_other,
    resolve_other_key,
    resolve_person,
)
from dyadscope.resolve.events import (
    StoredEvent,
    event_id,
    merge_verdict,
    more_precise,
    rule_pair,
    rule_what,
)
from dyadscope.resolve.happenings import Report as HappeningReport
from dyadscope.resolve.happenings import cluster, paper_of, sentence_words, tie
from dyadscope.store.db import Store, search_words
from dyadscope.store.writer import StoreWriter
from dyadscope.types import EventCandidate, Extraction, PartialDate, Span


@cache
def canonical_names(knowledge: Knowledge) -> dict[str, str]:
    names = {f"country:{c['alpha3'].upper()}": c["name"] for c in knowledge.countries}
    names.update({f"org:{o['id']}": o["name"] for o in knowledge.organizations})
    names.update({f"weapon:{w['id']}": w["name"] for w in knowledge.weapons})
    return names


Block = tuple[str, tuple[str, str]]  # a PLOVER type and an unordered country pair


@dataclass(frozen=True, slots=True)
class Report:
    """One event report with its sides resolved to stored entities."""

    candidate: EventCandidate
    actors: frozenset[str]
    counterpart: str | None  # the person the report names as its target
    source: str | None
    target: str | None
    text: str  # the evidence sentence

    @property
    def block(self) -> Block:
        return block_of(self.candidate.type, self.candidate.source_country,
                        self.candidate.target_country)


def block_of(kind: str, source: str | None, target: str | None) -> Block:
    first, second = sorted((source or "", target or ""))
    return kind, (first, second)


class Writer:
    """Writes extractions; holds the entity index between documents of one run, and the
    blocks of events (type and country pair) the run's reports fell into."""

    def __init__(self, store: Store, knowledge: Knowledge, place: bool = True) -> None:
        """`place=False` stores each document's reports without joining them to events:
        `recluster` forms the events of their blocks at the end of the run, as it would
        anyway (a bulk load's shortcut; the events come out the same)."""
        self.store = store
        self.tables = StoreWriter(store)
        self.knowledge = knowledge
        self.place = place
        rows = self.tables.entities()
        self.index = EntityIndex([EntityRecord(**row) for row in rows])
        self.known = {row["id"] for row in rows}  # entity ids in the index or seen stored
        self.blocks: set[Block] = set()
        self.documents: set[str] = set()  # written by this run
        self.reclustered: set[str] = set()  # events of the blocks formed again

    def write(self, extraction: Extraction, run_id: str, replace: bool = False) -> bool:
        """Store one document's extraction in one transaction; `replace` first removes
        what an earlier run extracted from it, so a failure keeps the old results. False
        when another ingest stored the document meanwhile (checked inside the
        transaction, so two ingests of one folder store each document once)."""
        document = extraction.document
        with self.store.transaction():
            if not replace and self.store.has_document(document.id):
                return False
            self._catch_up()
            if replace:
                self.blocks.update(block_of(r["type"], r["source_country"], r["target_country"])
                                   for r in self.tables.report_blocks(document.id))
                self.store.forget_document(document.id)
            self.store.insert_document(document, run_id)
            entity_of = self._entities(extraction)
            self._events(extraction, entity_of)
            self._facts(extraction, entity_of)
        self.documents.add(document.id)
        return True

    def _catch_up(self) -> None:
        """Add to the entity index what other writers stored since it was read, so that a
        name resolves to their entity as it would after them."""
        if self.tables.entity_count() == len(self.known):
            return
        for row in self.tables.entities():
            if row["id"] not in self.known:
                record = EntityRecord(**row)
                self.known.add(record.id)
                if record.key not in self.index.by_key:
                    self.index.add(record)

    def _entities(self, extraction: Extraction) -> dict[str, str]:
        document = extraction.document
        entity_of: dict[str, str] = {}
        links: dict[str, Link] = {}
        names = canonical_names(self.knowledge)
        for mention in extraction.mentions:
            if mention.key not in entity_of:
                if mention.type == "PERSON":
                    record, link = resolve_person(
                        mention, document.published, self.index, self.knowledge
                    )
                    links[mention.key] = link
                else:
                    origin = weapon_origins(self.knowledge).get(mention.key)
                    if origin and mention.country is None:
                        mention = replace(mention, country=origin)
                    record = resolve_other(mention, self.index, names)
                self._save_entity(record)
                entity_of[mention.key] = record.id
            self._save_mention(document.id, mention, entity_of[mention.key])
        for key, link in links.items():
            self.tables.save_entity_link(link.entity_id, key, document.id, link.score,
                                         link.reason)
        return entity_of

    def _save_entity(self, record: EntityRecord) -> None:
        if record.key not in self.index.by_key:
            self.index.add(record)
        self.known.add(record.id)
        self.tables.save_entity(record.id, record.type, record.name, record.country, record.key)

    def _save_mention(self, document_id: str, mention, entity: str) -> None:  # noqa: ANN001
        self.tables.save_mention(document_id, mention.span.start, mention.span.end,
                                 mention.text, entity, mention.type, mention.origin)
        if not mention.origin.startswith("ref:"):  # titles are no names
            self.tables.save_alias(entity, mention.text)
        if mention.type == "PERSON" and mention.role:
            # The date a role was reported is the document's date, joined at export.
            for role in mention.role.split(", "):
                self.tables.save_role(entity, role, mention.country, document_id)

    def _events(self, extraction: Extraction, entity_of: dict[str, str]) -> None:
        document = extraction.document
        reports = [self._resolved(candidate, entity_of, document.text)
                   for candidate in extraction.events]
        for report in reports:
            self._save_report(document.id, report)
        if self.place:
            self._place(document.id, document.published, reports)

    def _resolved(self, candidate: EventCandidate, entity_of: dict[str, str],
                  text: str) -> Report:
        actors = frozenset(entity_of[k] for k in candidate.actor_keys if k in entity_of)
        counterpart = (entity_of.get(candidate.target_key)
                       if (candidate.target_key or "").startswith("person:") else None)
        report = Report(
            candidate, actors, counterpart,
            self._side(candidate.source_key, candidate.source_country, entity_of),
            self._side(candidate.target_key, candidate.target_country, entity_of),
            text[candidate.evidence.start:candidate.evidence.end],
        )
        self.blocks.add(report.block)
        return report

    def _place(self, document_id: str, published: PartialDate | None,
               reports: list[Report]) -> None:
        """Join each report of one document to the stored event it tells, or store it as
        a new event; then settle the events it touched with other articles' events."""
        touched: set[str] = set()
        for report in reports:
            candidate = report.candidate
            merged = self._find_merge(candidate, report.actors, document_id,
                                      report.counterpart, published, report.text)
            if merged is None:
                identifier = event_id(document_id, candidate)
                self._insert_event(identifier, report)
            else:
                identifier, reason, score = merged
                self._update_event(identifier, candidate, document_id, reason, score)
            for actor in report.actors:
                self.tables.add_actor(identifier, actor)
            self._insert_evidence(identifier, report, document_id)
            if merged is not None:
                self._settle_direction(identifier)
                touched.add(identifier)  # it changed; a new event was compared as its report
        self._settle(touched)

    def _find_merge(
        self, candidate: EventCandidate, actors: frozenset[str], document_id: str,
        counterpart: str | None = None, published: PartialDate | None = None,
        text: str = "",
    ) -> tuple[str, str, float] | None:
        """The stored event the candidate reports, with the reason and score of the join:
        one its own article already tells if any (an article tells its happening one way;
        the event then meets other articles' events as a whole), else the best-scored one;
        the oldest on a tie, so that the choice does not depend on the order the database
        returns rows in."""
        best: tuple[tuple[bool, float], str, str, float] | None = None
        for stored in self._stored_like(candidate.type, candidate.source_country,
                                        candidate.target_country,
                                        years=_years_around(candidate.date, published),
                                        document=document_id):
            verdict = merge_verdict(candidate, actors, document_id, stored, counterpart,
                                    published, frozenset({text} if text else ()))
            if verdict is None:
                continue
            rank = (document_id in stored.documents, verdict[1])
            if best is None or rank > best[0]:
                best = (rank, stored.id, *verdict)
        return best[1:] if best else None

    def _stored_like(self, kind: str, source: str | None, target: str | None,
                     years: tuple[int, int] | None = None,
                     document: str = "") -> list[StoredEvent]:
        """The stored events of this type between these two countries; with `years`, only
        the undated ones, those dated in these years and those of `document`: a report
        can join nothing else, and a large store is not read whole."""
        return [_stored_event(row)
                for row in self.tables.events_like(kind, source, target, years, document)]

    def _stored(self, identifier: str) -> StoredEvent | None:
        row = self.tables.event(identifier)
        return _stored_event(row) if row else None

    def _settle(self, touched: set[str]) -> None:
        """Join the events a document touched with events of other articles they now
        prove to be one happening with (a report that reached one event through another
        sentence of its article), so that the joins depend less on the order articles
        came in. The event with the smaller id absorbs the other."""
        pending = sorted(touched)
        while pending:
            identifier = pending.pop(0)
            event = self._stored(identifier)
            if event is None:
                continue
            for other in self._stored_like(
                    event.type, event.source_country, event.target_country,
                    years=_years_around(event.date, _first_published(event))):
                if other.id == event.id or event.documents & other.documents:
                    continue  # within one article, the sentence-level decision stands
                verdict = self._event_verdict(event, other)
                if verdict is None:
                    continue
                survivor, absorbed = sorted((event.id, other.id))
                self._absorb(survivor, absorbed, *verdict)
                pending = [e for e in pending if e != absorbed]
                if survivor not in pending:
                    pending.append(survivor)
                break

    def _event_verdict(self, event: StoredEvent, other: StoredEvent) -> tuple[str, float] | None:
        as_report = EventCandidate(
            type=event.type, mode=event.mode, context=None,
            source_country=event.source_country, target_country=event.target_country,
            source_key=None, target_key=None, actor_keys=(), trigger=Span(0, 0),
            evidence=Span(0, 0), date=event.date, status=event.status,  # type: ignore[arg-type]
            location=event.location, rule=event.rule or "",
        )
        return merge_verdict(as_report, event.actors, "", other, None, _first_published(event),
                             event.texts)

    def _absorb(self, survivor: str, absorbed: str, reason: str, score: float) -> None:
        rows = self.tables.event_dates((survivor, absorbed))
        self.tables.absorb(survivor, absorbed, reason, score)
        dates = [PartialDate(r["date"], r["date_precision"]) for r in rows if r["date"]]
        best = reduce(more_precise, dates, None)
        location = next((r["location"] for r in rows if r["location"]), None)
        self.tables.set_event_date(survivor, best.value if best else None,
                                   best.precision if best else None, location)
        self._settle_direction(survivor)

    def recluster(self) -> None:
        """Form the events of each block this run touched again from all its stored
        reports, article by article in a fixed order (publication day, then document id):
        the events then depend on which articles were ingested, not on their order or on
        how they were split into runs. A block holding reports stored before reports were
        kept (an older database) is left as it is."""
        for block in sorted(self.blocks):
            with self.store.transaction():
                self._recluster(block)
                self.reclustered |= set(self.tables.block_events(block[0], block[1][0] or None,
                                                                 block[1][1] or None))
        self.blocks.clear()

    def _recluster(self, block: Block) -> None:
        kind, (first, second) = block
        events = self.tables.block_events(kind, first or None, second or None)
        if self.tables.has_unreported_evidence(events):
            return
        documents = self.tables.forget_events(events)
        rows = self.tables.block_reports(kind, first or None, second or None)
        by_document: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_document[row["document_id"]].append(row)
        for document_id, group in by_document.items():
            head = group[0]
            published = (PartialDate(head["published"], head["published_precision"])
                         if head["published"] else None)
            self._place(document_id, published, [_stored_report(row) for row in group])
        self._relink_quantities(set(documents) | set(by_document))

    def _relink_quantities(self, documents: set[str]) -> None:
        """Each number of these documents belongs to the event (smallest id) whose
        evidence sentence holds it, among the events as they now stand."""
        for document_id in sorted(documents):
            for row in self.tables.quantities_of(document_id):
                found = self.tables.event_around(document_id, row["start"], row["end"])
                if found != row["event_id"]:
                    self.tables.link_quantity(document_id, row["start"], row["end"], found)

    def touched(self) -> set[str]:
        """The events this run may have changed: those its documents report, those of the
        blocks it formed again, and those naming people its documents mention."""
        return (self.tables.events_in(self.documents) | self.reclustered
                | self.tables.events_naming_people_in(self.documents))

    def index_search(self, events: set[str]) -> None:
        """The folded words each of these events is found by: its evidence, its sides and
        actors and all their names and aliases, and its country codes."""
        evidence, named, names = self.tables.search_sources(events)
        spelled: dict[str, list[str]] = defaultdict(list)
        for row in names:
            spelled[row["entity_id"]].append(row["name"])
        parts: dict[str, list[str]] = defaultdict(list)
        for row in evidence:
            parts[row["event_id"]].append(row["text"])
        for row in named:
            parts[row["event_id"]] += spelled[row["entity_id"]]
        for row in self.tables.events_by_id(events):
            parts[row["id"]] += [row["source_country"] or "", row["target_country"] or ""]
        with self.store.transaction():
            self.tables.replace_search(events, {event: " ".join(search_words(" ".join(texts)))
                                                for event, texts in parts.items()})

    def settle_happenings(self, events: set[str]) -> None:
        """Cluster into happenings (resolve/happenings.py) these events and all that ties
        reach from them: the clusters depend on the stored events only, not on the order
        they came in."""
        found = self._reports(events)
        frontier = set(found)
        while frontier:
            # events that shared a happening with these are judged again, tied or not
            mates = self._reports(self.tables.happening_mates(frontier) - set(found))
            candidates = self._reports(self.tables.neighbours(frontier) - set(found)
                                       - set(mates))
            found.update(mates)
            tied = {n: report for n, report in candidates.items()
                    if any(tie(report, found[e]) for e in found)}
            found.update(tied)
            frontier = set(mates) | set(tied)
        members = sorted((event, happening, reason) for event, (happening, reason)
                         in cluster(list(found.values())).items())
        with self.store.transaction():
            self.tables.replace_happenings(found, members)

    def _reports(self, events: set[str]) -> dict[str, HappeningReport]:
        spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        words: dict[str, list[frozenset[str]]] = defaultdict(list)
        for row in self.tables.evidence_by_event(events):
            spans[row["event_id"]].append((row["document_id"], row["start"], row["end"]))
            words[row["event_id"]].append(sentence_words(row["text"]))
        return {
            row["id"]: HappeningReport(
                id=row["id"], type=row["type"], mode=row["mode"],
                source_country=row["source_country"], target_country=row["target_country"],
                date=PartialDate(row["date"], row["date_precision"]) if row["date"] else None,
                status=row["status"], paper=paper_of(rule_what(row["rule"])),
                spans=tuple(spans[row["id"]]), words=tuple(words[row["id"]]),
            )
            for row in self.tables.events_by_id(events)
        }

    def _side(self, key: str | None, country: str | None, entity_of: dict[str, str]) -> str | None:
        if key and key in entity_of:
            return entity_of[key]
        if country is None:
            return None
        names = canonical_names(self.knowledge)
        record = resolve_other_key(f"country:{country}", "COUNTRY", country, self.index, names)
        self._save_entity(record)
        return record.id

    def _insert_event(self, identifier: str, report: Report) -> None:
        c = report.candidate
        self.tables.insert_event({
            "id": identifier, "type": c.type, "mode": c.mode, "context": c.context,
            "source": report.source, "target": report.target,
            "source_country": c.source_country, "target_country": c.target_country,
            "date": c.date.value if c.date else None,
            "date_precision": c.date.precision if c.date else None, "status": c.status,
            "location": c.location, "score": c.score, "rule": c.rule,
            "source_sector": c.source_sector, "target_sector": c.target_sector,
        })

    def _update_event(self, identifier: str, c: EventCandidate, document_id: str,
                      reason: str, score: float) -> None:
        row = self.tables.event_dates((identifier,))[0]
        old = PartialDate(row["date"], row["date_precision"]) if row["date"] else None
        best = more_precise(old, c.date)
        self.tables.set_event_date(identifier, best.value if best else None,
                                   best.precision if best else None,
                                   row["location"] or c.location)
        self.tables.add_link(identifier, document_id, c.evidence.start, score, reason)

    def _insert_evidence(self, identifier: str, report: Report, document_id: str) -> None:
        c = report.candidate
        self.tables.add_evidence(
            (identifier, document_id, c.evidence.start, c.evidence.end, report.text,
             c.trigger.start, c.trigger.end, c.rule, c.date.value if c.date else None))

    def _save_report(self, document_id: str, report: Report) -> None:
        """Keep each report as extraction found it, so that its events can be formed
        again from all reports in one fixed order (`recluster`)."""
        c = report.candidate
        self.tables.add_report(
            (document_id, c.evidence.start, c.evidence.end, c.type, c.rule, c.mode, c.context,
             report.source, report.target, c.source_country, c.target_country,
             c.source_sector, c.target_sector, c.date.value if c.date else None,
             c.date.precision if c.date else None, c.status, c.location, c.score,
             c.trigger.start, c.trigger.end, json.dumps(sorted(report.actors)),
             report.counterpart, report.text))

    def _settle_direction(self, identifier: str) -> None:
        """A meeting or a signing merged from reports that name the sides in different
        orders is told the way most of its reports tell it (first-named side first)."""
        told = Counter(pair for row in self.tables.evidence_of(identifier)
                       if (pair := rule_pair(row["rule"])))
        current = self.tables.event_pair(identifier)
        if told[(current[1], current[0])] > told[current]:
            self.tables.swap_sides(identifier)

    def _facts(self, extraction: Extraction, entity_of: dict[str, str]) -> None:
        document = extraction.document
        for fact in extraction.facts:
            subject = entity_of.get(fact.subject or "", fact.subject)
            self.tables.add_quantity(
                (document.id, fact.span.start, fact.span.end, fact.text, fact.value, fact.unit,
                 fact.what, subject,
                 self.tables.event_around(document.id, fact.span.start, fact.span.end)))
        for quote in extraction.quotes:
            self.tables.add_quote(
                (document.id, quote.span.start, quote.span.end, quote.text,
                 entity_of.get(quote.speaker or "")))


def _stored_event(row: dict) -> StoredEvent:
    return StoredEvent(
        id=row["id"], type=row["type"], mode=row["mode"],
        source_country=row["source_country"], target_country=row["target_country"],
        date=PartialDate(row["date"], row["date_precision"]) if row["date"] else None,
        status=row["status"], location=row["location"],
        documents=frozenset(row["docs"].split(",")), actors=frozenset(row["actors"]),
        what=rule_what(row["rule"]),
        days=frozenset(d for d in (row["days"] or "").split(",") if len(d) == 10),
        published=frozenset(p for p in (row["pubs"] or "").split(",") if p),
        rule=row["rule"], texts=frozenset(row["texts"]),
    )


def _stored_report(row: dict) -> Report:
    date = PartialDate(row["date"], row["date_precision"]) if row["date"] else None
    candidate = EventCandidate(
        type=row["type"], mode=row["mode"], context=row["context"],
        source_country=row["source_country"], target_country=row["target_country"],
        source_key=None, target_key=None, actor_keys=(),
        trigger=Span(row["trigger_start"], row["trigger_end"]),
        evidence=Span(row["start"], row["end"]), date=date, status=row["status"],
        location=row["location"], rule=row["rule"], score=row["score"],
        source_sector=row["source_sector"], target_sector=row["target_sector"],
    )
    return Report(candidate, frozenset(json.loads(row["actors"])), row["counterpart"],
                  row["source"], row["target"], row["text"])


def _years_around(when: PartialDate | None,
                  published: PartialDate | None) -> tuple[int, int] | None:
    """The years a report's happening may be stored under: its own year and the ones
    beside it (dates a day or two apart straddle a new year), else its article's year
    and the one before; None when neither is known."""
    if when is not None:
        return when.year - 1, when.year + 1
    if published is not None:
        return published.year - 1, published.year
    return None


def _first_published(event: StoredEvent) -> PartialDate | None:
    """The publication day of the event's earliest article, if known to the day."""
    first = min(event.published, default=None)
    return PartialDate(first, "day") if first and len(first) == 10 else None
