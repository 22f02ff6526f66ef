"""Show how dyadscope reads sentences: parse, frames, sides and the events coded.

Usage: python scripts/explain.py FILE.txt [--grep WORD]   (or text on stdin)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

from dyadscope import knowledge
from dyadscope.clean import clean
from dyadscope.extract import Extractor
from dyadscope.extract.events import Sentence
from dyadscope.extract.frames import Parsed, sentence_frames
from dyadscope.extract.lexicon import load_lexicon
from dyadscope.types import RawDocument


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--grep", help="only sentences containing this text")
    parser.add_argument("--tree", action="store_true", help="print the dependency parse")
    args = parser.parse_args()
    text = Path(args.file).read_text(encoding="utf-8") if args.file else sys.stdin.read()
    document = clean(RawDocument(source=args.file or "stdin", kind="text", content=text))
    extraction = Extractor(knowledge.load(None)).extract([document])[0]
    from dyadscope.annotate.model import parse
    from dyadscope.extract.events import _marks

    mentions = [m for m in extraction.mentions]
    by_sentence: dict[int, list] = {}
    for event in extraction.events:
        by_sentence.setdefault(event.evidence.start, []).append(event)
    starts = sorted({e.evidence.start for e in extraction.events})
    lexicon = load_lexicon()
    from dyadscope.extract.events import sentences_of

    paragraphs = Extractor(knowledge.load(None)).paragraphs([document])[0]
    for sentence in sentences_of(paragraphs):
        if args.grep and args.grep not in sentence.text:
            continue
        doc = parse([sentence.text])[0]
        inside = [m for m in mentions if sentence.start <= m.span.start < sentence.end]
        print("=" * 100)
        print(sentence.text)
        print("  mentions:", [(m.text, m.type, m.country) for m in inside])
        if args.tree:
            for t in doc:
                print(f"    {t.i:>3} {t.text:<15} {t.tag_:<5} {t.dep_:<10} -> {t.head.i}")
        found = [SimpleNamespace(start=m.span.start, end=m.span.end, type=m.type)
                 for m in inside]
        marks = _marks(doc, sentence.start, found)  # type: ignore[arg-type]
        for frame in sentence_frames(lexicon, Parsed(doc, marks)):
            def show(args_: list) -> str:
                return "; ".join(f"{a.role}:{doc[a.head].text}" for a in args_)
            print(f"  frame {doc[frame.head].text!r} {frame.kind} {frame.code.cameo} "
                  f"{frame.code.type} rev={frame.reverse} pass={frame.passive} "
                  f"plan={frame.planned} | S[{show(frame.subjects)}] T[{show(frame.targets)}]")
        for event in by_sentence.get(sentence.start, []):
            print(f"  EVENT {event.type} {event.source_country}->{event.target_country} "
                  f"{event.date.value if event.date else None} {event.status} {event.rule}")
    del starts


if __name__ == "__main__":
    main()
