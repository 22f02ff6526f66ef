"""Who held which office when: matching a name, country, office and date to a person."""

from __future__ import annotations

from functools import cache
from typing import Any

from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.names import name_match
from dyadscope.types import PartialDate

KB_NAME = (0.93, 0.85)
OFFICE_NAME = (0.75, 0.0)


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


def _best_alias(name: str, person: dict[str, Any]) -> tuple[float, float]:
    return max(name_match(name, alias) for alias in [person["name"], *person.get("aliases", [])])


def match_office_holder(
    name: str, country: str | None, offices: list[str], when: PartialDate | None,
    knowledge: Knowledge,
) -> tuple[dict[str, Any], str] | None:
    """The knowledge-base person this name refers to, with the reason, or None."""
    best: tuple[float, dict[str, Any], str] | None = None
    for person in knowledge.office_holders:
        if country and person["country"] != country:
            continue
        mean, weakest = _best_alias(name, person)
        in_office = any(_held(person, office, country, when) for office in offices)
        if in_office and mean >= OFFICE_NAME[0]:
            at = when.value if when else "?"
            reason = f"held {'/'.join(offices)} of {person['country']} at {at}"
            score = mean + 1.0
        elif mean >= KB_NAME[0] and weakest >= KB_NAME[1] and len(name.split()) > 1:
            reason = "name matches a knowledge-base alias"
            score = mean
        else:
            continue
        if best is None or score > best[0]:
            best = (score, person, f"{reason}; name similarity {mean:.2f}")
    return (best[1], best[2]) if best else None
