"""Title-only references ('the Polish leader', 'the head of state'): linked to the one
person of the document, named earlier, who holds that role or office for that country."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dyadscope.extract.mentions import Found, sentence_starts
from dyadscope.extract.people import REFERENCES, ROLE_REFERENCE, Person
from dyadscope.extract.text import Paragraph, char_start
from dyadscope.extract.titles import (
    COUNTRY_LABELS,
    POSSESSIVE,
    Title,
    person_patterns,
    title_before,
    title_table,
)
from dyadscope.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class Reference:
    start: int  # token indices in the paragraph doc, determiner excluded
    end: int
    title: Title
    country: str | None


def link_references(paragraphs: list[Paragraph], found: list[Found], persons: list[Person],
                    knowledge: Knowledge) -> None:
    """Add a PERSON mention for every title-only reference that fits exactly one person."""
    taken = [(m.start, m.end) for m in found if m.type == "PERSON"]
    added = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences():
            for reference in _references(sentence, knowledge):
                span = paragraph.doc[reference.start : reference.end]
                start = char_start(paragraph, span)
                end = start + len(span.text)
                if any(s < end and start < e for s, e in taken):
                    continue
                person = _referent(reference, start, persons)
                if person is not None:
                    added.append(_mention(person, span, start))
                    taken.append((start, end))
    starts = sentence_starts(paragraphs)
    for mention in added:
        mention.sentence = bisect_right(starts, mention.start) - 1
    found += added
    found.sort(key=lambda m: (m.start, -m.end))


def _mention(person: Person, span: Any, start: int) -> Found:
    mention = Found(start, start + len(span.text), span.text, "PERSON", "PERSON",
                    ROLE_REFERENCE, person.country, person.key)
    person.mentions.append(mention)
    return mention


def _references(sentence: Any, knowledge: Knowledge) -> Iterator[Reference]:
    tokens = list(sentence)
    table = title_table(knowledge)
    determiners = set(person_patterns()["reference_determiners"])
    ambiguous = set(person_patterns()["ambiguous_titles"])
    for end in range(len(tokens), 0, -1):
        start, title = title_before(tokens, end, table)
        if title is None or title["kind"] == "honorific" or title["pattern"] in ambiguous:
            continue
        if _named_after(tokens, end):
            continue
        first, country, possessive = _modifiers(tokens, start)
        if not possessive and (first == 0 or tokens[first - 1].lower_ not in determiners):
            continue
        after = _country_after(tokens, end)
        if after is False:
            continue
        offset = sentence.start
        yield Reference(offset + first, offset + end, title, country or after or None)


def _named_after(tokens: list[Any], end: int) -> bool:
    """A title followed by a name ('President X', 'the leader, X') is that name's title,
    not a reference of its own."""
    if end < len(tokens) and tokens[end].text == ",":
        end += 1
    return end < len(tokens) and (tokens[end].ent_type_ == "PERSON" or (
        tokens[end].text[:1].isupper() and tokens[end].is_alpha and not tokens[end].is_sent_start
    ))


def _modifiers(tokens: list[Any], start: int) -> tuple[int, str | None, bool]:
    """The country written before a title: 'Polish leader', "Poland's president"."""
    index = start
    if index > 0 and tokens[index - 1].text in POSSESSIVE:
        owner = index - 2
        if owner >= 0 and tokens[owner].ent_type_ in COUNTRY_LABELS and tokens[owner].ent_id_:
            return _entity_first(tokens, owner), tokens[owner].ent_id_, True
        return start, None, False
    if index > 0 and tokens[index - 1].ent_type_ in COUNTRY_LABELS and tokens[index - 1].ent_id_:
        return _entity_first(tokens, index - 1), tokens[index - 1].ent_id_, False
    return start, None, False


def _entity_first(tokens: list[Any], index: int) -> int:
    while index > 0 and tokens[index].ent_iob_ == "I":
        index -= 1
    return index


def _country_after(tokens: list[Any], end: int) -> str | bool | None:
    """'the President of Belarus' gives a country; 'the head of the delegation' is no
    reference to an office holder at all (False)."""
    if end >= len(tokens) or tokens[end].lower_ != "of":
        return None
    for token in tokens[end + 1 : end + 4]:
        if token.ent_type_ in COUNTRY_LABELS and token.ent_id_:
            return token.ent_id_
        if token.lower_ not in {"the", "republic", "of"}:
            break
    return False


def _referent(reference: Reference, start: int, persons: list[Person]) -> Person | None:
    fits = [p for p in persons if _named_before(p, start) and _fits(reference, p)]
    return fits[0] if len(fits) == 1 else None


def _named_before(person: Person, start: int) -> bool:
    return any(m.start < start and m.origin not in REFERENCES for m in person.mentions)


def _fits(reference: Reference, person: Person) -> bool:
    if reference.country and person.country != reference.country:
        return False
    title = reference.title
    if title["kind"] == "reference":
        wanted = title["offices"]
        if wanted is None:  # 'his Polish counterpart': the country must say who
            return reference.country is not None and bool(person.offices or person.roles)
        return bool(set(wanted) & set(person.offices)) if wanted else bool(person.roles)
    if title.get("office"):
        return title["office"] in person.offices
    return title["role"] in person.roles
