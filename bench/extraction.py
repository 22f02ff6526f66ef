"""Score body extraction on every development set, beside keeping everything and trafilatura.

Sets: the article-extraction benchmark as flattened text (`aeb-text`) and as HTML
(`aeb-html`), Mozilla Readability's test pages as text and HTML (`rd-text`, `rd-html`: the
105 pages that are not variants of another), and the seed and dev articles (`seeds`,
`dev`: the gold body between `first` and `last`). The benchmark sets use the 4-gram
shingle F1 of `../shared/bench/aeb/README.md`, the articles the bag-of-tokens F1 of
`../shared/gold/README.md`. Each line gives ours, keeping every line of the text
(`keep`) and, on HTML, trafilatura 2.3 (default and favor_precision), with the F1 of
the two halves of each set (even and odd pages) and articles/s. Then the pages where
we lose more than half of a gold body of 50 words or more that keeping everything
would have kept nine tenths of.

Usage: python bench/extraction.py [--shared PATH] [--only SET ...] [--limit N]
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
# Readability test pages that repeat another page's article (its README)
VARIANTS = {"rd-004-metadata-space-separated-properties", "rd-base-url",
            "rd-base-url-base-element", "rd-metadata-content-missing", "rd-remove-extra-brs",
            "rd-remove-extra-paragraphs", "rd-remove-script-tags", "rd-rtl-2", "rd-rtl-3",
            "rd-rtl-4", "rd-style-tags-removal"}
LOSS_WORDS = 50


@dataclass(frozen=True)
class Item:
    name: str
    content: str  # the text dump or the HTML
    gold: str


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    rate: float
    n: int
    halves: tuple[float, float]

    def cell(self) -> str:
        return f"{self.f1:.3f} ({self.halves[0]:.3f}/{self.halves[1]:.3f})"


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


def shingle_compare(gold: str, pred: str) -> tuple[float, float, float]:
    return counts(shingles(gold), shingles(pred))


def token_compare(gold: str, pred: str) -> tuple[float, float, float]:
    return counts(Counter(gold.split()), Counter(pred.split()))


def recall(triple: tuple[float, float, float]) -> float:
    tp, _, fn = triple
    return tp / (tp + fn) if tp + fn else 1.0


def joined(text: str, spans: tuple[Span, ...]) -> str:
    return "\n".join(text[s.start : s.end] for s in spans)


def text_body(text: str) -> str:
    return joined(text, body_spans(text))


def html_body(html: str) -> str:
    page = html_to_text(html)
    return joined(page.text, page.body)


def keep_all(content: str) -> str:
    return content


def html_keep_all(html: str) -> str:
    return html_to_text(html).text


def trafilatura_body(favor_precision: bool) -> Callable[[str], str]:
    import trafilatura

    def extract(html: str) -> str:
        return trafilatura.extract(html, favor_precision=favor_precision) or ""

    return extract


Extractor = Callable[[str], str]
Compare = Callable[[str, str], tuple[float, float, float]]


def score(items: list[Item], extract: Extractor, compare: Compare) -> tuple[Score, list]:
    started = time.perf_counter()
    predicted = [extract(item.content) for item in items]
    elapsed = time.perf_counter() - started
    triples = [compare(item.gold, pred) for item, pred in zip(items, predicted, strict=True)]
    f1, p, r = macro(triples)
    halves = (macro(triples[0::2])[0], macro(triples[1::2])[0])
    return Score(f1, p, r, len(items) / elapsed if elapsed else 0.0, len(items), halves), triples


def _truth(path: Path) -> dict[str, dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def aeb_items(shared: Path, html: bool, limit: int | None) -> list[Item]:
    truth = _truth(shared / "bench/aeb/ground-truth.json")
    items = []
    for ident in sorted(truth)[:limit]:
        if html:
            raw = (shared / "bench/aeb/html" / f"{ident}.html.gz").read_bytes()
            content = gzip.decompress(raw).decode("utf-8")
        else:
            content = (shared / "bench/aeb-text" / f"{ident}.txt").read_text(encoding="utf-8")
        items.append(Item(ident, content, truth[ident]["articleBody"]))
    return items


def readability_items(shared: Path, html: bool, limit: int | None) -> list[Item]:
    folder = shared / "bench/readability"
    truth = _truth(folder / "ground-truth.json")
    items = []
    for ident in [i for i in sorted(truth) if i not in VARIANTS][:limit]:
        if html:
            content = gzip.decompress((folder / "html" / f"{ident}.html.gz").read_bytes()
                                      ).decode("utf-8")
        else:
            content = (folder / "text" / f"{ident}.txt").read_text(encoding="utf-8")
        items.append(Item(ident, content, truth[ident]["articleBody"]))
    return items


def article_items(shared: Path, name: str) -> list[Item]:
    items = []
    for path in sorted((shared / name).glob("*.txt")):
        gold = _truth(shared / "gold" / name / f"{path.stem}.json")
        text = path.read_text(encoding="utf-8")
        items.append(Item(path.name, text, gold_body(text, gold["body"]["first"],
                                                     gold["body"]["last"])))
    return items


def gold_body(text: str, first: str, last: str) -> str:
    start = text.index(first)
    return text[start : text.index(last, start) + len(last)]


@dataclass(frozen=True)
class Bench:
    name: str
    load: Callable[[Path, int | None], list[Item]]
    ours: Extractor
    keep: Extractor
    compare: Compare
    html: bool = False


BENCHES = (
    Bench("aeb-text", lambda s, n: aeb_items(s, False, n), text_body, keep_all, shingle_compare),
    Bench("rd-text", lambda s, n: readability_items(s, False, n), text_body, keep_all,
          shingle_compare),
    Bench("aeb-html", lambda s, n: aeb_items(s, True, n), html_body, html_keep_all,
          shingle_compare, html=True),
    Bench("rd-html", lambda s, n: readability_items(s, True, n), html_body, html_keep_all,
          shingle_compare, html=True),
    Bench("seeds", lambda s, n: article_items(s, "seeds")[:n], text_body, keep_all,
          token_compare),
    Bench("dev", lambda s, n: article_items(s, "dev")[:n], text_body, keep_all, token_compare),
)


def losses(items: list[Item], ours: list, kept: list) -> list[str]:
    """Pages whose gold body (50 words or more) we mostly lose where keeping all keeps it."""
    return [f"{item.name}: ours keeps {recall(o):.2f} of the body, keep-all {recall(k):.2f}"
            for item, o, k in zip(items, ours, kept, strict=True)
            if len(item.gold.split()) >= LOSS_WORDS and recall(o) < 0.5 and recall(k) >= 0.9]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--only", nargs="*", choices=[b.name for b in BENCHES])
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    lost: list[str] = []
    print(f"{'set':<9} {'n':>4}  {'ours F1 (even/odd)':<22} {'P':>5} {'R':>5} "
          f"{'art/s':>6}  {'keep-all':<8} {'trafilatura':<11} {'favor_prec':<10}")
    for bench in BENCHES:
        if args.only and bench.name not in args.only:
            continue
        items = bench.load(args.shared, args.limit)
        ours, our_triples = score(items, bench.ours, bench.compare)
        keep, keep_triples = score(items, bench.keep, bench.compare)
        others = ""
        if bench.html:
            default, _ = score(items, trafilatura_body(False), bench.compare)
            precise, _ = score(items, trafilatura_body(True), bench.compare)
            others = f"{default.f1:<11.3f} {precise.f1:<10.3f}"
        print(f"{bench.name:<9} {ours.n:>4}  {ours.cell():<22} {ours.precision:5.3f} "
              f"{ours.recall:5.3f} {ours.rate:6.1f}  {keep.f1:<8.3f} {others}")
        lost += [f"{bench.name} {line}" for line in losses(items, our_triples, keep_triples)]
    print(f"pages losing more than half of a body keep-all keeps: {len(lost)}")
    for line in lost:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
