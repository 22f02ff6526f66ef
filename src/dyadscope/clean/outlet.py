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
# On the date's own line: a date line followed by a city line ("BUENOS AIRES —") is no credit.
_DATELINE_TOKEN = re.compile(
    r"[ \t]*[,.]?[ \t]+([A-Z][\w+&'’-]*(?:[ \t]+[A-Z][\w+&'’-]*){0,2})"
    r"(?=[ \t]*[.,/:]\s|[ \t]+[—–-]{1,2}\s)"
)
_COPYRIGHT_LINE = re.compile(r"(?im)^[ \t]*(?:copyright\b|©|\(c\)\s)[^\n]{2,120}$")
_COPYRIGHT_MARK = re.compile(r"copyright|©|\(c\)|\d{4}(?:\s*[-–]\s*\d{2,4})?", re.I)
_QUOTES = str.maketrans("", "", "«»\"“”„")
_NAME_END = re.compile(r"\.\s|\s[|–—-]\s|[;|•·]")
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
SITE_WORDS = 6
SITE_CHARS = 60
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


@cache
def _picture() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _data()["picture_words"])
    return re.compile(rf"\b(?:{words})s?\b", re.I)


_DATELINE_DASH = re.compile(r"\s*\)?\s*(?:[—–]|--?)\s")


def _credits(text: str, body: tuple[Span, ...] = ()) -> list[tuple[int, dict[str, Any]]]:
    """Agencies credited for the copy: '(AFP) —', '/TASS/', '— AFP', 'Source: Reuters'.
    A credit on a picture's line is the picture's, and outside the body a bare '(AP)'
    closes a caption; neither names who wrote the article."""
    found = []
    for pattern in (_PAREN, _SLASH, _DASH_END, _SOURCE):
        for m in pattern.finditer(text):
            outlet = _credited(m.group(1))
            if not outlet or _picture().search(_line_of(text, m.start(1))):
                continue
            if (pattern is _PAREN and body and not _inside(m.start(1), body)
                    and not _DATELINE_DASH.match(text, m.end())):
                continue
            found.append((m.start(1), outlet))
    return found


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def _inside(pos: int, body: tuple[Span, ...]) -> bool:
    return any(s.start <= pos < s.end for s in body)


def _wire(text: str, body: tuple[Span, ...]) -> dict[str, Any] | None:
    credits = _credits(text, body)
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


def _site_of(domain: str) -> str | None:
    for outlet in _data()["outlets"]:
        if any(domain == d or domain.endswith("." + d) for d in outlet["domains"]):
            return str(outlet["name"])
    return None


def site_label(name: str | None, declared: bool = False) -> str | None:
    """`name` as an outlet: the data file's name for a known alias, else the name
    itself when it is short enough to be one. A name the page `declared` as its
    site may be lower-case ("nj") and may carry a tagline ("Foo | Daily news")."""
    if not name:
        return None
    name = " ".join(name.split())
    if declared:
        name = name.split(" | ")[0].lstrip("@")
    name = name.strip(" .,:;|-–—")
    outlet = known_outlet(name)
    if outlet:
        return str(outlet["name"])
    if not name or len(name) > SITE_CHARS or len(name.split()) > SITE_WORDS:
        return None
    return name if declared or name[0].isupper() or name[0].isdigit() else None


def title_suffix(title: str | None) -> str | None:
    """The site name pages append to their <title>: "Storm closes roads | Harbour Times"."""
    parts = _TITLE_SEPARATOR.split(title.strip()) if title else []
    if len(parts) < 2 or len(parts[-1]) >= len(" ".join(parts[:-1])):
        return None
    return site_label(parts[-1])


@cache
def _reserved() -> re.Pattern[str]:
    phrases = "|".join(re.escape(p) for p in _data()["copyright_reserved"])
    return re.compile(rf"\b(?:{phrases})\b.*$", re.I)


_MASTHEAD = re.compile(
    r"^(?:date \d{4}-\d\d-\d\d\s+)?(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
    r"\s+[–—-]{1,2}\s+(?P<place>[A-Z][\w.'’-]*(?:[ /,]+[A-Z][\w.'’-]*){0,4})\s*$")


@cache
def _media_words() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _data()["media_words"])
    return re.compile(rf"\b(?:{words})\b")


MASTHEAD_REACH = 400


def masthead(text: str, body: tuple[Span, ...]) -> str | None:
    """'Shafaq News – Beijing / Washington', 'Daijiworld Media Network - Qingdao': a line
    just above or opening the body that names a news organisation, then where it reports
    from."""
    start = body[0].start if body else 0
    lo = max(0, start - MASTHEAD_REACH)
    for raw in text[lo : start + 200].splitlines():
        m = _MASTHEAD.match(raw.strip())
        if m and _media_words().search(m.group("name")):
            name = re.sub(r"\s+(?:Media\s+)?Network$", "", m.group("name"))
            outlet = known_outlet(name)
            return str(outlet["name"]) if outlet else name
    return None


_CITING = re.compile(
    r"(?:^|[,;]\s+)(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)?)\s+reports?,?\s+citing\s+"
    r"(?:the\s+)?(?P<agency>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")


def self_citation(text: str, body: tuple[Span, ...]) -> tuple[str, str] | None:
    """'..., Azernews reports, citing the Anadolu Agency.': in the first paragraph, the
    outlet names itself and the agency it took the story from."""
    if not body:
        return None
    m = _CITING.search(text, body[0].start, body[0].end)
    if not m:
        return None
    outlet = known_outlet(m.group("name"))
    return (str(outlet["name"]) if outlet else m.group("name")), m.group("agency").rstrip(".,;:")


def copyright_holder(text: str) -> str | None:
    """The holder named on the last copyright line: "© 2024 Harbour Times Ltd." """
    lines = [m.group(0) for m in _COPYRIGHT_LINE.finditer(text)]
    lines += [ln for ln in text.splitlines() if len(ln) <= 200 and _reserved().search(ln)]
    lines.sort(key=text.rfind)
    for line in reversed(lines):
        label = site_label(_holder(line))
        if label:
            return label
    return None


def _holder(line: str) -> str:
    rest = _COPYRIGHT_MARK.sub(" ", _reserved().sub("", line)).strip(" .,;:|-–—")
    name = _NAME_END.split(rest, maxsplit=1)[0]
    words = name.replace(",", " ").translate(_QUOTES).split()
    legal = {w.lower() for w in _data()["legal_forms"]}
    while words and words[-1].lower().strip(".") in legal:
        words.pop()
    while words and words[0].lower().strip(".") in legal:
        words.pop(0)
    return " ".join(words)


def find_outlet(
    text: str, body: tuple[Span, ...], url: str | None = None, site: str | None = None
) -> str | None:
    """The publishing outlet as a reader would name it: "Pozirk", "AFP", "Oman Observer (AFP)".

    Evidence, strongest first: a known domain, the site name the page declares
    (`site`), the copyright holder, a masthead line, the lede's 'X reports, citing Y',
    then an unknown domain, else a name after the dateline. Wire credits ("— AFP",
    "/TASS/") name the agency next to the site.
    """
    wire = _wire(text, body)
    domain = _domain(url)
    cited = self_citation(text, body)
    if cited and not wire:
        wire = known_outlet(cited[1]) or {"name": cited[1]}
    named = (
        (_site_of(domain) if domain else None)
        or site_label(site, declared=True)
        or copyright_holder(text)
        or masthead(text, body)
        or (cited[0] if cited else None)
    )
    token = _dateline_token(text, body) if not (named or domain) else None
    if token:
        outlet = known_outlet(token)
        if outlet and outlet["kind"] == "agency" and not wire:
            wire = outlet
        elif not outlet or outlet["kind"] != "agency":
            named = outlet["name"] if outlet else token
    named = named or domain
    if named and wire and wire["name"] != named:
        return f"{named} ({wire['name']})"
    return named or (wire["name"] if wire else None)


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


def is_byline(line: str) -> bool:
    """'By Maria Gomez', 'Author: J. Smith': a credit line, never the headline."""
    return _byline(line) is not None


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
