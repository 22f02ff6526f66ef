"""Mentions from the annotated paragraphs: gazetteer hits, NER names, with type and key."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dyadscope.extract import names
from dyadscope.extract.text import Paragraph, char_end, char_start, normalize_name
from dyadscope.extract.titles import TitleTable, title_table
from dyadscope.knowledge import Knowledge

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "EVENT": "EVENT_NAME",
}
RULER_TYPES = {
    "COUNTRY": "COUNTRY",
    "DEMONYM": "COUNTRY",
    "METONYM": "COUNTRY",
    "CAPITAL": "LOCATION",
    "PLACE": "LOCATION",
    "ORG": "ORG",
    "WEAPON_SYSTEM": "WEAPON_SYSTEM",
    "EVENT_NAME": "EVENT_NAME",
}
DATELINE_MARKS = {",", ":", "—", "–", "-", "/"}
NESTED = "rule:nested"
# Mentions inside or before others that repeat what those say ('Polish' of 'Polish Defence
# Minister X', 'Poland' of 'Poland Air Show'): no news for the events.
SHADOWS = (NESTED, "ref:title")
PLACE_LIKE = {"PERSON", "ORG", "LOCATION"}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


@dataclass(slots=True)
class Found:
    """A mention while extraction still works on it (mutable until frozen into Mention)."""

    start: int
    end: int
    text: str
    type: str
    label: str
    origin: str
    country: str | None = None
    key: str = ""
    roles: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    sentence: int = 0
    token: Any = None
    lead: int | None = None  # where the titles before a person's name begin


def organization_countries(knowledge: Knowledge) -> dict[str, str | None]:
    return {f"org:{org['id']}": org.get("country") for org in knowledge.organizations}


def capital_country(knowledge: Knowledge) -> dict[str, str]:
    table: dict[str, str] = {}
    for country in knowledge.countries:
        for capital in country.get("capitals", []):
            table[normalize_name(capital)] = country["alpha3"].upper()
    return table


@cache
def country_words(knowledge: Knowledge) -> dict[str, str]:
    """Country names and demonyms, normalised, for countries named inside other names."""
    table: dict[str, str] = {}
    for country in knowledge.countries:
        code = country["alpha3"].upper()
        for name in [country["name"], *country.get("names", []), *country.get("demonyms", [])]:
            table.setdefault(normalize_name(name), code)
    return table


@cache
def organization_names(knowledge: Knowledge) -> dict[str, str]:
    """Organisation names and aliases, normalised, to their key ('un' -> 'org:un')."""
    table: dict[str, str] = {}
    for org in knowledge.organizations:
        for name in [org["name"], *org.get("aliases", [])]:
            table.setdefault(normalize_name(name), f"org:{org['id']}")
    return table


def inner_country(text: str, words: dict[str, str]) -> str | None:
    tokens = normalize_name(text).split()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            code = words.get(" ".join(tokens[i : i + size]))
            if code:
                return code
    return None


def _from_entity(ent: Any, paragraph: Paragraph, orgs: dict[str, str | None],
                 known: dict[str, str]) -> Found | None:
    label = ent.label_
    ident = ent.ent_id_ or ""
    if ident == "org:generic":  # the generic pattern can win a tie with a listed name
        ident = known.get(normalize_name(ent.text), ident)
    start, end = char_start(paragraph, ent), char_end(paragraph, ent)
    if ident and label in RULER_TYPES:
        kind = RULER_TYPES[label]
        country = None
        if label in {"COUNTRY", "DEMONYM", "METONYM", "CAPITAL"}:
            country = ident
        elif ident.startswith("org:"):
            country = orgs.get(ident)
        key = _ruler_key(label, ident, ent.text)
        found = Found(start, end, ent.text, kind, label, f"ruler:{label.lower()}", country, key)
        found.token = ent
        return found
    kind = NER_TYPES.get(label)
    if kind is None:
        return None
    return Found(start, end, ent.text, kind, label, f"ner:{label.lower()}", token=ent)


def _ruler_key(label: str, ident: str, text: str) -> str:
    if label in {"COUNTRY", "DEMONYM", "METONYM"}:
        return f"country:{ident}"
    if label == "CAPITAL":
        return f"loc:{normalize_name(text)}"
    if ident in {"weapon:designator", "event:generic", "org:generic"}:
        prefix = ident.split(":")[0]
        return f"{prefix}:{normalize_name(text)}"
    return ident


def _reshape(found: Found, paragraph: Paragraph, span: Any) -> None:
    found.token = span
    found.start, found.end = char_start(paragraph, span), char_end(paragraph, span)
    found.text = span.text


def _paragraph_found(paragraph: Paragraph, knowledge: Knowledge,
                     orgs: dict[str, str | None]) -> list[Found]:
    """The entities of one paragraph with the NER's person boundaries repaired."""
    table = title_table(knowledge)
    known = organization_names(knowledge)
    found = [m for ent in paragraph.doc.ents if (m := _from_entity(ent, paragraph, orgs, known))
             and not _only_title(m, table)]
    found = _merge_split_names(found, paragraph)
    for mention in found:
        ner = mention.origin.startswith("ner:")
        if ner and mention.type in PLACE_LIKE and names.is_place(mention.token):
            mention.type = "LOCATION"
        elif ner and mention.type in PLACE_LIKE and names.titled_other(mention.token, knowledge):
            mention.type, mention.label = "PERSON", "PERSON"
        if ner and mention.type == "PERSON":
            span = names.trim_right(names.trim_left(mention.token, table))
            span = names.extend_right(names.extend_left(span, table), knowledge)
            _reshape(mention, paragraph, span)
    for sentence in paragraph.doc.sents:
        for span in [*names.titled_names(sentence, knowledge),
                     *names.appositive_names(sentence, knowledge)]:
            if not any(m.token.start < span.end and span.start < m.token.end for m in found):
                found.append(_person(paragraph, span))
    return sorted(found, key=lambda m: m.start)


def _only_title(mention: Found, table: TitleTable) -> bool:
    """'Col' of 'Lt Col X' read as a person: a title alone names nobody."""
    words = tuple(normalize_name(mention.text).split())
    return mention.type == "PERSON" and words in table


def _person(paragraph: Paragraph, span: Any) -> Found:
    start, end = char_start(paragraph, span), char_end(paragraph, span)
    return Found(start, end, span.text, "PERSON", "PERSON", "rule:name", token=span)


def _merge_split_names(found: list[Found], paragraph: Paragraph) -> list[Found]:
    """'Ivan' (GPE) + 'Petrau' (PERSON): one NER word touching a person joins it."""
    merged: list[Found] = []
    for mention in found:
        last = merged[-1] if merged else None
        if last is not None and _split_pair(last, mention):
            doc = mention.token.doc
            target = last if last.type == "PERSON" else mention
            _reshape(target, paragraph, doc[last.token.start : mention.token.end])
            target.type, target.label, target.origin = "PERSON", "PERSON", "ner:person"
            merged[-1] = target
            continue
        merged.append(mention)
    return merged


def _split_pair(left: Found, right: Found) -> bool:
    if left.token.end != right.token.start or "PERSON" not in {left.type, right.type}:
        return False
    other = right if left.type == "PERSON" else left
    token = other.token
    return (other.type != "PERSON" and other.origin.startswith("ner:") and len(token) == 1
            and token[0].is_alpha and token.text[:1].isupper() and not token.text.isupper())


def _datelines(paragraph: Paragraph, found: list[Found], capitals: dict[str, str],
               knowledge: Knowledge) -> list[Found]:
    """'MINSK, Dec. 17 (Agency) -': a capitalised place opening a paragraph is a place,
    never an organisation, and no side of an event (so it carries no country)."""
    tokens = list(paragraph.doc[:5])
    if not tokens:
        return found
    end = 0
    while end < len(tokens) - 1 and tokens[end].is_upper and tokens[end].is_alpha:
        end += 1
    if end == 0:
        end = _titled_capital(tokens, capitals)
    if end == 0 or tokens[end].text not in DATELINE_MARKS | {"("} or (
            tokens[end].text != "(" and not tokens[end].whitespace_):
        return found
    span = paragraph.doc[:end]
    name = normalize_name(span.text)
    known = name in capitals or name in country_words(knowledge)
    named = len(name) > 2 and any(m.token.start < end and m.origin.startswith("ner:")
                                  for m in found)
    if not (known or (named and tokens[end].text != "(" and _dated(tokens, end))):
        return found
    kept = [m for m in found if m.token.start >= end]
    key = f"loc:{name}" if name in capitals else f"location:{name}"
    start, stop = char_start(paragraph, span), char_end(paragraph, span)
    line = Found(start, stop, span.text, "LOCATION", "DATELINE", "rule:dateline", None, key)
    line.token = span
    return [line, *kept]


def _titled_capital(tokens: list[Any], capitals: dict[str, str]) -> int:
    """'Nairobi, Feb. 29 (Agency) -', 'Hanoi (VNA) -': a capital in title case opening the
    paragraph before a date or an agency credit; its length in tokens, or 0."""
    for size in (3, 2, 1):
        if size >= len(tokens) or not all(t.is_title for t in tokens[:size]):
            continue
        mark = tokens[size]
        credit = mark.text == "(" or (
            mark.text == "," and size + 1 < len(tokens)
            and (tokens[size + 1].like_num or tokens[size + 1].lower_[:3] in MONTHS))
        if credit and normalize_name(" ".join(t.text for t in tokens[:size])) in capitals:
            return size
    return 0


def _dated(tokens: list[Any], end: int) -> bool:
    """The mark after the place is a dash, or a comma before a date."""
    if tokens[end].text != ",":
        return tokens[end].text in {"—", "–", "-"}
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return after is not None and (after.like_num or after.lower_[:3] in MONTHS)


def _finish(found: list[Found], knowledge: Knowledge, capitals: dict[str, str]) -> None:
    for mention in found:
        if mention.type == "LOCATION" and mention.country is None and mention.label != "DATELINE":
            mention.country = capitals.get(normalize_name(mention.text))
        if mention.type in {"ORG", "EVENT_NAME"} and mention.country is None:
            mention.country = inner_country(mention.text, country_words(knowledge))
        if not mention.key:
            mention.key = f"{mention.type.lower()}:{normalize_name(mention.text)}"


def link_acronyms(found: list[Found], orgs: dict[str, str | None]) -> None:
    """'State Military Industrial Committee (SMIC)': the name and its acronym are one
    organisation, under the gazetteer's key when either of them has one."""
    for long, short in _acronym_pairs(found):
        if long.key in orgs and short.key in orgs:
            continue
        keep, drop = (short, long) if short.key in orgs else (long, short)
        old = drop.key
        for mention in found:
            if mention.key == old:
                mention.key = keep.key
                mention.country = mention.country or keep.country
        keep.country = keep.country or long.country


def _acronym_pairs(found: list[Found]) -> list[tuple[Found, Found]]:
    pairs = []
    for long, short in zip(found, found[1:], strict=False):
        if long.type != "ORG" or short.type != "ORG" or long.token.doc is not short.token.doc:
            continue
        doc = long.token.doc
        if long.token.end + 1 != short.token.start or doc[long.token.end].text != "(":
            continue
        if _initials_fit(short.text, long.text):
            pairs.append((long, short))
    return pairs


def _initials_fit(acronym: str, name: str) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    initials = iter(w[0].upper() for w in normalize_name(name).split())
    if not letters or not acronym.isupper() or len(letters) < 2:
        return False
    if letters[0] != normalize_name(name)[:1].upper():
        return False
    return all(any(letter == initial for initial in initials) for letter in letters)


def nested_mentions(found: list[Found], knowledge: Knowledge) -> list[Found]:
    """A country or organisation opening a longer name ('UN refugee agency',
    "Poland's Central Bank") is also a mention of its own."""
    countries, organisations = country_words(knowledge), organization_names(knowledge)
    nested = []
    for mention in found:
        span = mention.token
        if mention.type not in {"ORG", "EVENT_NAME"} or len(span) < 2:
            continue
        for size in range(min(3, len(span) - 1), 0, -1):
            head = span[:size]
            if not head[-1].is_alpha:
                continue
            name = normalize_name(head.text)
            if name in countries:
                nested.append(_nested(mention, head, "COUNTRY", f"country:{countries[name]}",
                                      countries[name]))
                break
            if name in organisations and head.text.isupper():
                nested.append(_nested(mention, head, "ORG", organisations[name], None))
                break
    return nested


def _nested(outer: Found, head: Any, kind: str, key: str, country: str | None) -> Found:
    start = outer.start + head.start_char - outer.token.start_char
    found = Found(start, start + len(head.text), head.text, kind, kind, NESTED, country, key,
                  sentence=outer.sentence)
    found.token = head
    return found


def sentence_starts(paragraphs: list[Paragraph]) -> list[int]:
    return [char_start(p, s) for p in paragraphs for s in p.sentences()]


def paragraph_mentions(
    paragraphs: list[Paragraph], knowledge: Knowledge, orgs: dict[str, str | None],
    capitals: dict[str, str],
) -> list[Found]:
    found: list[Found] = []
    for paragraph in paragraphs:
        mentions = _paragraph_found(paragraph, knowledge, orgs)
        found += _datelines(paragraph, mentions, capitals, knowledge)
    _finish(found, knowledge, capitals)
    link_acronyms(found, orgs)
    found += nested_mentions(found, knowledge)
    found += short_names(paragraphs, found)
    found.sort(key=lambda m: (m.start, -m.end))
    starts = sentence_starts(paragraphs)
    for mention in found:
        mention.sentence = bisect_right(starts, mention.start) - 1
    return found


def _short_of(word: str, name: str) -> bool:
    words = name.split()
    # 'Ahn' of 'Ahn Gyu-back', 'Kim' of 'Kim Jong Un': East Asian surnames come first
    return word == words[-1] or (word == words[0] and len(word) >= 3)


def short_names(paragraphs: list[Paragraph], found: list[Found]) -> list[Found]:
    """'Lam thanked ...' after 'To Lam', 'Thongloun' after 'Thongloun Sisoulith': a
    capitalised word that ends or opens the full name of a person named earlier, and
    that the model did not mark, is that person again."""
    full = [m for m in found if m.type == "PERSON" and len(m.text.split()) > 1]
    words = {w for m in full for w in m.text.split() if _short_of(w, m.text)}
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")
    taken = sorted((m.start, m.end) for m in found)
    extra: list[Found] = []
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph.doc.text):
            start, end = paragraph.offset + match.start(), paragraph.offset + match.end()
            if _covered(taken, start) or not any(
                    m.end <= start and _short_of(match.group(), m.text) for m in full):
                continue
            span = paragraph.doc.char_span(match.start(), match.end())
            if span is not None and not span[0].is_stop:
                extra.append(Found(start, end, match.group(), "PERSON", "PERSON",
                                   "rule:short_name", token=span))
    return extra


def _covered(spans: list[tuple[int, int]], at: int) -> bool:
    index = bisect_right(spans, (at, 10**9)) - 1
    return any(a <= at < b for a, b in spans[max(0, index - 3) : index + 1])


def event_mentions(found: list[Found]) -> list[Found]:
    """The mentions that events read: each country or person named once per place."""
    return [m for m in found if m.origin not in SHADOWS]
