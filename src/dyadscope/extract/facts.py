"""Quantities (money, shares, counts, specifications) and quotes with their speakers."""

from __future__ import annotations

import re

from dyadscope.extract.mentions import Found
from dyadscope.extract.text import Paragraph
from dyadscope.types import Document, Quantity, Quote, Span

SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
NUMBER = r"\d+(?:[.,]\d+)*"
SCALE_WORD = r"(?:\s*(?:thousand|million|billion|trillion|mln|bn))?"
UNITS = r"(?:km|m|kg|t|tons?|tonnes?|hours?|km/h|mph|kilometres?|kilometers?|metres?|meters?)"
QUANTITY = re.compile(
    rf"""(?P<money>(?:(?:over|more\s+than|about|around|nearly|almost)\s+)?
            (?:(?:US)?\$|€|£|USD\s?|EUR\s?)\s?{NUMBER}{SCALE_WORD}
          | {NUMBER}{SCALE_WORD}\s+(?:USD|US\s+dollars|dollars|euros?|EUR|rubles|roubles))
      | (?P<share>(?:(?:over|more\s+than|about|around|nearly|almost)\s+)?{NUMBER}\s*
            (?:%|per\s*cent|percent))
      | (?P<spec>{NUMBER}{SCALE_WORD}\s+{UNITS}\b)
      | (?P<count>\b{NUMBER}\s+(?=[A-Z][\w-]*\d|[a-z-]+\s+(?:jets|fighters|aircraft|drones|
            UAVs|tanks|helicopters|missiles|systems|launchers|ships|vessels|vehicles|guns)))
    """,
    re.VERBOSE,
)
SPEC_LEAD = re.compile(r"(?:a|an|the)\s+([a-z][a-z -]{2,40}?)\s+of\s+(?:up\s+to\s+)?$")


def _value(text: str) -> float | None:
    match = re.search(NUMBER, text)
    if match is None:
        return None
    raw = match.group(0).replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    for word, factor in SCALE.items():
        if re.search(rf"\b{word}\b", text):
            return value * factor
    return value


def _unit(kind: str, text: str) -> str | None:
    if kind == "money":
        return "EUR" if "€" in text or "EUR" in text or "euro" in text else "USD"
    if kind == "share":
        return "%"
    if kind == "spec":
        return text.split()[-1]
    return None


def document_facts(paragraphs: list[Paragraph], found: list[Found]) -> list[Quantity]:
    facts = []
    for paragraph in paragraphs:
        for match in QUANTITY.finditer(paragraph.doc.text):
            kind = match.lastgroup or "count"
            text = match.group(0).strip()
            start = paragraph.offset + match.start()
            lead = SPEC_LEAD.search(paragraph.doc.text[max(0, match.start() - 45) : match.start()])
            what = lead.group(1).strip() if lead else kind
            facts.append(Quantity(text, _value(text), _unit(kind, text), what,
                                  Span(start, start + len(text))))
    return facts


QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def document_quotes(document: Document, found: list[Found]) -> list[Quote]:
    people = [m for m in found if m.type == "PERSON"]
    quotes = []
    for span in document.body:
        line = document.text[span.start : span.end]
        for match in QUOTE.finditer(line):
            if len(match.group(1).split()) < 4:
                continue
            start = span.start + match.start(1)
            speaker = _speaker(people, start, span.start, span.end)
            quotes.append(Quote(match.group(1), Span(start, start + len(match.group(1))), speaker))
    return quotes


def _speaker(people: list[Found], at: int, line_start: int, line_end: int) -> str | None:
    same_line = [p for p in people if line_start <= p.start < line_end]
    if same_line:
        return min(same_line, key=lambda p: abs(p.start - at)).key
    earlier = [p for p in people if p.start < line_start]
    return earlier[-1].key if earlier else None

