"""Documents to mentions, people and events. spaCy objects never leave this package."""

from __future__ import annotations

from dataclasses import dataclass

from dyadscope.annotate.model import annotate, load_pipeline
from dyadscope.extract.events import document_dyad, document_events, event_anchor
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
    group_people,
    home_leaders,
    link_office_holders,
)
from dyadscope.extract.references import link_references
from dyadscope.extract.text import Paragraph
from dyadscope.extract.triggers import compile_rules
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
        rules = compile_rules(self.knowledge)
        extractions = []
        for document, paragraphs in zip(documents, self.paragraphs(documents), strict=True):
            found = paragraph_mentions(paragraphs, self.knowledge, orgs, capitals)
            annotate_people(found, self.knowledge)
            persons = group_people(found)
            link_office_holders(persons, self.knowledge, document.published)
            home_leaders(persons, found, capitals, self.knowledge, document.published)
            link_references(paragraphs, found, persons, self.knowledge)
            anchor = event_anchor(document, paragraphs)
            quotes = document_quotes(document, found)
            events = document_events(
                paragraphs, event_mentions(found), anchor, rules, self.knowledge, quotes=quotes
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
