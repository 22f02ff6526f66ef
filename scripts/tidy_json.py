"""Rewrite hand-edited JSON data files compactly: a value that fits on one line stays on
one line, longer ones are broken one item a line. Usage: python scripts/tidy_json.py FILE...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

WIDTH = 100


def dump(value: Any, indent: int = 0) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if all(not isinstance(v, (dict, list)) for v in value):
        lines, line = [], ""
        for item in (json.dumps(v, ensure_ascii=False) for v in value):
            if line and len(pad) + len(line) + len(item) + 2 > WIDTH:
                lines.append(line.rstrip())
                line = ""
            line += item + ", "
        lines.append(line.rstrip(", "))
        body = ",\n".join(pad + part.rstrip(",") for part in lines)
        return "[\n" + body + "\n" + " " * indent + "]"
    items = [pad + dump(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def main() -> None:
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(dump(json.loads(path.read_text(encoding="utf-8"))) + "\n",
                        encoding="utf-8")


if __name__ == "__main__":
    main()
