"""Scoring against gold files (shared/gold/README.md) and the `evaluate` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadscope.evaluate import score

TEXT = (
    "Menu\n"
    "Belarus and Vietnam sign defence accord\n"
    "MINSK, March 3, 2025 (Agency) - Belarusian Defence Minister Viktor Khrenin met "
    "Vietnamese Defence Minister Phan Van Giang in Minsk on Monday.\n"
    "The two ministers signed a protocol on military cooperation.\n"
    "Read more\n"
)
BODY_FIRST = "MINSK, March 3, 2025 (Agency)"
BODY_LAST = "a protocol on military cooperation."
MEET = "Belarusian Defence Minister Viktor Khrenin met Vietnamese Defence Minister"
SIGN = "The two ministers signed a protocol"

GOLD = {
    "file": "accord.txt",
    "outlet": "Agency",
    "title": "Belarus and Vietnam sign defence accord",
    "published": "2025-03-03",
    "published_in_text": True,
    "body": {"first": BODY_FIRST, "last": BODY_LAST},
    "mentions": {"khrenin": ["Viktor Khrenin"], "giang": ["Phan Van Giang"],
                 "BLR": ["Belarusian"]},
    "events": [
        {"type": "CONSULT", "alt_types": [], "source": "BLR", "target": "VNM",
         "actors": ["khrenin", "giang"], "date": "2025-03-03", "status": "occurred",
         "location": "Minsk", "core": True, "evidence": MEET},
        {"type": "SUPPORT", "alt_types": ["AGREE"], "source": "BLR", "target": "VNM",
         "actors": [], "date": "2025-03-03", "status": "occurred", "location": None,
         "core": False, "evidence": SIGN},
    ],
    "facts": [],
}
ENTITIES = {
    "khrenin": {"type": "PERSON", "name": "Viktor Khrenin", "country": "BLR",
                "role": "Minister of Defence"},
    "giang": {"type": "PERSON", "name": "Phan Van Giang", "country": "VNM",
              "role": "Minister of Defence"},
    "BLR": {"type": "COUNTRY", "name": "Belarus", "country": "BLR"},
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    docs = tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "accord.txt").write_text(TEXT, encoding="utf-8")
    (gold / "accord.json").write_text(json.dumps(GOLD, indent=1), encoding="utf-8")
    (gold / "entities.json").write_text(json.dumps(ENTITIES, indent=1), encoding="utf-8")
    return gold


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"document": "doc-1", "start": start, "end": start + len(part), "text": part}


def _event(event_id: str, kind: str, pair: tuple[str, str], evidence: str) -> dict:
    return {"id": event_id, "type": kind, "source_country": pair[0],
            "target_country": pair[1], "date": "2025-03-03", "date_precision": "day",
            "evidence": [_span(TEXT, evidence)]}


def _export() -> dict:
    start, end = TEXT.index(BODY_FIRST), TEXT.index(BODY_LAST) + len(BODY_LAST)
    body = TEXT[start:end] + "\nRead more"  # two boilerplate tokens too many
    khrenin, giang = _span(TEXT, "Viktor Khrenin"), _span(TEXT, "Phan Van Giang")
    belarusian = _span(TEXT, "Belarusian")
    return {
        "documents": [{"id": "doc-1", "source": "accord.txt", "text": TEXT, "body": body,
                       "published": "2025-03-03", "published_precision": "day",
                       "published_confidence": "high"}],
        # Both ministers put into one entity: B-cubed precision 1/2 for each.
        "mentions": [{**khrenin, "entity": "p1"}, {**giang, "entity": "p1"},
                     {**belarusian, "entity": "c1"}],
        "events": [
            _event("e1", "CONSULT", ("BLR", "VNM"), "Viktor Khrenin met Vietnamese"),
            _event("e2", "AGREE", ("BLR", "KAZ"), "signed a protocol on military"),
        ],
    }


def test_score_on_a_tiny_gold_directory(gold_dir: Path) -> None:
    metrics = score(gold_dir, _export())
    assert {"body", "date", "entities", "events"} <= set(metrics)
    assert metrics["missing_documents"] == []

    gold_tokens = len(TEXT[TEXT.index(BODY_FIRST) : TEXT.index(BODY_LAST) + len(BODY_LAST)]
                      .split())
    body = metrics["body"]
    assert body["documents"] == 1
    assert body["recall"] == 1.0
    assert body["precision"] == pytest.approx(gold_tokens / (gold_tokens + 2))
    assert body["f1"] == pytest.approx(gold_tokens / (gold_tokens + 1))
    assert gold_tokens == 31 and body["f1"] == pytest.approx(31 / 32)

    assert metrics["date"]["exact"] == 1.0
    assert metrics["date"]["readable_documents"] == 1

    entities = metrics["entities"]
    assert entities["mention_recall"] == 1.0 and entities["mentions"] == 3
    assert entities["bcubed_recall"] == 1.0
    assert entities["bcubed_precision"] == pytest.approx((0.5 + 0.5 + 1) / 3)

    events = metrics["events"]
    assert events["core_recall"] == 1.0 and events["core_events"] == 1
    assert events["precision"] == 0.5 and events["system_events"] == 2
    assert events["matched"] == 1
    assert events["type_accuracy"] == 1.0
    assert events["direction_accuracy"] == 1.0
    assert events["date_accuracy"] == 1.0


def test_score_reports_missing_documents(gold_dir: Path) -> None:
    export = _export()
    export["documents"][0]["source"] = "other.txt"
    metrics = score(gold_dir, export)
    assert metrics["missing_documents"] == ["accord.txt"]
    assert metrics["body"]["documents"] == 0


def test_evaluate_command_on_a_tiny_gold_directory(gold_dir: Path, cli) -> None:
    result = cli("evaluate", "--gold", gold_dir, "--docs", gold_dir.parent / "docs", "--json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert {"body", "date", "entities", "events"} <= set(metrics)
    assert metrics["body"]["documents"] == 1
    assert metrics["missing_documents"] == []
    assert metrics["body"]["recall"] == pytest.approx(1.0)


def test_evaluate_missing_gold_folder_is_a_clean_error(tmp_path: Path, cli) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    result = cli("evaluate", "--gold", tmp_path / "nogold", "--docs", docs, "--json")
    assert result.exit_code != 0
    assert "nogold" in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_on_the_seed_articles(shared_dir: Path, cli) -> None:
    gold, docs = shared_dir / "gold" / "seeds", shared_dir / "seeds"
    if not (gold.is_dir() and docs.is_dir()):
        pytest.skip("seed articles or gold files not present")
    result = cli("evaluate", "--gold", gold, "--docs", docs, "--json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert {"body", "date", "entities", "events"} <= set(metrics)
    assert metrics["body"]["f1"] > 0.84
    assert metrics["events"]["core_recall"] >= 0.5
    assert metrics["events"]["precision"] >= 0.5


def test_evaluate_reads_crawl_metadata_given_beside_or_by_path(gold_dir: Path, cli,
                                                              tmp_path: Path) -> None:
    docs = gold_dir.parent / "docs"
    meta = tmp_path / "meta.jsonl"
    meta.write_text("".join(json.dumps({"file": p.name, "published": "2024-12-17"}) + "\n"
                            for p in docs.glob("*.txt")), encoding="utf-8")
    result = cli("evaluate", "--gold", gold_dir, "--docs", docs, "--sources", meta, "--json")
    assert result.exit_code == 0, result.stderr
    missing = cli("evaluate", "--gold", gold_dir, "--docs", docs, "--sources",
                  tmp_path / "absent.jsonl")
    assert missing.exit_code != 0 and "absent.jsonl" in missing.stderr


def test_links_count_events_of_one_happening_as_one() -> None:
    from dyadscope.evaluate.events import _link_scores

    # story s: a signing in a.txt, the sale it makes in b.txt (two events, one happening)
    links = [("a.txt#s", "evt-1"), ("b.txt#s", "evt-2"), ("b.txt#t", "evt-3")]
    assert _link_scores(links)["link_recall"] == 0.0
    joined = [("a.txt#s", "evt-1"), ("b.txt#s", "evt-1"), ("b.txt#t", "evt-3")]
    assert _link_scores(joined) == {"link_recall": 1.0, "link_precision": 1.0, "story_pairs": 1}
    wrong = [("a.txt#s", "evt-1"), ("b.txt#s", "evt-2"), ("b.txt#t", "evt-1")]
    assert _link_scores(wrong)["link_precision"] == 0.0
