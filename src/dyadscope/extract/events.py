"""Sentences with a trigger and two sides become events: type, direction, date, status, place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dyadscope.extract.mentions import Found
from dyadscope.extract.temporal import assign_dates, date_expressions, event_status, resolve_date
from dyadscope.extract.text import Paragraph, char_end, char_start
from dyadscope.extract.triggers import TriggerHit, TriggerRule, find_triggers, type_scores
from dyadscope.types import EventCandidate, PartialDate, Span

PLACE_PREPOSITION = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
BOTH_SIDES = re.compile(
    r"\b(?:the two sides|both sides|the parties|bilateral|the two countries)\b", re.I
)
PRONOUN = re.compile(r"^(?:He|She)\b")


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    country: str
    key: str | None
    person: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int


def sentences_of(paragraphs: list[Paragraph]) -> list[Sentence]:
    result = []
    for paragraph in paragraphs:
        for sent in paragraph.sentences():
            start, end = char_start(paragraph, sent), char_end(paragraph, sent)
            result.append(Sentence(start, end, sent.text, len(result)))
    return result


def _is_place(mention: Found, sentence: Sentence) -> bool:
    before = sentence.text[: mention.start - sentence.start]
    return mention.type == "LOCATION" and bool(PLACE_PREPOSITION.search(before))


def sentence_actors(mentions: list[Found], sentence: Sentence) -> list[Actor]:
    actors = []
    for mention in mentions:
        if mention.country is None or mention.type == "WEAPON_SYSTEM":
            continue
        if _is_place(mention, sentence):
            continue
        person = mention.type == "PERSON"
        key = mention.key if person else None
        actors.append(Actor(mention.start, mention.country, key, person))
    return actors


def _pronoun_actor(sentence: Sentence, people: list[Found]) -> Actor | None:
    """'He praised ...': the last person named before this sentence."""
    if not PRONOUN.match(sentence.text):
        return None
    earlier = [m for m in people if m.start < sentence.start and m.country]
    if not earlier:
        return None
    last = earlier[-1]
    return Actor(sentence.start, last.country or "", last.key, True)


def direction(
    actors: list[Actor], hit: TriggerHit, sentence: Sentence
) -> tuple[Actor, Actor] | None:
    """Source and target: the side named before the trigger acts, unless rule or voice differ."""
    trigger = sentence.start + hit.start
    before = [a for a in actors if a.start < trigger]
    after = [a for a in actors if a.start >= trigger]
    passive = bool(PASSIVE.search(sentence.text[: hit.start]))
    owner = _possessor(before, sentence, hit)
    if owner is not None and after:
        source, pool = owner, after
    elif hit.rule.reverse and after:
        source = after[0]
        pool = before + after[1:]
    elif passive and after:
        source = after[0]
        pool = after[1:] + before
    elif before:
        source = before[0]
        pool = before[1:] + after
    elif after:
        source = after[0]
        pool = after[1:]
    else:
        return None
    others = [a for a in pool if a.country != source.country]
    if not others:
        return None
    # The other side is the one named closest to the trigger ("a summit with Kim where
    # he ... signed a pact"), not the first country the sentence happens to name.
    target = min(others, key=lambda a: abs(a.start - trigger))
    return source, target


POSSESSIVE = re.compile(r"^[^,;.]{0,40}?['\u2019]s\s+(?:\w+\s+){0,2}$")


def _possessor(before: list[Actor], sentence: Sentence, hit: TriggerHit) -> Actor | None:
    """"Russia's attack of Ukraine": the possessor of a nominal trigger is its agent."""
    if not before or not hit.rule.possessor_is_agent:
        return None
    last = before[-1]
    between = sentence.text[last.start - sentence.start : hit.start]
    return last if POSSESSIVE.match(between) else None


def _location(mentions: list[Found], sentence: Sentence, rule: TriggerRule) -> str | None:
    for mention in mentions:
        if _is_place(mention, sentence):
            return mention.text
    if rule.mode == "visit":
        for mention in mentions:
            before = sentence.text[: mention.start - sentence.start]
            if mention.type == "COUNTRY" and re.search(r"\b(?:in|to)\s+$", before):
                return mention.text
    return None


def _status(hit: TriggerHit, sentence: Sentence) -> str:
    lowered = sentence.text.lower()
    for status, pattern in hit.rule.status_patterns:
        if pattern.search(lowered):
            return status
    return event_status(sentence.text, hit.start, hit.rule.status, hit.end)


def _document_dyad(mentions: list[Found]) -> tuple[str, str] | None:
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.country:
            counts[mention.country] = counts.get(mention.country, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])
    return (ranked[0], ranked[1]) if len(ranked) > 1 else None


def sentence_events(
    sentence: Sentence, mentions: list[Found], people: list[Found], anchor: PartialDate | None,
    rules: tuple[TriggerRule, ...], dyad: tuple[str, str] | None,
) -> list[EventCandidate]:
    hits = find_triggers(sentence.text, rules)
    if not hits:
        return []
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    actors = sentence_actors(inside, sentence)
    pronoun = _pronoun_actor(sentence, people)
    if pronoun is not None:
        actors.insert(0, pronoun)
    countries = {a.country for a in actors}
    if dyad and len(countries) < 2 and (BOTH_SIDES.search(sentence.text) or countries & set(dyad)):
        # One side named in an article about a pair: the other side is implied.
        actors += [Actor(sentence.end, c, None, False) for c in dyad if c not in countries]
    dates = assign_dates([(h.start, h.end) for h in hits], date_expressions(sentence.text))
    events = []
    for index, hit in enumerate(hits):
        sides = direction(actors, hit, sentence)
        if sides is None:
            continue
        events.append(_candidate(hit, sides, sentence, inside, actors, anchor, dates.get(index)))
    return events


def _candidate(
    hit: TriggerHit, sides: tuple[Actor, Actor], sentence: Sentence, inside: list[Found],
    actors: list[Actor], anchor: PartialDate | None, expression: Any,
) -> EventCandidate:
    source, target = sides
    status = _status(hit, sentence)
    scores = type_scores()
    people = tuple(dict.fromkeys(a.key for a in actors if a.person and a.key))
    return EventCandidate(
        type=hit.rule.type,
        mode=hit.rule.mode,
        context=hit.rule.context,
        source_country=source.country,
        target_country=target.country,
        source_key=source.key,
        target_key=target.key,
        actor_keys=people,
        trigger=Span(sentence.start + hit.start, sentence.start + hit.end),
        evidence=Span(sentence.start, sentence.end),
        date=resolve_date(expression, anchor, status, sentence.text),
        status=status,  # type: ignore[arg-type]
        location=_location(inside, sentence, hit.rule),
        rule=hit.rule.id,
        score=scores.get(hit.rule.type, 0.0),
    )


def document_events(
    paragraphs: list[Paragraph], mentions: list[Found], anchor: PartialDate | None,
    rules: tuple[TriggerRule, ...],
) -> list[EventCandidate]:
    people = [m for m in mentions if m.type == "PERSON"]
    dyad = _document_dyad(mentions)
    events: list[EventCandidate] = []
    for sentence in sentences_of(paragraphs):
        events += sentence_events(sentence, mentions, people, anchor, rules, dyad)
    return events
