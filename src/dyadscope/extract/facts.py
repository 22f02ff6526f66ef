"""Quantities (money, shares, counts, specifications) and quotes with their speakers."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from dyadscope.extract.mentions import Found
from dyadscope.extract.text import Paragraph, char_end, char_start
from dyadscope.knowledge import load_json_data
from dyadscope.types import Document, Quantity, Quote, Span

NUMBER = r"\d+(?:[.,]\d+)*"
SPEC_LEAD = re.compile(r"(?:a|an|the)\s+([a-z][a-z -]{2,40}?)\s+of\s+(?:up\s+to\s+)?$")


def _any(words: list[str]) -> str:
    return "(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + ")"


@cache
def lexicon() -> dict[str, Any]:
    return load_json_data("lexicons/facts.json")


@cache
def quantity_pattern() -> re.Pattern[str]:
    """Money, shares, specifications and counts, from data/lexicons/facts.json."""
    table = lexicon()
    about = rf"(?:{_any(table['approximators'])}\s+)?"
    scale = rf"(?:\s*{_any(list(table['scale']))})?"
    counted = _any(table["counted_nouns"])
    return re.compile(
        rf"(?P<money>{about}{_any(table['currency_before'])}\s?{NUMBER}{scale}"
        rf"|{NUMBER}{scale}\s+{_any(table['currency_after'])}\b)"
        rf"|(?P<share>{about}{NUMBER}\s*{_any(table['share_words'])})"
        rf"|(?P<spec>(?<![\w-]){NUMBER}{scale}\s+{_any(table['units'])}(?![\w/]))"
        rf"|(?P<count>(?<![\w-]){NUMBER}\s+(?=[A-Z][\w-]*\d|(?:[A-Za-z-]+\s+)?{counted}\b))"
    )


@cache
def _pair_measure() -> re.Pattern[str]:
    return re.compile(rf"\b{_any(lexicon()['pair_measures'])}\b", re.IGNORECASE)


def _value(text: str) -> float | None:
    match = re.search(NUMBER, text)
    if match is None:
        return None
    raw = match.group(0).replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    for word, factor in lexicon()["scale"].items():
        if re.search(rf"\b{word}\b", text):
            return value * factor
    return value


def _unit(kind: str, text: str) -> str | None:
    if kind == "money":
        units = lexicon()["currency_units"]
        return next((code for mark, code in units.items() if mark in text.lower()
                     or mark in text), "USD")
    if kind == "share":
        return "%"
    if kind == "spec":
        return text.split()[-1]
    return None


def document_facts(
    paragraphs: list[Paragraph], found: list[Found], dyad: tuple[str, str] | None = None
) -> list[Quantity]:
    facts = []
    weapons = [m for m in found if m.type == "WEAPON_SYSTEM"]
    for paragraph in paragraphs:
        for sentence in paragraph.sentences():
            bounds = (char_start(paragraph, sentence), char_end(paragraph, sentence))
            facts += _sentence_facts(paragraph, bounds, found, weapons, dyad)
    return facts


def _sentence_facts(
    paragraph: Paragraph, bounds: tuple[int, int], found: list[Found], weapons: list[Found],
    dyad: tuple[str, str] | None,
) -> list[Quantity]:
    text = paragraph.doc.text
    local = bounds[0] - paragraph.offset
    facts = []
    for match in quantity_pattern().finditer(text[local : bounds[1] - paragraph.offset]):
        kind = match.lastgroup or "count"
        quantity = match.group(0).strip()
        start = bounds[0] + match.start()
        lead = SPEC_LEAD.search(text[max(0, local + match.start() - 45) : local + match.start()])
        what = lead.group(1).strip() if lead else kind
        span = Span(start, start + len(quantity))
        subject = _subject(kind, span, bounds, found, weapons, dyad,
                           text[local : bounds[1] - paragraph.offset])
        facts.append(Quantity(quantity, _value(quantity), _unit(kind, quantity), what, span,
                              subject))
    return facts


COUNTED_GAP = 40


def _subject(
    kind: str, span: Span, sentence: tuple[int, int], found: list[Found], weapons: list[Found],
    dyad: tuple[str, str] | None, text: str,
) -> str | None:
    """Whose number: the system counted ("12 Su-30MK2 jets"), the system described
    ("The aircraft has a wingspan of 22 m": the last one named), or the pair of countries
    the sentence is about (trade, shares of imports)."""
    if kind == "count":
        after = [w for w in weapons if span.end <= w.start <= span.end + COUNTED_GAP]
        if after:
            return after[0].key
        # "36 cooperation documents", "14 agreements": counted for the pair
    if kind == "spec":
        earlier = [w for w in weapons if w.start < span.start]
        return earlier[-1].key if earlier else None
    countries = list(dict.fromkeys(
        m.country for m in found
        if sentence[0] <= m.start < sentence[1] and m.country and m.type == "COUNTRY"
    ))
    if dyad and (countries == [] and _pair_measure().search(text)
                 or len(countries) == 1 and countries[0] in dyad):
        countries = list(dyad)
    return "-".join(sorted(countries[:2])) if len(countries) >= 2 else None


QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def document_quotes(document: Document, found: list[Found]) -> list[Quote]:
    people = [m for m in found if m.type == "PERSON"]
    quotes = []
    for span in document.body:
        line = document.text[span.start : span.end]
        for match in QUOTE.finditer(line):
            if len(match.group(1).split()) < 4 or _names_a_thing(line[: match.start()]):
                continue
            start = span.start + match.start(1)
            after = line[match.end() : match.end() + 12]
            speaker = _speaker(people, start, span.start, span.end, PRONOUN_SPEAKER.match(after))
            quotes.append(Quote(match.group(1), Span(start, start + len(match.group(1))), speaker))
    return quotes


@cache
def _name_lead() -> re.Pattern[str]:
    words = lexicon()["quoted_name_after"]
    return re.compile(rf"\b{_any(words)}\s*$", re.IGNORECASE)


def _names_a_thing(before: str) -> bool:
    """'the "Program of industrial research"': quotation marks around a name, not speech."""
    return bool(_name_lead().search(before))


# '"...," he told a news conference alongside Erdogan': he, not Erdogan, speaks
PRONOUN_SPEAKER = re.compile(r"^\W{0,3}\s*(?:he|she)\b", re.IGNORECASE)


def _speaker(people: list[Found], at: int, line_start: int, line_end: int,
             pronoun: object = None) -> str | None:
    if pronoun:
        before = [p for p in people if p.start < at]
        return before[-1].key if before else None
    same_line = [p for p in people if line_start <= p.start < line_end]
    if same_line:
        return min(same_line, key=lambda p: abs(p.start - at)).key
    earlier = [p for p in people if p.start < line_start]
    return earlier[-1].key if earlier else None

