"""The learned line classifier: its features, the shipped model, and how its reading
is combined with the hand rules'."""

from __future__ import annotations

import numpy as np

from dyadscope.clean import blocks
from dyadscope.clean.body import body_spans, decode, describe, rule_reading

ARTICLE = "\n".join(
    [
        "Home | World | Business | Sport | Opinion",
        "Two neighbours agree to reopen their border crossing",
        "The governments of the two neighbouring states agreed on Monday to reopen the "
        "main border crossing between them, which had been closed for almost a year.",
        "Officials on both sides said that trucks carrying food and medicine would be "
        "allowed through first, followed by private cars from the start of next month.",
        "Traders in the border towns welcomed the decision, saying the closure had cost "
        "them most of their income and forced many shops to shut their doors for good.",
        "Share this article",
        "Related: Port strike ends after two weeks",
        "© 2026 Example Media. All rights reserved.",
    ]
)


def test_one_row_of_features_per_line() -> None:
    lines = describe(ARTICLE)
    reading = rule_reading(lines)
    rows = blocks.features(lines, reading.weights, reading.chosen,
                           reading.comments_at)
    assert rows.shape == (len(lines), len(blocks.feature_names()))
    assert np.isfinite(rows).all()


def test_the_shipped_model_loads_and_scores_prose_above_widgets() -> None:
    trees = blocks.model()
    assert trees is not None, "data/clean/blocks.json is missing or was fitted on other features"
    lines = describe(ARTICLE)
    reading = rule_reading(lines)
    rows = blocks.features(lines, reading.weights, reading.chosen,
                           reading.comments_at)
    scores = trees.probabilities(rows)
    assert ((scores >= 0) & (scores <= 1)).all()
    prose = [i for i, line in enumerate(lines) if line.text.startswith(("The gov", "Officials"))]
    widgets = [i for i, line in enumerate(lines) if line.text.startswith(("Home", "Share", "©"))]
    assert min(scores[prose]) > max(scores[widgets])


def test_the_body_is_the_prose() -> None:
    body = [ARTICLE[s.start : s.end] for s in body_spans(ARTICLE)]
    assert body[0].startswith("The governments") and body[-1].startswith("Traders")


def test_decode_keeps_the_rules_reading_when_the_model_agrees() -> None:
    lines = describe(ARTICLE)
    rules = [2, 3, 4]
    agreeing = np.array([0.1, 0.2, 0.9, 0.9, 0.8, 0.1, 0.1, 0.0])
    assert decode(lines, agreeing, 0.3, rules, 0.5, 0.3) == rules


def test_decode_takes_the_model_reading_when_the_rules_chose_widgets() -> None:
    lines = describe(ARTICLE)
    scores = np.array([0.1, 0.2, 0.9, 0.9, 0.8, 0.1, 0.1, 0.0])
    assert decode(lines, scores, 0.3, [5, 6], 0.5, 0.3) == [2, 3, 4]


def test_decode_with_no_rules_reading_falls_back_on_the_model() -> None:
    lines = describe(ARTICLE)
    scores = np.array([0.1, 0.2, 0.9, 0.9, 0.8, 0.1, 0.1, 0.0])
    assert decode(lines, scores, 0.3, [], 0.5, 0.3) == [2, 3, 4]
