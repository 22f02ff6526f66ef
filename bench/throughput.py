"""Whole-pipeline speed on distinct real articles, beside plain spaCy on the same texts.

The corpus is every distinct article and page in ../shared: the flattened benchmark pages
(bench/aeb-text), the development articles (dev/, seeds/) and our own samples, each read
once (no copies). `dyadscope ingest` runs on them as a user runs it (into a new SQLite
file); then `en_core_web_sm` with its full pipeline (`nlp.pipe`, parser and NER included)
runs on the same texts in the same run, in a process of its own. Prints words per
second of both, their ratio, articles per second and the peak memory of each.

Usage: python bench/throughput.py [-n N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

from dyadscope import api

REPO = Path(__file__).resolve().parent.parent


def corpus(shared: Path) -> list[tuple[str, str]]:
    """(file name, text) of every distinct article, in a fixed order."""
    samples = resources.files("dyadscope") / "data" / "samples"
    found: list[tuple[str, str]] = []
    folders = [shared / "bench" / "aeb-text", shared / "dev", shared / "seeds"]
    for folder in folders:
        if folder.is_dir():
            found += [(f"{folder.name}-{p.name}", p.read_text(encoding="utf-8", errors="replace"))
                      for p in sorted(folder.glob("*.txt"))]
    found += [(f"sample-{p.name}", p.read_text(encoding="utf-8"))
              for p in sorted(samples.iterdir(), key=lambda p: p.name) if p.name.endswith(".txt")]
    seen: set[str] = set()
    distinct = []
    for name, text in found:
        if text not in seen:
            seen.add(text)
            distinct.append((name, text))
    return distinct


def plain_spacy(texts: list[str], numpy_ops: bool) -> tuple[float, float]:
    """Seconds for the full en_core_web_sm pipeline over the texts, and the peak memory
    (MB) of the process it runs in: its own, so that ours is measured alone. With
    `numpy_ops` it runs on the same thinc ops dyadscope selects (plain numpy instead of
    blis, NOTES-nlp.md), which isolates what the pipeline design itself saves."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_plain_spacy, texts, numpy_ops).result()


def _plain_spacy(texts: list[str], numpy_ops: bool) -> tuple[float, float]:
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if numpy_ops:
        set_current_ops(NumpyOps(use_blis=False))

    from dyadscope.annotate.model import model_path

    _, path = model_path()
    nlp = spacy.load(path)
    list(nlp.pipe(texts[:4]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=0, help="at most this many articles (0: all)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    articles = corpus(args.shared)
    if args.n:
        articles = articles[: args.n]
    texts = [text for _, text in articles]
    words = sum(len(text.split()) for text in texts)
    tmp = Path(tempfile.mkdtemp(prefix="dyadscope-bench-"))
    try:
        folder = tmp / "corpus"
        folder.mkdir()
        for name, text in articles:
            (folder / name).write_text(text, encoding="utf-8")
        warm = tmp / "warm"
        warm.mkdir()
        (warm / "one.txt").write_text(texts[0], encoding="utf-8")
        api.ingest([warm], tmp / "warmup.db")  # loads the models; not timed
        started = time.perf_counter()
        report = api.ingest([folder], tmp / "bench.db")
        ours = time.perf_counter() - started
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ours_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    theirs, their_peak = plain_spacy(texts, numpy_ops=False)
    same_ops, _ = plain_spacy(texts, numpy_ops=True)
    print(f"articles: {len(texts)} distinct ({report.stored} stored, "
          f"{len(report.failures)} failed)  words: {words}")
    print(f"dyadscope ingest: {ours:.2f} s  {len(texts) / ours:.1f} articles/s  "
          f"{words / ours:.0f} words/s")
    print(f"en_core_web_sm full pipeline: {theirs:.2f} s  {words / theirs:.0f} words/s "
          f"(default ops); {same_ops:.2f} s  {words / same_ops:.0f} words/s (numpy ops)")
    print(f"ratio: {theirs / ours:.2f}x ({same_ops / ours:.2f}x on the same ops)  "
          f"peak memory: {ours_peak:.0f} MB dyadscope ingest, {their_peak:.0f} MB plain "
          f"spaCy (its own process)")


if __name__ == "__main__":
    main()
