"""Frames read off the dependency parse: who acts, at whom, and which act is content."""

from __future__ import annotations

from functools import cache
from typing import Any

from dyadscope.annotate.model import parse
from dyadscope.extract.frames import Frame, Parsed, sentence_frames
from dyadscope.extract.lexicon import load_lexicon


@cache
def frames_of(sentence: str) -> tuple[Any, tuple[Frame, ...]]:
    doc = parse([sentence])[0]
    return doc, tuple(f for f in sentence_frames(load_lexicon(), Parsed(doc, {}))
                      if not f.suppressed)


def summary(sentence: str) -> set[tuple[str, str, str, str]]:
    """(trigger, type, subject head, first target head) of each live frame."""
    doc, frames = frames_of(sentence)
    return {(doc[f.head].text, f.code.type,
             doc[f.subjects[0].head].text if f.subjects else "",
             doc[f.targets[0].head].text if f.targets else "") for f in frames}


def test_subject_and_object_of_an_active_verb() -> None:
    assert ("condemned", "ACCUSE", "Ghana", "Togo") in summary("Ghana condemned Togo.")


def test_the_agent_of_a_passive_acts_and_its_subject_receives() -> None:
    doc, frames = frames_of("Togo was condemned by Ghana.")
    frame = next(f for f in frames if doc[f.head].text == "condemned")
    assert frame.passive and doc[frame.subjects[0].head].text == "Ghana"
    assert doc[frame.targets[0].head].text == "Togo"


def test_an_intent_takes_the_act_it_governs_as_content() -> None:
    found = summary("Ghana agreed to supply tanks to Togo.")
    assert {kind for _, kind, _, _ in found} == {"AGREE"}


def test_an_intent_to_attack_is_a_threat() -> None:
    found = summary("Ghana vowed to attack Togo.")
    assert {kind for _, kind, _, _ in found} == {"THREATEN"}


def test_a_light_verb_takes_its_nouns_event() -> None:
    assert ("held", "CONSULT", "Ghana", "Togo") in summary("Ghana held talks with Togo.")


def test_a_noun_event_in_an_act_is_its_topic() -> None:
    found = summary("Ghana condemned the strikes on Togo.")
    assert {kind for _, kind, _, _ in found} == {"ACCUSE"}


def test_a_noun_event_named_as_the_occasion_stands_alone() -> None:
    found = summary("After talks with Togo, Ghana signed a trade agreement.")
    assert {kind for _, kind, _, _ in found} == {"CONSULT", "SUPPORT"}


def test_a_purpose_and_a_condition_are_no_acts() -> None:
    assert {k for _, k, _, _ in summary("Ghana held talks to resolve the dispute.")} == {
        "CONSULT"}
    assert not summary("If Togo attacks, Ghana would respond.") & {
        ("attacks", "ASSAULT", "Togo", "")}


def test_arms_bought_from_a_seller_reverse_the_sides() -> None:
    doc, frames = frames_of("Ghana bought tanks from Togo.")
    frame = next(f for f in frames if doc[f.head].text == "bought")
    assert frame.reverse and frame.code.type == "AID"
