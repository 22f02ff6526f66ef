"""Person names the statistical NER missed or cut: after titles, before appositions, at
its boundaries. The rules read their word lists from titles.jsonl and patterns.json."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from dyadscope.extract.titles import (
    TitleTable,
    person_patterns,
    title_before,
    title_table,
    word,
)
from dyadscope.knowledge import Knowledge
from dyadscope.knowledge.names import is_patronymic

LONGEST_NAME = 4
DETERMINERS = {"a", "an", "the"}
# Between 'a' and the noun of an apposition: 'a 45-year-old Belarusian volunteer'.
DESCRIPTOR_GAP = 3


@cache
def not_name_words(knowledge: Knowledge) -> frozenset[str]:
    """Title words ('General') and heads of other names ('Staff', 'Army'): never a name."""
    table = person_patterns()
    heads = table["org_heads"] + table["event_heads"] + table["place_heads"]
    return frozenset(heads) | {w for key in title_table(knowledge) for w in key}


def title_case(sentence: Any) -> bool:
    """A headline written In Title Case, where capitals say nothing about names."""
    words = [t for t in sentence if t.is_alpha and not t.is_stop]
    lower = sum(1 for t in words if t.text.islower())
    return len(words) - lower >= 4 and lower <= 1


def _name_like(token: Any) -> bool:
    text = token.text
    return token.is_alpha and text[:1].isupper() and not text.isupper() and not token.ent_type_


def name_run(tokens: list[Any], start: int, stops: frozenset[str], allow_stop: bool) -> int:
    """End (exclusive) of the capitalised name words from `start`, or `start` if none."""
    particles = set(person_patterns()["name_particles"])
    end = start
    while end < len(tokens) and end - start < LONGEST_NAME:
        token = tokens[end]
        inner = end > start and token.lower_ in particles
        if not (_name_like(token) or inner) or word(token.text) in stops:
            break
        if token.is_stop and not (allow_stop or inner):
            break
        end += 1
    while end > start and not _name_like(tokens[end - 1]):
        end -= 1
    if end > start and tokens[end - 1].is_stop:
        return start
    return end


def titled_names(sentence: Any, knowledge: Knowledge) -> Iterator[Any]:
    """'Laotian President Bo Van Kham said': a name run right after a title is a person.
    Ranks name too many units ('General Staff'), so they need two name words."""
    if title_case(sentence):
        return
    tokens = list(sentence)
    table = title_table(knowledge)
    stops = not_name_words(knowledge)
    index = 1
    while index < len(tokens):
        end = name_run(tokens, index, stops, allow_stop=True)
        if end == index:
            index += 1
            continue
        _, title = title_before(tokens, index, table)
        shortest = 1 if title and title["kind"] in {"office", "honorific"} else 2
        if title is not None and title["kind"] != "reference" and end - index >= shortest:
            yield sentence[index:end]
        index = end


def appositive_names(sentence: Any, knowledge: Knowledge) -> Iterator[Any]:
    """'Ivan Petrau, a Polish engineer who ...': a name before ', a <person noun>'."""
    tokens = list(sentence)
    nouns = set(person_patterns()["person_nouns"])
    table = title_table(knowledge)
    stops = not_name_words(knowledge)
    for comma, token in enumerate(tokens):
        if token.text != "," or comma + 2 >= len(tokens):
            continue
        if tokens[comma + 1].lower_ not in DETERMINERS:
            continue
        if not _describes_person(tokens[comma + 2 : comma + 3 + DESCRIPTOR_GAP], nouns, table):
            continue
        start = _run_start(tokens, comma, stops)
        if start is not None:
            yield sentence[start:comma]


def _describes_person(window: list[Any], nouns: set[str], table: TitleTable) -> bool:
    for index, token in enumerate(window):
        if token.lower_ in nouns:
            return True
        _, title = title_before(window, index + 1, table)
        if title is not None and title["kind"] == "office":
            return True
        if token.text in {",", ".", ";", "(", "who", "which"}:
            return False
    return False


def _run_start(tokens: list[Any], end: int, stops: frozenset[str]) -> int | None:
    """Start of a two-to-four word name ending at `end`, with no common words in it."""
    start = end
    while start > 0 and end - start < LONGEST_NAME and _name_like(tokens[start - 1]):
        if tokens[start - 1].is_stop or word(tokens[start - 1].text) in stops:
            break
        start -= 1
    return start if end - start >= 2 else None


def extend_left(ent: Any, table: TitleTable) -> Any:
    """'President Bo Van Kham' read as 'Van Kham': a capitalised word between a title and
    the name belongs to the name."""
    sent = ent.sent
    if _russian_order(ent):
        return ent.doc[ent.start - 1 : ent.end]
    if ent.start - sent.start < 2:
        return ent
    previous = ent.doc[ent.start - 1]
    if not previous.is_title or previous.ent_type_ or previous.is_sent_start:
        return ent
    if (word(previous.text),) in table:
        return ent
    _, title = title_before(list(sent), ent.start - 1 - sent.start, table)
    named = title is not None and title["kind"] in {"office", "rank", "honorific"}
    return ent.doc[ent.start - 1 : ent.end] if named else ent


def _russian_order(ent: Any) -> bool:
    """'Belousov Andrei Removich': a surname before a given name and patronymic that the
    model left out of the name."""
    if len(ent) != 2 or ent.start == ent.sent.start:
        return False
    previous = ent.doc[ent.start - 1]
    return (is_patronymic(ent[-1].text) and previous.is_title and not previous.is_stop
            and not previous.ent_type_)


def trim_left(ent: Any, table: TitleTable) -> Any:
    """'Prince Andrew', 'State Mike Pompeo' (of 'Secretary of State'): a title the NER took
    into the name stays out of it, so that it is read as the title it is."""
    for inside in (2, 1):
        cut = ent.start + inside
        if cut >= ent.end:
            continue
        sent = ent.sent
        start, title = title_before(list(sent), cut - sent.start, table)
        if title is not None and start <= ent.start - sent.start and title["kind"] != "reference":
            return ent.doc[cut : ent.end]
    return ent


def trim_right(ent: Any) -> Any:
    """'Giang the Order of Friendship': a person's name ends before a lower-case word that
    is no name particle ('van', 'de', 'bin' stay)."""
    particles = set(person_patterns()["name_particles"])
    for token in ent[1:]:
        if token.is_lower and token.lower_ not in particles:
            return ent.doc[ent.start : token.i]
    return ent


def extend_right(ent: Any, knowledge: Knowledge) -> Any:
    """'Bo Van' read for 'Bo Van Kham': one more name word, if no other follows it."""
    doc = ent.doc
    if ent.end >= min(len(doc), ent.sent.end):
        return ent
    following = doc[ent.end]
    if not _name_like(following) or following.is_stop or following.is_sent_start:
        return ent
    if word(following.text) in not_name_words(knowledge):
        return ent
    if following.i + 1 < len(doc) and _name_like(doc[following.i + 1]):
        return ent
    return doc[ent.start : ent.end + 1]


def titled_other(ent: Any, knowledge: Knowledge) -> bool:
    """'President Kassym-Jomart Tokayev' read as an ORG: a name-shaped entity right after a
    person's title, with no word of an organisation or place in it, is a person."""
    sent = ent.sent
    _, title = title_before(list(sent), ent.start - sent.start, title_table(knowledge))
    if title is None or title["kind"] == "reference":
        return False
    words = [t for t in ent if t.is_alpha]
    return bool(words) and all(t.text[:1].isupper() and not t.text.isupper() for t in words) and (
        not {word(t.text) for t in words} & not_name_words(knowledge)
    )


def is_place(ent: Any) -> bool:
    """'Noi Bai airfield', 'Thai Binh province', 'the town of Lang Son': a name ending in,
    followed by or given to a place noun."""
    heads = set(person_patterns()["place_heads"])
    doc = ent.doc
    if ent[-1].lower_ in heads:
        return True
    if ent.end < len(doc) and doc[ent.end].lower_ in heads:
        return True
    return ent.start > 1 and doc[ent.start - 1].lower_ == "of" and (
        doc[ent.start - 2].lower_ in heads
    )
