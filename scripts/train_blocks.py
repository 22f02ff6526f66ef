"""Fit the line classifier of page dumps (dyadscope/clean/blocks.py) and write its model.

Training pages: the article-extraction benchmark dumps (bench/aeb-text), Mozilla
Readability's test pages as text (bench/readability/text, without the variants of another
page) and the seed and dev articles, each with its gold body. A line is labelled body when
most of its word 4-grams (for a short line: its words in order) are in the gold body.

Cross-validation is by page (GroupKFold, five folds): every page is scored by a model that
never saw it, with the decoding of `body.py` and the metric of bench/extraction.py. The
script prints the F1 of the hand rules and of the model per set, then fits the model on
all pages and writes data/clean/blocks.json. Development-only: needs scikit-learn
(pip install scikit-learn), which dyadscope itself does not.

Usage: python scripts/train_blocks.py [--shared PATH] [--dry-run] [--setting CUT TRUST COVER]
       [--trees N] [--depth N] [--scores FILE]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from extraction import (  # noqa: E402
    Item,
    aeb_items,
    article_items,
    macro,
    readability_items,
    shingle_compare,
    shingles,
    token_compare,
)

from dyadscope.clean import blocks  # noqa: E402
from dyadscope.clean.body import decode, describe, rule_reading  # noqa: E402

OUT = REPO / "src" / "dyadscope" / "data" / "clean" / "blocks.json"
WORD_TOKENS = __import__("re").compile(r"\w+")
TREES, DEPTH, RATE = 400, 6, 0.05
WEIGHT_POWER = 1.0
CUTS = (0.3, 0.4, 0.5)
TRUSTS = (0.2, 0.35, 0.5, 0.65, 0.8)
COVERS = (0.3, 0.5, 0.7)


@dataclass
class Page:
    set_name: str
    item: Item
    lines: list
    rows: np.ndarray
    labels: np.ndarray


def labels_of(lines: list, gold: str) -> np.ndarray:
    gold_grams = set(shingles(gold))
    gold_tokens = " " + " ".join(WORD_TOKENS.findall(gold)) + " "
    found = []
    for line in lines:
        tokens = WORD_TOKENS.findall(line.text)
        if len(tokens) >= 4:
            grams = set(shingles(line.text))
            found.append(len(grams & gold_grams) >= 0.5 * len(grams))
        else:
            found.append(bool(tokens) and f" {' '.join(tokens)} " in gold_tokens)
    return np.array(found, dtype=int)


def page_of(set_name: str, item: Item) -> Page:
    lines = describe(item.content)
    reading = rule_reading(lines)
    rows = blocks.features(lines, reading.weights, reading.chosen,
                           reading.comments_at)
    return Page(set_name, item, lines, rows, labels_of(lines, item.gold))


def pages(shared: Path) -> list[Page]:
    sets = [("aeb-text", aeb_items(shared, False, None)),
            ("rd-text", readability_items(shared, False, None)),
            ("seeds", article_items(shared, "seeds")), ("dev", article_items(shared, "dev"))]
    return [page_of(name, item) for name, items in sets for item in items]


def compare_for(set_name: str):  # noqa: ANN201
    return token_compare if set_name in ("seeds", "dev") else shingle_compare


def body_text(page: Page, picked: list[int]) -> str:
    return "\n".join(page.lines[i].text for i in picked)


def fit(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray):  # noqa: ANN201
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE,
                                       subsample=0.8, random_state=0)
    return model.fit(rows, labels, sample_weight=weights)


def weights_of(page: Page) -> np.ndarray:
    """Each page counts alike (the metric is a mean over pages), and within a page a line
    counts by its words (the metric counts words)."""
    sizes = np.array([max(line.size, 1.0) for line in page.lines]) ** WEIGHT_POWER
    return sizes / sizes.sum() * len(sizes) ** 0.5 if len(sizes) else sizes


def exported(model, setting: tuple[float, ...]) -> dict:  # noqa: ANN001
    prior = float(np.clip(model.init_.class_prior_[1], 1e-6, 1 - 1e-6))
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append({"feature": tree.feature.tolist(),
                      "threshold": [round(float(t), 6) for t in tree.threshold],
                      "left": tree.children_left.tolist(), "right": tree.children_right.tolist(),
                      "value": [round(float(v), 6) for v in tree.value[:, 0, 0]]})
    return {"version": 1, "about": "Gradient-boosted trees over the line features of "
            "dyadscope/clean/blocks.py, fitted by scripts/train_blocks.py with page-level "
            "cross-validation on bench/aeb-text, bench/readability/text, seeds and dev.",
            "features": blocks.feature_names(), "init": float(np.log(prior / (1 - prior))),
            "learning_rate": RATE, "max_depth": DEPTH, "cut": setting[0],
            "trust": setting[1], "cover": setting[2], "trees": trees}


def cross_validate(all_pages: list[Page]) -> list[np.ndarray]:
    from sklearn.model_selection import GroupKFold

    groups = np.concatenate([[i] * len(p.labels) for i, p in enumerate(all_pages)])
    rows = np.vstack([p.rows for p in all_pages])
    labels = np.concatenate([p.labels for p in all_pages])
    weights = np.concatenate([weights_of(p) for p in all_pages])
    probabilities = np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=5).split(rows, labels, groups):
        model = fit(rows[train], labels[train], weights[train])
        trees = blocks.trees_from(exported(model, (0.5, 0.5, 0.5)))
        probabilities[test] = trees.probabilities(rows[test])
    bounds = np.cumsum([0] + [len(p.labels) for p in all_pages])
    return [probabilities[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def decoded(all_pages: list[Page], scores: list[np.ndarray],
            setting: tuple[float, float, float]) -> dict[str, list]:
    triples: dict[str, list] = {}
    for page, mine in zip(all_pages, scores, strict=True):
        picked = decode(page.lines, mine, setting[0], rule_reading(page.lines).chosen,
                        *setting[1:])
        triple = compare_for(page.set_name)(page.item.gold, body_text(page, picked))
        triples.setdefault(page.set_name, []).append(triple)
    return triples


def main() -> None:
    global TREES, DEPTH  # noqa: PLW0603 - the fit's settings, set once from the command line
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only")
    parser.add_argument("--trees", type=int, default=TREES)
    parser.add_argument("--depth", type=int, default=DEPTH)
    parser.add_argument("--setting", type=float, nargs=3, metavar=("CUT", "TRUST", "COVER"),
                        help="fit with this decoding, skipping the cross-validation")
    parser.add_argument("--scores", type=Path,
                        help="also write the out-of-fold line scores here (pickle)")
    args = parser.parse_args()
    TREES, DEPTH = args.trees, args.depth
    all_pages = pages(args.shared)
    names = sorted({p.set_name for p in all_pages})
    rules = {n: [compare_for(n)(p.item.gold, body_text(p, rule_reading(p.lines).chosen))
                 for p in all_pages if p.set_name == n] for n in names}
    print("rules      " + "  ".join(f"{n} {macro(rules[n])[0]:.3f}" for n in names))
    if args.setting:
        write(all_pages, tuple(args.setting))
        return
    scores = cross_validate(all_pages)
    if args.scores:
        with args.scores.open("wb") as out:
            pickle.dump([(p.set_name, p.item.name, s) for p, s in zip(all_pages, scores,
                                                                      strict=True)], out)
    results = {(cut, trust, cover): decoded(all_pages, scores, (cut, trust, cover))
               for cut in CUTS for trust in TRUSTS for cover in COVERS}
    for setting, by_set in results.items():
        print("cut {:.1f} trust {:.2f} cover {:.1f}  ".format(*setting)
              + "  ".join(f"{n} {macro(by_set[n])[0]:.3f}" for n in names))
    # the decoding that lifts the weakest set most without lowering any below the rules
    floor = {n: macro(rules[n])[0] - 0.001 for n in names}
    allowed = [k for k in results if all(macro(results[k][n])[0] >= floor[n] for n in names)]
    best = max(allowed or list(results),
               key=lambda k: (min(macro(results[k][n])[0] for n in names),
                              sum(macro(results[k][n])[0] for n in names)))
    print("chosen cut {} trust {} cover {}".format(*best))
    if not args.dry_run:
        write(all_pages, best)


def write(all_pages: list[Page], setting: tuple[float, ...]) -> None:
    rows = np.vstack([p.rows for p in all_pages])
    labels = np.concatenate([p.labels for p in all_pages])
    weights = np.concatenate([weights_of(p) for p in all_pages])
    OUT.write_text(json.dumps(exported(fit(rows, labels, weights), setting)) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({Counter(labels.tolist())[1]} body lines of "
          f"{len(labels)})")


if __name__ == "__main__":
    main()
