"""Outlet comparison: who reported what, and where the documents of one event disagree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadscope import api
from dyadscope.analyse.outlets import (
    Context,
    conflicting,
    date_disagreements,
    number_disagreements,
    spelled_apart,
)
from dyadscope.errors import DyadscopeError


@pytest.fixture(scope="module")
def report(samples_db: Path) -> api.OutletReport:
    return api.outlets(samples_db, "Belarus", "Vietnam")


def evidence(document: str, start: int, text: str) -> dict[str, Any]:
    return {"document": document, "start": start, "end": start + len(text), "text": text,
            "outlet": f"Outlet {document}", "source": f"{document}.txt"}


def two_reports(**fields: Any) -> dict[str, Any]:
    items = [evidence("a", 0, "The talks took place on Monday."),
             evidence("b", 10, "The talks took place on Tuesday.")]
    base = {"id": "evt-1", "date": "2024-12-16", "type": "CONSULT", "evidence": items,
            "quantities": [], "corroboration": 2}
    return {**base, **fields}


def test_every_event_lists_its_outlets(samples_db: Path, report: api.OutletReport) -> None:
    dyad = api.dyad(samples_db, "Belarus", "Vietnam")
    assert {e.event_id for e in report.events} == {e.event_id for e in dyad.timeline}
    for event in report.events:
        assert event.outlets and event.documents >= 1
    matrix = report.matrix()
    assert sum(len(ids) for ids in matrix.values()) == sum(len(e.outlets) for e in report.events)
    for summary in report.outlets:
        assert summary.shared + summary.exclusive == summary.events == len(matrix[summary.outlet])


def test_an_event_of_several_articles_says_why_they_joined(report: api.OutletReport) -> None:
    joined = [e for e in report.events if e.documents > 1]
    assert joined
    for event in joined:
        assert event.joins and all(j.startswith("link score") for j in event.joins)
    assert all(not e.joins for e in report.events if e.documents == 1)


def test_transliterated_names_are_a_disagreement(report: api.OutletReport) -> None:
    names = [d for d in report.disagreements if d.kind == "name"]
    khrenin = [d for d in names if d.subject == "Viktor Khrenin"]
    assert khrenin, names
    spellings = {claim.value for claim in khrenin[0].claims}
    assert len(spellings) >= 2
    assert len({claim.document for claim in khrenin[0].claims}) >= 2


def test_disagreements_need_two_documents(report: api.OutletReport) -> None:
    documents = {e.event_id: e.documents for e in report.events}
    for item in report.disagreements:
        assert documents[item.event_id] >= 2
        assert len({claim.document for claim in item.claims}) >= 2


def test_whole_database_and_one_actor(samples_db: Path, report: api.OutletReport) -> None:
    everything = api.outlets(samples_db)
    assert len(everything.events) > len(report.events)
    with pytest.raises(DyadscopeError, match="two actors"):
        api.outlets(samples_db, "Belarus")


def test_dates_disagree_only_when_neither_contains_the_other() -> None:
    assert not conflicting(["2024-12", "2024-12-17", "2024"])
    assert conflicting(["2024-12-16", "2024-12-17"])
    event = two_reports()
    context = Context({("evt-1", "a", 0): "2024-12-16", ("evt-1", "b", 10): "2024-12-17"},
                      {"a": "2024-12-17", "b": "2024-12-18"}, {})
    (found,) = date_disagreements(event, context)
    assert [(c.value, c.outlet) for c in found.claims] == [
        ("2024-12-16", "Outlet a"), ("2024-12-17", "Outlet b")]
    agreeing = Context({("evt-1", "a", 0): "2024-12", ("evt-1", "b", 10): "2024-12-17"}, {}, {})
    assert date_disagreements(event, agreeing) == []


def test_numbers_of_one_kind_that_differ() -> None:
    quantity = {"unit": None, "what": "count", "start": 5}
    event = two_reports(quantities=[
        {**quantity, "document": "a", "text": "12", "value": 12.0},
        {**quantity, "document": "b", "start": 15, "text": "14", "value": 14.0},
        {"document": "b", "start": 20, "text": "$5 million", "value": 5e6, "unit": "USD",
         "what": "money"},
    ])
    (found,) = number_disagreements(event, Context({}, {}, {}))
    assert found.kind == "number"
    assert sorted(c.value for c in found.claims) == ["12", "14"]


def test_spellings_compare_names_without_titles_or_accents() -> None:
    assert spelled_apart(["Viktor Khrenin"], ["Viktar Chrenin", "Chrenin"])
    assert not spelled_apart(["General Phan Văn Giang"], ["Phan Van Giang", "Giang"])
    assert not spelled_apart(["Lukashenko"], ["Alexander Lukashenko"])


def test_outlets_say_why_events_of_other_types_are_one_happening(tmp_path) -> None:  # noqa: ANN001
    from dyadscope import api
    from dyadscope.analyse.outlets import event_outlets

    (tmp_path / "a.txt").write_text(
        "Arms deal\nMarch 3, 2025\nChile on Monday signed a contract to buy 40 K9 howitzers "
        "from South Korea.\n", encoding="utf-8")
    db = tmp_path / "store.db"
    api.ingest([tmp_path / "a.txt"], db)
    joins = [event_outlets(e).joins for e in api.export(db)["events"]]
    assert len(joins) == 2
    assert all(any("one happening with" in j for j in found) for found in joins)
