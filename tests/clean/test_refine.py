"""Tidying the body an extractor found in a page, on invented pages."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from dyadscope.clean import html as html_module
from dyadscope.clean.html import html_to_text, parse, render_page, widen
from dyadscope.clean.refine import (
    Page,
    ends_sentence,
    is_headline,
    page_titles,
    refine,
    sibling_paragraphs,
)
from dyadscope.types import Span

PARAGRAPHS = [
    "The regional parliament voted on Wednesday to extend the fishing season by two weeks, "
    "after boat owners said that the autumn storms had kept them in port for most of October.",
    "The extension applies to the northern waters only, where the stocks are in good shape, "
    "the fisheries office said in a statement published after the vote in the chamber.",
    "Environmental groups criticised the decision and said that they would ask the courts to "
    "review it, arguing that the parliament had ignored the advice of its own scientists.",
]


def lines_of(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))


def page_of(rows: list[tuple[str, float]], titles: tuple[str, ...] = ()) -> Page:
    return Page.of("\n".join(r for r, _ in rows), tuple(share for _, share in rows), titles)


def kept(page: Page) -> list[str]:
    return [page.at(s) for s in refine(page, lines_of(page.text))]


def test_headline_teasers_and_edge_junk_are_dropped() -> None:
    rows = [
        ("Parliament extends the fishing season", 0.0),
        ("12 March 2024 09:15", 0.0),
        (PARAGRAPHS[0], 0.0),
        ("Ferry strike ends after three days of talks", 1.0),
        (PARAGRAPHS[1], 0.1),
        (PARAGRAPHS[2], 0.0),
        ("Subscribe to our newsletter", 0.0),
        ("Harbour reopens to cruise ships", 1.0),
        ("New bridge opens for cyclists", 1.0),
    ]
    page = page_of(rows, ("Parliament extends the fishing season - The Coast Herald",))
    assert kept(page) == PARAGRAPHS


def test_links_that_are_addresses_or_sentences_stay() -> None:
    rows = [
        (PARAGRAPHS[0], 0.0),
        ("www.example.org/fisheries/report-2024", 1.0),
        ("Read the full report of the fisheries office here.", 0.8),
        (PARAGRAPHS[1], 0.0),
    ]
    assert kept(page_of(rows)) == [r for r, _ in rows]


def test_link_share_weighs_lines_by_length() -> None:
    page = page_of([("a" * 30, 1.0), ("b" * 10, 0.0)])
    assert page.link_share(Span(0, 30)) == 1.0
    assert page.link_share(Span(0, 41)) == pytest.approx(30 / 40)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("It ended.", True), ("He said “no.”", True), ("Tell us what you think...", False),
     ("More stories…", False), ("Related stories", False)],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert ends_sentence(text) is expected


def test_headline_matches_title_forms() -> None:
    titles = ("Parliament extends the fishing season | The Coast Herald",)
    assert is_headline("Parliament extends the fishing season", titles)
    assert is_headline("Parliament Extends The Fishing Season!", titles)
    assert not is_headline("Parliament", titles)
    assert not is_headline(PARAGRAPHS[0], titles)


PAGE = f"""<html><head><title>Parliament extends the fishing season - The Coast Herald</title>
<meta property="og:title" content="Parliament extends the fishing season"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Parliament extends the fishing season</h1>
<div class="story-part"><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>
<div class="promo"><p>Subscribe to our newsletter</p></div>
<div class="story-part"><p>{PARAGRAPHS[2]}</p></div>
<footer><p>© 2024 The Coast Herald. All rights reserved.</p></footer>
</body></html>"""


def test_render_page_measures_link_text() -> None:
    tree = parse("<div><p>Plain words here</p><p><a href='/x'>all linked</a></p>"
                 "<p>half <a href='/y'>link</a></p></div>")
    assert tree is not None
    page = render_page(tree)
    assert page.text.split("\n") == ["Plain words here", "all linked", "half link"]
    assert page.links == (0.0, 1.0, pytest.approx(4 / 8))


def test_sibling_containers_complete_the_article() -> None:
    tree = parse(PAGE)
    assert tree is not None
    assert sibling_paragraphs(tree, PARAGRAPHS[:2]) == [PARAGRAPHS[2]]
    assert sibling_paragraphs(tree, ["Not on the page at all."]) == []


def test_page_titles_reads_title_meta_and_h1() -> None:
    tree = parse(PAGE)
    assert tree is not None
    titles = page_titles(tree, "From the extractor")
    assert titles[0] == "From the extractor"
    assert "Parliament extends the fishing season - The Coast Herald" in titles
    assert titles.count("Parliament extends the fishing season") == 2


def test_html_body_is_the_three_paragraphs() -> None:
    page = html_to_text(PAGE)
    body = [page.text[s.start : s.end] for s in page.body]
    assert "\n".join(body).split("\n") == PARAGRAPHS


def test_widen_falls_back_to_recall_when_precision_keeps_a_sliver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_text = "\n".join(PARAGRAPHS)
    monkeypatch.setattr(
        html_module, "_bare", lambda html, url, precision: SimpleNamespace(text=long_text)
    )
    assert widen("<html/>", None, ["Order reprints."], long_text) == PARAGRAPHS
    assert widen("<html/>", None, PARAGRAPHS, long_text) == PARAGRAPHS


def test_a_body_that_is_mostly_links_keeps_its_links() -> None:
    rows = [("Useful resources for new arrivals", 1.0), ("Housing office of the city", 1.0),
            ("Language courses for adults", 1.0), ("Registration of residence", 1.0)]
    page = page_of(rows)
    assert len(refine(page, lines_of(page.text))) == len(rows)


def test_trimming_never_takes_most_of_the_body() -> None:
    rows = [(PARAGRAPHS[0], 0.0), ("Read the whole long report of the fisheries office on "
                                   "the state of the northern stocks here", 1.0)]
    page = page_of(rows)
    assert kept(page) == [PARAGRAPHS[0]]


def test_widget_words_inside_the_body_do_not_drop_a_line() -> None:
    fragment = "which the office said it had stored as cookies in the browsers of"
    rows = [(PARAGRAPHS[0], 0.0), (fragment, 0.0), (PARAGRAPHS[1], 0.0)]
    page = page_of(rows)
    assert len(kept(page)) == 3


def _article(*blocks: str) -> str:
    return "<html><head><title>Fishing season</title></head><body><nav><a href='/'>Home</a>" \
           "</nav><article>" + "".join(blocks) + "</article><footer>Contact us</footer>" \
           "</body></html>"


def test_hidden_elements_are_not_text() -> None:
    html = _article(f"<p>{PARAGRAPHS[0]}</p>", "<p style='display: none'>Secret draft</p>",
                    "<div hidden>Old version</div>", f"<p>{PARAGRAPHS[1]}</p>")
    tree = parse(html)
    assert tree is not None
    text = render_page(tree).text
    assert "Secret draft" not in text and "Old version" not in text


def test_source_line_breaks_are_spaces_except_in_pre() -> None:
    html = _article("<p>The regional parliament\nvoted on Wednesday.</p>",
                    "<pre>line one\nline two</pre>")
    tree = parse(html)
    assert tree is not None
    text = render_page(tree).text
    assert "The regional parliament voted on Wednesday." in text
    assert "line one\nline two" in text


def test_a_repeated_paragraph_is_kept_as_often_as_the_page_repeats_it() -> None:
    from dyadscope.clean.html import repeats

    text = "\n".join(["Menu", PARAGRAPHS[0], PARAGRAPHS[0], PARAGRAPHS[1], "Footer"])
    first = text.index(PARAGRAPHS[0])
    body = (Span(first, first + len(PARAGRAPHS[0])),
            Span(text.index(PARAGRAPHS[1]), text.index(PARAGRAPHS[1]) + len(PARAGRAPHS[1])))
    found = repeats(Page.of(text, (0.0,) * 5, ()), body)
    assert [text[s.start : s.end] for s in found] == [PARAGRAPHS[0]]


def test_a_prose_paragraph_between_body_lines_joins_the_body() -> None:
    from dyadscope.clean.html import sandwiched

    quote = ("Boat owners told the committee that they had lost more than a third of their "
             "income this autumn because of the storms.")
    rows = [(PARAGRAPHS[0], 0.0), (quote, 0.0), (PARAGRAPHS[1], 0.0), ("More news", 1.0)]
    page = page_of(rows)
    body = tuple(s for s in lines_of(page.text) if page.at(s) in PARAGRAPHS)
    assert [page.at(s) for s in sandwiched(page, body)] == [quote]
