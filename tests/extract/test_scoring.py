"""PLOVER scores by type, mode and status."""

from __future__ import annotations

from dyadscope.extract.scoring import event_score, type_scores


def test_signing_weighs_more_than_talk_and_planning_less_than_doing() -> None:
    assert event_score("SUPPORT", "sign", "occurred") > event_score("SUPPORT", None, "occurred")
    assert event_score("CONSULT", "visit", "planned") < event_score("CONSULT", "visit",
                                                                     "occurred")


def test_conflict_stays_negative_and_within_the_scale() -> None:
    for kind in type_scores():
        for mode in (None, "sign", "military", "visit"):
            for status in ("occurred", "planned", "ongoing"):
                assert -10.0 <= event_score(kind, mode, status) <= 10.0
    assert event_score("ASSAULT", "military", "occurred") == -10.0
    assert event_score("THREATEN", None, "planned") < 0


def test_a_negated_event_scores_nothing() -> None:
    assert event_score("AID", "military", "negated") == 0.0
