"""Who held which office when: matching a name, country, office and date to a person."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.names import (
    name_key,
    name_match,
    name_tokens,
    same_person_name,
    skeleton,
)
from dyadscope.types import PartialDate

KB_NAME = (0.93, 0.85)
# The office, country and date vouch for a spelling variant; with no country known the
# office alone does not, and the name must be as close as a knowledge-base alias.
OFFICE_NAME = (0.75, 0.6)
# A cheap string score over order-free keys picks the few aliases worth the careful
# token alignment; it admits every pair that can pass KB_NAME.
BLOCK_CUTOFF = 60
BLOCK_LIMIT = 15


@cache
def office_of_role(knowledge: Knowledge) -> dict[str, str]:
    return {t["role"]: t["office"] for t in knowledge.titles if t.get("office")}


def _held(
    person: dict[str, Any], office: str, country: str | None, when: PartialDate | None
) -> bool:
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


@cache
def _office_index(knowledge: Knowledge) -> dict[str, tuple[int, ...]]:
    """Office key to the knowledge-base people who ever held it."""
    index: dict[str, set[int]] = {}
    for number, person in enumerate(knowledge.office_holders):
        for term in person.get("offices", []):
            index.setdefault(term.get("office"), set()).add(number)
    return {office: tuple(sorted(people)) for office, people in index.items()}


@cache
def _alias_index(knowledge: Knowledge, country: str | None) -> tuple[list[str], list[int]]:
    keys: list[str] = []
    owners: list[int] = []
    for number, person in enumerate(knowledge.office_holders):
        if country and person["country"] != country:
            continue
        for alias in {person["name"], *person.get("aliases", [])}:
            keys.append(name_key(alias))
            owners.append(number)
    return keys, owners


def _candidates(
    name: str, country: str | None, offices: tuple[str, ...], when: PartialDate | None,
    knowledge: Knowledge,
) -> list[dict[str, Any]]:
    """Holders of the office at the time, and holders whose alias looks like the name."""
    holders = knowledge.office_holders
    by_office = _office_index(knowledge)
    chosen = {
        n for office in offices for n in by_office.get(office, ())
        if _held(holders[n], office, country, when)
    }
    if len(name.split()) > 1:
        keys, owners = _alias_index(knowledge, country)
        found = process.extract(
            name_key(name), keys, scorer=fuzz.token_set_ratio,
            score_cutoff=BLOCK_CUTOFF, limit=BLOCK_LIMIT,
        )
        chosen |= {owners[position] for _, _, position in found}
    return [holders[n] for n in sorted(chosen)]


def _best_alias(name: str, person: dict[str, Any]) -> tuple[float, float, str]:
    """The alias most like the name, preferring aliases that explain all of its words."""
    words = len(name_tokens(name))
    scored = [(len(name_tokens(alias)) >= words, *name_match(name, alias), alias)
              for alias in [person["name"], *person.get("aliases", [])]]
    _, mean, weakest, alias = max(scored)
    return mean, weakest, alias


def _name_vouches(name: str, alias: str) -> bool:
    """A name alone identifies a holder only when it is a full name whose every word the
    alias explains ('Melko Narubit' is not 'Naruhito') and whose telling word agrees."""
    words = len(name_tokens(name))
    return 1 < words <= len(name_tokens(alias)) and same_person_name(name, alias)


def match_office_holder(
    name: str, country: str | None, offices: list[str], when: PartialDate | None,
    knowledge: Knowledge,
) -> tuple[dict[str, Any], str] | None:
    """The knowledge-base person this name refers to, with the reason, or None."""
    return _match(name, country, tuple(offices), when, knowledge)


# The same few leaders recur in every article of a corpus.
@lru_cache(maxsize=8192)
def _match(
    name: str, country: str | None, offices: tuple[str, ...], when: PartialDate | None,
    knowledge: Knowledge,
) -> tuple[dict[str, Any], str] | None:
    best: tuple[float, dict[str, Any], str] | None = None
    candidates = _candidates(name, country, offices, when, knowledge)
    if country is None and len(name_tokens(name)) == 1:
        return _by_surname(name, candidates, offices, when)
    for person in candidates:
        if country and person["country"] != country:
            continue
        mean, weakest, alias = _best_alias(name, person)
        in_office = any(_held(person, office, country, when) for office in offices)
        # Without a country from the text only a full name can vouch: a lone given name
        # ("Andrew") is too close to too many holders' names ("Andrés").
        vouched = country is not None or (mean >= KB_NAME[0] and _name_vouches(name, alias))
        if in_office and vouched and mean >= OFFICE_NAME[0] and weakest >= OFFICE_NAME[1]:
            at = when.value if when else "?"
            reason = f"held {'/'.join(offices)} of {person['country']} at {at}"
            score = mean + 1.0
        elif mean >= KB_NAME[0] and weakest >= KB_NAME[1] and _name_vouches(name, alias):
            reason = "name matches a knowledge-base alias"
            score = mean
        else:
            continue
        if best is None or score > best[0]:
            best = (score, person, f"{reason}; name similarity {mean:.2f}")
    return (best[1], best[2]) if best else None


def _by_surname(name: str, candidates: list[dict[str, Any]], offices: tuple[str, ...],
                when: PartialDate | None) -> tuple[dict[str, Any], str] | None:
    """'President Marcos': a title and a surname name the one holder of that office at the
    time whose surname it is, if only one is."""
    word = name_key(name)
    fits = [p for p in candidates
            if when is not None and any(_held(p, office, None, when) for office in offices)
            and any(word in _family_names(alias) for alias in [p["name"], *p.get("aliases", [])])]
    if len(fits) != 1:
        return None
    return fits[0], f"the only {'/'.join(offices)} named {name} at {when.value if when else '?'}"


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _family_names(alias: str) -> set[str]:
    """The words a title can stand before: the last ('President Marcos'), or the first in
    names written surname first ('President Xi', 'President Lee')."""
    tokens = [skeleton(t) for t in name_tokens(alias) if t.lower().strip(".") not in SUFFIXES]
    return {tokens[0], tokens[-1]} if len(tokens) > 1 else set()


def offices_held(person: dict[str, Any], when: PartialDate | None) -> list[str]:
    """The offices a knowledge-base person held at `when` (none when the date is unknown)."""
    if when is None:
        return []
    terms = {term.get("office") for term in person.get("offices", []) if term.get("office")}
    return sorted(office for office in terms if _held(person, office, None, when))
