"""Entities across documents: event names, lone surnames, office holders."""

from __future__ import annotations

from dyadscope import knowledge
from dyadscope.knowledge.holders import match_office_holder
from dyadscope.knowledge.names import same_person_name
from dyadscope.resolve.entities import EntityIndex, EntityRecord, resolve_other_key
from dyadscope.types import PartialDate


def record(key: str, kind: str, name: str, country: str | None) -> EntityRecord:
    return EntityRecord(f"ent-{key}", kind, name, country, key)


def test_an_event_name_with_a_word_more_is_the_same_event() -> None:
    show = record("event:naval show", "EVENT_NAME", "Caspian Naval Show 2025", "KAZ")
    index = EntityIndex([show])
    found = resolve_other_key("event:intl naval show", "EVENT_NAME", "KAZ", index, {},
                              "Caspian International Naval Show 2025")
    assert found is show


def test_event_names_of_other_years_or_kinds_stay_apart() -> None:
    index = EntityIndex([record("event:a", "EVENT_NAME", "Army Games 2022", "RUS")])
    for name in ("International Army Games 2024", "Army Forum 2022"):
        found = resolve_other_key(f"event:{name}", "EVENT_NAME", "RUS", index, {}, name)
        assert found.name == name


def test_a_lone_surname_joins_nobody_in_other_documents() -> None:
    index = EntityIndex([record("person:kim il sung", "PERSON", "Kim Il Sung", "PRK")])
    assert index.similar_person("Kim", "PRK") is None
    assert index.similar_person("Kim Il-sung", "PRK") is not None


def test_a_full_name_joins_no_lone_surname() -> None:
    index = EntityIndex([record("person:kim", "PERSON", "Kim", None)])
    assert index.similar_person("Kim Yo Jong", None) is None


def test_an_office_without_a_country_does_not_vouch_for_a_different_name() -> None:
    kb = knowledge.load(None)
    when = PartialDate("2024-12", "month")
    assert match_office_holder("John Williams", None, ["head_of_state"], when, kb) is None
    holder = match_office_holder("Chrenin", "BLR", ["defence_minister"], when, kb)
    assert holder is not None and holder[0]["id"] == "viktor_khrenin"


def test_a_lone_given_name_with_a_title_but_no_country_matches_no_holder() -> None:
    kb = knowledge.load(None)
    when = PartialDate("2019-11-18", "day")
    assert match_office_holder("Andrew", None, ["head_of_state"], when, kb) is None
    assert match_office_holder("Melko Narubit", None, [], when, kb) is None


def test_names_alone_identify_a_person_only_with_the_same_last_word() -> None:
    assert same_person_name("Alaksandar Łukašenka", "Alexander Lukashenko")
    assert same_person_name("Phan Van Jang", "Phan Van Giang")
    assert same_person_name("Ravkov Andrei Alekseevich", "Andrei Ravkov")
    assert not same_person_name("Jose Serrano", "José Serra")
    assert not same_person_name("Steve Castor", "Steve Castro")
    assert not same_person_name("Khalifah Ali", "Khalifa bin Zayed Al Nahyan")
