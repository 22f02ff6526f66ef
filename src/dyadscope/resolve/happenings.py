"""Happenings: the events (one per PLOVER type and country pair) that tell one real-world
occurrence, clustered. "Saudi Arabia and Iran thanked Iraq and Oman" is four events and
one happening; so are a contract signed and the tanks it buys, or a joint statement signed
and what the two sides decided in it. The clusters are a function of the stored events
alone (connected components of named, explainable ties), so the order in which articles
were ingested does not change them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from dyadscope.knowledge import load_json_data
from dyadscope.resolve.events import dates_compatible
from dyadscope.types import PartialDate

WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event as the happening ties read it."""

    id: str
    type: str
    mode: str | None
    source_country: str | None
    target_country: str | None
    date: PartialDate | None
    status: str
    paper: str | None  # the paper a signing names ('agreement', 'statement'), else None
    spans: tuple[tuple[str, int, int], ...]  # (document, start, end) of each report
    words: tuple[frozenset[str], ...]  # the words of each report's sentence, singular

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(c for c in (self.source_country, self.target_country) if c)

    @property
    def day(self) -> str | None:
        return self.date.value if self.date and self.date.precision == "day" else None


@dataclass(frozen=True, slots=True)
class HappeningSettings:
    contract_types: frozenset[str]  # what a signed paper buys or starts: a sale, a project
    ceremony_words: frozenset[str]  # a meeting that names these is the signing itself
    paper_kin: dict[str, str]
    generic_papers: frozenset[str]


@cache
def settings() -> HappeningSettings:
    data = load_json_data("resolve/links.json")
    ties = data["happenings"]
    return HappeningSettings(
        contract_types=frozenset(ties["contract_types"]),
        ceremony_words=frozenset(ties["ceremony_words"]),
        paper_kin=dict(data["paper_kin"]), generic_papers=frozenset(data["generic_papers"]),
    )


def singular(word: str) -> str:
    word = word.lower()
    word = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return settings().paper_kin.get(word, word)


def sentence_words(text: str) -> frozenset[str]:
    return frozenset(singular(w) for w in WORD.findall(text))


def paper_of(what: str | None) -> str | None:
    if not what or what in settings().generic_papers:
        return None
    return settings().paper_kin.get(what, what)


def _one_sentence(a: Report, b: Report) -> bool:
    return any(d1 == d2 and s1 < e2 and s2 < e1
               for d1, s1, e1 in a.spans for d2, s2, e2 in b.spans)


def tie(a: Report, b: Report) -> str | None:
    """Why two events are one happening, or None."""
    if a.status != b.status or dates_compatible(a.date, b.date, 0) is False or not (
            a.pair & b.pair):
        return None
    if a.type == b.type:
        if _one_sentence(a, b):
            return "one sentence tells both: the sides of one act"
        return None
    if a.pair != b.pair:
        return None
    config = settings()
    for signing, other in ((a, b), (b, a)):
        if signing.mode != "sign" or other.mode == "sign":
            continue
        if other.type in config.contract_types and _one_sentence(signing, other):
            return "one sentence tells the paper signed and what it buys or starts"
        if not (signing.day and signing.day == other.day):
            continue
        if signing.paper and other.type != "CONSULT" and any(
                signing.paper in words for words in other.words):
            return f"same day; the report names the {signing.paper} signed"
        if other.type == "CONSULT" and all(words & config.ceremony_words
                                           for words in other.words):
            return "same day; the meeting is the signing ceremony"
    return None


def _candidates(reports: list[Report]) -> Iterable[tuple[Report, Report]]:
    """Pairs that may be tied: those told in one document, and those of one country pair
    on one day (blocking, so that a large store is not compared pair by pair)."""
    blocks: dict[object, list[Report]] = defaultdict(list)
    for report in reports:
        for document in {d for d, _, _ in report.spans}:
            blocks[("document", document)].append(report)
        if report.day and len(report.pair) == 2:
            blocks[("day", report.pair, report.day)].append(report)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        for a, b in combinations(sorted(members, key=lambda r: r.id), 2):
            if (a.id, b.id) not in seen:
                seen.add((a.id, b.id))
                yield a, b


def cluster(reports: list[Report]) -> dict[str, tuple[str, str]]:
    """For each event in a happening of several events: the happening's id (its smallest
    event id) and the ties that put the event in it."""
    parent = {r.id: r.id for r in reports}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    why: dict[str, set[str]] = defaultdict(set)
    for a, b in _candidates(reports):
        reason = tie(a, b)
        if reason is None:
            continue
        why[a.id].add(reason)
        why[b.id].add(reason)
        ra, rb = root(a.id), root(b.id)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        members[root(report.id)].append(report.id)
    result = {}
    for group in members.values():
        if len(group) > 1:
            lead = min(group)
            for event in group:
                result[event] = (lead, "; ".join(sorted(why[event])))
    return result
