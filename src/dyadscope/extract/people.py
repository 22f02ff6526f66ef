"""People within one document: titles and roles, their country, and short references."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz.distance import JaroWinkler

from dyadscope.extract.mentions import Found
from dyadscope.extract.text import normalize_name
from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.holders import match_office_holder
from dyadscope.types import PartialDate

CONNECTORS = {"'s", "’s", "of", "the", "and", "for", "national", "first", "deputy", "'", "’"}
SHORT_MATCH = 0.88


@dataclass(slots=True)
class Person:
    key: str
    name: str
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    mentions: list[Found] = field(default_factory=list)


@cache
def title_table(knowledge: Knowledge) -> dict[tuple[str, ...], dict[str, Any]]:
    table: dict[tuple[str, ...], dict[str, Any]] = {}
    for record in knowledge.titles:
        table[tuple(normalize_name(record["pattern"]).split())] = record
    return table


def _title_before(tokens: list[Any], end: int, table: dict) -> tuple[int, dict | None]:
    """The longest title that ends at token index `end` (exclusive)."""
    for length in range(5, 0, -1):
        start = end - length
        if start < 0:
            continue
        words = tuple(normalize_name(t.text) for t in tokens[start:end])
        if words in table:
            return start, table[words]
    return end, None


def _left_context(ent: Any, table: dict) -> tuple[list[dict], str | None]:
    """Titles and the country written just before a name: 'Belarusian Defense Minister X'."""
    sent = ent.sent
    tokens = list(sent)
    index = ent.start - sent.start
    titles: list[dict] = []
    country: str | None = None
    while index > 0:
        start, title = _title_before(tokens, index, table)
        if title is not None:
            titles.append(title)
            index = start
            continue
        token = tokens[index - 1]
        if token.ent_type_ in {"DEMONYM", "COUNTRY"} and token.ent_id_:
            country = country or token.ent_id_
            index = _entity_start(token) - sent.start
            continue
        if token.lower_ in CONNECTORS:
            index -= 1
            continue
        break
    return titles, country


def _entity_start(token: Any) -> int:
    doc = token.doc
    i = token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _apposition(ent: Any, table: dict) -> list[dict]:
    """'X, the general secretary of the ruling party' gives X that role."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    window = [t for t in doc[i + 1 : min(i + 12, ent.sent.end)]]
    titles = []
    for stop in range(len(window), 0, -1):
        if window[stop - 1].text in {",", ".", ";"}:
            continue
        _, title = _title_before(window, stop, table)
        if title is not None:
            titles.append(title)
            break
    return titles


def annotate_people(found: list[Found], knowledge: Knowledge) -> None:
    """Fill roles and countries of PERSON mentions from their context, in place."""
    table = title_table(knowledge)
    extend_names(found, table)
    for mention in found:
        if mention.type != "PERSON" or mention.token is None:
            continue
        titles, country = _left_context(mention.token, table)
        titles += _apposition(mention.token, table)
        for title in titles:
            if title["kind"] == "office" and title["role"] not in mention.roles:
                mention.roles.append(title["role"])
                if title.get("office"):
                    mention.offices.append(title["office"])
            elif title["kind"] == "rank" and title["role"] not in mention.roles:
                mention.roles.append(title["role"])
        mention.country = mention.country or country
        _counterpart(mention, found)


def _counterpart(mention: Found, found: list[Found]) -> None:
    """'his Vietnamese counterpart Y' holds the office of the person named before."""
    token = mention.token
    window = token.doc[max(token.sent.start, token.start - 4) : token.start]
    if not any(t.lower_ in {"counterpart", "counterparts"} for t in window):
        return
    before = [m for m in found if m.type == "PERSON" and m.sentence == mention.sentence
              and m.start < mention.start and m.offices]
    if before:
        other = before[-1]
        for role, office in zip(other.roles, other.offices, strict=False):
            if office and office not in mention.offices:
                mention.offices.append(office)
                mention.roles.append(role)


def _same_person(short: str, full: str) -> bool:
    parts = full.split()
    if short in parts:
        return True
    candidates = [parts[0], parts[-1]] if parts else []
    return any(
        JaroWinkler.similarity(short, part) >= SHORT_MATCH and short[:1] == part[:1]
        for part in candidates
    ) or any(JaroWinkler.similarity(short, p) >= 0.93 for p in candidates)


def group_people(found: list[Found]) -> list[Person]:
    """Cluster the PERSON mentions of one document: full names first, then short ones."""
    persons: list[Person] = []
    people = [m for m in found if m.type == "PERSON"]
    for mention in sorted(people, key=lambda m: -len(normalize_name(m.text).split())):
        name = normalize_name(mention.text)
        target = _find_person(persons, name)
        if target is None:
            target = Person(key=f"person:{name}", name=mention.text)
            persons.append(target)
        _absorb(target, mention)
    _adopt_misfiled(found, persons)
    return persons


def _find_person(persons: list[Person], name: str) -> Person | None:
    for person in persons:
        full = normalize_name(person.name)
        if name == full:
            return person
        if len(name.split()) == 1 and _same_person(name, full):
            return person
    return None


def _absorb(person: Person, mention: Found) -> None:
    person.mentions.append(mention)
    mention.key = person.key
    person.country = person.country or mention.country
    for role, office in zip(mention.roles, mention.offices + [""] * 9, strict=False):
        if role not in person.roles:
            person.roles.append(role)
        if office and office not in person.offices:
            person.offices.append(office)


def _adopt_misfiled(found: list[Found], persons: list[Person]) -> None:
    """A one-word ORG or place that matches a person's surname is that person ('Chrenin')."""
    for mention in found:
        if mention.type not in {"ORG", "LOCATION"} or mention.origin.startswith("ruler"):
            continue
        name = normalize_name(mention.text)
        if len(name.split()) != 1:
            continue
        for person in persons:
            full = normalize_name(person.name)
            if len(full.split()) > 1 and _same_person(name, full):
                mention.type = "PERSON"
                _absorb(person, mention)
                break


def link_office_holders(persons: list[Person], knowledge: Knowledge,
                        when: PartialDate | None) -> None:
    """Give each person the country (and canonical name) of the office holder they are."""
    for person in persons:
        names = sorted({m.text for m in person.mentions}, key=lambda n: -len(n.split()))
        holder = match_office_holder(names[0], person.country, person.offices, when, knowledge)
        if holder is not None:
            record, _ = holder
            person.country = person.country or record["country"]
            if len(normalize_name(person.name).split()) < 2:
                person.name = record["name"]
        for mention in person.mentions:
            mention.country = person.country


def extend_names(found: list[Found], table: dict) -> None:
    """'President To Lam': a capitalised word between a title and a name belongs to it."""
    for mention in found:
        token = mention.token
        if mention.type != "PERSON" or token is None or token.start < 2:
            continue
        previous = token.doc[token.start - 1]
        if not previous.is_title or previous.ent_type_ or previous.is_sent_start:
            continue
        _, title = _title_before(list(token.doc), token.start - 1, table)
        if title is not None:
            mention.start -= len(previous.text_with_ws)
            mention.text = previous.text_with_ws + mention.text
            mention.token = token.doc[token.start - 1 : token.end]
