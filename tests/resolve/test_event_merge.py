"""When two event reports are one happening: the stored reasons and the refusals."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from dyadscope import api
from dyadscope.resolve.events import StoredEvent, merge_reason, more_precise, rule_pair
from dyadscope.types import EventCandidate, PartialDate, Span

DAY = PartialDate("2025-03-06", "day")


def candidate(**changes: object) -> EventCandidate:
    base = EventCandidate(
        type="CONSULT", mode="visit", context="diplomatic", source_country="CHL",
        target_country="PER", source_key=None, target_key=None, actor_keys=(),
        trigger=Span(0, 5), evidence=Span(0, 40), date=DAY, status="occurred",
        location="Lima", rule="visit", score=1.0,
    )
    return replace(base, **changes)


def stored(**changes: object) -> StoredEvent:
    base = StoredEvent(
        id="evt-1", type="CONSULT", mode="visit", source_country="CHL", target_country="PER",
        date=DAY, status="occurred", location="Lima", documents=frozenset({"doc-a"}),
        actors=frozenset(),
    )
    return replace(base, **changes)


def test_two_reports_of_a_visit_on_the_same_day_merge_with_a_reason() -> None:
    reason = merge_reason(candidate(), frozenset(), "doc-b", stored())
    assert reason is not None and "same_day +3" in reason and "link score" in reason


def test_city_and_country_of_one_visit_merge_when_the_day_agrees() -> None:
    assert merge_reason(candidate(location="Peru"), frozenset(), "doc-b", stored())


def test_places_part_events_without_a_day_to_tie_them() -> None:
    loose = PartialDate("2025-03", "month")
    assert merge_reason(candidate(location="Peru", date=loose), frozenset(), "doc-b",
                        stored(date=loose)) is None


def test_different_country_pairs_never_merge() -> None:
    assert merge_reason(candidate(target_country="BOL"), frozenset(), "doc-b", stored()) is None


def test_dates_far_apart_never_merge() -> None:
    later = PartialDate("2025-03-20", "day")
    assert merge_reason(candidate(date=later), frozenset(), "doc-b", stored()) is None


def test_a_statement_merges_across_articles_only_on_the_same_day() -> None:
    praise = {"type": "SUPPORT", "mode": "praise"}
    month = PartialDate("2025-03", "month")
    assert merge_reason(candidate(**praise), frozenset(), "doc-b", stored(**praise))
    assert merge_reason(candidate(**praise, date=month), frozenset(), "doc-b",
                        stored(**praise)) is None


def test_a_statement_repeated_in_one_article_stays_two_events() -> None:
    praise = {"type": "SUPPORT", "mode": "praise"}
    assert merge_reason(candidate(**praise), frozenset(), "doc-a", stored(**praise)) is None


def test_disjoint_people_weigh_against_a_join() -> None:
    # outlets name different officials of one visit; without a place to tie the reports,
    # other people and another mode part them
    reason = merge_reason(candidate(), frozenset({"ent-a"}), "doc-b",
                          stored(actors=frozenset({"ent-b"})))
    assert reason is not None and "other_people -1" in reason
    assert merge_reason(candidate(location=None, mode="meet"), frozenset({"ent-a"}), "doc-b",
                        stored(actors=frozenset({"ent-b"}), location=None)) is None


def test_the_merged_date_is_the_more_precise_then_the_earliest() -> None:
    earlier = PartialDate("2025-03-05", "day")
    assert more_precise(DAY, earlier) == earlier
    assert more_precise(PartialDate("2025-03", "month"), DAY) == DAY


def test_an_undated_report_never_joins_another_articles_event() -> None:
    shared = frozenset({"ent-leader"})
    assert merge_reason(candidate(date=None), shared, "doc-b", stored(actors=shared)) is None
    assert merge_reason(candidate(date=None), shared, "doc-a", stored(actors=shared))


def test_an_arrival_and_a_visit_days_later_in_one_article_are_one_trip() -> None:
    shared = frozenset({"ent-visitor"})
    later = PartialDate("2025-03-10", "day")
    reason = merge_reason(candidate(date=later), shared, "doc-a", stored(actors=shared))
    assert reason is not None and "one trip" in reason
    assert merge_reason(candidate(date=later), shared, "doc-b", stored(actors=shared)) is None


def test_two_undated_arms_deals_in_one_article_stay_apart() -> None:
    aid = {"type": "AID", "mode": "military", "location": None}
    assert merge_reason(candidate(**aid, date=None), frozenset(), "doc-a", stored(**aid)) is None
    visit = {"location": None}
    assert merge_reason(candidate(**visit, date=None), frozenset(), "doc-a", stored(**visit))


def test_talks_with_another_counterpart_are_another_meeting() -> None:
    meet = {"mode": "meet", "location": None}
    people = frozenset({"ent-guest", "ent-host"})
    assert merge_reason(candidate(**meet), frozenset({"ent-guest"}), "doc-a",
                        stored(**meet, actors=people), counterpart="ent-other") is None
    assert merge_reason(candidate(**meet), frozenset({"ent-guest"}), "doc-a",
                        stored(**meet, actors=people), counterpart="ent-host")


def test_arms_deals_of_one_month_need_a_day_or_people_to_merge() -> None:
    aid = {"type": "AID", "mode": "military", "location": None}
    month = PartialDate("2025-03", "month")
    assert merge_reason(candidate(**aid, date=month), frozenset(), "doc-b", stored(**aid)) is None
    assert merge_reason(candidate(**aid), frozenset(), "doc-b", stored(**aid))


def test_rule_pair_reads_the_reported_direction() -> None:
    assert rule_pair("cameo:040:met:meet:RUS-VNM") == ("RUS", "VNM")
    assert rule_pair("cameo:040:met:meet:") is None
    assert rule_pair(None) is None


def test_a_signing_merged_from_three_reports_is_told_as_most_tell_it(tmp_path: Path) -> None:
    reports = {
        "a.txt": "Chile and Peru signed a trade treaty in Lima on Monday, officials said.",
        "b.txt": "Peru and Chile signed a trade treaty in Lima on Monday, the ministry said.",
        "c.txt": "Peru and Chile signed a trade treaty in Lima on Monday, a statement said.",
    }
    for name, body in reports.items():
        (tmp_path / name).write_text(f"Treaty signed\nMarch 4, 2025\n{body}\n", encoding="utf-8")
    db = tmp_path / "store.db"
    for name in sorted(reports):  # one run per report, in this order: Chile first stored
        api.ingest([tmp_path / name], db)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_country, target_country FROM events "
                            "WHERE type = 'SUPPORT'").fetchall()
    assert rows == [("PER", "CHL")]


def test_a_join_across_articles_stores_its_features_and_score() -> None:
    from dyadscope.resolve.events import link_score, merge_verdict

    link = link_score(candidate(), frozenset(), stored())
    assert link is not None
    assert dict(link.features) == {"same_day": 3.0, "same_mode": 0.5, "same_place": 1.0,
                                   "happening": 1.0}
    reason, score = merge_verdict(candidate(), frozenset(), "doc-b", stored())
    assert score == link.score == 5.5 and "same_place +1" in reason


def test_undated_reports_published_the_same_day_join_in_their_news_cycle() -> None:
    aid = {"type": "AID", "mode": None, "location": None, "date": None}
    day = PartialDate("2025-08-01", "day")
    reason = merge_reason(candidate(**aid), frozenset(), "doc-b",
                          stored(**aid, published=frozenset({"2025-08-01"})), published=day)
    assert reason is not None and "news_day" in reason
    # an undated report years apart, or with no publication date, is another happening
    assert merge_reason(candidate(**aid), frozenset(), "doc-b",
                        stored(**aid, published=frozenset({"2019-07-09"})), published=day) is None
    assert merge_reason(candidate(**aid), frozenset(), "doc-b", stored(**aid)) is None


def test_an_undated_report_joins_a_dated_one_inside_its_news_cycle() -> None:
    from dyadscope.resolve.events import link_score

    aid = {"type": "AID", "mode": None, "location": None}
    link = link_score(candidate(**aid, date=None), frozenset(), stored(**aid),
                      published=PartialDate("2025-03-08", "day"))
    assert link is not None and ("news_cycle", 1.0) in link.features
    assert link_score(candidate(**aid, date=None), frozenset(), stored(**aid),
                      published=PartialDate("2025-04-30", "day")) is None


def test_clashes_on_one_day_need_more_than_the_day() -> None:
    clash = {"type": "ASSAULT", "mode": None}
    assert merge_reason(candidate(**clash, location=None), frozenset(), "doc-b",
                        stored(**clash, location=None)) is None
    assert merge_reason(candidate(**clash, location="Don Tuan"), frozenset(), "doc-b",
                        stored(**clash, location="Don Tuan"))


def test_two_different_papers_signed_the_same_day_are_two_signings() -> None:
    statement = {"type": "SUPPORT", "mode": "sign", "rule": "cameo:057:signed:statement:CHN-SRB"}
    assert merge_reason(candidate(**statement), frozenset(), "doc-b",
                        stored(type="SUPPORT", mode="sign", what="agreement")) is None
    assert merge_reason(candidate(**statement), frozenset(), "doc-b",
                        stored(type="SUPPORT", mode="sign", what="statement"))
    # a report that says only 'documents' names no paper
    assert merge_reason(candidate(**statement), frozenset(), "doc-b",
                        stored(type="SUPPORT", mode="sign", what="document"))


def test_a_planned_act_and_the_act_stay_apart() -> None:
    assert merge_reason(candidate(status="planned"), frozenset(), "doc-b", stored()) is None


def test_no_happening_holds_days_far_apart() -> None:
    near = PartialDate("2025-03-07", "day")
    assert merge_reason(candidate(date=near), frozenset(), "doc-b",
                        stored(days=frozenset({"2025-03-06"})))
    assert merge_reason(candidate(date=near), frozenset(), "doc-b",
                        stored(days=frozenset({"2025-03-06", "2025-03-03"}))) is None


def test_joins_do_not_depend_on_the_order_articles_come_in(tmp_path: Path) -> None:
    from itertools import permutations

    reports = {
        "a.txt": "Chile and Peru signed a trade treaty in Lima on Monday, officials said.",
        "b.txt": "Peru and Chile signed a trade treaty in Lima on Monday, the ministry said.",
        "c.txt": "The foreign ministers of Chile and Peru met in Lima on Monday and signed a "
                 "trade treaty, a statement said.",
        "d.txt": "Chile and Peru also signed a fisheries memorandum in Lima on Monday.",
    }
    for name, body in reports.items():
        (tmp_path / name).write_text(f"Treaty signed\nMarch 4, 2025\n{body}\n", encoding="utf-8")
    groupings = set()
    for number, order in enumerate(permutations(sorted(reports))):
        db = tmp_path / f"store-{number}.db"
        for name in order:
            api.ingest([tmp_path / name], db)
        with sqlite3.connect(db) as conn:
            rows = conn.execute(
                "SELECT v.event_id, d.source FROM evidence v JOIN documents d "
                "ON d.id = v.document_id JOIN events e ON e.id = v.event_id "
                "WHERE e.type = 'SUPPORT'").fetchall()
        events: dict[str, set[str]] = {}
        for event, source in rows:
            events.setdefault(event, set()).add(source)
        groupings.add(frozenset(frozenset(v) for v in events.values()))
    assert groupings == {frozenset({frozenset({"a.txt", "b.txt", "c.txt"}),
                                    frozenset({"d.txt"})})}


def test_a_background_deal_dated_to_its_year_joins_in_articles_of_one_week() -> None:
    aid = {"type": "AID", "mode": None, "location": None, "date": PartialDate("2022", "year")}
    week = merge_reason(candidate(**aid), frozenset(), "doc-b",
                        stored(**aid, published=frozenset({"2025-08-01"})),
                        published=PartialDate("2025-08-02", "day"))
    assert week is not None and "same_coverage +1" in week
    assert merge_reason(candidate(**aid), frozenset(), "doc-b",
                        stored(**aid, published=frozenset({"2024-01-10"})),
                        published=PartialDate("2025-08-02", "day")) is None


def test_reports_are_compared_with_events_of_nearby_years_only() -> None:
    from dyadscope.store.resolver import _years_around

    assert _years_around(PartialDate("2025-01-01", "day"), None) == (2024, 2026)
    assert _years_around(None, PartialDate("2025-08-02", "day")) == (2024, 2025)
    assert _years_around(None, None) is None


def test_a_standing_relation_told_without_dates_is_one_event() -> None:
    supplier = {"type": "AID", "mode": None, "location": None, "date": None,
                "status": "ongoing"}
    reason = merge_reason(candidate(**supplier), frozenset(), "doc-b", stored(**supplier))
    assert reason is not None and "standing +2" in reason
    # an undated act that occurred needs its articles' days to be placed
    occurred = dict(supplier, status="occurred")
    assert merge_reason(candidate(**occurred), frozenset(), "doc-b", stored(**occurred)) is None


def _grouping(db: Path) -> tuple[frozenset, frozenset]:
    """The reports (document, start, type) of each event and of each happening."""
    events = api.export(db)["events"]
    by_event: dict[str, set] = {}
    by_happening: dict[str, set] = {}
    for event in events:
        reports = {(v["document"], v["start"], event["type"]) for v in event["evidence"]}
        by_event.setdefault(event["id"], set()).update(reports)
        by_happening.setdefault(event["happening"], set()).update(reports)
    return (frozenset(frozenset(v) for v in by_event.values()),
            frozenset(frozenset(v) for v in by_happening.values()))


def test_the_dev_articles_give_the_same_events_in_any_order_and_runs(
        shared_dir: Path, tmp_path: Path) -> None:
    files = sorted((shared_dir / "dev").glob("*.txt")) + sorted(
        (shared_dir / "seeds").glob("*.txt"))
    at_once = tmp_path / "at-once.db"
    api.ingest(files, at_once)
    one_by_one = tmp_path / "one-by-one.db"
    for path in reversed(files):
        api.ingest([path], one_by_one)
    first, second = _grouping(at_once), _grouping(one_by_one)
    assert len(first[0]) > 100 and len(first[1]) < len(first[0])
    assert first == second
    ids = {e["id"] for e in api.export(at_once)["events"]}
    assert ids == {e["id"] for e in api.export(one_by_one)["events"]}


def test_one_paper_dated_a_day_apart_in_one_article_is_one_signing() -> None:
    statement = {"type": "SUPPORT", "mode": "sign", "rule": "cameo:057:signed:statement:CHN-SRB",
                 "date": PartialDate("2025-03-07", "day")}
    same_article = {"documents": frozenset({"doc-b"}), "type": "SUPPORT", "mode": "sign"}
    reason = merge_reason(candidate(**statement), frozenset(), "doc-b",
                          stored(**same_article, what="statement"))
    assert reason is not None and "one paper" in reason
    assert merge_reason(candidate(**statement), frozenset(), "doc-b",
                        stored(**same_article, what="protocol")) is None
    assert merge_reason(candidate(**statement), frozenset(), "doc-b",
                        stored(**same_article, what="statement",
                               date=PartialDate("2025-03-01", "day"))) is None


def test_events_stored_before_reports_were_kept_are_left_as_they_are(tmp_path: Path) -> None:
    for name, day in (("a.txt", "Monday"), ("b.txt", "Monday")):
        (tmp_path / name).write_text(
            f"Treaty signed\nMarch 4, 2025\nChile and Peru signed a trade treaty in Lima on "
            f"{day}, officials in {name[0]} said.\n", encoding="utf-8")
    db = tmp_path / "old.db"
    api.ingest([tmp_path / "a.txt"], db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM reports")  # as a database from before migration 0004
    api.ingest([tmp_path / "b.txt"], db)
    with sqlite3.connect(db) as conn:
        documents = conn.execute("SELECT COUNT(DISTINCT document_id) FROM evidence").fetchone()
    assert documents == (2,)


def test_agency_copy_reprinted_by_two_outlets_counts_as_evidence() -> None:
    from dyadscope.resolve.events import link_score

    war = {"type": "ASSAULT", "mode": None, "location": None,
           "date": PartialDate("2022", "year")}
    sentence = "It follows a deal signed amid a push after Chile's invasion of Peru in 2022."
    week = {"published": frozenset({"2025-08-01"})}
    copied = link_score(candidate(**war), frozenset(), stored(**war, **week,
                        texts=frozenset({sentence})), published=PartialDate("2025-08-02", "day"),
                        texts=frozenset({sentence.replace("a deal", "the deal")}))
    assert copied is not None and ("same_words", 2.0) in copied.features
    assert copied.score >= 2.5
    retold = link_score(candidate(**war), frozenset(), stored(**war, **week,
                        texts=frozenset({sentence})), published=PartialDate("2025-08-02", "day"),
                        texts=frozenset({"Chile invaded Peru three years ago."}))
    assert retold is not None and retold.score < 2.5
