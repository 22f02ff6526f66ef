"""Mentions from the annotated paragraphs: gazetteer hits, NER names, with type and key."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dyadscope.extract.text import Paragraph, char_end, char_start, normalize_name
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
    "ORG": "ORG",
    "WEAPON_SYSTEM": "WEAPON_SYSTEM",
    "EVENT_NAME": "EVENT_NAME",
}


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


def inner_country(text: str, words: dict[str, str]) -> str | None:
    tokens = normalize_name(text).split()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            code = words.get(" ".join(tokens[i : i + size]))
            if code:
                return code
    return None


def _from_entity(ent: Any, paragraph: Paragraph, orgs: dict[str, str | None]) -> Found | None:
    label = ent.label_
    ident = ent.ent_id_ or ""
    start, end = char_start(paragraph, ent), char_end(paragraph, ent)
    if ident and label in RULER_TYPES:
        kind = RULER_TYPES[label]
        country = None
        if label in {"COUNTRY", "DEMONYM", "METONYM", "CAPITAL"}:
            country = ident
        elif ident.startswith("org:"):
            country = orgs.get(ident)
        key = _ruler_key(label, ident, ent.text)
        return Found(start, end, ent.text, kind, label, f"ruler:{label.lower()}", country, key)
    kind = NER_TYPES.get(label)
    if kind is None:
        return None
    return Found(start, end, ent.text, kind, label, f"ner:{label.lower()}")


def _ruler_key(label: str, ident: str, text: str) -> str:
    if label in {"COUNTRY", "DEMONYM", "METONYM"}:
        return f"country:{ident}"
    if label == "CAPITAL":
        return f"loc:{normalize_name(text)}"
    if ident in {"weapon:designator", "event:generic", "org:generic"}:
        prefix = ident.split(":")[0]
        return f"{prefix}:{normalize_name(text)}"
    return ident


def paragraph_mentions(
    paragraphs: list[Paragraph], knowledge: Knowledge, orgs: dict[str, str | None],
    capitals: dict[str, str],
) -> list[Found]:
    found: list[Found] = []
    sentence_index = 0
    for paragraph in paragraphs:
        for sentence in paragraph.sentences():
            for ent in sentence.ents:
                mention = _from_entity(ent, paragraph, orgs)
                if mention is None:
                    continue
                mention.sentence = sentence_index
                mention.token = ent
                if mention.type == "LOCATION" and mention.country is None:
                    mention.country = capitals.get(normalize_name(mention.text))
                if mention.type in {"ORG", "EVENT_NAME"} and mention.country is None:
                    mention.country = inner_country(mention.text, country_words(knowledge))
                if not mention.key:
                    mention.key = f"{mention.type.lower()}:{normalize_name(mention.text)}"
                found.append(mention)
            sentence_index += 1
    return found
