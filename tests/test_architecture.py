"""The layout the code keeps: stages import only stages below them, and SQL lives in store/."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dyadscope"
# the stage order (STYLE.md), then the doors built on all of them
ORDER = ["types", "errors", "knowledge", "read", "clean", "annotate", "extract", "resolve",
         "store", "analyse", "evaluate", "pipeline", "render", "api", "web", "cli"]
IMPORT = re.compile(r"^\s*(?:from dyadscope\.(\w+)|from dyadscope import (\w+))", re.M)
SQL = re.compile(r"[\"'](?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (?:TABLE|INDEX))"
                 r"\b")


def sources() -> list[tuple[str, Path]]:
    return [(path.relative_to(PACKAGE).parts[0].removesuffix(".py"), path)
            for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_stage_imports_one_above_it() -> None:
    rank = {name: i for i, name in enumerate(ORDER)}
    upward = [
        f"{path.relative_to(PACKAGE)} imports {found}"
        for stage, path in sources() if stage in rank
        for match in IMPORT.finditer(path.read_text(encoding="utf-8"))
        if (found := match.group(1) or match.group(2)) in rank and rank[found] > rank[stage]
    ]
    assert upward == []


def test_sql_only_in_the_store() -> None:
    outside = [str(path.relative_to(PACKAGE)) for stage, path in sources()
               if stage != "store" and SQL.search(path.read_text(encoding="utf-8"))]
    assert outside == []
    for stage, path in sources():
        if stage in ("analyse", "web", "api"):
            assert "sqlite3" not in path.read_text(encoding="utf-8"), path
