"""Ingest N plain-text articles and print articles per second and peak memory.

The corpus is the bundled sample articles plus ../shared/seeds (when present), replicated
with a distinct reference line each so that every copy is new content.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from dyadscope import api


def source_articles(shared: Path) -> list[str]:
    samples = resources.files("dyadscope") / "data" / "samples"
    texts = [p.read_text(encoding="utf-8") for p in samples.iterdir() if p.name.endswith(".txt")]
    seeds = shared / "seeds"
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return texts


def write_corpus(folder: Path, texts: list[str], count: int) -> int:
    words = 0
    for i in range(count):
        text = texts[i % len(texts)] + f"\nReference {i}.\n"
        (folder / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="number of articles")
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1] / ".." / "shared")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dyadscope-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        words = write_corpus(corpus, source_articles(args.shared), args.n)
        api.ingest([corpus], tmp / "warmup.db")  # loads the model; not timed
        started = time.perf_counter()
        report = api.ingest([corpus], tmp / "bench.db")
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {report.stored}  words: {words}  seconds: {elapsed:.2f}")
    print(f"throughput: {report.stored / elapsed:.1f} articles/s  ({words / elapsed:.0f} words/s)")
    print(f"peak memory: {peak_mb:.0f} MB")
    sys.exit(0 if report.stored == args.n else 1)


if __name__ == "__main__":
    main()
