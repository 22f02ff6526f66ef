"""Raw documents to clean documents: text, body spans, title, outlet, author, language, date."""

from __future__ import annotations

import hashlib

from dyadscope.types import Document, RawDocument, Span


def document_id(text: str) -> str:
    return "doc-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _text_and_body(raw: RawDocument) -> tuple[str, tuple[Span, ...], dict[str, str | None]]:
    if raw.kind == "html":
        from dyadscope.clean.html import html_to_text

        page = html_to_text(raw.content, raw.url)
        meta = {"title": page.title, "author": page.author, "date": page.date,
                "sitename": page.sitename}
        return page.text, page.body, meta
    from dyadscope.clean.body import body_spans

    text = raw.content
    return text, body_spans(text), {}


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
    published, confidence = publication_date(
        text, body, title_at, hint=raw.published or meta.get("date")
    )
    outlet = raw.outlet or find_outlet(text, body, raw.url, meta.get("sitename"))
    return Document(
        id=document_id(text),
        source=raw.source,
        text=text,
        body=body,
        title=title,
        url=raw.url,
        outlet=outlet,
        author=meta.get("author") or find_author(text, body),
        language=document_language(text, body),
        published=published,
        published_confidence=confidence,
    )
