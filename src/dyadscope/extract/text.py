"""The annotated body of one document: paragraphs as spaCy docs placed at their offsets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dyadscope.knowledge.names import normalize_name


@dataclass(frozen=True, slots=True)
class Paragraph:
    offset: int
    doc: Any

    def sentences(self) -> Iterator[Any]:
        yield from self.doc.sents


def char_start(paragraph: Paragraph, item: Any) -> int:
    return paragraph.offset + item.start_char


def char_end(paragraph: Paragraph, item: Any) -> int:
    return paragraph.offset + item.end_char


__all__ = ["Paragraph", "char_end", "char_start", "normalize_name"]
