"""Who published an article and who wrote it, from credits, datelines and bylines."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlparse

from dyadscope.clean.dates import find_dates
from dyadscope.types import Span

_PAREN = re.compile(r"\(\s*([^()\n]{2,40}?)\s*\)")
_SLASH = re.compile(r"(?<![\w:/.])/\s*([^/\n]{2,30}?)\s*/(?![\w/])")
_DASH_END = re.compile(r"(?m)(?:^|\s)(?:[—–]|--?)\s*([^—–\n]{2,40}?)\s*$")
_SOURCE = re.compile(
    r"(?im)^[ \t]*(?:source|credit|copyright|©)[ \t]*[:©]?[ \t]*(.{2,40}?)\.?[ \t]*$"
)
_CITY = re.compile(r"^\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*,\s*)?$")
_DATELINE_TOKEN = re.compile(
    r"\s*[,.]?\s+([A-Z][\w+&'’-]*(?:\s+[A-Z][\w+&'’-]*){0,2})(?=\s*[.,/:]\s|\s+[—–-]{1,2}\s)"
)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "bin", "al"}
_NAME_TOKEN = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


@cache
def _data() -> dict[str, Any]:
    path = files("dyadscope").joinpath("data", "clean", "outlets.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _aliases() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Short all-caps aliases match exactly ("AP"); the rest ignore case."""
    exact: dict[str, dict[str, Any]] = {}
    folded: dict[str, dict[str, Any]] = {}
    for outlet in _data()["outlets"]:
        for alias in [outlet["name"], *outlet["aliases"]]:
            if len(alias) <= 4 and alias.upper() == alias:
                exact[alias] = outlet
            else:
                folded[alias.lower()] = outlet
    return exact, folded


def known_outlet(name: str) -> dict[str, Any] | None:
    """The outlet record a name or alias refers to, from the data file."""
    name = name.strip(" .,:;'\"")
    exact, folded = _aliases()
    return exact.get(name) or folded.get(name.lower())


def _credited(value: str) -> dict[str, Any] | None:
    for part in re.split(r"\s*(?:/|,|\band\b|\+)\s*", value):
        outlet = known_outlet(part)
        if outlet:
            return outlet
    return known_outlet(value)


def _credits(text: str) -> list[tuple[int, dict[str, Any]]]:
    found = []
    for pattern in (_PAREN, _SLASH, _DASH_END, _SOURCE):
        for m in pattern.finditer(text):
            outlet = _credited(m.group(1))
            if outlet:
                found.append((m.start(1), outlet))
    return found


def _inside(pos: int, body: tuple[Span, ...]) -> bool:
    return any(s.start <= pos < s.end for s in body)


def _wire(text: str, body: tuple[Span, ...]) -> dict[str, Any] | None:
    credits = _credits(text)
    if not credits:
        return None
    counts = Counter(o["name"] for _, o in credits)
    first = {o["name"]: pos for pos, o in reversed(credits)}
    by_name = {o["name"]: o for _, o in credits}
    best = max(
        counts,
        key=lambda n: (
            any(_inside(p, body) for p, o in credits if o["name"] == n),
            counts[n],
            -first[n],
        ),
    )
    return by_name[best]


def _dateline_token(text: str, body: tuple[Span, ...]) -> str | None:
    """'December 17, Pozirk.': a capitalised name right after a dateline date."""
    start = body[0].start if body else 0
    lo, hi = max(0, start - 400), start + 1500
    for f in find_dates(text[lo:hi]):
        line_start = text.rfind("\n", 0, lo + f.start) + 1
        if not _CITY.match(text[line_start : lo + f.start]):
            continue
        m = _DATELINE_TOKEN.match(text, lo + f.end)
        if m:
            return m.group(1)
    return None


def _domain(url: str | None) -> str | None:
    host = urlparse(url if url and "//" in url else f"//{url}").hostname if url else None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host) if host else None


def _site_of(domain: str) -> str:
    for outlet in _data()["outlets"]:
        if any(domain == d or domain.endswith("." + d) for d in outlet["domains"]):
            return outlet["name"]
    return domain


def find_outlet(text: str, body: tuple[Span, ...], url: str | None = None) -> str | None:
    """The publishing outlet as a reader would name it: "Pozirk", "AFP", "Oman Observer (AFP)"."""
    wire = _wire(text, body)
    domain = _domain(url)
    site = _site_of(domain) if domain else None
    token = _dateline_token(text, body)
    if token and not site:
        outlet = known_outlet(token)
        if outlet and outlet["kind"] == "agency" and not wire:
            wire = outlet
        elif not outlet or outlet["kind"] != "agency":
            site = outlet["name"] if outlet else token
    if site and wire and wire["name"] != site:
        return f"{site} ({wire['name']})"
    return site or (wire["name"] if wire else None)


# ------------------------------------------------------------------ authors


def _name_token(token: str, first: bool, last: bool) -> bool:
    if token in _PARTICLES:
        return not (first or last)
    if re.fullmatch(r"[A-Z]\.", token):
        return not last
    if not _NAME_TOKEN.match(token) or not token[0].isupper() or token.isupper():
        return False
    return token.lower() not in _stopwords()


@cache
def _stopwords() -> frozenset[str]:
    import calendar

    words = set(_data()["author_stopwords"])
    words |= {w.lower() for w in [*calendar.month_name, *calendar.day_name] if w}
    return frozenset(words)


def person_name(line: str) -> str | None:
    """`line` if it is just a person's name of two to four words, else None."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 4 or known_outlet(line):
        return None
    ok = all(_name_token(t, i == 0, i == len(tokens) - 1) for i, t in enumerate(tokens))
    return " ".join(tokens) if ok else None


def _byline(text: str) -> str | None:
    labels = "|".join(re.escape(w) for w in sorted(_data()["byline_labels"], key=len, reverse=True))
    pattern = re.compile(rf"(?im)^[ \t]*(?:{labels})[ \t]*[:\-]?[ \t]+(.{{3,80}}?)[ \t]*$")
    for m in pattern.finditer(text):
        head = re.split(r"\s*[,;|•·(]\s*|\s+-\s+", m.group(1))[0]
        people = [person_name(p) for p in re.split(r"\s+and\s+|\s*&\s*", head)]
        if people and all(people):
            return " and ".join(p for p in people if p)
    return None


def _prose(line: str) -> bool:
    return len(line) >= 100 and line.rstrip()[-1:] in '.!?"”»)'


def _signature(text: str, body: tuple[Span, ...]) -> str | None:
    """A name standing alone right after the article's last paragraph."""
    lines = [ln.strip() for ln in text[body[-1].end :].splitlines() if ln.strip()] if body else []
    if lines and (name := person_name(lines[0])):
        return name
    lo, hi = (body[0].start, body[-1].end) if body else (0, len(text))
    inner = [ln.strip() for ln in text[lo:hi].splitlines() if ln.strip()]
    for i, line in enumerate(inner[1:], start=1):
        after = inner[i + 1] if i + 1 < len(inner) else ""
        if _prose(inner[i - 1]) and not _prose(after) and (name := person_name(line)):
            return name
    return None


def find_author(text: str, body: tuple[Span, ...]) -> str | None:
    """The article's author from a byline ("By Jane Doe", "Author: ...") or a signature line."""
    return _byline(text) or _signature(text, body)
