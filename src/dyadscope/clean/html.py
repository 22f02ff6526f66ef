"""Turn an HTML page into text, one block per line, and find the article body in it.

The body comes from trafilatura (precision mode); each paragraph it returns is
located in our own rendering of the page, so that every later stage works on
offsets into one text that holds the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from dyadscope.clean.body import body_spans
from dyadscope.types import Span

BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "ul", "option", "select", "button",
    }
)
SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed",
     "canvas"}
)
LIST_PREFIX = re.compile(r"^[-*•]\s+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
ANCHOR = 40


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    body: tuple[Span, ...]
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None


def parse(html: str) -> lxml.html.HtmlElement | None:
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def render(tree: lxml.html.HtmlElement) -> str:
    """The visible text of `tree`, one block element per line, spaces collapsed."""
    pieces: list[str] = []
    _walk(tree, pieces)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: etree._Element, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIP:
        return
    block = tag in BLOCK
    if block:
        pieces.append("\n")
    if tag and element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append("\n")


def align(text: str, paragraphs: list[str]) -> tuple[Span, ...]:
    """Spans of `text` holding each paragraph, found in order where possible.

    `text` has single spaces inside lines, so replacing the newlines by spaces
    gives a whitespace-normalised copy with the same offsets.
    """
    flat = text.replace("\n", " ")
    spans: set[Span] = set()
    cursor = 0
    for paragraph in paragraphs:
        for piece in _pieces(paragraph):
            for span in _locate(flat, piece, cursor):
                spans.add(span)
                cursor = span.end
    return _merge(sorted(spans, key=lambda s: (s.start, -s.end)))


def _pieces(paragraph: str) -> list[str]:
    cleaned = " ".join(LIST_PREFIX.sub("", paragraph).split())
    if "|" in cleaned and (cleaned.startswith("|") or " | " in cleaned):
        return [cell.strip() for cell in cleaned.split("|") if cell.strip()]
    return [cleaned] if cleaned else []


def _locate(flat: str, piece: str, cursor: int) -> list[Span]:
    """Where `piece` is in `flat`: verbatim, else between its first and last words
    (extractors drop some inline text), else sentence by sentence."""
    exact = _find(flat, piece, cursor)
    if exact is not None:
        return [exact]
    if len(piece) > 2 * ANCHOR:
        head = _find(flat, piece[:ANCHOR], cursor)
        tail = _find(flat, piece[-ANCHOR:], head.end) if head else None
        if head and tail and tail.end - head.start <= 1.5 * len(piece) + 100:
            return [Span(head.start, tail.end)]
    sentences = SENTENCE.split(piece)
    if len(sentences) < 2:
        return []
    found = []
    for sentence in sentences:
        span = _find(flat, sentence, cursor) if len(sentence) >= ANCHOR else None
        if span is not None:
            found.append(span)
            cursor = span.end
    return found


def _find(flat: str, piece: str, cursor: int) -> Span | None:
    at = flat.find(piece, cursor)
    if at < 0:
        at = flat.find(piece)
    return Span(at, at + len(piece)) if at >= 0 else None


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Drop spans inside others, join overlapping ones."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged.pop()
            span = Span(last.start, max(last.end, span.end))
        merged.append(span)
    return tuple(merged)


def extract(html: str, url: str | None) -> tuple[list[str], dict[str, str | None]]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
    )
    if doc is None:
        return [], {}
    meta = {key: getattr(doc, key, None) for key in ("title", "author", "date", "sitename")}
    return (doc.text or "").split("\n"), meta


def find_date(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date as htmldate_find

    # A parsed tree, never a string: htmldate would try to download a string
    # that looks like an address.
    return htmldate_find(tree, url=url, original_date=True, extensive_search=False)


def html_to_text(html: str, url: str | None = None) -> HtmlText:
    """The page as text, with the article body and the metadata trafilatura finds."""
    tree = parse(html)
    if tree is None:
        return HtmlText("", (), None, None, None, None)
    text = render(tree)
    paragraphs, meta = extract(html, url)
    body = align(text, paragraphs) if paragraphs else body_spans(text)
    date = meta.get("date") or find_date(tree, url)
    return HtmlText(
        text=text,
        body=body,
        title=meta.get("title"),
        author=meta.get("author"),
        date=date,
        sitename=meta.get("sitename"),
    )
