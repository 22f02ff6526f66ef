"""Weapon systems from the gazetteer: where each comes from."""

from __future__ import annotations

from functools import cache

from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.names import normalize_name


@cache
def weapon_origins(knowledge: Knowledge) -> dict[str, str]:
    """A system's mention key, by gazetteer id or by a name it is found under, to the
    country that makes it (ISO alpha-3)."""
    origins: dict[str, str] = {}
    for weapon in knowledge.weapons:
        if weapon.get("origin"):
            origins[f"weapon:{weapon['id']}"] = weapon["origin"]
            for name in [weapon["name"], *weapon.get("aliases", [])]:
                origins[f"weapon:{normalize_name(name)}"] = weapon["origin"]
    return origins
