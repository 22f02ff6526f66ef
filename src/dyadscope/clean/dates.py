"""Publication date of a plain-text article, and relative date expressions.

Regexes find candidate dates cheaply; `dateparser` only reads the container's
hint and labelled lines the regexes could not. A date is trusted ("high") when it
sits at a line start near the headline or body start and the content agrees with
it; a date from a page widget or contradicted by the content is "low".
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from dyadscope.types import PartialDate, Precision, Span

Level = Literal["high", "low"]

_ORDER: dict[Precision, int] = {"day": 0, "month": 1, "year": 2}
_MONTHS = {n.lower(): i for i, n in enumerate(calendar.month_name) if n} | {
    n.lower(): i for i, n in enumerate(calendar.month_abbr) if n
}
_MONTHS["sept"] = 9
_WEEKDAYS = {n.lower(): i for i, n in enumerate(calendar.day_name)}


def _names(words: list[str]) -> str:
    """Capitalised or upper-case forms only: a lower-case "may" is a verb."""
    forms = {form for w in words for form in (w.title(), w.upper())}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_MON = rf"\b{_names(list(_MONTHS))}\b\.?"
_WDAY = rf"\b{_names([*calendar.day_name, *calendar.day_abbr])}\b\.?,?\s+"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_DASH = r"\s*(?:[-–—]|to|until)\s*"
_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"\b(?P<y>{_YEAR})-(?P<n>[01]?\d)-(?P<d>[0-3]?\d)(?:\b|(?=T\d))",
        rf"\b(?P<y>{_YEAR})/(?P<n>[01]?\d)/(?P<d>[0-3]?\d)\b",
        rf"\b(?P<d>[0-3]?\d)[./-](?P<n>[01]?\d)[./-](?P<y>{_YEAR})\b",
        rf"(?:{_WDAY})?(?P<m>{_MON})\s*(?P<d>{_DAY})\b"
        rf"(?:{_DASH}(?:(?P<m2>{_MON})\s*)?(?P<d2>{_DAY})\b)?(?:,?\s+(?P<y>{_YEAR})\b)?",
        rf"(?:{_WDAY})?\b(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m>{_MON})"
        rf"(?:,?\s+(?P<y>{_YEAR})\b)?",
        rf"(?P<m>{_MON})\s+(?P<y>{_YEAR})\b",
    )
)
_YEAR_RE = re.compile(rf"\b{_YEAR}\b")
_WEEKDAY_NAME = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")
# '/2024/06/20/', '/2024-06-20/', '/20240620/', '/2024/06/' in an article's address
_URL_DATE = re.compile(
    rf"/(?P<y>{_YEAR})(?:[/-]?(?P<m>[01]\d)(?:[/-]?(?P<d>[0-3]\d))?)?(?=[/_.-]|$)")
_RELATIVE_NOISE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|just now|hours?|minutes?)\b", re.I)


@cache
def _data() -> dict[str, Any]:
    path = files("dyadscope").joinpath("data", "clean", "dates.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _prefix_re() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in sorted(_data()["date_labels"], key=len, reverse=True))
    city = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*[,(:]\s*"
    return re.compile(rf"^\s*(?:(?i:{labels})\s*[:\-–]?\s*|{city}|[|•·]\s*)?$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """An explicit date in the text; `day` is None for month-year and day ranges."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    ranged: bool = False


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _found(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    day = int(re.sub(r"\D", "", g["d"])) if g.get("d") else None
    if g.get("n"):
        month = int(g["n"])
        if month > 12 and day is not None and day <= 12:
            month, day = day, month
    else:
        month = _MONTHS[g["m"].rstrip(".").lower()]
    ranged = bool(g.get("d2"))
    if not _valid(year, month, day):
        return None
    return FoundDate(m.start(), m.end(), year, month, None if ranged else day, ranged)


def find_dates(text: str) -> list[FoundDate]:
    """Every explicit calendar date in `text`, longest match first where they overlap."""
    hits = [f for p in _PATTERNS for m in p.finditer(text) if (f := _found(m))]
    hits.sort(key=lambda f: (f.start, f.start - f.end))
    kept: list[FoundDate] = []
    for f in hits:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def _partial(f: FoundDate, year: int) -> PartialDate:
    return PartialDate.of(year, f.month, f.day)


# ---------------------------------------------------------------- the hint


def _dateparser(value: str) -> PartialDate | None:
    if not _YEAR_RE.search(value) or _RELATIVE_NOISE.search(value):
        return None
    from dateparser.date import DateDataParser

    parser = DateDataParser(settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"})
    data = parser.get_date_data(value)
    if data.date_obj is None:
        return None
    d = data.date_obj
    period = data.period or "day"
    if period == "year":
        return PartialDate.of(d.year)
    if period in ("month", "week"):
        return PartialDate.of(d.year, d.month)
    return PartialDate.of(d.year, d.month, d.day)


def parse_date(value: str) -> PartialDate | None:
    """A container's date string (ISO, RFC 2822, '12.03.2023 14:05', ...) at its precision."""
    value = value.strip()
    iso = re.match(rf"^({_YEAR})(?:-([01]\d)(?:-([0-3]\d))?)?(?:$|[T ])", value)
    if iso:
        y, m, d = (int(x) if x else None for x in iso.groups())
        if y and _valid(y, m or 1, d):
            return PartialDate.of(y, m, d if m else None)
    return _dateparser(value)


# ------------------------------------------------------- evidence in the body


def _body_text(text: str, body: tuple[Span, ...], skip: FoundDate | None = None) -> str:
    parts = []
    for s in body:
        chunk = text[s.start : s.end]
        if skip and s.start <= skip.start < s.end:
            chunk = chunk[: skip.start - s.start] + " " + chunk[skip.end - s.start :]
        parts.append(chunk)
    return "\n".join(parts) if body else text


def _year_kind(text: str, start: int, end: int) -> str:
    before = re.split(r"[.!?]\s", text[max(0, start - 60) : start].lower())[-1]
    words = re.findall(r"[\w']+", before)
    nxt = (re.findall(r"[\w']+", text[end : end + 20].lower()) or [""])[0]
    data = _data()
    if (words and words[-1] in data["event_words"]) or nxt in data["event_words"]:
        return "event"
    if (words and words[-1] in data["future_year_words"]) or re.search(r"\d{4}\s*[-–]\s*$", before):
        return "future"
    if set(words[-6:]) & set(data["future_markers"]):
        return "future"
    if any(before.rstrip().endswith(p) for p in data["after_year_phrases"]):
        return "after"
    return "plain"


def _years(body_text: str) -> dict[str, list[int]]:
    kinds: dict[str, list[int]] = {"future": [], "after": [], "event": [], "plain": []}
    for m in _YEAR_RE.finditer(body_text):
        kinds[_year_kind(body_text, m.start(), m.end())].append(int(m.group()))
    return kinds


def infer_year(body_text: str) -> tuple[int | None, Level]:
    """The article's year from years its body mentions: named events, 'by the end of 2023'.

    Sure ("high") only when the latest year is that of a named event ("Expo 2024").
    """
    y = _years(body_text)
    floor = [v + 1 for v in y["after"]]
    best = max(y["event"] + y["plain"] + floor, default=None)
    return best, "high" if best is not None and best in y["event"] else "low"


def _contradicted(d: PartialDate, body_text: str) -> bool:
    """A body that names a later year than the date cannot have been published then.
    (A weekday in the lede is no contradiction: a Wednesday article reports Monday.)"""
    years = _years(body_text)
    return max(years["plain"] + years["event"], default=0) > d.year


# -------------------------------------------------------- choosing the date


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_dateline(text: str, f: FoundDate) -> bool:
    start, end = _line(text, f.start)
    if _prefix_re().match(text[start : f.start]):
        return True
    rest = text[start : f.start] + " " + text[f.end : end]
    return f.year is not None and end - start <= 80 and len(rest.split()) <= 5


def _is_widget(text: str, f: FoundDate) -> bool:
    start, end = _line(text, f.start)
    near = [text[f.end : end]]
    lines_before = text[max(0, start - 400) : start].splitlines()[-3:]
    lines_after = text[end:].splitlines()[1:5]
    near += [ln for ln in lines_before + lines_after if len(ln.split()) <= 4]
    window = "\n".join(near).lower()
    return any(marker in window for marker in _data()["widget_markers"])


def _distance(f: FoundDate, body: tuple[Span, ...], title: Span | None) -> int:
    body_start = body[0].start if body else 0
    lo = min(body_start, title.start if title else body_start) - 400
    hi = max(body_start, title.end if title else body_start) + 300
    return max(0, lo - f.start, f.start - hi)


def _labelled(
    text: str, body: tuple[Span, ...], title: Span | None
) -> tuple[PartialDate, Level] | None:
    labels = "|".join(re.escape(w) for w in _data()["date_labels"])
    pat = re.compile(rf"(?im)^[ \t]*(?:{labels})[ \t]*:[ \t]*(.{{4,40}})$")
    for m in pat.finditer(text):
        found = _dateparser(m.group(1))
        if found:
            here = FoundDate(m.start(1), m.end(1), found.year, 1, None)
            near = _distance(here, body, title) == 0 and not _is_widget(text, here)
            return found, "high" if near else "low"
    return None


def _resolve_year(
    f: FoundDate, text: str, body: tuple[Span, ...], around: PartialDate | None = None
) -> tuple[PartialDate, Level] | None:
    """The year of a date, stated or inferred: from the address's date (`around`), else
    from the years the body names, checked against a weekday the page gives."""
    if f.year is not None:
        return _partial(f, f.year), "high"
    body_text = _body_text(text, body, f)
    if around is not None:
        return _partial(f, _year_near(f, around)), "high"
    year, level = infer_year(body_text)
    if year is None:
        return None
    weekday_year = _year_of_weekday(f, year, _weekday_of(text, f, body_text))
    if weekday_year is not None:
        return _partial(f, weekday_year), "high"
    return _partial(f, year), level


def _year_near(f: FoundDate, around: PartialDate) -> int:
    """Of the address's year and the one before, the one that puts the date nearer."""
    year = around.year
    if around.precision == "year" or f.day is None or not _real_day(year, f.month, f.day):
        return year
    anchor = _base(around)
    if _real_day(year - 1, f.month, f.day) and abs(
            (date(year - 1, f.month, f.day) - anchor).days) < abs(
            (date(year, f.month, f.day) - anchor).days):
        return year - 1
    return year


# An article is rarely older than the latest year it mentions (future plans aside).
YEARS_BACK, YEARS_AHEAD = 1, 3


@cache
def _weekday_lead() -> re.Pattern[str]:
    """'on Wednesday', 'said Wednesday': a weekday the lede gives the act."""
    leads = "|".join(re.escape(w) for w in _data()["weekday_leads"])
    return re.compile(rf"\b(?:{leads}) ({'|'.join(calendar.day_name)})\b")


def _weekday_of(text: str, f: FoundDate, body_text: str) -> int | None:
    """The weekday the page gives its date: on the date's own line ('Wednesday, Aug. 7'),
    else the lede's ('Greece on Wednesday ordered')."""
    start, end = _line(text, f.start)
    own = _WEEKDAY_NAME.search(text[start:end])
    lede = own or _weekday_lead().search(body_text[:600])
    return _WEEKDAYS[lede.group(1).lower()] if lede else None


def _year_of_weekday(f: FoundDate, inferred: int, weekday: int | None) -> int | None:
    """'ATHENS, Aug. 7 -- Greece on Wednesday ordered ...': a wire lede's weekday is the
    day of the dateline; of the years near the one the body suggests, the nearest where
    that day falls on that weekday (on a tie, the later)."""
    if f.day is None or weekday is None:
        return None
    fits = [y for y in range(inferred - YEARS_BACK, inferred + YEARS_AHEAD + 1)
            if _real_day(y, f.month, f.day) and date(y, f.month, f.day).weekday() == weekday]
    if not fits:
        return None
    return min(fits, key=lambda y: (abs(y - inferred), -y))


def url_date(url: str | None) -> PartialDate | None:
    """The date an article's address carries ('/2024/06/20/'), at its precision."""
    if not url:
        return None
    for m in _URL_DATE.finditer(url):
        year, month, day = (int(v) if v else None for v in m.group("y", "m", "d"))
        if month is None or not _valid(year, month, day) or year > date.today().year:
            continue
        return PartialDate.of(year, month, day)
    return None


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _judge(
    f: FoundDate, text: str, body: tuple[Span, ...], title: Span | None,
    around: PartialDate | None = None,
) -> tuple[PartialDate, Level] | None:
    resolved = _resolve_year(f, text, body, around)
    if resolved is None:
        return None
    found, level = resolved
    trusted = _distance(f, body, title) == 0 and not _is_widget(text, f)
    if not trusted or _contradicted(found, _body_text(text, body, f)):
        level = "low"
    return found, level


def publication_date(
    text: str, body: tuple[Span, ...], title: Span | None = None, hint: str | None = None,
    url: str | None = None,
) -> tuple[PartialDate | None, Level]:
    """The article's publication date, at the precision the text gives, and how sure:
    the container's date (`hint`), else a dateline near the headline or body, else the
    date in the article's address, else a labelled line ('Published: ...')."""
    if hint and (parsed := parse_date(hint)):
        return parsed, "high"
    in_url = url_date(url)
    candidates = [f for f in find_dates(text) if _is_dateline(text, f)]
    candidates.sort(
        key=lambda f: (
            _distance(f, body, title) > 0,
            _is_widget(text, f),
            f.year is None,
            _distance(f, body, title),
        )
    )
    for f in candidates:
        judged = _judge(f, text, body, title, in_url)
        if judged and (judged[1] == "high" or in_url is None):
            return judged
    if in_url is not None:
        return in_url, "high"
    return _labelled(text, body, title) or (None, "low")


# ------------------------------------------------------ relative expressions

_UNITS = "day|week|month|year"
_AGO = re.compile(
    rf"^(?P<n>[\w ]+?) (?P<u>{_UNITS})s? (?P<dir>ago|earlier|before|later|after|from now)$"
)
_IN_N = re.compile(rf"^in (?P<n>[\w ]+?) (?P<u>{_UNITS})s?(?: time)?$")
_WEEKDAY_EXPR = re.compile(
    r"^(?:(?P<mod>last|past|previous|next|coming|this) )?(?P<wd>"
    + "|".join(_WEEKDAYS)
    + r")(?: (?:morning|afternoon|evening|night))?$"
)
_MONTH_EXPR = re.compile(
    r"^(?:(?P<mod>last|previous|next|coming|this) )?(?P<m>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?$"
)


def _coarsest(*precisions: Precision) -> Precision:
    return max(precisions, key=_ORDER.__getitem__)


def _base(anchor: PartialDate) -> date:
    """A day standing for the anchor: its middle when only the month or year is known."""
    if anchor.precision == "day":
        return date.fromisoformat(anchor.value)
    if anchor.precision == "month":
        return date(anchor.year, int(anchor.value[5:7]), 15)
    return date(anchor.year, 7, 1)


def _cut(d: date, precision: Precision) -> PartialDate:
    return PartialDate(PartialDate.of(d.year, d.month, d.day).cut(precision), precision)


def _by_days(anchor: PartialDate, days: int, precision: Precision) -> PartialDate:
    return _cut(_base(anchor) + timedelta(days=days), _coarsest(precision, anchor.precision))


def _by_months(anchor: PartialDate, months: int) -> PartialDate:
    base = _base(anchor)
    index = base.year * 12 + base.month - 1 + months
    return _cut(date(index // 12, index % 12 + 1, 1), _coarsest("month", anchor.precision))


def _shift(anchor: PartialDate, unit: str, amount: int, precision: Precision) -> PartialDate:
    if unit == "year":
        return PartialDate.of(anchor.year + amount)
    if unit == "month":
        return _by_months(anchor, amount)
    days = amount * 7 if unit == "week" else amount
    return _by_days(anchor, days, precision)


def _count(words: str) -> tuple[int, bool] | None:
    """How many, and whether the count is vague ('a few')."""
    if words.isdigit():
        return int(words), False
    data = _data()
    if words in data["number_words"]:
        return data["number_words"][words], False
    if words in data["vague_counts"]:
        return data["vague_counts"][words], True
    return None


def _counted(s: str, anchor: PartialDate) -> PartialDate | None:
    m = _AGO.match(s) or _IN_N.match(s)
    counted = _count(m.group("n")) if m else None
    if not m or not counted:
        return None
    n, vague = counted
    unit = m.group("u")
    sign = -1 if m.groupdict().get("dir") in ("ago", "earlier", "before") else 1
    if vague and unit == "year":
        return None
    if unit == "month" and vague:
        return _cut(_base(_by_months(anchor, sign * n)), "year")
    exact: Precision = "day" if unit == "day" and not vague else "month"
    return _shift(anchor, unit, sign * n, exact)


def _weekday(s: str, anchor: PartialDate, future: bool) -> PartialDate | None:
    m = _WEEKDAY_EXPR.match(s)
    if not m:
        return None
    mod, wanted, today = m.group("mod"), _WEEKDAYS[m.group("wd")], _base(anchor).weekday()
    if mod in ("next", "coming") or (future and mod in (None, "this")):
        ahead = (wanted - today) % 7 or (7 if mod == "next" else 0)
        return _by_days(anchor, ahead, "day")
    back = (today - wanted) % 7 or (7 if mod in ("last", "previous") else 0)
    return _by_days(anchor, -back, "day")


def _month_year(anchor: PartialDate, month: int, mode: str) -> int:
    """The year of the named month nearest the anchor, looking back or ahead."""
    if anchor.precision == "year" or mode == "this":
        return anchor.year
    now = int(anchor.value[5:7])
    if mode == "past":
        return anchor.year if month <= now else anchor.year - 1
    if mode == "last":
        return anchor.year if month < now else anchor.year - 1
    if mode == "future":
        return anchor.year if month >= now else anchor.year + 1
    return anchor.year if month > now else anchor.year + 1


def _month(s: str, anchor: PartialDate, future: bool) -> PartialDate | None:
    m = _MONTH_EXPR.match(s)
    if not m:
        return None
    mod = {"previous": "last", "coming": "next"}.get(m.group("mod") or "", m.group("mod"))
    month = _MONTHS[m.group("m")]
    year = _month_year(anchor, month, mod or ("future" if future else "past"))
    return PartialDate.of(year, month)


def _day_year(anchor: PartialDate, month: int, day: int | None, future: bool) -> int:
    if anchor.precision == "year":
        return anchor.year
    now: tuple[int, ...] = (int(anchor.value[5:7]),)
    here: tuple[int, ...] = (month,)
    if anchor.precision == "day" and day is not None:
        now, here = (*now, int(anchor.value[8:10])), (month, day)
    if future:
        return anchor.year if here >= now else anchor.year + 1
    return anchor.year if here <= now else anchor.year - 1


def _absolute(s: str, anchor: PartialDate | None, future: bool) -> PartialDate | None:
    if re.fullmatch(rf"(?:mid-?)?{_YEAR}", s):
        return PartialDate.of(int(s[-4:]))
    found = [f for f in find_dates(s.title()) if f.start == 0 and f.end == len(s)]
    if not found:
        return None
    f = found[0]
    if f.year is not None:
        return _partial(f, f.year)
    if anchor is None:
        return None
    year = _day_year(anchor, f.month, f.day, future)
    if f.day is not None and not _valid(year, f.month, f.day):
        return None
    return _partial(f, year)


def _normalise(expr: str) -> str:
    s = re.sub(r"\s+", " ", expr.lower()).strip(" .,;:")
    fillers = "|".join(re.escape(w) for w in sorted(_data()["fillers"], key=len, reverse=True))
    return re.sub(rf"^(?:(?:{fillers})[ -])+", "", s)


def resolve_relative(
    expr: str, anchor: PartialDate | None, future: bool = False
) -> PartialDate | None:
    """The date a relative or partial expression names, seen from `anchor`.

    "yesterday", "on Thursday", "two months ago", "last year", "in May",
    "December 19", "19 December 2024", "2022". The result is never more precise
    than the anchor allows; `future` picks the next occurrence ("will meet in May").
    """
    raw = re.sub(r"\s+", " ", expr.lower()).strip(" .,;:")
    if anchor is not None and (ahead := _IN_N.match(raw)) and _count(ahead.group("n")):
        return _counted(raw, anchor)
    s = _normalise(expr)
    absolute = _absolute(s, anchor, future)
    if absolute or anchor is None:
        return absolute
    fixed = _data()["relative"].get(s)
    if fixed:
        return _shift(anchor, fixed[0], fixed[1], fixed[2])
    return _counted(s, anchor) or _weekday(s, anchor, future) or _month(s, anchor, future)
