"""Events of other types or country pairs that tell one happening: the ties and the refusals."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from dyadscope import api
from dyadscope.resolve.happenings import Report, cluster, sentence_words, tie
from dyadscope.types import PartialDate

DAY = PartialDate("2025-03-06", "day")


def report(id: str = "evt-a", text: str = "", **changes: object) -> Report:
    base = Report(
        id=id, type="SUPPORT", mode="sign", source_country="CHL", target_country="PER",
        date=DAY, status="occurred", paper="agreement", spans=(("doc-1", 0, 80),),
        words=(sentence_words(text),),
    )
    return replace(base, **changes)


def test_one_sentence_with_coordinated_sides_is_one_happening() -> None:
    # "Chile and Bolivia thanked Peru and Ecuador": four dyads, one act
    thanks = {"mode": "praise", "paper": None}
    a = report("evt-a", **thanks, source_country="CHL", target_country="PER")
    b = report("evt-b", **thanks, source_country="CHL", target_country="ECU")
    c = report("evt-c", **thanks, source_country="BOL", target_country="ECU")
    assert tie(a, b) and tie(b, c)
    assert tie(a, c) is None  # no shared side; the cluster still holds all three
    assert {happening for happening, _ in cluster([a, b, c]).values()} == {"evt-a"}


def test_the_same_type_in_other_sentences_is_left_to_the_event_merge() -> None:
    a = report("evt-a", mode="praise", paper=None)
    b = report("evt-b", mode="praise", paper=None, spans=(("doc-1", 90, 160),))
    assert tie(a, b) is None


def test_a_contract_and_the_sale_it_makes_in_one_sentence_are_one_happening() -> None:
    signing = report("evt-a", paper=None)
    sale = report("evt-b", type="AID", mode=None, paper=None,
                  source_country="PER", target_country="CHL")
    assert tie(signing, sale) and tie(sale, signing)
    # the same two acts told in two sentences of one day are not tied by the sentence
    assert tie(signing, replace(sale, spans=(("doc-2", 0, 50),))) is None


def test_a_meeting_and_a_signing_in_one_sentence_stay_two_happenings() -> None:
    signing = report("evt-a")
    talks = report("evt-b", "After the talks the ministers signed an agreement",
                   type="CONSULT", mode="meet", paper=None)
    assert tie(signing, talks) is None


def test_a_report_naming_the_paper_signed_that_day_is_that_happening() -> None:
    signing = report("evt-a", paper="statement")
    decided = report("evt-b", "In the joint statement the two countries decided to deepen ties",
                     type="AGREE", mode=None, paper=None, spans=(("doc-2", 0, 60),))
    assert tie(signing, decided)
    assert tie(signing, replace(decided, date=PartialDate("2025-03-09", "day"))) is None
    assert tie(replace(signing, paper="protocol"), decided) is None


def test_a_meeting_is_the_signing_only_when_it_names_the_signing() -> None:
    signing = report("evt-a")
    ceremony = report("evt-b", "The ministers attended the signing ceremony in Lima",
                      type="CONSULT", mode="meet", paper=None, spans=(("doc-2", 0, 50),))
    talks = replace(ceremony, words=(sentence_words("The ministers held talks on the agreement"),))
    assert tie(signing, ceremony)
    assert tie(signing, talks) is None  # talks about the paper are talks


def test_other_statuses_dates_or_pairs_are_never_tied() -> None:
    signing = report("evt-a", paper=None)
    sale = report("evt-b", type="AID", mode=None, paper=None)
    assert tie(signing, replace(sale, status="planned")) is None
    assert tie(signing, replace(sale, date=PartialDate("2024", "year"))) is None
    assert tie(signing, replace(sale, target_country="BOL")) is None


def test_clusters_do_not_depend_on_the_order_of_the_events() -> None:
    reports = [
        report("evt-c", mode="praise", paper=None, target_country="ECU"),
        report("evt-a", mode="praise", paper=None),
        report("evt-d", type="AID", mode=None, paper=None, spans=(("doc-2", 0, 9),)),
        report("evt-b", spans=(("doc-2", 0, 9),), paper=None),
        report("evt-e", type="ASSAULT", mode=None, paper=None, spans=(("doc-3", 0, 9),)),
    ]
    first = cluster(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == first
    assert {e: h for e, (h, _) in first.items()} == {
        "evt-a": "evt-a", "evt-c": "evt-a", "evt-b": "evt-b", "evt-d": "evt-b"}


def test_a_contract_told_by_two_outlets_is_one_happening_in_the_export_and_timeline(
        tmp_path: Path) -> None:
    articles = {
        "a.txt": "Chile on Monday signed a contract to buy 40 K9 howitzers from South Korea.",
        "b.txt": "South Korea and Chile signed an arms contract on Monday, officials said.",
    }
    for name, body in articles.items():
        (tmp_path / name).write_text(f"Arms deal\nMarch 3, 2025\n{body}\n", encoding="utf-8")
    db = tmp_path / "store.db"
    api.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], db)
    events = api.export(db)["events"]
    kinds = {(e["type"], e["happening"]) for e in events}
    assert {kind for kind, _ in kinds} >= {"SUPPORT", "AID"}
    assert len({happening for _, happening in kinds}) == 1
    assert all(e["happening_reason"] for e in events)
    entries = api.timeline(db, "Chile", "South Korea")
    assert len(entries) == 1
    assert set(entries[0].types) == {"SUPPORT", "AID"} and entries[0].corroboration == 2
