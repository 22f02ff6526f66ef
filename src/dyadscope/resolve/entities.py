"""Mentions to entities across documents: the office-holder knowledge base first, then names."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.holders import match_office_holder, office_of_role
from dyadscope.knowledge.names import name_key, name_match, normalize_name, same_person_name
from dyadscope.types import Mention, PartialDate

STRONG_NAME = (0.93, 0.9)
YEAR = re.compile(r"(?:19|20)\d\d")
BLOCK_CUTOFF = 60
BLOCK_LIMIT = 20


@dataclass(frozen=True, slots=True)
class Link:
    """Why a mention cluster went to an entity: the stored explanation of a merge."""

    entity_id: str
    key: str
    score: float
    reason: str


@dataclass(slots=True)
class EntityRecord:
    id: str
    type: str
    name: str
    country: str | None
    key: str
    aliases: set[str] = field(default_factory=set)


def entity_id(key: str) -> str:
    return "ent-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class EntityIndex:
    """Entities known so far (from the store and this run), searched by key and name."""

    def __init__(self, records: list[EntityRecord]) -> None:
        self.by_key: dict[str, EntityRecord] = {}
        self.people: list[EntityRecord] = []
        self.person_keys: list[str] = []
        self.events: dict[tuple[str | None, str], list[EntityRecord]] = {}
        for record in records:
            self.add(record)

    def add(self, record: EntityRecord) -> None:
        known = record.key in self.by_key
        self.by_key[record.key] = record
        if not known and record.type == "PERSON" and not record.key.startswith("kb:"):
            self.people.append(record)
            self.person_keys.append(name_key(record.name))
        if not known and record.type == "EVENT_NAME":
            words = event_words(record.name)
            if words:
                self.events.setdefault(_event_block(words), []).append(record)

    def similar_event(self, name: str, country: str | None) -> EntityRecord | None:
        """'Caspian Naval Show 2025' is the 'Caspian International Naval Show 2025':
        same head word, year and country, and one name's words inside the other's."""
        words = event_words(name)
        if not words:
            return None
        for record in self.events.get(_event_block(words), []):
            other = event_words(record.name)
            if record.country == country and same_event(words, other):
                return record
        return None

    def similar_person(self, name: str, country: str | None) -> tuple[EntityRecord, float] | None:
        """A known person with nearly the same name; a string score picks who to compare.
        A lone surname says too little to join people across documents."""
        key = name_key(name)
        if len(key.split()) < 2:
            return None
        found = process.extract(
            key, self.person_keys, scorer=fuzz.token_set_ratio,
            score_cutoff=BLOCK_CUTOFF, limit=BLOCK_LIMIT,
        )
        for _, _, position in sorted(found, key=lambda hit: hit[2]):
            record = self.people[position]
            if country and record.country and country != record.country:
                continue
            if len(self.person_keys[position].split()) < 2:
                continue
            if name_key(record.name) == key:
                return record, 1.0
            mean, weakest = name_match(name, record.name)
            if mean >= STRONG_NAME[0] and weakest >= STRONG_NAME[1] and same_person_name(
                    name, record.name):
                return record, mean
        return None


def event_words(name: str) -> list[str]:
    return [w for w in normalize_name(name).split() if w != "the"]


def _event_block(words: list[str]) -> tuple[str | None, str]:
    years = [w for w in words if YEAR.fullmatch(w)]
    return (years[0] if years else None), next(
        (w for w in reversed(words) if not YEAR.fullmatch(w)), "")


def same_event(a: list[str], b: list[str]) -> bool:
    small, large = sorted((set(a), set(b)), key=len)
    named = [w for w in small if not YEAR.fullmatch(w)]
    return len(named) >= 2 and small <= large


def resolve_person(
    mention: Mention, when: PartialDate | None, index: EntityIndex, knowledge: Knowledge
) -> tuple[EntityRecord, Link]:
    name = mention.name or mention.text
    roles = [r.strip() for r in (mention.role or "").split(",") if r.strip()]
    offices = [o for o in (office_of_role(knowledge).get(r) for r in roles) if o]
    holder = match_office_holder(name, mention.country, offices, when, knowledge)
    if holder is not None:
        person, reason = holder
        key = f"kb:{person['id']}"
        record = index.by_key.get(key) or EntityRecord(
            entity_id(key), "PERSON", person["name"], person["country"], key
        )
        return record, Link(record.id, mention.key, 1.0, f"knowledge base: {reason}")
    similar = index.similar_person(name, mention.country)
    if similar is not None:
        record, score = similar
        return record, Link(record.id, mention.key, score, f"name similar to {record.name!r}")
    key = f"person:{name_key(name)}"
    record = index.by_key.get(key) or EntityRecord(
        entity_id(key), "PERSON", name, mention.country, key
    )
    return record, Link(record.id, mention.key, 1.0, "new name")


def resolve_other(mention: Mention, index: EntityIndex, names: dict[str, str]) -> EntityRecord:
    return resolve_other_key(mention.key, mention.type, mention.country, index, names,
                             mention.text)


def resolve_other_key(
    key: str, kind: str, country: str | None, index: EntityIndex, names: dict[str, str],
    text: str | None = None,
) -> EntityRecord:
    record = index.by_key.get(key)
    if record is None and kind == "EVENT_NAME" and text:
        record = index.similar_event(text, country)
    if record is None:
        name = names.get(key, text or key.split(":", 1)[-1])
        record = EntityRecord(entity_id(key), kind, name, country, key)
    return record
