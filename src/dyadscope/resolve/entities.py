"""Mentions to entities across documents: the office-holder knowledge base first, then names."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

from dyadscope.knowledge import Knowledge
from dyadscope.resolve.names import name_key, name_match
from dyadscope.types import Mention, PartialDate

STRONG_NAME = (0.93, 0.9)
KB_NAME = (0.93, 0.85)
OFFICE_NAME = (0.75, 0.0)


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


@cache
def office_of_role(knowledge: Knowledge) -> dict[str, str]:
    return {t["role"]: t["office"] for t in knowledge.titles if t.get("office")}


def _held(person: dict, office: str, country: str | None, when: PartialDate | None) -> bool:
    if country and person["country"] != country:
        return False
    for term in person.get("offices", []):
        if term.get("office") != office:
            continue
        if when is None:
            return True
        start, end = term.get("start") or "0000", term.get("end") or "9999"
        if start[: len(when.value)] <= when.value <= end[: len(when.value)] or (
            start <= when.value <= end
        ):
            return True
    return False


def _best_alias(name: str, person: dict) -> tuple[float, float]:
    return max(name_match(name, alias) for alias in [person["name"], *person.get("aliases", [])])


def match_office_holder(
    name: str, country: str | None, offices: list[str], when: PartialDate | None,
    knowledge: Knowledge,
) -> tuple[dict, str] | None:
    """The knowledge-base person this name refers to, with the reason, or None."""
    best: tuple[float, dict, str] | None = None
    for person in knowledge.office_holders:
        if country and person["country"] != country:
            continue
        mean, weakest = _best_alias(name, person)
        in_office = any(_held(person, office, country, when) for office in offices)
        if in_office and mean >= OFFICE_NAME[0]:
            at = when.value if when else "?"
            reason = f"held {'/'.join(offices)} of {person['country']} at {at}"
            score = mean + 1.0
        elif mean >= KB_NAME[0] and weakest >= KB_NAME[1]:
            reason = "name matches a knowledge-base alias"
            score = mean
        else:
            continue
        if best is None or score > best[0]:
            best = (score, person, f"{reason}; name similarity {mean:.2f}")
    return (best[1], best[2]) if best else None


class EntityIndex:
    """Entities known so far (from the store and this run), searched by key and name."""

    def __init__(self, records: list[EntityRecord]) -> None:
        self.by_key: dict[str, EntityRecord] = {r.key: r for r in records}
        self.people = [r for r in records if r.type == "PERSON"]

    def add(self, record: EntityRecord) -> None:
        self.by_key[record.key] = record
        if record.type == "PERSON":
            self.people.append(record)

    def similar_person(self, name: str, country: str | None) -> tuple[EntityRecord, float] | None:
        key = name_key(name)
        for record in self.people:
            if record.key.startswith("kb:"):
                continue
            if country and record.country and country != record.country:
                continue
            if name_key(record.name) == key:
                return record, 1.0
            mean, weakest = name_match(name, record.name)
            if mean >= STRONG_NAME[0] and weakest >= STRONG_NAME[1]:
                return record, mean
        return None


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
    if record is None:
        name = names.get(key, text or key.split(":", 1)[-1])
        record = EntityRecord(entity_id(key), kind, name, country, key)
    return record
