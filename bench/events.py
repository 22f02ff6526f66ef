"""Event accuracy on every development set, and on the two halves of ../shared/gold/dev.

The dev articles are split in two fixed halves by their sorted names (tune on `A`, check
`B` before each commit): a change that lifts A and drops B learned A's sentences.
`dev+meta` reads the dev articles with their crawl metadata (gold/dev/sources.jsonl: URL,
outlet, publication date), as a crawler would deliver them. `dev+seeds` (and `d+s+meta`,
with the metadata) ingests both sets into one database and scores them together, so that
the link figures count reports of one story across all articles.

Usage: python bench/events.py [--shared PATH] [--details SET]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from dyadscope import api
from dyadscope.evaluate import score

REPO = Path(__file__).resolve().parent.parent
METRICS = ("core_recall", "precision", "type_accuracy", "direction_accuracy", "date_accuracy",
           "link_recall", "link_precision")
SHORT = ("recall", "prec", "type", "dir", "date", "link R", "link P")


def _samples_gold(folder: Path) -> Path:
    samples = resources.files("dyadscope") / "data" / "samples"
    for entry in json.loads(samples.joinpath("expected.json").read_text(encoding="utf-8")):
        gold = dict(entry, body={"first": entry["body_first"], "last": entry["body_last"]})
        (folder / entry["file"].replace(".txt", ".json")).write_text(json.dumps(gold))
    return folder


def _subset(gold: Path, names: list[str], folder: Path) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(gold / name, folder / name)
    shutil.copy(gold / "entities.json", folder / "entities.json")
    return folder


def halves(gold: Path) -> tuple[list[str], list[str]]:
    names = sorted(p.name for p in gold.glob("*.json") if p.name != "entities.json")
    return names[0::2], names[1::2]


def _row(name: str, events: dict[str, Any]) -> str:
    values = "  ".join(f"{events[m]:>{len(s)}.3f}" for m, s in zip(METRICS, SHORT, strict=True))
    counts = f"core {events['core_events']:>3}  claims {events['system_events']:>3}"
    return f"{name:<9}{values}  {counts}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--details", help="print the misses and errors of this set")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dyadscope-events-"))
    samples = resources.files("dyadscope") / "data" / "samples"
    try:
        with resources.as_file(samples) as folder:
            (tmp / "sg").mkdir()
            sets = {"samples": (Path(folder), _samples_gold(tmp / "sg"))}
            sets["seeds"] = (args.shared / "seeds", args.shared / "gold" / "seeds")
            dev_gold = args.shared / "gold" / "dev"
            a, b = halves(dev_gold)
            sets["dev"] = (args.shared / "dev", dev_gold)
            sets["dev-A"] = (args.shared / "dev", _subset(dev_gold, a, tmp / "a"))
            sets["dev-B"] = (args.shared / "dev", _subset(dev_gold, b, tmp / "b"))
            print(f"{'set':<9}" + "  ".join(SHORT))
            exports: dict[tuple[Path, bool], dict[str, Any]] = {}
            runs = [(name, (docs,), (gold,), False) for name, (docs, gold) in sets.items()]
            runs.append(("dev+meta", (args.shared / "dev",), (dev_gold,), True))
            both = (args.shared / "dev", args.shared / "seeds")
            golds = (dev_gold, args.shared / "gold" / "seeds")
            runs += [("dev+seeds", both, golds, False), ("d+s+meta", both, golds, True)]
            for name, docs, gold, meta in runs:
                if (docs, meta) not in exports:
                    db = tmp / f"{name}.db"
                    api.ingest(list(docs), db,
                               sources=dev_gold / "sources.jsonl" if meta else None)
                    exports[(docs, meta)] = api.export(db)
                events = score(list(gold), exports[(docs, meta)])["events"]
                print(_row(name, events))
                if name == args.details:
                    for key in ("missed_core", "spurious", "mismatched"):
                        for line in events[key]:
                            print(f"  {key}: {line}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
