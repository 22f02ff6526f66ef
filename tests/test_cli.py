"""The command line: timeline order, one-line errors, exit codes, the demo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dyadscope import api

FIRST_CELL = re.compile(r"^│ (\d{4}(?:-\d{2}){0,2}|\?) +│")


def dates_in_table(output: str) -> list[str]:
    return [m.group(1) for line in output.splitlines() if (m := FIRST_CELL.match(line))]


def assert_clean_error(result, *names: str) -> None:
    assert result.exit_code not in (0, None)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error:"), result.stderr
    for name in names:
        assert name in result.stderr


def test_timeline_lists_events_oldest_first(ingested_db: Path, cli) -> None:
    result = cli("timeline", "Belarus", "Vietnam", "--db", ingested_db)
    assert result.exit_code == 0, result.output
    dates = dates_in_table(result.stdout)
    assert dates, result.stdout
    assert dates == sorted(dates)
    assert dates[0].startswith("2024-06") and dates[-1].startswith("2025-03")
    assert "KAZ" not in result.stdout


def test_timeline_entries_carry_their_sources(ingested_db: Path) -> None:
    entries = api.timeline(ingested_db, "Vietnam", "Belarus")
    assert entries
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    for entry in entries:
        assert {entry.source_country, entry.target_country} == {"BLR", "VNM"}
        assert entry.evidence and entry.outlets
        assert entry.corroboration >= 1


def test_timeline_by_person_and_alias(ingested_db: Path) -> None:
    by_country = api.timeline(ingested_db, "Belarus", "Kazakhstan")
    assert by_country
    assert api.timeline(ingested_db, "Belarusian", "Kazakhstan") == by_country
    by_person = api.timeline(ingested_db, "Viktor Khrenin", "Vietnam")
    assert by_person and all(e.date and e.date.startswith("2025") for e in by_person)


def test_unknown_actor_is_a_one_line_error(ingested_db: Path, cli) -> None:
    result = cli("timeline", "Belarus", "Atlantis", "--db", ingested_db)
    assert_clean_error(result, "Atlantis")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_export_of_missing_database_is_a_clean_error(tmp_path: Path, cli) -> None:
    missing = tmp_path / "missing.db"
    result = cli("export", "--db", missing, "--format", "json")
    assert_clean_error(result, "missing.db")
    assert result.stdout == ""
    assert not missing.exists()


def test_export_of_unknown_format_is_a_clean_error(ingested_db: Path, cli) -> None:
    result = cli("export", "--db", ingested_db, "--format", "xml")
    assert_clean_error(result, "xml")


def test_timeline_on_missing_database_is_a_clean_error(tmp_path: Path, cli) -> None:
    result = cli("timeline", "Belarus", "Vietnam", "--db", tmp_path / "none.db")
    assert_clean_error(result, "none.db")


def test_demo_prints_the_belarus_timeline(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    db = tmp_path / "demo.db"
    db.write_bytes(b"not a database " * 100)  # an old demo file is replaced, not reused
    result = cli("demo", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Belarus" in result.stdout
    assert dates_in_table(result.stdout)
    assert db.exists()
    assert list(work.iterdir()) == []


def test_kb_import_writes_the_user_folder(tmp_path: Path, cli) -> None:
    sample = Path(__file__).parent / "knowledge" / "data" / "wikidata_sample.json"
    folder = tmp_path / "knowledge"
    result = cli("kb", "import", sample, "--knowledge", folder)
    assert result.exit_code == 0, result.stderr
    lines = (folder / "office_holders.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    again = cli("kb", "import", sample, "--knowledge", folder)
    assert again.exit_code == 0
    assert len((folder / "office_holders.jsonl").read_text().splitlines()) == 2


def test_ingest_notes_documents_an_older_knowledge_base_extracted_and_refreshes_them(
    tmp_path: Path, cli, articles_dir: Path, export_db, check_export
) -> None:
    db = tmp_path / "kb.db"
    assert cli("ingest", articles_dir, "--db", db).exit_code == 0
    same = cli("ingest", articles_dir, "--db", db)
    assert same.exit_code == 0 and "another version" not in same.stderr
    sample = Path(__file__).parent / "knowledge" / "data" / "wikidata_sample.json"
    folder = tmp_path / "knowledge"
    assert cli("kb", "import", sample, "--knowledge", folder).exit_code == 0
    changed = cli("ingest", articles_dir, "--db", db, "--knowledge", folder)
    assert changed.exit_code == 0
    assert "another version" in changed.stderr and "0 stored" in changed.stderr
    before = export_db(db)
    refreshed = cli("ingest", articles_dir, "--db", db, "--knowledge", folder, "--refresh")
    assert refreshed.exit_code == 0, refreshed.stderr
    said = " ".join(refreshed.stderr.split())  # Rich wraps long database paths
    assert "extracted again" in said and "another version" not in said
    fresh = tmp_path / "fresh.db"
    assert cli("ingest", articles_dir, "--db", fresh, "--knowledge", folder).exit_code == 0
    after, expected = export_db(db), export_db(fresh)
    check_export(after)
    for table in ("documents", "mentions", "events"):
        assert len(after[table]) == len(expected[table]), table
    assert sorted(e["id"] for e in after["events"]) == sorted(e["id"] for e in expected["events"])
    assert len(before["documents"]) == len(after["documents"])


def test_dyad_prints_counts_people_agreements_and_arms(samples_db: Path, cli) -> None:
    result = cli("dyad", "Belarus", "Vietnam", "--db", samples_db)
    assert result.exit_code == 0, result.output
    for title in ("events by PLOVER type per year", "people on each side", "agreements",
                  "arms transfers"):
        assert title in result.stdout
    timeline = result.stdout.split("events by PLOVER type")[0]
    dates = [d for d in dates_in_table(timeline) if d != "?"]
    assert dates and dates == sorted(dates)


def test_dyad_json_counts_add_up(samples_db: Path, cli) -> None:
    result = cli("dyad", "Belarusian", "Hanoi", "--db", samples_db, "--by", "month", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"] == "month" and data["events"] == len(data["timeline"]) > 0
    assert sum(p["events"] for p in data["periods"]) + data["undated"] == data["events"]
    assert all(-10 <= p["score_mean"] <= 10 for p in data["periods"] if p["score_mean"] is not None)


def test_dyad_plot_writes_a_png(samples_db: Path, tmp_path: Path, cli) -> None:
    chart = tmp_path / "bv.png"
    result = cli("dyad", "Belarus", "Vietnam", "--db", samples_db, "--plot", chart)
    assert result.exit_code == 0, result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.stat().st_size > 10_000
    assert str(chart) in result.stderr


def test_dyad_errors_are_clean(samples_db: Path, tmp_path: Path, cli) -> None:
    unknown = cli("dyad", "Belarus", "Atlantis", "--db", samples_db)
    assert unknown.exit_code == 2
    assert_clean_error(unknown, "Atlantis")
    assert len(unknown.stderr.strip().splitlines()) == 1, unknown.stderr
    assert_clean_error(cli("dyad", "Belarus", "Vietnam", "--db", samples_db, "--by", "week"),
                       "week")
    missing_folder = tmp_path / "none" / "bv.png"
    assert_clean_error(cli("dyad", "Belarus", "Vietnam", "--db", samples_db, "--plot",
                           missing_folder), str(missing_folder))
    assert_clean_error(cli("dyad", "Belarus", "Vietnam", "--db", tmp_path / "no.db"), "no.db")


def test_outlets_table_and_json(samples_db: Path, cli) -> None:
    result = cli("outlets", "Belarus", "Vietnam", "--db", samples_db)
    assert result.exit_code == 0, result.output
    assert "outlets" in result.stdout and "disagreements" in result.stdout
    as_json = cli("outlets", "--db", samples_db, "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert {"outlets", "events", "disagreements"} <= set(data)
    assert {d["kind"] for d in data["disagreements"]} <= {"date", "number", "name"}


def test_outlets_with_one_actor_is_a_clean_error(samples_db: Path, cli) -> None:
    result = cli("outlets", "Belarus", "--db", samples_db)
    assert result.exit_code == 2
    assert_clean_error(result, "two actors")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables_need_a_folder(samples_db: Path, tmp_path: Path, cli, fmt: str) -> None:
    result = cli("export", "--db", samples_db, "--format", fmt)
    assert result.exit_code == 2
    assert_clean_error(result, "--out")
    assert result.stdout == ""
    folder = tmp_path / fmt
    written = cli("export", "--db", samples_db, "--format", fmt, "--out", folder)
    assert written.exit_code == 0, written.output
    assert {p.name for p in folder.iterdir()} >= {
        f"{t}.{fmt}" for t in ("documents", "entities", "mentions", "events", "evidence")}


def test_export_graphml_to_stdout_and_file(samples_db: Path, tmp_path: Path, cli) -> None:
    import networkx as nx

    result = cli("export", "--db", samples_db, "--format", "graphml")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith("<?xml")
    target = tmp_path / "actors.gexf"
    written = cli("export", "--db", samples_db, "--format", "gexf", "--out", target)
    assert written.exit_code == 0, written.output
    assert nx.read_gexf(target).number_of_edges() > 0


def test_json_export_is_unchanged_by_the_new_formats(
    ingested_db: Path, cli, check_export
) -> None:
    result = cli("export", "--db", ingested_db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "entities", "mentions", "events", "facts", "quotes"}
    check_export(data)
