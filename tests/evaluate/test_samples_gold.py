"""Our sample articles against their own gold (data/samples/expected.json).

The samples were written for the project, so this is a regression floor for the method,
not a target: each threshold sits a little under what the pipeline measured when it was
set (events scored one claim per gold event, as shared/gold/README.md defines), and a drop
below it means a rule stopped generalising.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dyadscope import api
from dyadscope.evaluate import score

SAMPLES = resources.files("dyadscope") / "data" / "samples"
FLOORS = {
    ("body", "f1"): 0.97,
    ("date", "exact"): 0.9,
    ("entities", "mention_recall"): 0.95,
    ("entities", "bcubed_f1"): 0.95,
    ("events", "core_recall"): 0.85,
    ("events", "precision"): 0.75,
    ("events", "type_accuracy"): 0.88,
    ("events", "direction_accuracy"): 0.85,
    ("events", "date_accuracy"): 0.7,
}


@pytest.fixture(scope="module")
def metrics(samples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    gold_dir = tmp_path_factory.mktemp("sample-gold")
    expected = json.loads(SAMPLES.joinpath("expected.json").read_text(encoding="utf-8"))
    for entry in expected:
        gold = dict(entry, body={"first": entry["body_first"], "last": entry["body_last"]})
        (gold_dir / entry["file"].replace(".txt", ".json")).write_text(json.dumps(gold))
    return score(gold_dir, api.export(samples_db))


@pytest.mark.parametrize(("section", "metric"), list(FLOORS), ids=lambda x: str(x))
def test_samples_stay_above_their_floor(metrics: dict[str, Any], section: str,
                                        metric: str) -> None:
    assert not metrics["missing_documents"]
    assert metrics[section][metric] >= FLOORS[(section, metric)], metrics[section]


# The issue targets on the development articles (../shared/seeds and their gold); issue 10
# asks the seeds to stay at core recall 0.95, type 0.95 and direction 0.90. Precision, which
# it sets no target for, has a floor a little under its measure.
SEED_TARGETS = {
    ("body", "f1"): 0.97,
    ("date", "exact"): 1.0,
    ("date", "uncertain_marked"): 1.0,
    ("entities", "mention_recall"): 0.9,
    ("entities", "bcubed_f1"): 0.95,
    ("events", "core_recall"): 0.95,
    ("events", "precision"): 0.7,
    ("events", "type_accuracy"): 0.95,
    ("events", "direction_accuracy"): 0.9,
}


@pytest.fixture(scope="module")
def seed_metrics(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    seeds, gold = shared_dir / "seeds", shared_dir / "gold" / "seeds"
    if not (seeds.is_dir() and gold.is_dir()):
        pytest.skip(f"{seeds} or {gold} not present")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    api.ingest([seeds], db)
    return score(gold, api.export(db))


@pytest.mark.parametrize(("section", "metric"), list(SEED_TARGETS), ids=lambda x: str(x))
def test_seeds_meet_the_issue_targets(seed_metrics: dict[str, Any], section: str,
                                      metric: str) -> None:
    assert seed_metrics[section][metric] >= SEED_TARGETS[(section, metric)], seed_metrics[section]
