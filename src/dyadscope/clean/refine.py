"""Tidy the article body an extractor found in a rendered HTML page.

Extractors keep the headline, teaser links to other stories and share or
subscribe lines at the edges of the article, and they miss the rest of an
article that the page splits into several containers of the same kind. The
rules here read the shape of each block (length, final punctuation, share of
link text, boilerplate vocabulary) and the page structure, never names of sites.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import lxml.html

from dyadscope.clean.body import is_boiler, is_dateline, rules, size_of
from dyadscope.types import Span

WORD = re.compile(r"\w+")
ADDRESS = re.compile(r"://|www\.|@\w")
ELLIPSIS = ("...", "…")
HEADLINE_PREFIX = 15
TEASER_LINKS = 0.75
TEASER_WORDS = 3
EDGE_LINKS = 0.5
EDGE_SHARE = 0.5
SIBLING_WORDS = 10
TITLE_META = {"og:title", "twitter:title"}


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered page: its text, the link share of each line, the headline candidates."""

    text: str
    links: tuple[float, ...]
    titles: tuple[str, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str, links: tuple[float, ...], titles: Iterable[str]) -> Page:
        starts, pos = [], 0
        for line in text.split("\n"):
            starts.append(pos)
            pos += len(line) + 1
        return cls(text, links, tuple(t for t in titles if t.strip()), tuple(starts))

    def at(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def link_share(self, span: Span) -> float:
        """Share of the characters of the lines under `span` that are link text."""
        first = bisect.bisect_right(self.starts, span.start) - 1
        last = bisect.bisect_right(self.starts, max(span.start, span.end - 1)) - 1
        sizes = [self._length(k) for k in range(first, last + 1)]
        linked = sum(size * self.links[k] for k, size in zip(range(first, last + 1), sizes,
                                                                 strict=True))
        return linked / sum(sizes) if sum(sizes) else 0.0

    def _length(self, k: int) -> int:
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)
        return end - self.starts[k]

    def lines(self) -> list[Span]:
        """The span of every line of the page, empty ones included."""
        return [Span(start, start + self._length(k)) for k, start in enumerate(self.starts)]


def ends_sentence(text: str) -> bool:
    # A trailing ellipsis closes teasers ("Tell us what you think..."), rarely prose.
    text = text.rstrip()
    return text[-1:] in rules().sentence_final and not text.endswith(ELLIPSIS)


def is_boilerplate(text: str, words: bool = True) -> bool:
    return is_boiler(" ".join(text.split()), words=words)


def is_teaser(page: Page, span: Span) -> bool:
    """A link to another story: a phrase of several words, mostly link text, not a
    sentence, and not a spelled-out address (those are the article's own content)."""
    text = page.at(span)
    return (
        page.link_share(span) >= TEASER_LINKS
        and not ends_sentence(text)
        and size_of(text) >= TEASER_WORDS
        and not ADDRESS.search(text)
    )


def _words(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def is_headline(text: str, titles: tuple[str, ...]) -> bool:
    words = _words(text)
    if not words:
        return False
    return any(
        words == _words(t) or (len(words) > HEADLINE_PREFIX and _words(t).startswith(words))
        for t in titles
    )


def _edge_link(page: Page, span: Span) -> bool:
    return page.link_share(span) >= EDGE_LINKS and not ADDRESS.search(page.at(span))


def _tail_junk(page: Page, span: Span, links: bool = True) -> bool:
    # Below the article, link blocks are related stories even when they are sentences.
    return (links and _edge_link(page, span)) or is_boilerplate(page.at(span))


def _head_junk(page: Page, span: Span, links: bool = True) -> bool:
    text = page.at(span)
    if links and _edge_link(page, span) and not ends_sentence(text):
        return True
    return is_boilerplate(text) or is_dateline(text, size_of(text))


def refine(page: Page, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`spans` without the headline, teasers, boilerplate and junk at either end.

    Where most of the body is link text, links are the article (a list of resources),
    not teasers or widgets around it; and trimming takes the edges, never most of the body.
    """
    kept = list(spans)
    while kept and is_headline(page.at(kept[0]), page.titles):
        kept.pop(0)
    links = _linked(page, kept) < EDGE_SHARE
    kept = [s for s in kept if not (links and is_teaser(page, s)) and not _widget(page.at(s))]
    budget = EDGE_SHARE * sum(len(s) for s in kept)
    while len(kept) > 1 and _tail_junk(page, kept[-1], links) and len(kept[-1]) <= budget:
        budget -= len(kept.pop())
    while len(kept) > 1 and _head_junk(page, kept[0], links) and len(kept[0]) <= budget:
        budget -= len(kept.pop(0))
    return tuple(kept)


WIDGET_WORDS = 8


def _widget(text: str) -> bool:
    """A widget's line inside the body: its phrases, or its words ('Subscribe to our
    newsletter') in a short line; a longer line naming cookies is about cookies."""
    if ends_sentence(text):
        return False
    return is_boilerplate(text, words=size_of(text) <= WIDGET_WORDS)


def _linked(page: Page, spans: list[Span]) -> float:
    sizes = [len(s) for s in spans]
    total = sum(sizes)
    return sum(page.link_share(s) * n for s, n in zip(spans, sizes, strict=True)) / total \
        if total else 0.0


def page_titles(tree: lxml.html.HtmlElement, *extra: str | None) -> list[str]:
    """Every form of the headline a page gives: <title>, og/twitter titles, <h1>."""
    titles = [t for t in extra if t]
    titles += [e.text_content() for e in tree.iter("title", "h1")]
    titles += [
        m.get("content", "")
        for m in tree.iter("meta")
        if (m.get("property") or m.get("name")) in TITLE_META
    ]
    return titles


def _normal(text: str) -> str:
    return " ".join(text.split())


def sibling_paragraphs(tree: lxml.html.HtmlElement, paragraphs: list[str]) -> list[str]:
    """Prose paragraphs in containers like the one holding `paragraphs`.

    Pages cut long articles into several blocks of the same tag and class with
    advertisements between them; extractors keep one block only.
    """
    found = {_normal(p) for p in paragraphs if p.strip()}
    holders: Counter[tuple[str, str]] = Counter()
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and parent.get("class") and _normal(p.text_content()) in found:
            holders[(parent.tag, parent.get("class", ""))] += 1
    if not holders:
        return []
    (tag, klass), _ = holders.most_common(1)[0]
    containers = [e for e in tree.iter(tag) if e.get("class") == klass]
    if len(containers) < 2:
        return []
    texts = (_normal(p.text_content()) for c in containers for p in c.iterchildren("p"))
    return [t for t in texts if t not in found and _prose(t)]


def _prose(text: str) -> bool:
    return (
        ends_sentence(text)
        and size_of(text) >= SIBLING_WORDS
        and not is_boilerplate(text)
        and not ADDRESS.search(text)
    )
