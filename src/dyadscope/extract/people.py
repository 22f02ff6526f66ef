"""People within one document: titles and roles, their country, and short references."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz.distance import JaroWinkler

from dyadscope.extract.mentions import Found
from dyadscope.extract.text import normalize_name
from dyadscope.extract.titles import Title, apposition, left_context, title_table
from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.holders import match_office_holder, offices_held
from dyadscope.types import PartialDate

SHORT_MATCH = 0.88
# 'Governor of' of 'Governor of Kaliningrad X', when the model took the place into the name.
_trailing_words = re.compile(r"(?:\s+(?:of|the|and|for))*\s*$", re.IGNORECASE)
TITLE_REFERENCE = "ref:title"  # the titles written before a name
ROLE_REFERENCE = "ref:role"  # a title alone standing for a person: 'the head of state'
REFERENCES = (TITLE_REFERENCE, ROLE_REFERENCE)


@dataclass(slots=True)
class Person:
    key: str
    name: str
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    mentions: list[Found] = field(default_factory=list)


def annotate_people(found: list[Found], knowledge: Knowledge) -> None:
    """Fill roles, countries and title spans of PERSON mentions from their context."""
    table = title_table(knowledge)
    inside_titles: list[tuple[Any, int, int]] = []
    for mention in found:
        if mention.type != "PERSON" or mention.token is None:
            continue
        context = left_context(mention.token, table)
        titles, country = apposition(mention.token, table)
        _add_titles(mention, context.titles + titles)
        mention.country = mention.country or context.country or country
        if context.lead is not None and context.lead < mention.token.start:
            mention.lead = _char_of(mention, context.lead)
            inside_titles.append((mention.token.doc, context.lead, mention.token.start))
        _counterpart(mention, found)
    _drop_title_words(found, inside_titles)


def _add_titles(mention: Found, titles: list[Title]) -> None:
    for title in titles:
        role = title.get("role")
        if title["kind"] not in {"office", "rank"} or not role or role in mention.roles:
            continue
        mention.roles.append(role)
        if title.get("office") and title["office"] not in mention.offices:
            mention.offices.append(title["office"])


def _char_of(mention: Found, token_index: int) -> int:
    doc = mention.token.doc
    return mention.start - mention.token.start_char + doc[token_index].idx


def _drop_title_words(found: list[Found], spans: list[tuple[Any, int, int]]) -> None:
    """'Defense' read as an ORG inside 'Defense Minister General X' is part of the title."""
    def inside(mention: Found) -> bool:
        token = mention.token
        return mention.origin.startswith("ner:") and mention.type != "PERSON" and any(
            doc is token.doc and start <= token.start and token.end <= end
            for doc, start, end in spans
        )
    found[:] = [m for m in found if m.token is None or not inside(m)]


def _counterpart(mention: Found, found: list[Found]) -> None:
    """'his Vietnamese counterpart Y' holds the office of the person named before."""
    token = mention.token
    window = token.doc[max(token.sent.start, token.start - 4) : token.start]
    if not any(t.lower_ in {"counterpart", "counterparts"} for t in window):
        return
    before = [m for m in found if m.type == "PERSON" and m.sentence == mention.sentence
              and m.start < mention.start and m.offices]
    if before:
        for office in before[-1].offices:
            if office not in mention.offices:
                mention.offices.append(office)


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
    found += _title_references(persons)
    found.sort(key=lambda m: (m.start, -m.end))
    return persons


def _find_person(persons: list[Person], name: str) -> Person | None:
    exact = [p for p in persons if normalize_name(p.name) == name]
    if exact:
        return exact[0]
    if len(name.split()) != 1:
        return None
    fits = [p for p in persons if _same_person(name, normalize_name(p.name))]
    # Two people of one surname: news style names the second one in full every time, so
    # the bare surname is the person the article introduced first.
    return min(fits, key=lambda p: min(m.start for m in p.mentions), default=None)


def _absorb(person: Person, mention: Found) -> None:
    person.mentions.append(mention)
    mention.key = person.key
    person.country = person.country or mention.country
    for role in mention.roles:
        if role not in person.roles:
            person.roles.append(role)
    for office in mention.offices:
        if office not in person.offices:
            person.offices.append(office)


def _adopt_misfiled(found: list[Found], persons: list[Person]) -> None:
    """A one-word ORG or place that matches one person's surname is that person ('Petrau')."""
    for mention in found:
        if mention.type not in {"ORG", "LOCATION"} or not mention.origin.startswith("ner:"):
            continue
        name = normalize_name(mention.text)
        if len(name.split()) != 1:
            continue
        fits = [p for p in persons if len(normalize_name(p.name).split()) > 1
                and _same_person(name, normalize_name(p.name))]
        if len(fits) == 1:
            mention.type = "PERSON"
            _absorb(fits[0], mention)


def _title_references(persons: list[Person]) -> list[Found]:
    """The titles written before a name ('Laotian President' Bo Van Kham) refer to that person."""
    references = []
    for person in persons:
        for mention in list(person.mentions):
            if mention.lead is None or mention.token is None:
                continue
            doc = mention.token.doc
            text = doc.text[mention.lead - mention.start + mention.token.start_char :
                            mention.token.start_char]
            text = _trailing_words.sub("", text)
            if not text:
                continue
            reference = Found(mention.lead, mention.lead + len(text), text, "PERSON", "PERSON",
                              TITLE_REFERENCE, mention.country, person.key,
                              sentence=mention.sentence)
            references.append(reference)
            person.mentions.append(reference)
    return references


LEADER_OFFICES = {"head_of_state", "head_of_government"}


def _leaders_known(knowledge: Knowledge, country: str, when: PartialDate) -> bool:
    """Whether the knowledge base knows who led the country at that time."""
    day = when.value
    for person in _leaders_of(knowledge).get(country, ()):
        for term in person.get("offices", []):
            start, end = term.get("start") or "0000", term.get("end") or "9999"
            if term.get("office") in LEADER_OFFICES and start[: len(day)] <= day <= end:
                return True
    return False


@cache
def _leaders_of(knowledge: Knowledge) -> dict[str, tuple[dict, ...]]:
    table: dict[str, list[dict]] = {}
    for person in knowledge.office_holders:
        if any(t.get("office") in LEADER_OFFICES for t in person.get("offices", [])):
            table.setdefault(person["country"], []).append(person)
    return {country: tuple(people) for country, people in table.items()}


def home_leaders(persons: list[Person], found: list[Found], capitals: dict[str, str],
                 knowledge: Knowledge, when: PartialDate | None) -> None:
    """'NAIROBI - ... President William Ruto': a head of state or government with no
    country named, in a report filed from a capital, leads that capital's country, if
    the knowledge base does not know who led that country then (when it does and the
    name is not theirs, the leader is a visitor)."""
    dateline = next((m for m in found if m.origin == "rule:dateline"), None)
    home = capitals.get(normalize_name(dateline.text)) if dateline else None
    if home is None or when is None or _leaders_known(knowledge, home, when):
        return
    for person in persons:
        if person.country is None and LEADER_OFFICES & set(person.offices):
            person.country = home
            for mention in person.mentions:
                mention.country = home


def counterparts(persons: list[Person], found: list[Found],
                 dyad: tuple[str, str] | None) -> None:
    """'Xi Jinping and his host counterpart Aleksandar Vucic': in an article about a pair,
    the counterpart of one side's person, whose country nothing else tells, is the other
    side's."""
    if dyad is None:
        return
    for person in persons:
        if person.country is not None:
            continue
        for mention in person.mentions:
            other = _counterpart_of(mention, found)
            if other is not None and other in dyad:
                person.country = dyad[1] if other == dyad[0] else dyad[0]
                for each in person.mentions:
                    each.country = person.country
                break


def _counterpart_of(mention: Found, found: list[Found]) -> str | None:
    token = mention.token
    if token is None:
        return None
    window = token.doc[max(token.sent.start, token.start - 4) : token.start]
    if not any(t.lower_ in {"counterpart", "counterparts"} for t in window):
        return None
    before = [m for m in found if m.type == "PERSON" and m.sentence == mention.sentence
              and m.end <= mention.start and m.country]
    return before[-1].country if before else None


def link_office_holders(persons: list[Person], knowledge: Knowledge,
                        when: PartialDate | None) -> None:
    """Give each person the country (and canonical name) of the office holder they are,
    and the offices that holder held on the day, so that 'the head of state' can find them."""
    for person in persons:
        names = [m.text for m in person.mentions if m.origin not in REFERENCES]
        # the fullest name first; the next when it matches no holder ('• Marcos' of a list)
        names = sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n))
        holder = next((found for name in names if (found := match_office_holder(
            name, person.country, person.offices, when, knowledge))), None)
        if holder is not None:
            record, _ = holder
            person.country = person.country or record["country"]
            if len(normalize_name(person.name).split()) < 2:
                person.name = record["name"]
            if person.country == record["country"]:
                person.offices += [o for o in offices_held(record, when)
                                   if o not in person.offices]
        for mention in person.mentions:
            mention.country = person.country
