"""Run the extraction stage on a short article written in a test."""

from __future__ import annotations

from functools import cache

from dyadscope import knowledge
from dyadscope.clean import clean
from dyadscope.extract import Extractor
from dyadscope.types import Extraction, RawDocument

HEADER = "Ministers meet\nMarch 6, 2025\n"


@cache
def extractor() -> Extractor:
    return Extractor(knowledge.load(None))


def extraction_of(body: str, header: str = HEADER) -> Extraction:
    """A headline and a date line, then the body: the date anchors relative dates."""
    raw = RawDocument(source="test.txt", kind="text", content=header + body + "\n")
    return extractor().extract([clean(raw)])[0]
