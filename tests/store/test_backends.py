"""SQLite and PostgreSQL give the same answers; several writers lose and double nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from dyadscope import api
from dyadscope.store.db import Store
from tests.postgres import Cluster

COUNTED = ("documents", "entities", "mentions", "events", "evidence", "reports", "happenings",
           "quantities", "quotes", "event_links")


def counts(db: Path | str) -> dict[str, int]:
    with Store(db, readonly=True) as store:
        return {t: store.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}


def answers(db: Path | str) -> dict[str, object]:
    return {
        "export": api.export(db),
        "timeline": [asdict(e) for e in api.timeline(db, "Belarus", "Vietnam", undated=True)],
        "dyad": asdict(api.dyad(db, "China", "Serbia")),
        "outlets": asdict(api.outlets(db)),
    }


def test_sqlite_and_postgresql_answer_alike(shared_dir: Path, postgres: Cluster,
                                            tmp_path: Path) -> None:
    folders = [shared_dir / "dev", shared_dir / "seeds"]
    lite, server = tmp_path / "lite.db", postgres.new_database()
    api.ingest(folders, lite)
    api.ingest(folders, server)
    first, second = answers(lite), answers(server)
    assert len(first["export"]["events"]) > 100  # type: ignore[index]
    for key in first:
        assert first[key] == second[key], key


def _ingest_process(folder: Path, db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from dyadscope.cli import main; main()", "ingest", str(folder),
         "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_at_once_store_everything_once(shared_dir: Path, postgres: Cluster,
                                                   tmp_path: Path) -> None:
    files = sorted((shared_dir / "dev").glob("*.txt"))
    halves = {"a": files[:15], "b": files[8:]}  # seven articles in both
    for name, chosen in halves.items():
        (tmp_path / name).mkdir()
        for path in chosen:
            shutil.copy(path, tmp_path / name / path.name)
    together = postgres.new_database()
    running = [_ingest_process(tmp_path / name, together) for name in halves]
    for process in running:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    one_after_other = postgres.new_database()
    for name in halves:
        api.ingest([tmp_path / name], one_after_other)
    assert counts(together) == counts(one_after_other)
    assert counts(together)["documents"] == len(files)


def test_a_second_sqlite_writer_waits_and_says_so(articles_dir: Path, tmp_path: Path,
                                                  capfd: pytest.CaptureFixture[str]) -> None:
    api.ingest([articles_dir], tmp_path / "warm.db")  # the models load before the clock runs
    db = tmp_path / "busy.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(3.0, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    report = api.ingest([articles_dir], db)
    release.join()
    holder.close()
    assert report.stored == 3 and time.monotonic() - started >= 3.0
    assert f"waiting: another process is writing to {db}" in capfd.readouterr().err
