"""Raw documents to clean documents: text, body spans, title, outlet, author, language, date."""

from __future__ import annotations

import hashlib
import re

from dyadscope.types import Document, RawDocument, Span

# Stored pages may open with the crawler's 'date YYYY-MM-DD' on the first line, before the
# headline or the first paragraph: metadata to read, not body to report.
DATE_MARKER = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s+")


def document_id(text: str) -> str:
    return "doc-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _text_and_body(raw: RawDocument) -> tuple[str, tuple[Span, ...], dict[str, str | None]]:
    if raw.kind == "html":
        from dyadscope.clean.html import html_to_text

        page = html_to_text(raw.content, raw.url)
        meta = {"title": page.title, "author": page.author, "date": page.date,
                "sitename": page.sitename, "url": page.url}
        return page.text, page.body, meta
    from dyadscope.clean.body import body_spans

    text = raw.content
    return text, _after_marker(text, body_spans(text)), {}


def _after_marker(text: str, body: tuple[Span, ...]) -> tuple[Span, ...]:
    marker = DATE_MARKER.match(text)
    if marker is None or not body or body[0].start > marker.start() + 1:
        return body
    first = Span(max(body[0].start, marker.end()), body[0].end)
    return ((first,) if len(first) else ()) + body[1:]


def clean(raw: RawDocument) -> Document:
    from dyadscope.clean.body import title_span
    from dyadscope.clean.dates import publication_date
    from dyadscope.clean.language import document_language
    from dyadscope.clean.outlet import find_author, find_outlet

    text, body, meta = _text_and_body(raw)
    title = raw.title or meta.get("title")
    title_at = title_span(text, body) if raw.kind == "text" else None
    if title is None and title_at is not None:
        title = text[title_at.start : title_at.end].strip()
    url = raw.url or meta.get("url")
    published, confidence = publication_date(
        text, body, title_at, hint=raw.published or meta.get("date"), url=url
    )
    outlet = raw.outlet or find_outlet(text, body, url, meta.get("sitename"))
    return Document(
        id=document_id(text),
        source=raw.source,
        text=text,
        body=body,
        title=title,
        url=url,
        outlet=outlet,
        author=meta.get("author") or find_author(text, body),
        language=document_language(text, body),
        published=published,
        published_confidence=confidence,
    )
