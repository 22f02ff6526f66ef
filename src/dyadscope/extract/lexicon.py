"""The event lexicon: CAMEO verb patterns (converted from PETRARCH2), our nominal events
and additions, and the CAMEO->PLOVER table, with the matching of their terms on tokens.

A term is a lowercase word or a noun class (`&TREATY`); a phrase is a sequence of terms
read over consecutive tokens. Tokens are compared by their lowercase form, so no
lemmatizer is needed: the data files list the inflected forms of verbs and the plurals
of nouns are generated here the PETRARCH way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dyadscope.knowledge import DATA, load_json_data


@dataclass(frozen=True, slots=True)
class EventCode:
    cameo: str
    type: str
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class PrepTerm:
    preps: frozenset[str]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    subject: tuple[str, ...]
    objects: tuple[tuple[str, ...], ...]
    preps: tuple[PrepTerm, ...]
    target: frozenset[str] | None  # prepositions (or "object") whose noun is the target
    source: frozenset[str] | None
    code: str | None
    reverse: str | None

    @property
    def size(self) -> int:
        return (len(self.subject) + sum(len(o) for o in self.objects)
                + sum(1 + len(p.terms) for p in self.preps))


@dataclass(frozen=True, slots=True)
class VerbSense:
    lemma: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str | None
    reverse: str | None
    patterns: tuple[Pattern, ...]
    block: str
    # The block's code stands for all its verbs (a synonym set); only a code given to
    # the verb itself says what this verb means alone.
    generic: bool = False


@dataclass(frozen=True, slots=True)
class NounSense:
    """A nominal event ('talks', 'air strike', 'sanctions'): its code, and which of its
    prepositions name the target and which the source ('the withdrawal of French troops
    from Niger'); `intent`: its infinitive is the intended act ('willingness to mediate')."""

    phrase: tuple[str, ...]
    code: str
    target_preps: frozenset[str]
    source_preps: frozenset[str] = frozenset()
    intent: bool = False
    agent: bool = False  # names the actor: 'supplier', 'partner' ('X is Y's supplier')


def verb_forms(base: str) -> list[str]:
    """Regular inflections of an English verb; doubtful doublings are added as variants
    (a form the text never uses costs nothing)."""
    forms = {base}
    vowels = "aeiou"
    cvc = (len(base) > 2 and base[-1] not in vowels + "wxy" and base[-2] in vowels
           and base[-3] not in vowels)
    stems = [base, base + base[-1]] if cvc else [base]
    if base.endswith("y") and base[-2:-1] not in tuple(vowels):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
        if base.endswith("ie"):
            forms.add(base[:-2] + "ying")
    else:
        forms.add(base + ("es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
        for stem in stems:
            forms |= {stem + "ed", stem + "ing"}
    return sorted(forms)


def plurals(word: str) -> tuple[str, ...]:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return (word[:-1] + "ies",)
    if word.endswith(("ss", "sh", "ch", "x")):
        return (word + "es",)
    return (word + "s",)


@cache
def word_forms(word: str) -> frozenset[str]:
    """A dictionary word matches its plural and, when given plural, its singular."""
    forms = {word, *plurals(word)}
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.add(word[:-1])
    return frozenset(forms)


def _pattern(raw: dict[str, Any]) -> Pattern:
    return Pattern(
        subject=tuple(raw["subject"]),
        objects=tuple(tuple(o) for o in raw["objects"]),
        preps=tuple(PrepTerm(frozenset(p["prep"]), tuple(p["terms"])) for p in raw["preps"]),
        target=frozenset(raw["target"]) if raw.get("target") else None,
        source=frozenset(raw["source"]) if raw.get("source") else None,
        code=raw.get("code"),
        reverse=raw.get("reverse"),
    )


@dataclass(frozen=True, eq=False)
class Lexicon:
    verbs: dict[str, tuple[VerbSense, ...]]  # inflected form -> senses
    synsets: dict[str, tuple[tuple[str, ...], ...]]
    nouns: dict[str, tuple[NounSense, ...]]  # last word form -> senses
    codes: dict[str, dict[str, Any]]
    light_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    request_verbs: frozenset[str]
    clausal_requests: frozenset[str]  # request verbs that ask with a that-clause
    reporting_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    blocked: frozenset[str]
    not_verbs: frozenset[str]
    overriding: frozenset[str]  # our blocks whose default beats CAMEO's patterns
    finite: frozenset[str]  # our blocks that code only a clause's own (finite) verb
    _index: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    _ends: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    def event_code(self, cameo: str | None) -> EventCode | None:
        """The PLOVER reading of a CAMEO code: its most specific entry in our table."""
        if not cameo:
            return None
        for size in (4, 3, 2):
            entry = self.codes.get(cameo[:size])
            if entry is not None and len(cameo) >= size:
                if not entry.get("type"):
                    return None
                return EventCode(cameo, entry["type"], entry.get("mode"), entry.get("context"))
        return None

    def term_matches(self, term: str, words: Sequence[str], at: int) -> int:
        """How many words from `at` the term covers (0: no match)."""
        if at >= len(words):
            return 0
        if term.startswith("&"):
            best = 0
            for phrase in self._starting(term).get(words[at], ()):
                if self._phrase_at(phrase, words, at):
                    best = max(best, len(phrase))
            return best
        return 1 if words[at] in word_forms(term) else 0

    def _starting(self, term: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        """A noun class's phrases by every form of their first word."""
        found = self._index.get(term)
        if found is None:
            table: dict[str, list[tuple[str, ...]]] = {}
            for phrase in self.synsets.get(term, ()):
                for form in word_forms(phrase[0]):
                    table.setdefault(form, []).append(phrase)
            found = {form: tuple(phrases) for form, phrases in table.items()}
            self._index[term] = found
        return found

    def last_words(self, terms: Sequence[str]) -> frozenset[str]:
        """Every word a phrase of these terms can end with (to reject patterns fast)."""
        key = tuple(terms)
        found = self._ends.get(key)
        if found is None:
            last = terms[-1]
            if last.startswith("&"):
                found = frozenset(f for p in self.synsets.get(last, ()) for f in word_forms(p[-1]))
            else:
                found = word_forms(last)
            self._ends[key] = found
        return found

    @staticmethod
    def _phrase_at(phrase: tuple[str, ...], words: Sequence[str], at: int) -> bool:
        if at + len(phrase) > len(words):
            return False
        return all(words[at + i] in word_forms(w) for i, w in enumerate(phrase))

    def phrase_ends(self, terms: Sequence[str], words: Sequence[str]) -> bool:
        """The terms over consecutive words that end with the last word (a noun phrase's
        head: 'arms shipment' is a shipment, 'military strikes' no military)."""
        if not words or words[-1] not in self.last_words(terms):
            return False
        return any(self._run_end(terms, words, start) == len(words)
                   for start in range(len(words) - 1, -1, -1))

    def phrase_in(self, terms: Sequence[str], words: Sequence[str]) -> bool:
        """The terms over consecutive words somewhere in `words`."""
        return any(self._run_end(terms, words, start) is not None
                   for start in range(len(words)))

    def _run_end(self, terms: Sequence[str], words: Sequence[str], start: int) -> int | None:
        """Where the terms, matched one after another from `start`, end; None if one fails."""
        at = start
        for term in terms:
            width = self.term_matches(term, words, at)
            if not width:
                return None
            at += width
        return at


def our_verb(spec: str) -> dict[str, Any]:
    """'hand_over|handed_over' -> the verb 'hand' before 'over', with its forms."""
    phrase, *irregular = spec.split("|")
    lemma, *after = phrase.split("_")
    forms = set(verb_forms(lemma)) | {form.split("_")[0] for form in irregular}
    return {"lemma": lemma, "before": [], "after": after, "forms": sorted(forms)}


def _our_block(block: dict[str, Any]) -> dict[str, Any]:
    patterns = [{"subject": p.get("subject", []), "objects": p.get("objects", []),
                 "preps": p.get("preps", []), "target": p.get("target"),
                 "source": p.get("source"), "code": p.get("code"), "reverse": p.get("reverse")}
                for p in block["patterns"]]
    return {**block, "verbs": [our_verb(v) for v in block["verbs"]], "patterns": patterns}


def _verb_index(additions: list[dict[str, Any]]) -> dict[str, tuple[VerbSense, ...]]:
    index: dict[str, list[VerbSense]] = {}
    lines = DATA.joinpath("lexicons", "cameo_verbs.jsonl").read_text(encoding="utf-8")
    blocks = [json.loads(line) for line in lines.splitlines() if line.strip()]
    for block in [*map(_our_block, additions), *blocks]:
        patterns = tuple(_pattern(p) for p in block["patterns"])
        for verb in block["verbs"]:
            sense = VerbSense(
                lemma=verb["lemma"], before=tuple(verb["before"]), after=tuple(verb["after"]),
                code=verb.get("code") or block.get("code"),
                reverse=verb.get("reverse") or block.get("reverse"),
                patterns=patterns, block=block["block"],
                generic=not verb.get("code"),
            )
            for form in verb["forms"]:
                index.setdefault(form, []).append(sense)
    return {form: tuple(senses) for form, senses in index.items()}


def _noun_index(entries: dict[str, Any]) -> dict[str, tuple[NounSense, ...]]:
    index: dict[str, list[NounSense]] = {}
    for phrase, entry in entries.items():
        words = tuple(phrase.split())
        sense = NounSense(words, entry["code"], frozenset(entry.get("target", [])),
                          frozenset(entry.get("source", [])), bool(entry.get("intent")),
                          bool(entry.get("agent")))
        for form in word_forms(words[-1]):
            index.setdefault(form, []).append(sense)
    return {form: tuple(sorted(s, key=lambda n: -len(n.phrase))) for form, s in index.items()}


@cache
def load_lexicon() -> Lexicon:
    synsets = load_json_data("lexicons/cameo_synsets.json")["synsets"]
    ours = load_json_data("lexicons/event_words.json")
    return Lexicon(
        verbs=_verb_index(ours["verb_blocks"]),
        synsets={**{name: tuple(tuple(p) for p in phrases) for name, phrases in synsets.items()},
                 **{name: tuple(tuple(p.split()) for p in phrases)
                    for name, phrases in ours["synsets"].items()}},
        nouns=_noun_index(ours["nouns"]),
        codes=load_json_data("lexicons/cameo_plover.json")["codes"],
        light_verbs=frozenset(ours["light_verbs"]),
        intent_verbs=frozenset(ours["intent_verbs"]),
        request_verbs=frozenset(ours["request_verbs"]),
        clausal_requests=frozenset(ours["clausal_requests"]),
        reporting_verbs=frozenset(ours["reporting_verbs"]),
        refusal_verbs=frozenset(ours["refusal_verbs"]),
        blocked=frozenset(ours["blocked_senses"]),
        not_verbs=frozenset(ours["not_verbs"]),
        overriding=frozenset(b["block"] for b in ours["verb_blocks"] if b.get("override")),
        finite=frozenset(b["block"] for b in ours["verb_blocks"] if b.get("finite")),
    )
