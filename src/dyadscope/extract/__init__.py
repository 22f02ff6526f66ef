"""Documents to mentions, people and events. spaCy objects never leave this package."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from dyadscope.annotate.model import annotate, load_pipeline, parse
from dyadscope.extract.events import (
    Sentence,
    document_dyad,
    document_events,
    event_anchor,
    sentences_of,
)
from dyadscope.extract.facts import document_facts, document_quotes
from dyadscope.extract.mentions import (
    Found,
    capital_country,
    event_mentions,
    organization_countries,
    paragraph_mentions,
)
from dyadscope.extract.people import (
    Person,
    annotate_people,
    counterparts,
    group_people,
    home_leaders,
    link_office_holders,
)
from dyadscope.extract.references import link_references
from dyadscope.extract.sides import actor_tables
from dyadscope.extract.text import Paragraph
from dyadscope.knowledge import Knowledge
from dyadscope.types import Document, Extraction, Mention, Span

MODEL_LANGUAGES = {"en", None}


@dataclass(frozen=True)
class Extractor:
    knowledge: Knowledge

    def paragraphs(self, documents: list[Document]) -> list[list[Paragraph]]:
        nlp = load_pipeline(self.knowledge)
        # The English model on a Russian or Indonesian article finds only noise: such
        # articles are stored and readable, but nothing is extracted from them.
        pieces = [(i, span) for i, doc in enumerate(documents)
                  if doc.language in MODEL_LANGUAGES for span in doc.body]
        texts = (documents[i].text[span.start : span.end] for i, span in pieces)
        result: list[list[Paragraph]] = [[] for _ in documents]
        for (i, span), parsed in zip(pieces, annotate(nlp, texts), strict=True):
            result[i].append(Paragraph(span.start, parsed))
        return result

    def extract(self, documents: list[Document]) -> list[Extraction]:
        orgs = organization_countries(self.knowledge)
        capitals = capital_country(self.knowledge)
        read = []
        for document, paragraphs in zip(documents, self.paragraphs(documents), strict=True):
            found = paragraph_mentions(paragraphs, self.knowledge, orgs, capitals)
            annotate_people(found, self.knowledge)
            persons = group_people(found)
            link_office_holders(persons, self.knowledge, document.published)
            home_leaders(persons, found, capitals, self.knowledge, document.published)
            counterparts(persons, found, document_dyad(found))
            link_references(paragraphs, found, persons, self.knowledge)
            read.append((document, paragraphs, found, persons, sentences_of(paragraphs)))
        tables = actor_tables(self.knowledge)
        codes = {**tables.codes, **tables.origins}
        parses = _parses([(sentences, found) for _, _, found, _, sentences in read], codes)
        extractions = []
        for (document, paragraphs, found, persons, sentences), parsed in zip(
                read, parses, strict=True):
            quotes = document_quotes(document, found)
            events = document_events(
                sentences, parsed, event_mentions(found), event_anchor(document, paragraphs),
                self.knowledge, quotes=quotes, text=document.body_text(),
            )
            extractions.append(
                Extraction(
                    document=document,
                    mentions=tuple(_freeze(m, persons) for m in found),
                    events=tuple(events),
                    quotes=tuple(quotes),
                    facts=tuple(document_facts(paragraphs, found, document_dyad(found))),
                )
            )
        return extractions


# Words that let a sentence with no name of its own refer to two sides, or report an
# act of the article's pair with no agent ('eleven agreements were signed').
REFERRING = re.compile(r"\b(?:he|she|they|we|it|his|her|their|our|both|two|each|sides?"
                       r"|counterparts?|signed|agreements?|memorand\w*|protocols?|documents"
                       r"|talks|discussed|held)\b", re.IGNORECASE)


def _worth_parsing(sentences: list[Sentence], found: list[Found],
                   codes: dict[str, str]) -> list[Sentence]:
    """The sentences that can report an event: every event joins two countries (or
    international organisations; a weapon stands for its maker), so an article naming
    fewer has none, and a sentence needs a side of its own or a word pointing to one."""
    sides = [m for m in found if m.country or m.key in codes]
    if len({m.country or codes[m.key] for m in sides}) < 2:
        return []
    starts = sorted(m.start for m in sides)
    worth = []
    for sentence in sentences:
        index = bisect_left(starts, sentence.start)
        named = index < len(starts) and starts[index] < sentence.end
        if named or REFERRING.search(sentence.text):
            worth.append(sentence)
    return worth


def _parses(documents: list[tuple[list[Sentence], list[Found]]], codes: dict[str, str],
            ) -> list[dict[int, tuple[Any, int]]]:
    """The dependency parse of every sentence that may report an event, by the sentence's
    offset, with where the parsed text starts in it (after a dateline's credit)."""
    wanted = []
    for i, (sentences, found) in enumerate(documents):
        datelines = {m.start: m.end for m in found if m.origin == "rule:dateline"}
        for sentence in _worth_parsing(sentences, found, codes):
            end = datelines.get(sentence.start)
            cut = dateline_cut(sentence.text, end - sentence.start) if end else 0
            wanted.append((i, sentence, cut))
    spans = [[(m.start, m.end) for m in found] for _, found in documents]
    texts = [plain_case(sentence.text[cut:], sentence.start + cut, spans[i])
             for i, sentence, cut in wanted]
    result: list[dict[int, tuple[Any, int]]] = [{} for _ in documents]
    for (i, sentence, cut), doc in zip(wanted, parse(texts), strict=True):
        result[i][sentence.start] = (doc, cut)
    return result


LONG_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def plain_case(text: str, offset: int, names: list[tuple[int, int]]) -> str:
    """A headline in title case ('India Launches Precision Strikes on Terror Camps') in
    sentence case for the parser, names kept: the tagger reads capitalised verbs as names.
    Same length, so offsets stay."""
    words = LONG_WORD.findall(text)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return text
    chars = list(text)
    for match in CAPITALISED.finditer(text):
        at = offset + match.start()
        if match.start() == 0 or any(start <= at < end for start, end in names):
            continue
        chars[match.start()] = chars[match.start()].lower()
    return "".join(chars)


CREDIT = re.compile(r"[^()\n]{0,40}?(?:\([^)]{1,40}\)\s*(?:[:—–]|-{1,2})?|[:—–]|\s-{1,2}\s)\s*")


def dateline_cut(text: str, end: int) -> int:
    """Where the report starts after 'BELGRADE, May 8 (Xinhua) --', 'Riyadh (TDI):'."""
    match = CREDIT.match(text, end)
    return match.end() if match else 0


def _freeze(mention: Found, persons: list[Person]) -> Mention:
    person = next((p for p in persons if p.key == mention.key), None)
    country = person.country if person else mention.country
    name = person.name if person else None
    role = ", ".join(person.roles) if person and person.roles else None
    return Mention(
        span=Span(mention.start, mention.end),
        text=mention.text,
        type=mention.type,
        key=mention.key,
        origin=mention.origin,
        country=country,
        role=role,
        name=name,
    )


__all__ = ["Extractor", "Found"]
