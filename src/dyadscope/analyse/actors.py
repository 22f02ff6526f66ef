"""Which countries and entities a user's name for an actor denotes."""

from __future__ import annotations

from dyadscope import knowledge as knowledge_module
from dyadscope.extract.text import normalize_name
from dyadscope.knowledge.names import name_match
from dyadscope.store import reads
from dyadscope.store.db import Store


def country_codes(name: str) -> set[str]:
    wanted = normalize_name(name)
    codes = set()
    for country in knowledge_module.load().countries:
        names = [country["alpha3"], country["name"], *country.get("names", []),
                 *country.get("demonyms", []), *country.get("capitals", [])]
        if wanted in {normalize_name(n) for n in names}:
            codes.add(country["alpha3"].upper())
    return codes


def find_actor(store: Store, name: str) -> tuple[set[str], set[str]]:
    """(country codes, entity ids): a country by any name, or people by any alias."""
    codes = country_codes(name)
    wanted = normalize_name(name)
    entities: set[str] = set()
    for row in reads.named_entities(store):
        for candidate in (row["name"], row["alias"]):
            if not candidate:
                continue
            if normalize_name(candidate) == wanted or (
                row["type"] == "PERSON" and min(name_match(name, candidate)) >= 0.9
            ):
                entities.add(row["id"])
    return codes, entities
