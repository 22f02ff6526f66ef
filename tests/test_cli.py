"""The command line: timeline order, one-line errors, exit codes, the demo."""

from __future__ import annotations

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
