"""Dyad analysis on the ingested sample articles, and its scoring and naming rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadscope import api
from dyadscope.analyse.dyad import (
    agreement_name,
    count_before,
    event_score,
    is_agreement,
    is_arms_transfer,
    period_of,
    periods_of,
)
from dyadscope.errors import DyadscopeError
from dyadscope.store.db import Store


@pytest.fixture(scope="module")
def belarus_vietnam(samples_db: Path) -> api.Dyad:
    return api.dyad(samples_db, "Belarus", "Vietnam")


def event(**fields: Any) -> dict[str, Any]:
    base = {"id": "evt-1", "type": "CONSULT", "mode": None, "context": None, "score": None,
            "status": "occurred", "date": None, "evidence": [], "quantities": []}
    return {**base, **fields}


def test_period_counts_add_up_to_the_events(belarus_vietnam: api.Dyad) -> None:
    dyad = belarus_vietnam
    assert dyad.events == len(dyad.timeline) > 0
    assert sum(p.events for p in dyad.periods) + dyad.undated == dyad.events
    for period in dyad.periods:
        assert sum(period.counts.values()) == period.events
    assert [p.period for p in dyad.periods] == sorted(p.period for p in dyad.periods)


def test_index_stays_on_the_plover_scale(belarus_vietnam: api.Dyad) -> None:
    means = [p.score_mean for p in belarus_vietnam.periods if p.score_mean is not None]
    assert means
    assert all(-10 <= mean <= 10 for mean in means)
    for period in belarus_vietnam.periods:
        assert abs(period.score_sum) <= 10 * period.scored
    assert belarus_vietnam.score_mean is not None and -10 <= belarus_vietnam.score_mean <= 10


def test_every_event_is_between_the_two_countries(belarus_vietnam: api.Dyad) -> None:
    for entry in belarus_vietnam.timeline:
        assert {entry.source_country, entry.target_country} == {"BLR", "VNM"}
        assert entry.outlets and entry.evidence


def test_months_split_the_same_events(samples_db: Path, belarus_vietnam: api.Dyad) -> None:
    monthly = api.dyad(samples_db, "Belarus", "Vietnam", by="month")
    assert monthly.events == belarus_vietnam.events
    assert sum(p.events for p in monthly.periods) == sum(p.events for p in belarus_vietnam.periods)
    assert len(monthly.periods) >= len(belarus_vietnam.periods)


def test_people_are_on_their_own_side(belarus_vietnam: api.Dyad) -> None:
    sides = {p.side: set() for p in belarus_vietnam.people}
    for person in belarus_vietnam.people:
        sides[person.side].add(person.country)
        assert person.events >= 1
    assert sides.get("Belarus") == {"BLR"}
    assert sides.get("Vietnam") == {"VNM"}
    assert any(p.roles for p in belarus_vietnam.people)


def test_agreements_are_signings_with_their_sources(belarus_vietnam: api.Dyad) -> None:
    assert belarus_vietnam.agreements
    for agreement in belarus_vietnam.agreements:
        assert agreement.type in {"SUPPORT", "AGREE"}
        assert agreement.status != "negated"
        assert agreement.outlets and agreement.evidence
        if agreement.document:
            assert agreement.document in agreement.evidence


def test_arms_transfers_name_systems_from_the_evidence(
    samples_db: Path, belarus_vietnam: api.Dyad
) -> None:
    transfers = belarus_vietnam.arms_transfers
    assert any(t.supplier == "BLR" and t.recipient == "VNM" for t in transfers)
    with Store(samples_db, readonly=True) as store:
        weapons = {r["name"] for r in store.rows(
            "SELECT name FROM entities WHERE type = 'WEAPON_SYSTEM'")}
    named = [t for t in transfers if t.system]
    assert named, transfers
    for transfer in named:
        assert transfer.system in weapons
        assert transfer.evidence and transfer.outlet


def test_a_person_stands_for_a_side(samples_db: Path) -> None:
    dyad = api.dyad(samples_db, "Viktor Khrenin", "Vietnam")
    assert dyad.events >= 1
    assert "BLR" in dyad.a_countries


def test_unknown_actor_and_period_are_errors(samples_db: Path) -> None:
    with pytest.raises(DyadscopeError, match="Atlantis"):
        api.dyad(samples_db, "Belarus", "Atlantis")
    with pytest.raises(DyadscopeError, match="week"):
        api.dyad(samples_db, "Belarus", "Vietnam", by="week")


def test_score_falls_back_to_the_plover_table() -> None:
    assert event_score(event(type="AGREE", score=2.0)) == 2.0
    assert event_score(event(type="SUPPORT", mode="sign")) == 3.5 + 3.0
    assert event_score(event(type="ASSAULT", mode="military")) == -9.0
    assert event_score(event(type="ASSAULT", score=-40.0)) == -10.0
    assert event_score(event(type="UNKNOWN")) == 0.0


def test_negated_events_are_counted_but_not_scored() -> None:
    events = [event(date="2024-03-01", type="AGREE", score=4.0),
              event(date="2024-05", type="AGREE", score=4.0, status="negated"),
              event(date="2024", type="ASSAULT", score=-10.0)]
    (year,) = periods_of(events, "year")
    assert (year.events, year.scored, year.score_sum, year.score_mean) == (3, 2, -6.0, -3.0)
    assert [p.period for p in periods_of(events, "month")] == ["2024", "2024-03", "2024-05"]
    assert period_of(None, "year") is None


def test_agreement_rules_use_type_mode_and_status() -> None:
    signed = event(type="SUPPORT", mode="sign")
    assert is_agreement(signed)
    assert not is_agreement({**signed, "status": "negated"})
    treaty = {"text": "The two sides agreed on a treaty on friendship."}
    assert is_agreement(event(type="AGREE", evidence=[treaty]))
    assert not is_agreement(event(type="AGREE", mode="offer", evidence=[treaty]))
    plant = {"text": "They agreed to open a truck plant."}
    assert not is_agreement(event(type="AGREE", evidence=[plant]))


@pytest.mark.parametrize(("sentence", "name"), [
    ("The ministers signed a protocol on defence cooperation in Hanoi on Tuesday.",
     "a protocol on defence cooperation"),
    ("Officials signed 36 cooperation documents, including a memorandum on railways.",
     "36 cooperation documents"),
    ("Both leaders inked the treaty, which takes effect in May.", "the treaty"),
])
def test_agreement_names_come_from_the_sentence(sentence: str, name: str) -> None:
    assert agreement_name(sentence) == name


def test_arms_transfers_and_their_counts() -> None:
    assert is_arms_transfer(event(type="AID", mode="military"))
    assert not is_arms_transfer(event(type="AID", mode="economic", context="economic"))
    text = "Russia delivered 12 Su-30MK2 fighters to Vietnam."
    item = {"document": "d", "start": 100, "end": 100 + len(text), "text": text}
    quantity = {"document": "d", "start": 117, "end": 119, "unit": None, "value": 12.0}
    weapon = {"start": 120, "end": 128}
    assert count_before([quantity], item, weapon) == 12.0
    assert count_before([{**quantity, "unit": "km"}], item, weapon) is None
    assert count_before([quantity], item, {"start": 200, "end": 205}) is None
