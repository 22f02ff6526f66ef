"""Frames with two sides become events: type, direction, date, status and place.

The sentence's frames come from its parse (frames.py); which country each phrase names
from the mentions (sides.py). What a sentence leaves unsaid is taken from the article:
the pair named together last ('the two countries'), the person named last ('he'), the
speaker of a quotation ('we'), and the article's main pair for a side left implicit
('Beijing condemned the move').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from dyadscope.extract.frames import (
    Arg,
    Frame,
    Parsed,
    between_elsewhere,
    clause_verb,
    phrase,
    sentence_frames,
)
from dyadscope.extract.lexicon import Lexicon, load_lexicon
from dyadscope.extract.mentions import Found
from dyadscope.extract.rules import rule_what
from dyadscope.extract.scoring import event_score
from dyadscope.extract.sides import (
    Actor,
    ActorTables,
    SentenceSides,
    actor_tables,
    cue,
    first_person,
    mention_actors,
    states_involved,
)
from dyadscope.extract.temporal import (
    DateExpression,
    date_expressions,
    dated,
    estimated_anchor,
    event_status,
)
from dyadscope.extract.text import Paragraph, char_end, char_start, normalize_name
from dyadscope.knowledge import Knowledge, load_json_data
from dyadscope.types import Document, EventCandidate, PartialDate, Quote, Span


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


def event_anchor(document: Document, paragraphs: list[Paragraph]) -> PartialDate | None:
    """What "yesterday" counts from: a trusted publication date; none when the text
    contradicts the date found; for an undated article, an estimate from what it announces."""
    if document.published is not None:
        return document.published if document.published_confidence == "high" else None
    return estimated_anchor([s.text for s in sentences_of(paragraphs)])


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


@cache
def _list(name: str) -> frozenset[str]:
    return frozenset(load_json_data("lexicons/actors.json")[name])


@cache
def _discards() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """PETRARCH's discard phrases, and ours for today's sports and entertainment news
    (event_words.json: phrases, and patterns such as a match score after 'beat')."""
    table = load_json_data("lexicons/discards.json")
    ours = load_json_data("lexicons/event_words.json")["discards"]

    def compile_all(phrases: list[str], patterns: list[str]) -> re.Pattern[str]:
        parts = [re.escape(p[:-1]) + r"\b" if p.endswith("_") else re.escape(p)
                 for p in phrases]
        return re.compile(r"\b(?:" + "|".join(parts + patterns) + ")", re.IGNORECASE)

    return (compile_all(table["sentence"] + ours["sentence"], ours["sentence_patterns"]),
            compile_all(table["story"] + ours["story"], []))


def discarded_story(text: str) -> bool:
    """Sports results and entertainment code no events (PETRARCH's story discards)."""
    return bool(_discards()[1].search(text))


@dataclass
class DocumentContext:
    """What every sentence of one document needs to know about the rest of it."""

    people: list[Found]
    anchor: PartialDate | None
    dyad: tuple[str, str] | None
    tables: ActorTables
    lexicon: Lexicon
    speakers: tuple[tuple[int, int, Actor], ...] = ()
    pair: tuple[Actor, Actor] | None = None  # the two sides named together last
    last: Actor | None = None  # the side that acted last
    visit: tuple[str, str] | None = None  # visitor and host of the article's visit
    previous: tuple[Actor, Actor] | None = None  # the sides of the last sentence's first act


def _speakers(quotes: list[Quote], mentions: list[Found]) -> tuple[tuple[int, int, Actor], ...]:
    people = {m.key: m for m in mentions if m.type == "PERSON" and m.country}
    return tuple(
        (q.span.start, q.span.end,
         Actor(q.span.start, people[q.speaker].country or "", q.speaker, True, sector="GOV"))
        for q in quotes if q.speaker in people
    )


POSSESSIVE = re.compile(r"^(?:their|his|her|its|our)\b", re.IGNORECASE)
PERSONAL = {"he", "she", "him", "her"}
IMPERSONAL = {"it", "they", "them"}
PAIRED = ("prep:between", "prep:among")


def _phrase_text(doc: Any, arg: Arg) -> str:
    low, high = min(arg.tokens), max(arg.tokens)
    return doc[low : high + 1].text


def _pair_of(context: DocumentContext, start: int) -> list[Actor]:
    """'the two sides': the pair named together last, in the article's order of the two."""
    if context.pair is not None:
        first, second = context.pair
        if context.dyad and (second.country, first.country) == context.dyad:
            first, second = second, first
        return [replace(first, start=start), replace(second, start=start + 1)]
    if context.dyad:
        return [Actor(start, context.dyad[0], None, False, "PAIR", sector="GOV"),
                Actor(start + 1, context.dyad[1], None, False, "PAIR", sector="GOV")]
    return []


FIRST_PERSON = {"we", "i", "us", "our", "my"}
# 'thanked his host', 'told his counterpart': with no name, the other side of the pair
OTHER_SIDE = frozenset(load_json_data("lexicons/event_words.json")["frame_words"]["other_side"])


def _reporter(frame: Frame, sides: SentenceSides) -> list[Actor]:
    """Who says so: the named subject of the reporting verb ('the ministry said')."""
    for arg in frame.reporter:
        named = [a for a in sides.in_arg(arg) if not a.place]
        if named:
            return named[:1]
    return []


def _referent(arg: Arg, frame: Frame, sides: SentenceSides, context: DocumentContext,
              sentence: Sentence, subject: bool) -> list[Actor]:
    """A phrase with no name: a pronoun, 'the two sides', 'their' (as a subject; as an
    object a possessive points back to the subject, not to another side). In a reported
    clause 'it', 'they' and 'we' are the one who reports ('the ministry said it had ...')."""
    head = sides.doc[arg.head]
    text = _phrase_text(sides.doc, arg)
    start = sentence.start + head.idx
    word = head.lower_
    if word in OTHER_SIDE and not subject:
        return _pair_of(context, start)  # 'thanked his host': the other side (not the source)
    if not subject and (POSSESSIVE.match(text) or word in PERSONAL | IMPERSONAL):
        return []
    if word in FIRST_PERSON | IMPERSONAL and (reporter := _reporter(frame, sides)):
        return [replace(reporter[0], start=start)]
    if word == "it" and (main := _main_subject(head, sides, person=False)):
        return [replace(main, start=start)]  # 'shares of HSBC fell after it agreed to buy'
    if word in PERSONAL and (main := _main_subject(head, sides)):
        return [replace(main, start=start)]  # 'Putin held talks ... after he sealed a pact'
    if word in PERSONAL:
        earlier = [m for m in context.people if m.start < start and m.country]
        if earlier:
            last = max(earlier, key=lambda m: m.start)
            return [Actor(start, last.country or "", last.key, True, sector="GOV")]
        return []
    if cue("pair_phrase").match(text):
        return _pair_of(context, start)
    if word in IMPERSONAL and context.last is not None and not context.last.person:
        return [replace(context.last, start=start)]
    return []


def _main_subject(pronoun: Any, sides: SentenceSides, person: bool = True) -> Actor | None:
    """The person (or, for 'it', the state or body) named in the subject of a clause
    above the pronoun's own."""
    clause = pronoun.head
    for _ in range(4):
        if clause.head == clause or clause.dep_ not in ("advcl", "pcomp", "pobj", "prep",
                                                        "relcl", "ccomp", "conj", "xcomp"):
            return None
        clause = clause.head
        for child in clause.children:
            if child.dep_ == "nsubj" and child.i != pronoun.i:
                words = (child.i,) if person else phrase(child)
                found = [a for a in sides.in_arg(Arg("subject", child.i, words))
                         if a.person == person and not a.place]
                if found:
                    return found[0]
    return None


def _conjunct_heads(arg: Arg, doc: Any) -> list[Any]:
    head = doc[arg.head]
    found = [head]
    for token in head.subtree:
        if token.dep_ == "conj" and token.head in found:
            found.append(token)
    return found


def _sources(frame: Frame, sides: SentenceSides, context: DocumentContext,
             sentence: Sentence) -> list[Actor]:
    for arg in frame.subjects:
        named = [a for a in sides.in_arg(arg) if not a.place]
        if named and (sides.coordinated(arg) or arg.role in PAIRED
                      or cue("pair_phrase").match(_phrase_text(sides.doc, arg))):
            for conjunct in _conjunct_heads(arg, sides.doc):  # 'he and Boluarte signed'
                if conjunct.lower_ in PERSONAL | FIRST_PERSON:
                    lone = Arg(arg.role, conjunct.i, (conjunct.i,))
                    named += _referent(lone, frame, sides, context, sentence, subject=True)
            return sorted(_distinct(named), key=lambda a: a.start)  # first named first
        if named:
            return named[:1]
        referred = _referent(arg, frame, sides, context, sentence, subject=True)
        if referred:
            return referred
        if not sides.doc[arg.head].tag_.startswith("PRP") and (
                reporter := _reporter(frame, sides)):
            return reporter  # 'a trade delegation would visit Uganda, the minister said'
    return []


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    result = []
    for actor in actors:
        if actor.country not in seen:
            seen.add(actor.country)
            result.append(actor)
    return result


def _targets(frame: Frame, sides: SentenceSides, sources: list[Actor],
             context: DocumentContext, sentence: Sentence) -> list[Actor]:
    """The actors of the first target phrase naming a side other than the source, with
    the phrases coordinated with it ('to Iraq and Oman'). A place is a target where the
    frame's preposition says so ('arrived in Serbia')."""
    taken = {a.country for a in sources}
    fallback: list[Actor] = []
    for index, arg in enumerate(frame.targets):
        marked = arg.role.split(":", 1)[-1] in frame.marked
        named = [a for a in sides.in_arg(arg) if a.country not in taken]
        referred = not named
        if referred:
            named = [a for a in _referent(arg, frame, sides, context, sentence, subject=False)
                     if a.country not in taken]
        direct = [a for a in named if marked or (not a.place and not a.topic)]
        if direct and (referred or arg.role in PAIRED or sides.coordinated(arg)):
            # 'hosted Modi and Lula', 'the two sides'; not what hangs on the phrase
            core = [a for a in direct if referred or _in_core(a, arg, sides)]
            if core:
                return _distinct(core)
        elif direct:
            found = direct[:1]
            for sibling in frame.targets[index + 1 :]:
                if sibling.role == arg.role and sides.doc[sibling.head].dep_ == "conj":
                    found += [a for a in sides.in_arg(sibling)
                              if a.country not in taken and not a.place][:1]
            return _distinct(found)
        fallback = fallback or named
    places = [a for a in fallback if not a.place or frame.code.type in _list("place_is_target")]
    if places and not frame.bare and frame.code.type in _list("topic_is_target"):
        return places[:1]
    return []


def _in_core(actor: Actor, arg: Arg, sides: SentenceSides) -> bool:
    """Named in the phrase itself, not as a side of another act inside it ('sanctions on
    US firms and executives in retaliation for Washington's sale to Taiwan': not Taiwan)."""
    token = _token_at(sides.doc, actor.start - sides.start)
    while token is not None and token.i != arg.head and token.head != token:
        if token.i in sides.acts or token.dep_ in ("relcl", "acl"):
            return False  # the side of another act named inside the phrase
        token = token.head
    return True


def _implied(frame: Frame, known: list[Actor], sentence: Sentence,
             sides: SentenceSides, context: DocumentContext) -> list[Actor]:
    """A side the sentence leaves implicit: the one other country it names ('Russia and
    Vietnam pledged ... as Putin made a state visit'), else, in an article about a pair,
    the other of the pair ('Beijing condemned the move'); none when the sentence points
    elsewhere ('ready to help other countries')."""
    pair_only = frame.code.type in _list("pair_implied_types")
    if frame.code.type not in _list("implied_side_types") and not pair_only:
        return []
    if cue("generic_objects").search(sentence.text):
        return []
    named = {a.country for a in known}
    if pair_only:
        dyad = context.dyad
        return [Actor(sentence.end, c, None, False, "IMPLIED", sector="GOV")
                for c in dyad or () if c not in named] if dyad and named & set(dyad) else []
    others = _distinct([a for a in sides.actors if not a.place and not a.topic
                        and a.country not in named and not _in_relative(a, sides)])
    if len(others) == 1:
        return [replace(others[0], start=sentence.end, label="IMPLIED")]
    reply = context.previous  # 'X accused Y of ... Y denied the charge': a reply to X
    if not others and reply and reply[1].country in named and reply[0].country not in named:
        return [replace(reply[0], start=sentence.end, label="IMPLIED")]
    dyad = context.dyad
    if others or not dyad or not named & set(dyad):
        return []
    return [Actor(sentence.end, c, None, False, "IMPLIED", sector="GOV")
            for c in dyad if c not in named]


def _pair_act(frame: Frame, sides: SentenceSides) -> bool:
    """The frame's object is an act of the pair the article follows ('the agreement')."""
    return any(arg.role == "object" and cue("pair_act").match(_phrase_text(sides.doc, arg))
               for arg in frame.targets)


def _in_relative(actor: Actor, sides: SentenceSides) -> bool:
    """In a relative clause, or the agent of a passive ('a truce mediated by Qatar'):
    a side of another act."""
    token = _token_at(sides.doc, actor.start - sides.start)
    return token is not None and (_relative(token) or any(
        t.dep_ == "agent" for t in token.ancestors))


def _weapon_suppliers(frame: Frame, inside: list[Found], sources: list[Actor],
                      tables: ActorTables) -> list[Actor]:
    """'Vietnam took delivery of Su-30MK2 fighters': an arms transfer's unnamed supplier
    is the country the system comes from."""
    if frame.code.type != "AID":
        return []
    named = {a.country for a in sources}
    return [Actor(m.start, origin, None, False, "WEAPON_ORIGIN", sector="BUS")
            for m in inside if m.type == "WEAPON_SYSTEM"
            and (origin := tables.origins.get(m.key)) and origin not in named][:1]


AGENTLESS_TYPES = {"SUPPORT", "AGREE", "CONSULT", "COOPERATE"}


def _sourceless(frame: Frame, targets: list[Actor], sides: SentenceSides, inside: list[Found],
                sentence: Sentence, context: DocumentContext) -> list[tuple[Actor, Actor]]:
    """No side acts in the grammar: 'talks between A and B'; 'agreements were signed'
    (the two sides the sentence names, else the pair of the article); 'the envoy was
    summoned' (the other of the two sides); an arms delivery (the system's maker)."""
    between = _distinct([a for arg in frame.targets if arg.role in PAIRED
                         for a in sides.in_arg(arg) if not a.place])
    if len(between) >= 2:
        return [(between[0], other) for other in between[1:]]
    named = sorted(_distinct([a for a in sides.actors if not a.place and not a.topic]),
                   key=lambda a: a.start)
    if targets:
        origin = _weapon_suppliers(frame, inside, targets, context.tables)
        if origin:
            return [(origin[0], t) for t in targets[:1]]
        if not (frame.passive or frame.kind == "noun"):
            return []
        others = [a for a in named if a.country != targets[0].country]
        if len(named) == 2 and others:
            return [(others[0], targets[0])]
        implied = _implied(frame, targets[:1], sentence, sides, context)
        return [(i, targets[0]) for i in implied]
    if frame.kind == "noun":  # 'tension between A and B escalated with skirmishes'
        elsewhere = _distinct([a for arg in between_elsewhere(sides.doc[frame.head])
                               for a in sides.in_arg(arg) if not a.place])
        if len(elsewhere) == 2:
            return [(elsewhere[0], elsewhere[1])]
    if not (frame.passive or frame.kind == "noun") or frame.code.type not in AGENTLESS_TYPES:
        return []
    if len(named) == 2:
        return [(named[0], named[1])]
    if not named:
        pair = _pair_of(context, sentence.start)
        return [(pair[0], pair[1])] if pair else []
    return []


def _destination(frame: Frame, sides: SentenceSides) -> set[str]:
    """The countries a visit goes to ('arrived in Serbia', 'a visit to Vietnam')."""
    return {a.country for arg in frame.targets if arg.role.split(":", 1)[-1] in frame.marked
            for a in sides.in_arg(arg)}


def frame_pairs(frame: Frame, sides: SentenceSides, inside: list[Found], sentence: Sentence,
                context: DocumentContext) -> list[tuple[Actor, Actor]]:
    sources = _sources(frame, sides, context, sentence)
    if len(sources) > 1 and (visited := _destination(frame, sides)):
        sources = [s for s in sources if s.country not in visited] or sources
    targets = _targets(frame, sides, sources, context, sentence)
    if frame.reverse:  # 'Hanoi bought drones from Belarus': the seller acts
        if not targets:
            targets = _weapon_suppliers(frame, inside, sources, context.tables)
        if not sources and frame.subjects:
            return []  # 'Gulf states buy Chinese drones': a buyer no side names
        sources, targets = targets, sources[:1]
    if not sources:
        if frame.intent or frame.bare or frame.code.type == "AGREE":
            return []  # 'is sought to replace': an intent needs someone who holds it
        return _sourceless(frame, targets, sides, inside, sentence, context)
    if not targets and len(sources) >= 2:
        # 'the two ministers met': the pair phrase names both sides of a bare 'meet'
        paired = any(cue("pair_phrase").match(_phrase_text(sides.doc, arg))
                     for arg in frame.subjects)
        if (frame.bare and not paired) or frame.code.type not in _list("joint_types"):
            return []  # 'the two leaders condemned the attacks': not each other
        return [(sources[0], other) for other in sources[1:]]
    if not targets and (frame.mediation or _pair_act(frame, sides)):
        # 'China offered to mediate', 'Russia welcomed the agreement': toward the pair
        named = {s.country for s in sources}
        pair = _pair_of(context, sentence.end)
        if not named & {a.country for a in pair}:
            targets = pair
    if not targets and not frame.bare:
        targets = _implied(frame, sources, sentence, sides, context)
    return [(s, t) for s in sources for t in targets
            if s.country != t.country and states_involved(s, t)]


# Seas and regions ("in the South China Sea") are where forces move and fight, not
# where treaties are signed or leaders meet.
FIELD_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "THREATEN", "RETREAT", "SANCTION"}


def _location(mentions: list[Found], sentence: Sentence, frame: Frame,
              trigger: tuple[int, int]) -> str | None:
    """The place visited, else the place named nearest the trigger ('talks in Hanoi')."""
    offset = trigger[0] - sentence.start
    if frame.code.mode == "visit":
        for mention in mentions:
            at = mention.start - sentence.start
            gap = sentence.text[trigger[1] - sentence.start : at] if at >= offset else "-"
            if (mention.type in ("COUNTRY", "LOCATION") and mention.label != "DEMONYM"
                    and cue("destination_gap").match(gap)):
                return mention.text
    places = [m for m in mentions if m.type == "LOCATION" and cue("place_before").search(
        sentence.text[: m.start - sentence.start])
        and (m.label != "PLACE" or frame.code.type in FIELD_TYPES)]
    if places:
        return min(places, key=lambda m: abs(m.start - trigger[0])).text
    return None


RANGE_END = re.compile(r"\s*(?:to|until|till|through|-|–)\s*\d")
Dated = tuple[DateExpression, bool]  # the expression, and whether it is the act's own


def _frame_dates(frames: list[Frame], doc: Any, text: str,
                 reported: list[bool]) -> dict[int, Dated]:
    """Each date expression dates the frame it hangs from in the parse ('own'), else the
    nearest frame; a lone expression opening the sentence ('In 2023, the allies signed ...
    and agreed ...') dates every act in it; an act at a dated occasion ('agreed at a
    summit held in November 2023') takes the occasion's date."""
    expressions = date_expressions(text)
    if not frames or not expressions:
        return {}
    heads = {f.head: i for i, f in enumerate(frames)}
    assigned: dict[int, Dated] = {}
    for expression in expressions:
        owner = _owner(doc, expression, heads)
        if owner == ELSEWHERE:
            continue
        own = owner is not None
        if owner is None:
            nearby = [i for i in range(len(frames)) if reported[i]] or range(len(frames))
            owner = min(nearby, key=lambda i: abs(doc[frames[i].head].idx - expression.start))
        assigned.setdefault(owner, (expression, own))
    if len(expressions) == 1 and expressions[0].start < min(doc[f.head].idx for f in frames):
        return dict.fromkeys(range(len(frames)), (expressions[0], True))
    _share_in_clause(frames, doc, assigned, reported)
    for index, frame in enumerate(frames):
        if index in assigned:
            continue
        for arg in frame.targets:
            occasion = heads.get(arg.head)
            if arg.role in ("prep:at", "prep:during") and occasion in assigned:
                assigned[index] = assigned[occasion]
                break
        token = doc[frame.head]
        verb = clause_verb(token)
        clause = heads.get(verb.i) if verb is not None else None
        if index not in assigned and clause in assigned and (
                token.dep_ in ("nsubj", "nsubjpass") or frame.occasion in EARLIER):
            # 'talks ... took place from March 6', 'a contract signed in 2022 after
            # Russia's invasion': the clause's date
            assigned[index] = assigned[clause]
    return assigned


EARLIER = {"after", "before", "since", "following", "amid", "ahead"}


def _share_in_clause(frames: list[Frame], doc: Any, assigned: dict[int, Dated],
                     reported: list[bool]) -> None:
    """A date held by a word that names no sides passes to the act of its clause
    ('France has been Greece's main supplier, with most deliveries between 2001 and
    2020'; 'agreed at a summit held in November 2023')."""
    heads = {f.head: i for i, f in enumerate(frames)}
    for index, dated_ in list(assigned.items()):
        token = doc[frames[index].head]
        noun = heads.get(token.head.i)
        if not reported[index] and token.dep_ in ("acl", "relcl") and noun is not None and (
                noun not in assigned):
            assigned[noun] = dated_  # 'a summit held in November 2023': the summit's date
    for index, dated_ in list(assigned.items()):
        if reported[index] or frames[index].kind != "noun":
            continue  # 'thanked Iraq for hosting talks in 2021': that date is the hosting's
        verb = clause_verb(doc[frames[index].head])
        for other, frame in enumerate(frames):
            if not reported[other] or other in assigned:
                continue
            head = doc[frame.head]
            if verb is not None and (head.i == verb.i or getattr(clause_verb(head), "i", -1)
                                     == verb.i):
                assigned[other] = dated_


ELSEWHERE = -1  # the date of a relative clause no act of the sentence stands in
RELATIVE_TAGS = {"WDT", "WP", "WP$"}


def _owner(doc: Any, expression: DateExpression, heads: dict[int, int]) -> int | None:
    """The frame the date hangs from; ELSEWHERE when it dates a relative clause of its
    own ('commended Hanoi for the way it has taken on the chair this year')."""
    token = _token_at(doc, expression.start)
    for _ in range(8):
        if token is None:
            return None
        if token.i in heads:
            return heads[token.i]
        if token.dep_ in ("relcl", "acl") and token.tag_.startswith("VB") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in RELATIVE_TAGS
                for c in token.children):
            return ELSEWHERE  # a clause with a subject of its own, not 'which was held'

        if token.head == token:
            return None
        token = token.head
    return None


def _token_at(doc: Any, char: int) -> Any | None:
    for token in doc:
        if token.idx <= char < token.idx + len(token.text) + 1:
            return token
    return None


STANDING = {"COOPERATE", "AID"}


def _status(frame: Frame, doc: Any, text: str, trigger: tuple[int, int]) -> str:
    if frame.negated:
        return "negated"
    if frame.planned:
        return "planned"
    if frame.standing:
        return "ongoing"
    verb = doc[frame.head]
    if frame.code.type in STANDING and verb.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "ongoing"  # a standing relation: 'Minsk cooperates with China'

    status = event_status(text, trigger[0], None, trigger[1], intent=frame.code.type == "AGREE")
    return "occurred" if status == "negated" and frame.kind == "verb" else status


def _what(frame: Frame, doc: Any) -> str:
    """What the act is about, to tell two acts of a kind in one article apart: a visit or
    a meeting; the document signed."""
    if frame.code.type == "CONSULT":
        return "visit" if frame.code.mode == "visit" else "meeting"
    if frame.code.mode == "sign":
        head = doc[frame.head]
        objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects:
            return ""  # 'the signing witnessed by Marcos': no paper named
        if any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("1", "one")
               for c in objects[0].children):
            return "package"  # '28 cooperation documents': a set of papers, not one paper
        word = objects[0].lower_
        return word[:-1] if word.endswith("s") and len(word) > 3 else word
    return ""


def _trigger(doc: Any, frame: Frame) -> tuple[int, int]:
    token = doc[frame.head]
    return token.idx, token.idx + len(token.text)


def sentence_events(
    sentence: Sentence, doc: Any, mentions: list[Found], context: DocumentContext
) -> list[EventCandidate]:
    if cue("conditional_opening").match(sentence.text):
        return []  # "Once during my visit …", "If attacked …": no datable happening
    if _discards()[0].search(sentence.text):
        return []
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    frames = sentence_frames(context.lexicon, Parsed(doc, _marks(doc, sentence.start, inside)))
    if not frames:
        return []
    actors = mention_actors(inside, sentence.text, sentence.start, context.tables)
    actors += first_person(sentence.start, sentence.end, sentence.text, context.speakers)
    actors.sort(key=lambda a: a.start)
    sides = SentenceSides(doc, sentence.start, actors, frozenset(f.head for f in frames))
    paired = []
    for frame in frames:
        pairs = [] if frame.suppressed or frame.negated else frame_pairs(
            frame, sides, inside, sentence, context)
        paired.append((frame, pairs))
        if (frame.code.type == "CONSULT" and frame.kind == "verb" and frame.subjects
                and not frame.planned and len(pairs) == 1 and all(a in actors for a in pairs[0])):
            context.pair = pairs[0]  # 'met Khrenin, describing their conversation
    if any(_travel(f) for f, _ in paired) and not _has_visitor(actors, sentence):
        # "the new model will arrive in the Philippines": goods travel too
        paired = [(f, [] if _travel(f) else p) for f, p in paired]
    # A date hangs from the frame above it in the parse; one that hangs from none goes
    # to the nearest act the sentence reports (or the content of one), not to a word
    # that names no sides.
    dates = _frame_dates([f for f, _ in paired], doc, sentence.text,
                         [bool(p) or f.suppressed for f, p in paired])
    # 'Ukraine, which has also triggered UN sanctions': a relative clause describes a
    # side; only with a date of its own ('Xi, who arrived on Tuesday') is it news.
    paired = [(f, p if not _relative(doc[f.head]) or dates.get(i, (None, False))[1] else [])
              for i, (f, p) in enumerate(paired)]
    events = []
    for index, (frame, pairs) in enumerate(paired):
        for source, target in pairs:
            events.append(_candidate(frame, (source, target), sentence, doc, inside, actors,
                                     context.anchor, dates.get(index)))
    _remember(events, sides, context)
    return _one_per_pair(events)


MARKS = {"PERSON": "%person", "WEAPON_SYSTEM": "%weapon", "COUNTRY": "%country",
         "EVENT_NAME": "%event"}


def _marks(doc: Any, start: int, inside: list[Found]) -> dict[int, str]:
    """Tokens inside a person's, a weapon's or a country's name, with that class."""
    marks: dict[int, str] = {}
    for mention in inside:
        mark = MARKS.get(mention.type)
        if mark is None:
            continue
        span = doc.char_span(mention.start - start, mention.end - start, alignment_mode="expand")
        for token in span or ():
            marks[token.i] = mark
    return marks


def _relative(token: Any) -> bool:
    current = token
    for _ in range(6):
        if current.dep_ == "relcl":
            return True
        if current.head == current:
            return False
        current = current.head
    return False


def _travel(frame: Frame) -> bool:
    """A trip someone makes (hosting talks needs no traveller named)."""
    return frame.code.mode == "visit" and frame.code.cameo == "042"


def _has_visitor(actors: list[Actor], sentence: Sentence) -> bool:
    """A visit is made by people: a named person, or an office or delegation."""
    return any(a.person for a in actors) or bool(cue("visitors").search(sentence.text))


def _one_per_pair(events: list[EventCandidate]) -> list[EventCandidate]:
    """One happening per type and ordered pair in a sentence ('held talks and met'); an
    arrival and a meeting are two ('after a meeting with Xi, who arrived on Tuesday')."""
    seen: set[tuple[str | None, ...]] = set()
    kept = []
    for event in events:
        key = (event.type, event.source_country, event.target_country,
               rule_what(event.rule))
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _remember(events: list[EventCandidate], sides: SentenceSides,
              context: DocumentContext) -> None:
    """The side that acted last ('it', 'they'), and the two sides named together last
    ('the two countries'): 'A and B', 'between A and B', 'the A and B sides', else the
    two sides of the last act."""
    for event in events:
        source = next((a for a in sides.actors if a.country == event.source_country), None)
        if source is not None:
            context.last = source
    pair = _named_pair(sides) or _acting_pair(events, sides)
    if pair is not None:
        context.pair = pair
    for event in events[:1]:
        context.previous = (
            Actor(0, event.source_country, None, False, "REPLY", sector=event.source_sector),
            Actor(0, event.target_country, None, False, "REPLY", sector=event.target_sector))


def _acting_pair(events: list[EventCandidate], sides: SentenceSides) -> tuple[Actor, Actor] | None:
    """'Chinh met Wong in Hanoi. The two leaders agreed ...': the two sides of a meeting
    the sentence reports, when both are named in it."""
    for event in [e for e in events if e.type == "CONSULT"][:1]:
        named = [next((a for a in sides.actors if a.country == country and not a.place), None)
                 for country in (event.source_country, event.target_country)]
        if named[0] is not None and named[1] is not None:
            return named[0], named[1]
    return None


def _named_pair(sides: SentenceSides) -> tuple[Actor, Actor] | None:
    doc = sides.doc
    by_token: dict[int, Actor] = {}
    for actor in sides.actors:
        if actor.place or actor.label in ("PAIR", "IMPLIED"):
            continue
        token = _token_at(doc, actor.start - sides.start)
        if token is not None:
            by_token.setdefault(token.i, actor)
    for index, actor in by_token.items():
        token = doc[index]
        head = _phrase_head(token)
        if head.dep_ != "conj":
            continue
        partner = next((a for i, a in by_token.items() if _phrase_head(doc[i]).i == head.head.i
                        and a.country != actor.country), None)
        if partner is not None:
            return partner, actor
    return None


def _phrase_head(token: Any) -> Any:
    """'Saudi' of 'the Saudi and Iranian sides' heads its own conjunct."""
    current = token
    while current.dep_ in ("compound", "amod", "poss", "nmod") and current.head != current:
        if current.dep_ == "amod" and any(c.dep_ == "conj" for c in current.children):
            return current
        current = current.head
    return current


def _candidate(
    frame: Frame, sides: tuple[Actor, Actor], sentence: Sentence, doc: Any,
    inside: list[Found], actors: list[Actor], anchor: PartialDate | None,
    expression: Dated | None,
) -> EventCandidate:
    source, target = sides
    local = _trigger(doc, frame)
    trigger = (sentence.start + local[0], sentence.start + local[1])
    status = _status(frame, doc, sentence.text, local)
    threat = frame.code.type == "ASSAULT" and frame.kind == "verb" and status == "planned"
    if threat:  # 'Russia would retaliate': the threat is made now
        status, expression = "occurred", None
    # 'In September, Macron said France would withdraw': a date of the announcement,
    # not of the withdrawal, counts back from the article, not forward.
    when, basis = dated(expression[0] if expression else None, anchor, status,
                        sentence.text, local, future=status == "planned" and (
                            expression is None or expression[1]))
    if expression is not None and RANGE_END.match(sentence.text, expression[0].end):
        basis = "range"  # 'talks from March 6 to 10': dated by their first day
    kind = frame.code.type
    if kind == "RETREAT" and status == "planned":
        kind = "CONCEDE"  # an announced withdrawal is a concession (gold README)
    if threat:
        kind = "THREATEN"  # an announced attack is a threat (CAMEO 138)
    people = tuple(dict.fromkeys(a.key for a in actors if a.person and a.key))
    word = doc[frame.head].lower_
    return EventCandidate(
        type=kind,
        mode=frame.code.mode,
        context=frame.code.context,
        source_country=source.country,
        target_country=target.country,
        source_key=source.key,
        target_key=target.key,
        actor_keys=people,
        trigger=Span(*trigger),
        evidence=Span(sentence.start, sentence.end),
        date=when,
        date_basis=basis,
        status=status,  # type: ignore[arg-type]
        location=_location(inside, sentence, frame, trigger),
        rule=f"cameo:{frame.code.cameo}:{word}:{_what(frame, doc)}:{source.country}-"
             f"{target.country}",
        score=event_score(kind, frame.code.mode, status),
        source_sector=source.sector,
        target_sector=target.sector,
    )


def document_events(
    sentences: list[Sentence], parses: dict[int, tuple[Any, int]], mentions: list[Found],
    anchor: PartialDate | None, knowledge: Knowledge | None = None,
    quotes: list[Quote] | None = None, text: str = "",
) -> list[EventCandidate]:
    if text and discarded_story(text):
        return []
    context = DocumentContext(
        people=[m for m in mentions if m.type == "PERSON"],
        anchor=anchor,
        dyad=document_dyad(mentions),
        tables=actor_tables(knowledge),
        lexicon=load_lexicon(),
        speakers=_speakers(quotes or [], mentions),
    )
    events: list[EventCandidate] = []
    recent: set[int] = set()
    occasion: PartialDate | None = None
    meeting: PartialDate | None = None  # the dated talks 'the talks' refers to
    for whole in sentences:
        if whole.start not in parses:
            continue
        doc, cut = parses[whole.start]
        sentence = replace(whole, start=whole.start + cut, text=whole.text[cut:])
        found = sentence_events(sentence, doc, mentions, context)
        if cue("recent_time").search(sentence.text):
            recent.update(e.evidence.start for e in found)
        if occasion is not None and cue("occasion_reference").search(sentence.text):
            found = [replace(e, date=occasion, date_basis="occasion")
                     if e.date_basis == "article" or (e.date is None and e.status == "occurred")
                     else e for e in found]
        if meeting is not None and DEFINITE_MEETING.search(sentence.text):
            found = [replace(e, date=meeting, date_basis="occasion")
                     if e.type == "CONSULT" and e.date_basis in ("article", "lede", None)
                     and e.status == "occurred" else e for e in found]
        for event in found:
            if event.type == "CONSULT" and event.status == "occurred":
                if event.date_basis == "text":
                    occasion = event.date
                if event.date_basis in ("text", "range"):
                    meeting = event.date
        events += found
    events = _lede_dated(events, anchor, sentences[:LEDE_SENTENCES])
    events = _dated_by_retelling(events)
    return _placed_at_dateline(events, mentions, anchor, recent, context.tables.capitals)


LEDE_SENTENCES = 3
# 'held the talks': the talks the article already dated
DEFINITE_MEETING = re.compile(r"\bthe\s+(?:\w+\s+)?(?:talks|meeting|visit|summit|negotiations"
                              r"|consultations)\b", re.IGNORECASE)
LEDE_DAYS = 7


def _lede_dated(events: list[EventCandidate], anchor: PartialDate | None,
                lede: list[Sentence]) -> list[EventCandidate]:
    """An article reports its news on the day its lead gives ('signed on Wednesday' in a
    Thursday paper): what it reports later without a date of its own happened then,
    not on the day of publication. The lead is the article's first event."""
    if anchor is None or anchor.precision != "day" or not lede or not events:
        return events
    first = min(events, key=lambda e: e.evidence.start)
    day = first.date
    if first.evidence.start >= lede[-1].end or first.date_basis != "text" or (
            first.status != "occurred" or day is None or day.precision != "day"):
        return events
    gap = date.fromisoformat(anchor.value) - date.fromisoformat(day.value)
    if not timedelta(days=1) <= gap <= timedelta(days=LEDE_DAYS):
        return events
    return [replace(e, date=day, date_basis="lede") if e.date_basis == "article" else e
            for e in events]


def _dated_by_retelling(events: list[EventCandidate]) -> list[EventCandidate]:
    """'India has carried out strikes on nine camps ... The offensive was conducted in the
    early hours of 7 May': an act the article tells twice takes the date its telling
    gives, when the article dates that act one way only, in the days before it."""
    told: dict[tuple[str, str, str], set[PartialDate]] = {}
    for event in events:
        if event.date is not None and event.date_basis in ("text", "range") and (
                event.status == "occurred"):
            key = (event.type, event.source_country, event.target_country)
            told.setdefault(key, set()).add(event.date)
    dated_ = []
    for event in events:
        days = told.get((event.type, event.source_country, event.target_country), set())
        if event.date_basis == "article" and len(days) == 1 and _near(
                day := next(iter(days)), event.date):  # the news of these days, not history
            event = replace(event, date=day, date_basis="retold")
        dated_.append(event)
    return dated_


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


__all__ = ["DocumentContext", "document_dyad", "document_events", "event_anchor",
           "sentences_of"]
