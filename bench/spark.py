"""Articles per second of `ingest`, `ingest --workers 2`, and `spark` + `load` at local[1]
and local[2], on the same distinct articles: every page of the benchmarks (article-
extraction benchmark and Readability, each as HTML and as flattened text) and the dev and
seed articles (622 files; identical files once). Each run is timed as a user runs
it, from a cold start (models, JVM) to a stored SQLite database; the Spark overhead is
spark + load at local[1] against plain ingest.

Usage: python bench/spark.py [--shared PATH] [-n N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus(shared: Path, folder: Path, limit: int) -> int:
    """Copy every distinct article file into `folder`; returns how many."""
    sources = [shared / "bench" / "aeb" / "html", shared / "bench" / "aeb-text",
               shared / "bench" / "readability" / "html",
               shared / "bench" / "readability" / "text", shared / "dev", shared / "seeds"]
    seen: set[bytes] = set()
    count = 0
    for source in sources:
        for path in sorted(p for p in source.glob("*")
                           if p.name.endswith((".html", ".html.gz", ".txt"))):
            data = path.read_bytes()
            if data in seen:
                continue
            seen.add(data)
            (folder / f"{source.parent.name}-{source.name}-{path.name}").write_bytes(data)
            count += 1
            if limit and count >= limit:
                return count
    return count


def timed(*args: str) -> float:
    """Seconds for one `dyadscope` command in a process of its own."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from dyadscope.cli import main; main()", *args],
                   check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("-n", type=int, default=0, help="first N articles only")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="dyadscope-spark-bench-"))
    try:
        articles = root / "articles"
        articles.mkdir()
        n = corpus(args.shared, articles, args.n)
        print(f"{n} distinct articles")
        runs: dict[str, float] = {}
        runs["ingest"] = timed("ingest", str(articles), "--db", str(root / "a.db"))
        runs["ingest --workers 2"] = timed("ingest", str(articles), "--db", str(root / "b.db"),
                                           "--workers", "2")
        for cores in (1, 2):
            out = root / f"out{cores}"
            spark = timed("spark", str(articles), "--out", str(out), "--master",
                          f"local[{cores}]")
            load = timed("load", str(out), "--db", str(root / f"s{cores}.db"))
            runs[f"spark local[{cores}]"] = spark
            runs[f"  + load ({cores})"] = load
            runs[f"spark local[{cores}] + load"] = spark + load
        print(f"{'run':<26} {'seconds':>8} {'articles/s':>10}")
        for name, seconds in runs.items():
            print(f"{name:<26} {seconds:>8.1f} {n / seconds:>10.2f}")
        overhead = runs["spark local[1] + load"] / runs["ingest"]
        print(f"Spark overhead at local[1] (spark + load against ingest): {overhead:.2f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
