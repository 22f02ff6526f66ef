"""The annotated body of one document: paragraphs as spaCy docs placed at their offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii


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


_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s-]")


def normalize_name(name: str) -> str:
    """Lower-case ASCII with quotes, possessives and punctuation removed."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = anyascii(text).lower()
    text = _NON_WORD.sub(" ", text).replace("-", " ")
    return _SPACE.sub(" ", text).strip()
