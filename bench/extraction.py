"""Score body extraction on the text dumps, the HTML pages and the seed articles.

Usage: python bench/extraction.py [--shared PATH] [--only text|html|seeds] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dyadscope.clean.body import body_spans
from dyadscope.clean.html import html_to_text
from dyadscope.types import Span

REPO = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    rate: float
    n: int
    halves: tuple[float, float] | None = None

    def line(self, name: str) -> str:
        split = f"  even {self.halves[0]:.3f} odd {self.halves[1]:.3f}" if self.halves else ""
        return (
            f"{name:<6} F1 {self.f1:.3f}  P {self.precision:.3f}  R {self.recall:.3f}"
            f"  {self.rate:7.1f} articles/s  (n={self.n}){split}"
        )


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = WORD.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def counts(gold: Counter, pred: Counter) -> tuple[float, float, float]:
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def macro(triples: Iterable[tuple[float, float, float]]) -> tuple[float, float, float]:
    precisions: list[float] = []
    recalls: list[float] = []
    for tp, fp, fn in triples:
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        elif fn == 0:
            precisions.append(1.0)
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r


def joined(text: str, spans: tuple[Span, ...]) -> str:
    return "\n".join(text[s.start : s.end] for s in spans)


def run(
    items: list[tuple[str, str]],
    extract: Callable[[str], str],
    compare: Callable[[str, str], tuple[float, float, float]],
    parity: list[int] | None = None,
) -> Score:
    """Score `items`; with `parity` (0 or 1 per item) also each half, to check
    that a gain does not come from a few pages."""
    started = time.perf_counter()
    predicted = [extract(content) for content, _ in items]
    elapsed = time.perf_counter() - started
    triples = [compare(gold, pred) for (_, gold), pred in zip(items, predicted, strict=True)]
    f1, p, r = macro(triples)
    halves = None
    if parity is not None:
        sides = [[t for t, bit in zip(triples, parity, strict=True) if bit == side]
                 for side in (0, 1)]
        halves = (macro(sides[0])[0], macro(sides[1])[0])
    return Score(f1, p, r, len(items) / elapsed if elapsed else 0.0, len(items), halves)


def shingle_compare(gold: str, pred: str) -> tuple[float, float, float]:
    return counts(shingles(gold), shingles(pred))


def token_compare(gold: str, pred: str) -> tuple[float, float, float]:
    return counts(Counter(gold.split()), Counter(pred.split()))


def bench_ids(shared: Path, limit: int | None) -> list[str]:
    truth = json.loads((shared / "bench/aeb/ground-truth.json").read_text(encoding="utf-8"))
    return sorted(truth)[:limit]


def parity(ids: list[str]) -> list[int]:
    """The halves of the benchmark: the parity of each page id (a hex digest)."""
    return [int(i, 16) % 2 for i in ids]


def text_items(shared: Path, limit: int | None) -> list[tuple[str, str]]:
    truth = json.loads((shared / "bench/aeb/ground-truth.json").read_text(encoding="utf-8"))
    ids = bench_ids(shared, limit)
    folder = shared / "bench/aeb-text"
    return [
        ((folder / f"{i}.txt").read_text(encoding="utf-8"), truth[i]["articleBody"]) for i in ids
    ]


def html_items(shared: Path, limit: int | None) -> list[tuple[str, str]]:
    truth = json.loads((shared / "bench/aeb/ground-truth.json").read_text(encoding="utf-8"))
    ids = bench_ids(shared, limit)
    folder = shared / "bench/aeb/html"
    return [
        (gzip.decompress((folder / f"{i}.html.gz").read_bytes()).decode("utf-8"),
         truth[i]["articleBody"])
        for i in ids
    ]


def seed_items(shared: Path) -> list[tuple[str, str]]:
    items = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        gold = json.loads((shared / "gold/seeds" / f"{path.stem}.json").read_text("utf-8"))
        text = path.read_text(encoding="utf-8")
        items.append((text, gold_body(text, gold["body"]["first"], gold["body"]["last"])))
    return items


def gold_body(text: str, first: str, last: str) -> str:
    start = text.index(first)
    return text[start : text.index(last, start) + len(last)]


def text_body(text: str) -> str:
    return joined(text, body_spans(text))


def html_body(html: str) -> str:
    page = html_to_text(html)
    return joined(page.text, page.body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--only", choices=["text", "html", "seeds"])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    shared: Path = args.shared
    halves = parity(bench_ids(shared, args.limit))
    if args.only in (None, "text"):
        items = text_items(shared, args.limit)
        print(run(items, text_body, shingle_compare, halves).line("text"))
    if args.only in (None, "html"):
        items = html_items(shared, args.limit)
        print(run(items, html_body, shingle_compare, halves).line("html"))
    if args.only in (None, "seeds"):
        print(run(seed_items(shared), text_body, token_compare).line("seeds"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
