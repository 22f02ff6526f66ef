"""Language of a line or of a document's body, as ISO 639-1 codes."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from dyadscope.types import Span

LANGUAGES = (
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.BELARUSIAN,
    Language.UKRAINIAN,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.POLISH,
    Language.DUTCH,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.VIETNAMESE,
    Language.ARABIC,
    Language.INDONESIAN,
    Language.TURKISH,
)
MIN_LETTERS = 3
SAMPLE = 5000


@cache
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def _code(language: Language | None) -> str | None:
    return language.iso_code_639_1.name.lower() if language is not None else None


def line_language(line: str) -> str | None:
    """The language of one line, or None when it has too few letters to tell."""
    if sum(c.isalpha() for c in line) < MIN_LETTERS:
        return None
    return _code(detector().detect_language_of(line))


def document_language(text: str, body: Iterable[Span] = ()) -> str | None:
    """The language of the body (or of the whole text when there is no body)."""
    spans = tuple(body)
    sample = "\n".join(text[s.start : s.end] for s in spans) if spans else text
    return line_language(sample[:SAMPLE])
