"""The store on both backends: ingest speed (articles/s) into SQLite and into PostgreSQL,
and the latency of one dyad's timeline on a database of generated events.

PostgreSQL is a cluster of this script's own (tests/postgres.py: initdb in a temporary
folder, local socket, fsync off as for the tests; a tuned server writes slower and reads
alike). The generated database holds --events events (default 100,000) between 60
countries over 20 years, each with one piece of evidence in one of 5,000 documents and
two actors; the timeline asked for is one pair of countries (about 1/1,800 of the events).

Usage: python bench/store.py [--shared PATH] [--events N] [--articles N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.throughput import corpus  # noqa: E402
from dyadscope import api  # noqa: E402
from dyadscope.store.db import Store  # noqa: E402
from dyadscope.store.writer import StoreWriter  # noqa: E402
from tests.postgres import Cluster, binaries  # noqa: E402

COUNTRIES = ["AFG", "ARE", "ARG", "ARM", "AUS", "AUT", "AZE", "BEL", "BGD", "BLR", "BRA",
             "CAN", "CHE", "CHL", "CHN", "CUB", "CZE", "DEU", "EGY", "ESP", "ETH", "FIN",
             "FRA", "GBR", "GEO", "GRC", "HUN", "IDN", "IND", "IRN", "IRQ", "ISR", "ITA",
             "JPN", "KAZ", "KEN", "KHM", "KOR", "LAO", "MEX", "MNG", "MYS", "NGA", "NLD",
             "NOR", "PAK", "PER", "PHL", "POL", "PRK", "QAT", "RUS", "SAU", "SRB", "SWE",
             "THA", "TUR", "UKR", "USA", "VNM"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE", "ACCUSE", "THREATEN", "SANCTION",
         "ASSAULT", "REQUEST"]


def ingest_speed(folder: Path, db: Path | str) -> tuple[float, int]:
    started = time.perf_counter()
    report = api.ingest([folder], db)
    return time.perf_counter() - started, report.stored


def generate(db: Path | str, events: int, seed: int = 7) -> None:
    """A database of `events` generated events, bulk-loaded."""
    rng = random.Random(seed)
    store = Store(db)
    tables = StoreWriter(store)
    documents = [(f"doc-{i:06d}", f"gen/{i}.txt", None, None, "Generated", None, "en",
                  f"{2005 + i % 20}-{1 + i % 12:02d}-{1 + i % 28:02d}", "day", "text",
                  "x" * 200, "[[0, 200]]", None) for i in range(5000)]
    people = [(f"ent-p{i:05d}", "PERSON", f"Person {i}", rng.choice(COUNTRIES),
               f"person:{i}") for i in range(2000)]
    countries = [(f"ent-{c}", "COUNTRY", c, c, f"country:{c}") for c in COUNTRIES]
    event_rows, evidence, actors = [], [], []
    for i in range(events):
        source, target = rng.sample(COUNTRIES, 2)
        year, month, day = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
        identifier = f"evt-{i:08d}"
        event_rows.append((identifier, rng.choice(TYPES), None, None, f"ent-{source}",
                           f"ent-{target}", source, target, f"{year}-{month:02d}-{day:02d}",
                           "day", "occurred", None, 1.0, "generated", "GOV", "GOV"))
        document = documents[rng.randrange(len(documents))][0]
        evidence.append((identifier, document, 0, 200, f"{source} and {target} met.", 0, 3,
                         "generated", None))
        for person in rng.sample(people, 2):
            actors.append((identifier, person[0]))
    with store.transaction():
        tables.load("documents", documents)
        tables.load("entities", countries + people)
        tables.load("events", event_rows)
        tables.load("evidence", evidence)
        tables.load("event_actors", actors)
    store.close()


def timeline_latency(db: Path | str, repeat: int = 5) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = len(api.timeline(db, "China", "Vietnam", by_happening=False))
        times.append(time.perf_counter() - started)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dyadscope-store-"))
    cluster = Cluster(binaries()) if binaries() else None
    try:
        texts = corpus(args.shared)[: args.articles or None]
        (folder / "articles").mkdir()
        for name, text in texts:
            (folder / "articles" / name).write_text(text, encoding="utf-8")
        api.ingest([folder / "articles"], folder / "warm.db")  # models load once, first
        targets: dict[str, Path | str] = {"sqlite": folder / "ingest.db"}
        generated: dict[str, Path | str] = {"sqlite": folder / "generated.db"}
        if cluster is not None:
            cluster.start()
            targets["postgresql"] = cluster.new_database()
            generated["postgresql"] = cluster.new_database()
        print(f"{'backend':<11} {'ingest s':>9} {'articles/s':>10}   "
              f"{'events':>8} {'load s':>7} {'timeline ms':>11} {'rows':>5}")
        for backend, db in targets.items():
            seconds, stored = ingest_speed(folder / "articles", db)
            started = time.perf_counter()
            generate(generated[backend], args.events)
            loaded = time.perf_counter() - started
            latency, rows = timeline_latency(generated[backend])
            print(f"{backend:<11} {seconds:>9.1f} {stored / seconds:>10.1f}   "
                  f"{args.events:>8} {loaded:>7.1f} {latency * 1000:>11.0f} {rows:>5}")
        if cluster is None:
            print("postgresql: not installed (Debian's postgresql package)")
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
