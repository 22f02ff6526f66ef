"""Show how dyadscope reads an article: per sentence its mentions, the frames read off the
parse, the sides each phrase names, and the events coded.

Usage: python scripts/explain.py FILE.txt [--grep TEXT] [--tree]   (or the text on stdin)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dyadscope import knowledge
from dyadscope.clean import clean
from dyadscope.extract import Extractor
from dyadscope.extract import events as coding
from dyadscope.types import RawDocument


def _show(frame: Any, sides: Any) -> str:
    def args(items: list[Any]) -> str:
        return "; ".join(f"{a.role}:{sides.doc[a.head].text}"
                         f"{[x.country for x in sides.in_arg(a)] or ''}" for a in items)
    flags = [name for name in ("reverse", "passive", "planned", "negated", "intent", "bare")
             if getattr(frame, name)]
    return (f"  frame {sides.doc[frame.head].text!r} {frame.kind} {frame.code.cameo} "
            f"{frame.code.type} {' '.join(flags)} | S[{args(frame.subjects)}] "
            f"T[{args(frame.targets)}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--grep", help="only sentences containing this text")
    parser.add_argument("--tree", action="store_true", help="print the dependency parse")
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8") if args.file else sys.stdin.read()
    document = clean(RawDocument(source=args.file or "stdin", kind="text", content=text))
    original_events = coding.sentence_events
    original_pairs = coding.frame_pairs

    def traced_pairs(frame: Any, sides: Any, *rest: Any) -> Any:
        pairs = original_pairs(frame, sides, *rest)
        print(_show(frame, sides))
        for source, target in pairs:
            print(f"      -> {source.country}({source.sector}) -> {target.country}"
                  f"({target.sector}) [{source.label or 'named'} / {target.label or 'named'}]")
        return pairs

    def traced(sentence: Any, doc: Any, mentions: list[Any], context: Any) -> Any:
        if args.grep and args.grep not in sentence.text:
            return original_events(sentence, doc, mentions, context)
        print("=" * 100)
        print(sentence.text)
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        print("  mentions:", [(m.text, m.type, m.country, m.key) for m in inside])
        if args.tree:
            for t in doc:
                print(f"    {t.i:>3} {t.text:<15} {t.tag_:<5} {t.dep_:<10} -> {t.head.i}")
        coding.frame_pairs = traced_pairs
        try:
            found = original_events(sentence, doc, mentions, context)
        finally:
            coding.frame_pairs = original_pairs
        for event in found:
            print(f"  EVENT {event.type} {event.source_country}->{event.target_country} "
                  f"{event.date.value if event.date else None} {event.status}")
        return found

    coding.sentence_events = traced
    try:
        Extractor(knowledge.load(None)).extract([document])
    finally:
        coding.sentence_events = original_events


if __name__ == "__main__":
    main()
