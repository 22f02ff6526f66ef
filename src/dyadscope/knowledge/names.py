"""Transliteration-aware name keys and a token-aligned similarity for person names."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import combinations
from typing import Any

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from dyadscope.knowledge import load_json_data

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s-]")


def normalize_name(name: str) -> str:
    """Lower-case ASCII with quotes, possessives and punctuation removed."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = anyascii(text).lower()
    text = _NON_WORD.sub(" ", text).replace("-", " ")
    return _SPACE.sub(" ", text).strip()


@cache
def _table() -> dict[str, Any]:
    """Letter groups that romanisations spell differently, and patronymic endings."""
    return load_json_data("lexicons/names.json")


@cache
def _spelling() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), to) for pattern, to in _table()["spelling"])


@cache
def _patronymic() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(_table()["patronymic_endings"]) + ")$")


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """One token's romanisation-neutral form, its final vowel dropped (Lukashenka/-o)."""
    text = token
    for pattern, replacement in _spelling():
        text = pattern.sub(replacement, text)
    return re.sub(r"[aeiou]$", "", text) if len(text) > 4 else text


def is_patronymic(word: str) -> bool:
    return bool(_patronymic().search(normalize_name(word)))


def name_tokens(name: str) -> list[str]:
    tokens = normalize_name(name).split()
    if len(tokens) > 2:
        tokens = [t for t in tokens if not _patronymic().search(t)] or tokens
    return tokens


def name_key(name: str) -> str:
    """Order-free key: sorted skeletons, so 'Ravkov Andrei' meets 'Andrei Ravkov'."""
    return " ".join(sorted(skeleton(t) for t in name_tokens(name)))


def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(skeleton(a), skeleton(b)))


def _aligned(short: list[str], long: list[str]) -> tuple[float, float]:
    """Best in-order alignment of `short` into `long`: (mean, weakest) token similarity."""
    best = (0.0, 0.0)
    for chosen in combinations(range(len(long)), len(short)):
        scores = [_token_similarity(t, long[i]) for t, i in zip(short, chosen, strict=True)]
        best = max(best, (sum(scores) / len(scores), min(scores)))
    return best


def name_match(a: str, b: str) -> tuple[float, float]:
    """(mean, weakest) token similarity, in either name order (Russian order swaps)."""
    left, right = name_tokens(a), name_tokens(b)
    if not left or not right:
        return 0.0, 0.0
    if len(left) > len(right):
        left, right = right, left
    return max(_aligned(left, right), _aligned(left[::-1], right))


def same_person_name(a: str, b: str) -> bool:
    """Whether two names can be one person's without other evidence: given names vary
    (Aleksandr/Alaksandar/Alexander), but the last word of the shorter name must be the
    same once romanisation is undone (Lukashenko/Lukašenka, Giang/Jang, Ravkov Andrei);
    not Serrano/Serra, Castor/Castro, Ali/Al."""
    short, long = sorted((name_tokens(a), name_tokens(b)), key=len)
    if not short:
        return False
    anchor = skeleton(short[-1])
    return any(skeleton(token) == anchor for token in long)


def name_similarity(a: str, b: str) -> float:
    return name_match(a, b)[0]
