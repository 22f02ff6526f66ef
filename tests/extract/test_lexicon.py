"""The event lexicon: CAMEO patterns converted from PETRARCH2, our additions, the table."""

from __future__ import annotations

import pytest

from dyadscope.extract.lexicon import load_lexicon, verb_forms, word_forms


@pytest.mark.parametrize(("cameo", "kind", "mode"), [
    ("057", "SUPPORT", "sign"),  # signing is SUPPORT in PLOVER v2.0
    ("163", "SANCTION", "restrict"),  # the 2021 table said COERCE
    ("0871", "CONCEDE", "ceasefire"),
    ("0874", "RETREAT", "withdraw"),
    ("042", "CONSULT", "visit"),
    ("1123", "ACCUSE", "allege"),  # a four-digit code falls back to nothing more specific
    ("195", "ASSAULT", "heavy-weapons"),
])
def test_cameo_codes_read_as_plover(cameo: str, kind: str, mode: str) -> None:
    code = load_lexicon().event_code(cameo)
    assert code is not None and (code.type, code.mode) == (kind, mode)


@pytest.mark.parametrize("cameo", ["010", "012", "090", None, ""])
def test_statements_and_monitoring_are_no_event(cameo: str | None) -> None:
    assert load_lexicon().event_code(cameo) is None


def test_inflections_and_plurals() -> None:
    assert {"signs", "signed", "signing"} <= set(verb_forms("sign"))
    assert {"bans", "banned", "banning"} <= set(verb_forms("ban"))
    assert {"supplies", "supplied"} <= set(verb_forms("supply"))
    assert {"treaty", "treaties"} <= word_forms("treaty")
    assert "sanction" in word_forms("sanctions")


def test_noun_classes_match_phrases_at_a_head() -> None:
    lexicon = load_lexicon()
    assert lexicon.phrase_ends(("&TREATY",), ["a", "defence", "pact"])
    assert lexicon.phrase_ends(("&AGREEMENT",), ["the", "road", "map"])
    assert not lexicon.phrase_ends(("&TREATY",), ["pact", "signatories"])  # not the head
    assert lexicon.phrase_in(("persona", "non", "grata"), ["as", "persona", "non", "grata"])


def test_our_senses_come_before_cameos_for_the_same_verb() -> None:
    senses = load_lexicon().verbs["signed"]
    assert senses[0].block.startswith("dyadscope:")
    assert any(not s.block.startswith("dyadscope:") for s in senses)


def test_the_converted_dictionary_is_large() -> None:
    lexicon = load_lexicon()
    patterns = {id(p) for senses in lexicon.verbs.values() for s in senses for p in s.patterns}
    assert len(patterns) > 4000 and len(lexicon.verbs) > 5000
