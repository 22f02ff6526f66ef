"""Sentences with a trigger and two sides become events: type, direction, date, status, place."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from dyadscope.extract.mentions import Found, capital_country
from dyadscope.extract.temporal import (
    DateExpression,
    assign_dates,
    date_expressions,
    dated,
    estimated_anchor,
    event_status,
)
from dyadscope.extract.text import Paragraph, char_end, char_start, normalize_name
from dyadscope.extract.triggers import TriggerHit, TriggerRule, event_score, find_triggers
from dyadscope.knowledge import Knowledge, load_json_data
from dyadscope.knowledge.weapons import weapon_origins
from dyadscope.types import Document, EventCandidate, PartialDate, Quote, Span


@cache
def cue(name: str) -> re.Pattern[str]:
    """A pattern from data/lexicons/actors.json (case-insensitive except the pronoun)."""
    flags = 0 if name in ("pronoun_subject", "first_person") else re.IGNORECASE
    return re.compile(load_json_data("lexicons/actors.json")[name], flags)


@dataclass(frozen=True, slots=True)
class Actor:
    start: int
    country: str
    key: str | None
    person: bool
    label: str = ""
    place: bool = False
    topic: bool = False


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


def _after_preposition(mention: Found, sentence: Sentence) -> bool:
    return bool(cue("place_before").search(sentence.text[: mention.start - sentence.start]))


def event_anchor(document: Document, paragraphs: list[Paragraph]) -> PartialDate | None:
    """What "yesterday" counts from: a trusted publication date; none when the text
    contradicts the date found; for an undated article, an estimate from what it announces."""
    if document.published is not None:
        return document.published if document.published_confidence == "high" else None
    return estimated_anchor([s.text for s in sentences_of(paragraphs)])


def _is_place(mention: Found, sentence: Sentence) -> bool:
    return mention.type == "LOCATION" and _after_preposition(mention, sentence)


def _names_members(mention: Found, sentence: Sentence) -> bool:
    rest = sentence.text[mention.end - sentence.start :]
    return bool(cue("member_nouns").match(rest))


def _outermost(mentions: list[Found]) -> list[Found]:
    """'UN' inside 'UN peacekeeping missions' names a part of the phrase, not a side."""
    return [
        m for m in mentions
        if not any(o is not m and o.start <= m.start and m.end <= o.end
                   and (o.end - o.start) > (m.end - m.start) for o in mentions)
    ]


@dataclass(frozen=True)
class ActorTables:
    """What the knowledge base says about who can be a side: organisations acting as
    parties (UN, EU), organisations that only report (news agencies), weapon origins."""

    codes: dict[str, str]
    silent: frozenset[str]
    origins: dict[str, str]
    capitals: dict[str, str]


@cache
def actor_tables(knowledge: Knowledge | None) -> ActorTables:
    lexicon = load_json_data("lexicons/actors.json")
    codes = {f"org:{ident}": code for ident, code in lexicon["organization_actors"].items()}
    if knowledge is None:
        return ActorTables(codes, frozenset(), {}, {})
    quiet = set(lexicon["silent_organization_kinds"])
    silent = frozenset(f"org:{o['id']}" for o in knowledge.organizations if o.get("kind") in quiet)
    return ActorTables(codes, silent, weapon_origins(knowledge), capital_country(knowledge))


def sentence_actors(
    mentions: list[Found], sentence: Sentence, tables: ActorTables
) -> list[Actor]:
    actors = []
    for mention in _outermost(mentions):
        country = mention.country or tables.codes.get(mention.key)
        silent = mention.key in tables.silent  # "(AFP)" credits a report, it acts in none
        if mention.country is None and _names_members(mention, sentence):
            continue  # "the two NATO allies", "EU ministers": the members act, not NATO
        if country is None or mention.type == "WEAPON_SYSTEM" or silent:
            continue
        if _is_place(mention, sentence):
            continue
        person = mention.type == "PERSON"
        key = mention.key if person or mention.country is None else None
        # "the war in Ukraine", "talks on Ukraine": a place or a topic is a side only when
        # no other is.
        before = sentence.text[: mention.start - sentence.start]
        place = not person and bool(cue("place_before").search(before))
        topic = not person and bool(cue("topic_before").search(before))
        actors.append(Actor(mention.start, country, key, person, mention.label, place, topic))
    return actors


def _pronoun_actor(sentence: Sentence, people: list[Found]) -> Actor | None:
    """'He praised ...': the last person named before this sentence."""
    if not cue("pronoun_subject").match(sentence.text):
        return None
    earlier = [m for m in people if m.start < sentence.start and m.country]
    if not earlier:
        return None
    last = max(earlier, key=lambda m: m.start)
    return Actor(sentence.start, last.country or "", last.key, True)


def direction(
    actors: list[Actor], hit: TriggerHit, sentence: Sentence
) -> tuple[Actor, Actor] | None:
    """Source and target: the side named before the trigger acts, unless rule or voice differ."""
    trigger = sentence.start + hit.start
    destination = _destination(actors, hit, sentence)
    if destination is not None:
        rest = [a for a in actors if a.country != destination.country]
        return (_clause_subject(rest, hit, sentence) or rest[0], destination) if rest else None
    before = _preferred([a for a in actors if a.start < trigger], hit)
    after = _preferred([a for a in actors if a.start >= trigger], hit)
    passive = bool(cue("passive_before_trigger").search(sentence.text[: hit.start]))
    owner = _possessor(before, sentence, hit)
    if owner is not None and after:
        source, pool = owner, after
    elif hit.rule.reverse and after:
        source = after[0]  # "Hanoi bought drones from Belarus", "Vietnam hosted Biden"
        subject = _clause_subject(before, hit, sentence) or (before[0] if before else None)
        if subject is not None and subject.country != source.country:
            return source, subject
        pool = before + after[1:]
    elif passive and after:
        source = after[0]
        pool = after[1:] + before
    elif before:
        source = _clause_subject(before, hit, sentence) or before[0]
        pool = [a for a in before if a is not source] + after
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
    # An actor named after the verb is its object; one before it when the source is there
    # too is more likely a co-subject ("Britain, France and Germany suspended ... with Iran").
    symmetric = hit.rule.mode in SYMMETRIC_MODES
    target = min(others, key=lambda a: (
        _demoted(a, hit), not _partner(a, sentence),
        not symmetric and _co_subject(a, source, trigger, sentence), abs(a.start - trigger)))
    return source, target


SYMMETRIC_MODES = {"sign", "meet"}


def _partner(actor: Actor, sentence: Sentence) -> bool:
    """'signed the pact with Philippine Defence Secretary Teodoro': named as the partner."""
    return bool(cue("partner_before").search(sentence.text[: actor.start - sentence.start]))


def _co_subject(actor: Actor, source: Actor, trigger: int, sentence: Sentence) -> bool:
    """Joined to the source by 'and' or a comma before the verb ('Britain, France and
    Germany suspended'); a possessor of the trigger's noun ('Vietnam's main supplier') is
    its object instead. In a joint act ('Japan and the Philippines signed') a co-subject
    is the other party, so callers ask only for one-sided acts."""
    if not (actor.start < trigger and source.start < trigger):
        return False
    low, high = sorted((source.start, actor.start))
    between = sentence.text[low - sentence.start : high - sentence.start]
    after = sentence.text[actor.start - sentence.start : trigger - sentence.start]
    return bool(re.search(r",|\band\b", between)) and not re.search(r"['’]s\b", after)


@cache
def _topic_is_target() -> frozenset[str]:
    return frozenset(load_json_data("lexicons/actors.json")["topic_is_target"])


def _demoted(actor: Actor, hit: TriggerHit) -> bool:
    return actor.place or (actor.topic and hit.rule.type not in _topic_is_target())


def _preferred(actors: list[Actor], hit: TriggerHit) -> list[Actor]:
    """Sides in order of mention, places and topics last."""
    return sorted(actors, key=lambda a: (_demoted(a, hit), a.start))


def _clause_subject(actors: list[Actor], hit: TriggerHit, sentence: Sentence) -> Actor | None:
    """The first side named in the trigger's own clause ("…, Putin praised")."""
    before_trigger = sentence.text[: hit.start]
    boundaries = [m.end() for m in cue("clause_boundary").finditer(before_trigger)]
    clause_start = sentence.start + (boundaries[-1] if boundaries else 0)
    inside = [a for a in actors if clause_start <= a.start < sentence.start + hit.start]
    pronoun = cue("pronoun_in_clause").search(sentence.text, clause_start - sentence.start,
                                              hit.start)
    if pronoun and (not inside or inside[0].start > sentence.start + pronoun.start()):
        # "Putin flew in from Pyongyang, where he and Kim signed": he is the main subject
        earlier = [a for a in actors if a.person and a.start < clause_start]
        return earlier[0] if earlier else None
    return inside[0] if inside and not inside[0].place and not inside[0].topic else None


def _destination(actors: list[Actor], hit: TriggerHit, sentence: Sentence) -> Actor | None:
    """'visit to Vietnam', 'arrived in Hanoi': the place visited is the target."""
    if hit.rule.mode != "visit":
        return None
    for actor in actors:
        gap = sentence.text[hit.end : actor.start - sentence.start]
        if actor.start - sentence.start >= hit.end and cue("destination_gap").match(gap):
            return actor
    return None


POSSESSIVE = re.compile(r"^[^,;.]{0,40}?['\u2019]s\s+(?:\w+\s+){0,2}$")


def _possessor(before: list[Actor], sentence: Sentence, hit: TriggerHit) -> Actor | None:
    """"Russia's attack of Ukraine": the possessor of a nominal trigger is its agent."""
    if not before or not hit.rule.possessor_is_agent:
        return None
    last = max(before, key=lambda a: a.start)
    between = sentence.text[last.start - sentence.start : hit.start]
    if last.label == "DEMONYM" and re.fullmatch(r"\w+\s+", between):
        return last  # "the Russian attack of Ukraine"
    return last if POSSESSIVE.match(between) else None


# Seas and regions ("in the South China Sea") are where forces move and fight, not
# where treaties are signed or leaders meet.
FIELD_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "THREATEN", "RETREAT", "SANCTION"}


def _location(mentions: list[Found], sentence: Sentence, hit: TriggerHit) -> str | None:
    """The place visited, else the place named nearest the trigger ("talks in Hanoi")."""
    if hit.rule.mode == "visit":
        for mention in mentions:
            offset = mention.start - sentence.start
            gap = sentence.text[hit.end : offset] if offset >= hit.end else "-"
            if (mention.type in ("COUNTRY", "LOCATION") and mention.label != "DEMONYM"
                    and cue("destination_gap").match(gap)):
                return mention.text
    places = [m for m in mentions if _is_place(m, sentence)
              and (m.label != "PLACE" or hit.rule.type in FIELD_TYPES)]
    if places:
        return min(places, key=lambda m: abs(m.start - sentence.start - hit.start)).text
    return None


def _status(hit: TriggerHit, sentence: Sentence) -> str:
    lowered = sentence.text.lower()
    for status, pattern in hit.rule.status_patterns:
        if pattern.search(lowered):
            return status
    return event_status(
        sentence.text, hit.start, hit.rule.status, hit.end, intent=hit.rule.type == "AGREE"
    )


def document_dyad(mentions: list[Found]) -> tuple[str, str] | None:
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.country:
            counts[mention.country] = counts.get(mention.country, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])  # stable: ties go to the first named
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    return (first, second) if list(counts).index(first) < list(counts).index(second) else (
        second, first)


@dataclass(frozen=True)
class DocumentContext:
    """What every sentence of one document needs to know about the rest of it."""

    people: list[Found]
    anchor: PartialDate | None
    rules: tuple[TriggerRule, ...]
    dyad: tuple[str, str] | None
    tables: ActorTables
    speakers: tuple[tuple[Span, Actor], ...] = ()


def sentence_events(
    sentence: Sentence, mentions: list[Found], context: DocumentContext
) -> list[EventCandidate]:
    if cue("conditional_opening").match(sentence.text):
        return []  # "Once during my visit …", "If attacked …": no datable happening
    hits = _outside_intent(find_triggers(sentence.text, context.rules), sentence.text)
    if not hits:
        return []
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    actors = sentence_actors(inside, sentence, context.tables)
    pronoun = _pronoun_actor(sentence, context.people)
    if pronoun is not None:
        actors.insert(0, pronoun)
    actors += _first_person(sentence, context.speakers)
    actors.sort(key=lambda a: a.start)
    implied = _implied_sides(actors, sentence, context.dyad)
    dates = _own_dates(hits, sentence.text)
    origins = _weapon_origins(inside, actors, context.tables)
    events = []
    for index, hit in enumerate(hits):
        if hit.rule.mode == "visit" and not _has_visitor(actors, sentence):
            continue  # "the new model will arrive in the Philippines": goods travel too
        sides = direction(_sides_for(hit, actors, implied, origins), hit, sentence)
        if sides is None:
            continue
        events.append(_candidate(hit, sides, sentence, inside, actors + implied,
                                 context.anchor, dates.get(index)))
    return events


def _has_visitor(actors: list[Actor], sentence: Sentence) -> bool:
    """A visit is made by people: a named person, or an office or delegation."""
    return any(a.person for a in actors) or bool(cue("visitors").search(sentence.text))


@cache
def _joint_types() -> frozenset[str]:
    return frozenset(load_json_data("lexicons/actors.json")["joint_types"])


@cache
def _implied_types() -> frozenset[str]:
    return frozenset(load_json_data("lexicons/actors.json")["implied_side_types"])


def _sides_for(
    hit: TriggerHit, actors: list[Actor], implied: list[Actor], origins: list[Actor]
) -> list[Actor]:
    """The candidate sides for one trigger: an arms transfer may add its system's origin;
    only the acts of a pair's own dealings may add the pair's unnamed other side (an
    accusation or an arrest names whom it is aimed at)."""
    sides = actors + (origins if hit.rule.type == "AID" else [])
    joint = hit.rule.type in _joint_types()  # "the two leaders condemned X": not each other
    sides += [a for a in implied if a.label != "PAIR" or joint] if (
        hit.rule.type in _implied_types()) else []
    return sorted(sides, key=lambda a: a.start)


def _weapon_origins(
    inside: list[Found], actors: list[Actor], tables: ActorTables
) -> list[Actor]:
    """'Vietnam took delivery of Su-30MK2 fighters': an arms transfer's unnamed supplier
    is the country the system comes from."""
    named = {a.country for a in actors}
    return [
        Actor(m.start, origin, None, False, "WEAPON_ORIGIN")
        for m in inside
        if m.type == "WEAPON_SYSTEM" and (origin := tables.origins.get(m.key))
        and origin not in named
    ]


def _first_person(
    sentence: Sentence, speakers: tuple[tuple[Span, Actor], ...]
) -> list[Actor]:
    """'"We are ready to help Vietnam," Lukashenko said': I, we and our are the speaker."""
    found = []
    for span, speaker in speakers:
        if span.end <= sentence.start or sentence.end <= span.start:
            continue
        start = max(span.start, sentence.start) - sentence.start
        end = min(span.end, sentence.end) - sentence.start
        match = cue("first_person").search(sentence.text, start, end)
        if match is not None:
            found.append(replace(speaker, start=sentence.start + match.start()))
    return found


def _speakers(quotes: list[Quote], mentions: list[Found]) -> tuple[tuple[Span, Actor], ...]:
    people = {m.key: m for m in mentions if m.type == "PERSON" and m.country}
    return tuple(
        (q.span, Actor(q.span.start, people[q.speaker].country or "", q.speaker, True))
        for q in quotes if q.speaker in people
    )


def _own_dates(hits: list[TriggerHit], text: str) -> dict[int, DateExpression]:
    """Date expressions by trigger. A lone expression opening the sentence ('In 2023, the
    two allies signed ... and agreed ...') dates every act in it; 'accepted an invitation
    to visit Minsk in May': a date after an intent's infinitive dates the intended act,
    not the intent."""
    expressions = date_expressions(text)
    assigned = assign_dates([(h.start, h.end) for h in hits], expressions)
    if len(expressions) == 1 and all(expressions[0].end <= h.start for h in hits):
        assigned = dict.fromkeys(range(len(hits)), expressions[0])
    return {
        index: expression for index, expression in assigned.items()
        if not (
            hits[index].rule.type == "AGREE" and expression.start >= hits[index].end
            and re.search(r"\bto\s+\w+", text[hits[index].end : expression.start].lower())
        )
    }


def _implied_sides(
    actors: list[Actor], sentence: Sentence, dyad: tuple[str, str] | None
) -> list[Actor]:
    """One side named in an article about a pair: the other side is implied, unless the
    sentence points elsewhere ("ready to help other countries")."""
    countries = {a.country for a in actors}
    if not dyad or len(countries) >= 2 or cue("generic_objects").search(sentence.text):
        return []
    if not (cue("both_sides").search(sentence.text) or countries & set(dyad)):
        return []
    # label "PAIR": both sides stand in for 'the two leaders', who act together
    label = "" if countries & set(dyad) else "PAIR"
    return [Actor(sentence.end, c, None, False, label) for c in dyad if c not in countries]


def _outside_intent(hits: list[TriggerHit], text: str) -> list[TriggerHit]:
    """'ready to cooperate', 'agreed to supply': the act is the content of an intent, so
    only the intent (AGREE) is an event; likewise a deed asked for ('asked him to station
    missiles', 'suggested that specialists discuss it') is only the request. A new
    clause ("…, as Putin made a visit") is not inside."""
    lowered = text.lower()
    governing = [h for h in hits if h.rule.type in ("AGREE", "REQUEST") and (
        lowered[h.start : h.end].endswith((" to", " that"))
        or re.match(r"[^,;]{0,30}?\b(?:to|that)\b", lowered[h.end :]))]
    deeds = _requested_types()
    return [
        hit for hit in hits
        if not any(
            outer.end <= hit.start
            and (hit.rule.type not in ("AGREE", "REQUEST") if outer.rule.type == "AGREE"
                 else hit.rule.type in deeds)
            and not cue("scope_break").search(lowered[outer.end : hit.start])
            for outer in governing
        )
    ]


@cache
def _requested_types() -> frozenset[str]:
    return frozenset(load_json_data("lexicons/actors.json")["requested_types"])


def _candidate(
    hit: TriggerHit, sides: tuple[Actor, Actor], sentence: Sentence, inside: list[Found],
    actors: list[Actor], anchor: PartialDate | None, expression: Any,
) -> EventCandidate:
    source, target = sides
    status = _status(hit, sentence)
    date, basis = dated(expression, anchor, status, sentence.text, (hit.start, hit.end))
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
        date=date,
        date_basis=basis,
        status=status,  # type: ignore[arg-type]
        location=_location(inside, sentence, hit),
        rule=hit.rule.id,
        score=event_score(hit.rule.type, hit.rule.mode, status),
    )


def document_events(
    paragraphs: list[Paragraph], mentions: list[Found], anchor: PartialDate | None,
    rules: tuple[TriggerRule, ...], knowledge: Knowledge | None = None,
    quotes: list[Quote] | None = None,
) -> list[EventCandidate]:
    context = DocumentContext(
        people=[m for m in mentions if m.type == "PERSON"],
        anchor=anchor,
        rules=rules,
        dyad=document_dyad(mentions),
        tables=actor_tables(knowledge),
        speakers=_speakers(quotes or [], mentions),
    )
    events: list[EventCandidate] = []
    recent: set[int] = set()
    occasion: PartialDate | None = None
    for sentence in sentences_of(paragraphs):
        found = sentence_events(sentence, mentions, context)
        if cue("recent_time").search(sentence.text):
            recent.update(e.evidence.start for e in found)
        if occasion is not None and cue("occasion_reference").search(sentence.text):
            found = [replace(e, date=occasion, date_basis="occasion")
                     if e.date_basis == "article" or (e.date is None and e.status == "occurred")
                     else e for e in found]
        for event in found:
            if event.type == "CONSULT" and event.date_basis == "text" and (
                    event.status == "occurred"):
                occasion = event.date
        events += found
    return _placed_at_dateline(events, mentions, anchor, recent, context.tables.capitals)


NEWS_DAYS = 7


def _placed_at_dateline(
    events: list[EventCandidate], mentions: list[Found], anchor: PartialDate | None,
    recent: set[int], capitals: dict[str, str],
) -> list[EventCandidate]:
    """'HANOI: Russia and Vietnam pledged on Thursday ...': what happened in the days of a
    report filed from a city, with no place of its own, happened there, if the city's
    country takes part (China urging restraint is not news from New Delhi's streets)."""
    dateline = next((m for m in mentions if m.origin == "rule:dateline"), None)
    if dateline is None:
        return events
    place = dateline.text.title() if dateline.text.isupper() else dateline.text
    home = capitals.get(normalize_name(dateline.text))
    elsewhere = {e.evidence.start for e in events if e.location}  # the sentence names a place
    return [
        replace(e, location=place)
        if e.location is None and e.status == "occurred" and e.evidence.start not in elsewhere
        and (home is None or home in (e.source_country, e.target_country))
        and (_near(e.date, anchor) or e.date is None and e.evidence.start in recent) else e
        for e in events
    ]


def _near(when: PartialDate | None, anchor: PartialDate | None) -> bool:
    if when is None or anchor is None or when.precision != "day" or anchor.precision != "day":
        return False
    day, report = date.fromisoformat(when.value), date.fromisoformat(anchor.value)
    return timedelta(0) <= report - day <= timedelta(days=NEWS_DAYS)
