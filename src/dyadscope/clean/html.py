"""Turn an HTML page into text, one block per line, and find the article body in it.

The body comes from trafilatura (precision mode, or recall mode when precision
mode kept only a sliver of the page); each paragraph it returns is located in our
own rendering of the page, so that every later stage works on offsets into one
text that holds the whole page. `refine` then tidies the body's edges.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from dyadscope.clean.body import Kind, body_spans, classify, describe
from dyadscope.clean.outlet import title_suffix
from dyadscope.clean.refine import Page, page_titles, refine, sibling_paragraphs
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
PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext"})
LIST_PREFIX = re.compile(r"^[-*•]\s+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
ANCHOR = 40
SITE_META = {"og:site_name", "application-name"}
LONG_LINE = 100
SUSPECT_SHARE = 0.5
FALLBACK_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    body: tuple[Span, ...]
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None = None


def parse(html: str) -> lxml.html.HtmlElement | None:
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Rendered:
    """The visible text, one block per line, and for each line the share of its
    visible characters that sit inside links."""

    text: str
    links: tuple[float, ...]


def render(tree: lxml.html.HtmlElement) -> str:
    """The visible text of `tree`, one block element per line, spaces collapsed."""
    return render_page(tree).text


def render_page(tree: lxml.html.HtmlElement) -> Rendered:
    pieces: list[tuple[str, bool]] = []
    _walk(tree, pieces, False)
    lines: list[str] = []
    links: list[float] = []
    for raw in _raw_lines(pieces):
        line = " ".join("".join(part for part, _ in raw).split())
        if line:
            visible = sum(len("".join(part.split())) for part, _ in raw)
            linked = sum(len("".join(part.split())) for part, link in raw if link)
            lines.append(line)
            links.append(linked / visible)
    return Rendered("\n".join(lines), tuple(links))


def _raw_lines(pieces: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    lines: list[list[tuple[str, bool]]] = [[]]
    for piece, link in pieces:
        for k, part in enumerate(piece.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((part, link))
    return lines


def _walk(element: etree._Element, pieces: list[tuple[str, bool]], link: bool,
          pre: bool = False) -> None:
    """Visible text as (text, inside a link) pieces, "\n" between blocks. A line break
    in the source is only a space (as a browser shows it) except inside <pre>."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIP or (tag and _hidden(element)):
        return
    block = tag in BLOCK
    inner = link or tag == "a"
    pre = pre or tag in PREFORMATTED
    if block:
        pieces.append(("\n", link))
    if tag and element.text:
        pieces.append((_visible(element.text, pre), inner))
    for child in element:
        _walk(child, pieces, inner, pre)
        if child.tail:
            pieces.append((_visible(child.tail, pre), inner))
    if block:
        pieces.append(("\n", link))


HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(element: etree._Element) -> bool:
    """An element a browser does not show: the hidden attribute or an inline style."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and bool(HIDDEN_STYLE.search(style))


def _visible(text: str, pre: bool) -> str:
    return text if pre else text.replace("\n", " ")


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
    return _merge(spans)


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


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """The spans in text order, those inside others dropped, overlapping ones joined."""
    merged: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged.pop()
            span = Span(last.start, max(last.end, span.end))
        merged.append(span)
    return tuple(merged)


def extract(html: str, url: str | None) -> tuple[list[str], dict[str, str | None]]:
    doc = _bare(html, url, precision=True)
    if doc is None:
        return [], {}
    meta = {key: getattr(doc, key, None) for key in ("title", "author", "date", "sitename")}
    return (doc.text or "").split("\n"), meta


def _bare(html: str, url: str | None, precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=precision,
        favor_recall=not precision,
        include_comments=False,
        with_metadata=precision,
    )


def _size(paragraphs: list[str]) -> int:
    return sum(len(p.strip()) for p in paragraphs)


def widen(html: str, url: str | None, paragraphs: list[str], text: str) -> list[str]:
    """The recall-mode paragraphs when precision mode kept only a sliver of the article.

    Precision mode sometimes settles on a notice next to the article. The recall
    run costs a second extraction, so it runs only when the page holds far more
    long lines than precision mode returned.
    """
    prose = sum(len(line) for line in text.split("\n") if len(line) >= LONG_LINE)
    if _size(paragraphs) >= SUSPECT_SHARE * prose:
        return paragraphs
    doc = _bare(html, url, precision=False)
    wider = (doc.text or "").split("\n") if doc is not None else []
    return wider if _size(paragraphs) < FALLBACK_SHARE * _size(wider) else paragraphs


def body_of(tree: lxml.html.HtmlElement, page: Rendered, paragraphs: list[str],
            titles: list[str]) -> tuple[Span, ...]:
    """Align the extractor's paragraphs and those of sibling containers, then tidy."""
    spans = align(page.text, paragraphs) if _size(paragraphs) else ()
    if not spans:
        return body_spans(page.text)
    extra = sibling_paragraphs(tree, paragraphs)
    if extra:
        spans = _merge([*spans, *align(page.text, extra)])
    tidy = Page.of(page.text, page.links, titles)
    spans = _merge([*spans, *repeats(tidy, spans)])
    spans = _merge([*spans, *sandwiched(tidy, spans)])
    return refine(tidy, spans)


GAP_WORDS = 10
GAP_LINKS = 0.3


def sandwiched(page: Page, spans: tuple[Span, ...]) -> list[Span]:
    """A paragraph of prose, with few links, alone between two body lines: the extractor
    skipped it (a quote box, a paragraph in another container), the article has it."""
    lines = describe(page.text)
    inside = [any(s.start < ln.span.end and ln.span.start < s.end for s in spans)
              for ln in lines]
    return [lines[i].span for i in range(1, len(lines) - 1)
            if inside[i - 1] and inside[i + 1] and not inside[i]
            and classify(lines[i]) is Kind.GOOD and lines[i].size >= GAP_WORDS
            and page.link_share(lines[i].span) < GAP_LINKS]


REPEAT_WORDS = 10


def repeats(page: Page, spans: tuple[Span, ...]) -> list[Span]:
    """Lines next to the body that repeat one of its paragraphs word for word: the
    extractor keeps one copy of a repeated paragraph, the article has them all."""
    lines = page.lines()
    inside = [any(s.start < ln.end and ln.start < s.end for s in spans) for ln in lines]
    said = {page.at(ln) for ln, kept in zip(lines, inside, strict=True)
            if kept and len(page.at(ln).split()) >= REPEAT_WORDS}
    found: list[Span] = []
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        previous = None
        for i in order:
            if not inside[i] and previous is not None and inside[previous] and (
                    page.at(lines[i]) in said):
                inside[i] = True
                found.append(lines[i])
            previous = i
    return found


def site_name(tree: lxml.html.HtmlElement) -> str | None:
    """The name a page gives its site: og:site_name, application-name, or the
    publisher in its JSON-LD."""
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.lower() in SITE_META and (meta.get("content") or "").strip():
            return str(meta.get("content")).strip()
    return _first_ld(tree, _publisher)


def _first_ld(tree: lxml.html.HtmlElement, read: Callable[[str], str | None]) -> str | None:
    """What `read` finds first in the page's JSON-LD scripts."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found = read(script.text)
            if found:
                return found
    return None


def _ld_objects(raw: str) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD script, depth first, in document order."""
    try:
        data = json.loads(raw)
    except ValueError:
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _publisher(raw: str) -> str | None:
    for item in _ld_objects(raw):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return str(publisher["name"]).strip() or None
    return None


URL_META = ("og:url", "twitter:url", "dc.identifier", "parsely-link")


def page_url(tree: lxml.html.HtmlElement) -> str | None:
    """The address a page declares for itself: its canonical link, og:url and kin, or the
    url of the article in its JSON-LD."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and _absolute(link.get("href")):
            return str(link.get("href")).strip()
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in URL_META and _absolute(meta.get("content")):
            return str(meta.get("content")).strip()
    return _first_ld(tree, _ld_url)


def _absolute(value: str | None) -> bool:
    return bool(value) and str(value).strip().lower().startswith(("http://", "https://"))


ARTICLE_TYPES = ("article", "posting", "report")


def _ld_url(raw: str) -> str | None:
    for item in _ld_objects(raw):
        kind = str(item.get("@type", "")).lower()
        if not any(word in kind for word in ARTICLE_TYPES):
            continue
        for key in ("url", "mainEntityOfPage", "@id"):
            value = item.get(key)
            value = value.get("@id") if isinstance(value, dict) else value
            if isinstance(value, str) and _absolute(value):
                return value.strip()
    return None


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
    page = render_page(tree)
    paragraphs, meta = extract(html, url)
    paragraphs = widen(html, url, paragraphs, page.text)
    body = body_of(tree, page, paragraphs, page_titles(tree, meta.get("title")))
    site = site_name(tree) or meta.get("sitename") or title_suffix(_page_title(tree))
    declared = page_url(tree)
    date = meta.get("date") or find_date(tree, url or declared)
    return HtmlText(
        text=page.text,
        body=body,
        title=meta.get("title"),
        author=meta.get("author"),
        date=date,
        sitename=site,
        url=declared,
    )


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    return next((t.text_content() for t in tree.iter("title")), None)
