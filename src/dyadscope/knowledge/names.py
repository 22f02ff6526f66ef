"""Transliteration-aware name keys and a token-aligned similarity for person names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import combinations

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

# Russian/Belarusian/Vietnamese romanisations differ in these letter groups; map each
# group to one spelling so that Khrenin/Hrenin, Lukashenko/Lukasenka, Giang/Jang meet.
SPELLING = [
    (r"kh", "h"), (r"zh", "j"), (r"sh", "s"), (r"sch", "s"), (r"ch", "c"), (r"ts", "c"),
    (r"gi(?=[aeiou])", "j"), (r"ph", "f"), (r"w", "v"), (r"y", "i"), (r"ie", "e"),
    (r"ye", "e"), (r"ck", "k"), (r"q", "k"), (r"x", "ks"), (r"ou", "u"), (r"(.)\1", r"\1"),
]
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s-]")


def normalize_name(name: str) -> str:
    """Lower-case ASCII with quotes, possessives and punctuation removed."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = anyascii(text).lower()
    text = _NON_WORD.sub(" ", text).replace("-", " ")
    return _SPACE.sub(" ", text).strip()


PATRONYMIC = re.compile(r"(?:ovich|evich|ievich|yevich|ovna|evna|ievna|ich)$")


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """One token's romanisation-neutral form, its final vowel dropped (Lukashenka/-o)."""
    text = token
    for pattern, replacement in SPELLING:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"[aeiou]$", "", text) if len(text) > 4 else text


def name_tokens(name: str) -> list[str]:
    tokens = normalize_name(name).split()
    if len(tokens) > 2:
        tokens = [t for t in tokens if not PATRONYMIC.search(t)] or tokens
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


def name_similarity(a: str, b: str) -> float:
    return name_match(a, b)[0]
