"""Quantities and whose they are, on sentences written for these tests."""

from __future__ import annotations

from dyadscope.types import Quantity
from tests.extract.support import extraction_of
from tests.extract.test_events import events_of


def facts_of(body: str) -> list[Quantity]:
    return list(extraction_of(body, "Defence ties\nMay 2, 2025\n").facts)


def test_a_specification_belongs_to_the_system_named_before_it() -> None:
    facts = facts_of("Turkey showed the Bayraktar TB2 drone to Poland. The aircraft has a "
                     "wingspan of 12 m and a range of 150 km.\n")
    wingspan = next(f for f in facts if f.text == "12 m")
    assert wingspan.what == "wingspan" and wingspan.subject and "weapon" in wingspan.subject


def test_a_count_belongs_to_the_system_it_counts() -> None:
    facts = facts_of("Poland ordered 96 AH-64E helicopters from the United States, the "
                     "defence ministry in Warsaw said on Friday after a long tender.\n")
    assert any(f.text.startswith("96") and f.subject for f in facts)


def test_trade_between_a_pair_names_the_pair_even_without_countries() -> None:
    facts = facts_of("Chile and Peru signed a trade protocol. \"Our trade has grown to over "
                     "$300 million,\" the Chilean minister said.\n")
    money = next(f for f in facts if "$300" in f.text)
    assert money.subject == "CHL-PER"


def test_a_period_is_dated_by_its_start() -> None:
    events = events_of("France has been Greece's main arms supplier, with most deliveries "
                       "between 2001 and 2020.")
    aid = [e for e in events if e.type == "AID"]
    assert aid and aid[0].date is not None and aid[0].date.value == "2001"


def test_a_quoted_name_is_no_quote() -> None:
    quotes = extraction_of(
        "Chilean President Gabriel Boric praised the \"Programme for Andean Rail Links and "
        "Ports\" on Monday. \"We will finish the railway before the next election,\" Boric "
        "told reporters in Santiago after the ceremony.").quotes
    assert [q.text.split()[0] for q in quotes] == ["We"]


def test_counted_documents_belong_to_the_pair_that_signed_them() -> None:
    facts = facts_of("Belarus and Mongolia signed 14 documents during the state visit, the "
                     "Belarusian ministry said on Monday in a statement from Minsk.\n")
    assert [(f.text, f.subject) for f in facts if f.what == "count"] == [("14", "BLR-MNG")]


def test_a_number_inside_a_designator_is_no_count() -> None:
    facts = facts_of("Russia has received more than 200 Fath-360 missiles from Iran, according "
                     "to Western intelligence officials quoted by several newspapers.\n")
    assert [f.text for f in facts] == ["200"]


def test_a_count_may_carry_a_demonym() -> None:
    facts = facts_of("More than 600 Kazakh servicemen study in Russia every year, the Kazakh "
                     "defence minister said after talks with his Russian counterpart.\n")
    assert [(f.text, f.subject) for f in facts] == [("600", "KAZ-RUS")]
