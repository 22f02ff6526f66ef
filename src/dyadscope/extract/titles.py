"""Titles written before names ('Polish Defence Minister'), read from titles.jsonl."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from dyadscope.extract.text import normalize_name
from dyadscope.knowledge import Knowledge, load_json_data

Title = dict[str, Any]


class TitleTable(dict[tuple[str, ...], Title]):
    """Normalised title words to their record, and the words titles end with (most words
    of a text end none, and are ruled out by that alone)."""

    last_words: frozenset[str] = frozenset()


LONGEST_TITLE = 6
# Words that may sit inside a run of titles: "First Deputy Prime Minister", "Russia's".
CONNECTORS = {"'s", "’s", "'", "’", "of", "the", "and", "for", "national", "first", "deputy"}
# Past these the titles still describe the person, but the words no longer touch the name.
LOOSE = {"and", "the", "for", "counterpart", "counterparts"}
COUNTRY_LABELS = {"DEMONYM", "COUNTRY"}
POSSESSIVE = {"'s", "’s", "'", "’"}
APPOSITION_OPENERS = {"the", "a", "an", "his", "her", "its", "their"}
# Words allowed between the article and the title: 'the newly elected chairman'.
APPOSITION_REACH = 3


@lru_cache(maxsize=65536)
def word(text: str) -> str:
    return normalize_name(text)


@cache
def person_patterns() -> dict[str, Any]:
    return load_json_data("gazetteers/patterns.json")


@cache
def title_table(knowledge: Knowledge) -> TitleTable:
    """Normalised title words to their record; reference nouns ('leader') carry no role."""
    table = TitleTable()
    for noun, offices in person_patterns()["reference_nouns"].items():
        key = tuple(word(noun).split())
        table[key] = {"id": f"reference:{noun}", "pattern": noun, "role": None,
                      "kind": "reference", "offices": offices}
    for record in knowledge.titles:
        table[tuple(word(record["pattern"]).split())] = record
    table.last_words = frozenset(words[-1] for words in table if words)
    return table


def title_before(tokens: list[Any], end: int, table: TitleTable) -> tuple[int, Title | None]:
    """The longest title that ends at token index `end` (exclusive) of `tokens`."""
    if end < 1 or word(tokens[end - 1].text) not in table.last_words:
        return end, None
    for length in range(min(LONGEST_TITLE, end), 0, -1):
        start = end - length
        words = tuple(word(t.text) for t in tokens[start:end])
        if words in table:
            return start, table[words]
    return end, None


@dataclass(slots=True)
class Context:
    """What is written just before a name: its titles, country and where that begins."""

    titles: list[Title] = field(default_factory=list)
    country: str | None = None
    lead: int | None = None  # document token index of the first title or country word


def left_context(ent: Any, table: TitleTable) -> Context:
    """Titles and the country written before a name: 'Russia's President X', 'his
    Polish counterpart General Y'. After 'and' a country is no longer the person's."""
    sent = ent.sent
    tokens = list(sent)
    index = ent.start - sent.start
    context = Context()
    loose = after_and = False
    while index > 0:
        start, title = title_before(tokens, index, table)
        if title is not None:
            context.titles.append(title)
            index = start
            context.lead = context.lead if loose else sent.start + start
            continue
        token = tokens[index - 1]
        if token.ent_type_ in COUNTRY_LABELS and token.ent_id_:
            if after_and or not _modifies(tokens, index, token, context):
                break
            context.country = context.country or token.ent_id_
            index = _entity_start(token) - sent.start
            context.lead = context.lead if loose else sent.start + index
            continue
        if token.lower_ in CONNECTORS or token.lower_ in LOOSE:
            loose = loose or token.lower_ in LOOSE
            after_and = after_and or token.lower_ == "and"
            index -= 1
            continue
        break
    return context


def _modifies(tokens: list[Any], index: int, token: Any, context: Context) -> bool:
    """'Polish X', "Poland's X", 'Poland President X' name X's country; in
    'handed over to Poland X' the country is only the place before the name."""
    if token.ent_type_ == "DEMONYM" or context.titles:
        return True
    return index < len(tokens) and tokens[index].text in POSSESSIVE


def _entity_start(token: Any) -> int:
    doc = token.doc
    i = token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def apposition(ent: Any, table: TitleTable) -> tuple[list[Title], str | None]:
    """'X, the chairman of the national assembly' gives X that role; 'X, a Polish
    engineer' gives X a country."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return [], None
    window = list(doc[i + 1 : min(i + 12, ent.sent.end)])
    if _starts_a_clause(doc[i + 1 : ent.sent.end]):
        return [], None  # "X, a spokesman for the government told reporters": not X
    return _window_titles(window, table), _window_country(window)


def _starts_a_clause(rest: Any) -> bool:
    """After the comma comes a reporting clause with its own subject, not a description."""
    verbs = set(person_patterns()["reporting_verbs"])
    for token in rest:
        if token.text in {",", ";", ":"}:
            return False
        if token.lower_ in verbs:
            return True
    return False


def _window_titles(window: list[Any], table: TitleTable) -> list[Title]:
    """The title an apposition opens with: ', the chairman of ...', ', chairman of'.
    A title further on ('X, hitting him in the head') describes something else."""
    first = 1 if window and window[0].lower_ in APPOSITION_OPENERS else 0
    reach = APPOSITION_REACH if first else 2
    for begin in range(first, min(first + reach, len(window))):
        for stop in range(min(len(window), begin + LONGEST_TITLE), begin, -1):
            start, title = title_before(window, stop, table)
            if title is not None and start == begin and title["kind"] != "reference":
                # "Andrew, Queen Elizabeth II's son": the title belongs to the next name
                named = stop < len(window) and window[stop].ent_type_ == "PERSON"
                return [] if named else [title]
        if not window[begin].is_alpha:
            return []
    return []


def _window_country(window: list[Any]) -> str | None:
    """The demonym of a short description right after the name: ', a Polish engineer'."""
    if not window or window[0].lower_ not in {"a", "an"}:
        return None
    for token in window[1:4]:
        if token.ent_type_ == "DEMONYM" and token.ent_id_:
            return token.ent_id_
        if not token.is_alpha and token.text != "-":
            return None
    return None
