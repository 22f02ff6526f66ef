"""Mentions: datelines, acronyms, names inside names and places the model calls people,
on short sentences written for these tests."""

from __future__ import annotations

from dyadscope.extract.mentions import Found, event_mentions
from dyadscope.types import Mention
from tests.extract.support import extraction_of


def mentions_of(body: str) -> list[Mention]:
    return list(extraction_of(body, "Trade talks\nMarch 6, 2025\n").mentions)


def test_a_dateline_is_a_place_and_no_side_of_an_event() -> None:
    found = mentions_of("MINSK, May 5 (Agency) - Belarus and China signed a customs deal.")
    line = next(m for m in found if m.text == "MINSK")
    assert (line.type, line.key, line.country) == ("LOCATION", "loc:minsk", None)
    assert not [m for m in found if m.type == "ORG"]


def test_capitals_in_running_text_are_no_dateline() -> None:
    found = mentions_of("NATO, the alliance, said Belarus had moved troops.")
    assert not [m for m in found if m.origin == "rule:dateline"]


def test_an_acronym_in_brackets_is_the_same_organisation() -> None:
    found = mentions_of(
        "The Eastern Transit Logistics Agency (ETLA) will open an office in Minsk. "
        "ETLA said the office would employ 40 people."
    )
    keys = {m.key for m in found if m.type == "ORG"}
    assert len(keys) == 1


def test_a_country_opening_a_longer_name_is_a_mention_too() -> None:
    found = mentions_of("Vietnamese officials visited the Belarusian State Tractor Committee.")
    nested = [m for m in found if m.origin == "rule:nested"]
    assert [(m.text, m.key) for m in nested] == [("Belarusian", "country:BLR")]


def test_a_name_before_a_place_noun_is_a_place() -> None:
    found = mentions_of("The air show was held at Noi Bai airfield near the capital.")
    assert not [m for m in found if m.type == "PERSON"]


def test_events_read_each_name_once() -> None:
    def made(origin: str) -> Found:
        return Found(0, 1, "x", "COUNTRY", "COUNTRY", origin, "BLR", "country:BLR")

    kept = event_mentions([made("ruler:country"), made("rule:nested"), made("ref:title"),
                           made("ref:role")])
    assert [m.origin for m in kept] == ["ruler:country", "ref:role"]


def test_an_article_in_another_language_yields_no_mentions() -> None:
    body = ("Министр обороны Беларуси Виктор Хренин встретился в Ханое со своим вьетнамским "
            "коллегой Фан Ван Зянгом и обсудил военное сотрудничество двух стран.\n"
            "Стороны подписали протокол о намерениях и договорились продолжить переговоры.")
    extraction = extraction_of(body, "Переговоры в Ханое\n17 декабря 2024\n")
    assert extraction.document.language == "ru"
    assert extraction.mentions == () and extraction.events == ()
