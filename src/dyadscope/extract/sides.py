"""Who a frame's phrases name: countries, their organs and people, with their sector.

The mentions say which country a name belongs to; the parse says which phrase is the
subject and which the object. Phrases with no name of their own are resolved here too:
pronouns (the person named last; in a quotation, its speaker), 'the two countries'
(the pair named together last), 'his counterpart' and 'the host' (the other side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from dyadscope.extract.frames import Arg
from dyadscope.extract.mentions import Found
from dyadscope.knowledge import Knowledge, load_json_data
from dyadscope.knowledge.weapons import weapon_origins


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
    sector: str | None = None


@dataclass(frozen=True)
class ActorTables:
    """What the knowledge base says about who can be a side: organisations acting as
    parties (UN, EU), organisations that only report (news agencies), weapon origins,
    capitals, role nouns and their sectors."""

    codes: dict[str, str]
    silent: frozenset[str]
    origins: dict[str, str]
    capitals: dict[str, str]
    agents: dict[str, str]
    org_sectors: dict[str, str]


ORG_KIND_SECTORS = {"company": "BUS", "bank": "BUS", "media": "MED", "military": "MIL",
                    "ministry": "GOV", "ngo": "NGO", "party": "PTY", "government": "GOV",
                    "agency": "GOV", "court": "JUD", "parliament": "LEG", "IGO": "IGO",
                    "igo": "IGO", "armed_group": "REB"}
# Sectors that act for a state (CAMEO agents); the others are its people and firms.
# CAMEO sectors whose agents act for their state (lexicons/actors.json)
STATE_SECTORS = frozenset(load_json_data("lexicons/actors.json")["state_sectors"])


def states_involved(source: Actor, target: Actor) -> bool:
    """An international event needs a state on at least one side: two firms signing a
    deal, two clubs playing a match are no relation between their countries."""
    return any(a.sector is None or a.sector in STATE_SECTORS for a in (source, target))


@cache
def actor_tables(knowledge: Knowledge | None) -> ActorTables:
    from dyadscope.extract.mentions import capital_country

    lexicon = load_json_data("lexicons/actors.json")
    codes = {f"org:{ident}": code for ident, code in lexicon["organization_actors"].items()}
    agents = {**load_json_data("lexicons/agents.json")["agents"], **lexicon["agents"]}
    if knowledge is None:
        return ActorTables(codes, frozenset(), {}, {}, agents, {})
    quiet = set(lexicon["silent_organization_kinds"])
    silent = frozenset(f"org:{o['id']}" for o in knowledge.organizations if o.get("kind") in quiet)
    sectors = {f"org:{o['id']}": ORG_KIND_SECTORS.get(o.get("kind", ""), "GOV")
               for o in knowledge.organizations}
    return ActorTables(codes, silent, weapon_origins(knowledge), capital_country(knowledge),
                       agents, sectors)


def _outermost(mentions: list[Found]) -> list[Found]:
    """'UN' inside 'UN peacekeeping missions' names a part of the phrase, not a side."""
    return [
        m for m in mentions
        if not any(o is not m and o.start <= m.start and m.end <= o.end
                   and (o.end - o.start) > (m.end - m.start) for o in mentions)
    ]


def mention_actors(mentions: list[Found], text: str, offset: int,
                   tables: ActorTables) -> list[Actor]:
    """The mentions of one sentence that can be a side, flagged when they only name a
    place ('in Hanoi') or a topic ('talks on Ukraine')."""
    actors = []
    for mention in _outermost(mentions):
        country = mention.country or tables.codes.get(mention.key)
        if country is None or mention.type == "WEAPON_SYSTEM" or mention.key in tables.silent:
            continue
        rest = text[mention.end - offset :]
        if mention.country is None and cue("member_nouns").match(rest):
            continue  # "the two NATO allies", "EU ministers": the members act, not NATO
        before = text[: mention.start - offset]
        person = mention.type == "PERSON"
        # an exhibition or a summit is where sides meet, never a side
        owner = re.match(r"\s*['’]s\b", rest) is not None  # 'in Warsaw's projects'
        place = mention.type == "EVENT_NAME" or (
            not person and not owner and bool(cue("place_before").search(before)))
        if place and mention.type == "LOCATION":
            continue
        topic = not person and bool(cue("topic_before").search(before))
        key = mention.key if person or mention.country is None else None
        actors.append(Actor(mention.start, country, key, person, mention.label, place, topic,
                            _sector(mention, rest, tables)))
    return actors


def _sector(mention: Found, rest: str, tables: ActorTables) -> str | None:
    """CAMEO's agent of the side: a role noun after a demonym ('Thai soldiers' MIL,
    'a Russian national' CVL), an office holder's role, an organisation's kind."""
    if mention.type == "PERSON":
        return "GOV" if mention.roles or mention.offices else None
    if mention.key.startswith("org:"):
        if mention.key in tables.org_sectors or not mention.country:
            return tables.org_sectors.get(mention.key)
        # an unlisted body of a country ('Chinese Foreign Ministry'): its words say which
        named = (tables.agents.get(w) for w in reversed(mention.text.lower().split()))
        return next((found for found in named if found), "GOV")
    words = re.findall(r"[a-z][a-z.'-]*", rest[:60].lower())
    for size in (3, 2, 1):
        if len(words) >= size and (found := tables.agents.get(" ".join(words[:size]))):
            return found
    # 'British battery firm', 'Chinese state-owned bank': the head a word or two on
    for word in words[1:3]:
        if found := tables.agents.get(word):
            return found
    return "GOV"


@dataclass
class SentenceSides:
    """The sides a parsed sentence names, by token."""

    doc: Any
    start: int  # character offset of the sentence in the document
    actors: list[Actor]
    acts: frozenset[int] = frozenset()  # tokens that head a frame of the sentence

    def token_span(self, index: int) -> tuple[int, int]:
        token = self.doc[index]
        return self.start + token.idx, self.start + token.idx + len(token.text)

    def in_arg(self, arg: Arg) -> list[Actor]:
        """The actors named in a phrase, nearest its head first."""
        found: list[Actor] = []
        for index in arg.tokens:
            low, high = self.token_span(index)
            for actor in self.actors:
                if low <= actor.start < high and actor not in found:
                    found.append(actor)
        return found

    def coordinated(self, arg: Arg) -> bool:
        return any(self.doc[i].dep_ == "conj" for i in arg.tokens)


def first_person(sentence_start: int, sentence_end: int, text: str,
                 speakers: tuple[tuple[int, int, Actor], ...]) -> list[Actor]:
    """'"We are ready to help Vietnam," Lukashenko said': I, we and our are the speaker."""
    found = []
    for start, end, speaker in speakers:
        if end <= sentence_start or sentence_end <= start:
            continue
        low = max(start, sentence_start) - sentence_start
        high = min(end, sentence_end) - sentence_start
        for match in cue("first_person").finditer(text, low, high):
            found.append(replace(speaker, start=sentence_start + match.start()))
    return found
