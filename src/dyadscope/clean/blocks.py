"""A learned classifier of the lines of a page dump: is this line article body?

Each line is described by shallow features that hold across languages and layouts (its
length, stop-word share, final punctuation, boilerplate and timestamp marks, markers of
lists and links, its place in the page) and by the same features of its neighbours, with
what the hand rules of `body.py` make of it as a prior. A small gradient-boosted tree
ensemble, fitted with page-level cross-validation by `scripts/train_blocks.py` on the
benchmark dumps and the development articles, scores each line; the model ships as
`data/clean/blocks.json` and is evaluated here with numpy alone.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from dyadscope.clean.body import Line

LINK_MARKS = re.compile(r"[|»›•·▪►→]|\s[-–]\s*$|^\W")
URLISH = re.compile(r"https?://|www\.|\.com\b|@\w")
PUNCT = re.compile(r"[,.;:!?]")
CAPITAL = re.compile(r"\b[A-ZÀ-Þ]")
WORDISH = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
COPYRIGHT = re.compile(r"©|\(c\)|all rights reserved", re.IGNORECASE)

OWN = ("log_size", "log_chars", "stop", "has_stoplist", "ends", "boiler", "stamp", "listed",
       "dup", "foreign", "comments", "titled", "digits", "punct", "capitals", "word_length",
       "link_marks", "urlish", "copyright", "cjk", "rule_weight", "rule_body")
WINDOWS = (1, 2, 5)
WINDOWED = ("log_size", "stop", "ends", "rule_weight", "listed")
OPENING = re.compile(r"^\s*([^\w\s\"'“‘(\[])")


def feature_names() -> list[str]:
    names = list(OWN) + ["position", "before_longest", "prose_share_after",
                         "after_comment_header", "rule_distance", "run_length", "run_size"]
    names += [f"prev_{n}" for n in ("log_size", "ends", "stop", "titled", "rule_body")]
    names += [f"next_{n}" for n in ("log_size", "ends", "stop", "titled", "rule_body")]
    names += [f"mean{w}_{n}" for w in WINDOWS for n in WINDOWED]
    return names


def _own(line: Line, weight: float, in_body: bool) -> list[float]:
    text = line.text
    words = WORDISH.findall(text)
    chars = max(len(text), 1)
    return [
        math.log1p(line.size), math.log1p(len(text)),
        line.stop if line.stop is not None else 0.0, float(line.stop is not None),
        float(line.ends), float(line.boiler), float(line.stamp), float(line.listed),
        float(line.dup), float(line.foreign), float(line.comments), float(line.titled),
        line.digits, len(PUNCT.findall(text)) / chars,
        len(CAPITAL.findall(text)) / max(len(words), 1),
        sum(len(w) for w in words) / max(len(words), 1),
        float(len(LINK_MARKS.findall(text))), float(bool(URLISH.search(text))),
        float(bool(COPYRIGHT.search(text))), len(CJK.findall(text)) / chars,
        max(min(weight, 60.0), -30.0), float(in_body),
    ]


def features(lines: list[Line], weights: list[float], chosen: list[int],
             comments_at: int) -> np.ndarray:
    """One row of `feature_names()` per line, given the rules' weights and body lines
    (`chosen`); `comments_at` is the line where the rules see reader comments begin (the
    page's length if nowhere)."""
    if not lines:
        return np.zeros((0, len(feature_names())))
    taken = set(chosen)
    own = np.array([_own(ln, w, i in taken)
                    for i, (ln, w) in enumerate(zip(lines, weights, strict=True))])
    index = {name: i for i, name in enumerate(OWN)}
    count = len(lines)
    positions = np.arange(count) / max(count - 1, 1)
    longest = int(np.argmax(own[:, index["log_size"]]))
    before = (np.arange(count) - longest) / max(count, 1)
    prose = own[:, index["ends"]] * (own[:, index["log_size"]] > math.log1p(10))
    after = np.cumsum(prose[::-1])[::-1] / max(prose.sum(), 1.0)
    comments = (np.arange(count) >= comments_at).astype(float)
    if chosen:
        gaps = np.abs(np.arange(count)[:, None] - np.array(chosen)[None, :]).min(axis=1)
        distance = np.minimum(gaps / 10.0, 1.0)
    else:
        distance = np.ones(count)
    columns = [own, positions[:, None], before[:, None], after[:, None], comments[:, None],
               distance[:, None], _runs(lines, own[:, index["log_size"]])]
    picks = [index[n] for n in ("log_size", "ends", "stop", "titled", "rule_body")]
    padded = np.vstack([np.zeros((1, own.shape[1])), own, np.zeros((1, own.shape[1]))])
    columns += [padded[:-2][:, picks], padded[2:][:, picks]]
    sums = np.vstack([np.zeros((1, own.shape[1])), np.cumsum(own, axis=0)])
    wanted = [index[n] for n in WINDOWED]
    for width in WINDOWS:
        low = np.clip(np.arange(count) - width, 0, count)
        high = np.clip(np.arange(count) + width + 1, 0, count)
        mean = (sums[high] - sums[low]) / (high - low)[:, None]
        columns.append(mean[:, wanted])
    return np.hstack(columns)


def _runs(lines: list[Line], sizes: np.ndarray) -> np.ndarray:
    """For a line in a run of lines that open with the same symbol ('- ', '+ ', '» '):
    the run's length and its lines' mean size. An article's list has longer items than
    a menu's."""
    marks = [(m.group(1) if (m := OPENING.match(line.text)) else None) for line in lines]
    out = np.zeros((len(lines), 2))
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and marks[i] is not None and marks[i] == marks[start]:
            continue
        if marks[start] is not None and i - start >= 2:
            out[start:i, 0] = math.log1p(i - start)
            out[start:i, 1] = sizes[start:i].mean()
        start = i
    return out


@dataclass(frozen=True)
class Trees:
    """Gradient-boosted regression trees over log-odds, as sklearn fits them, held as flat
    (trees x nodes) tables so that every tree is walked for every line at once."""

    feature: np.ndarray  # int32, 0 at leaves
    threshold: np.ndarray  # float32, as sklearn compares
    children: np.ndarray  # int32 (trees x nodes x 2): right, left; -1 at leaves
    value: np.ndarray
    width: int  # nodes per tree in the tables
    init: float
    rate: float
    depth: int
    cut: float  # the probability above which a line is body
    trust: float  # how far the model must agree with the rules' reading to keep it
    cover: float  # how much of the model's body the rules' reading must hold to stand

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        count = len(rows)
        if not count:
            return np.zeros(0)
        trees = len(self.value) // self.width
        flat = np.ascontiguousarray(rows, dtype=np.float32).ravel()
        offset = np.tile(np.arange(trees, dtype=np.int32) * self.width, count)
        base = np.repeat(np.arange(count, dtype=np.int32) * rows.shape[1], trees)
        node = offset.copy()
        for _ in range(self.depth):
            left = (flat[base + self.feature[node]] <= self.threshold[node]).view(np.int8)
            child = self.children[2 * node + left]
            node = np.where(child < 0, node, offset + child)
        raw = self.init + self.rate * self.value[node].reshape(count, trees).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def _table(columns: list[list[float]], dtype: type, fill: float) -> np.ndarray:
    width = max(len(c) for c in columns)
    table = np.full((len(columns), width), fill, dtype=dtype)
    for i, column in enumerate(columns):
        table[i, : len(column)] = column
    return table


def trees_from(data: dict[str, Any]) -> Trees:
    trees = data["trees"]
    left = _table([t["left"] for t in trees], np.int32, -1)
    right = _table([t["right"] for t in trees], np.int32, -1)
    return Trees(
        feature=np.maximum(_table([t["feature"] for t in trees], np.int32, 0), 0).ravel(),
        threshold=_table([t["threshold"] for t in trees], np.float32, 0.0).ravel(),
        children=np.stack([right, left], axis=2).ravel(),
        value=_table([t["value"] for t in trees], float, 0.0).ravel(),
        width=left.shape[1],
        init=float(data["init"]), rate=float(data["learning_rate"]),
        depth=int(data["max_depth"]), cut=float(data["cut"]), trust=float(data["trust"]),
        cover=float(data["cover"]),
    )


@cache
def model() -> Trees | None:
    path = resources.files("dyadscope").joinpath("data", "clean", "blocks.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != feature_names():
        return None  # a model fitted on other features would read the wrong columns
    return trees_from(data)
