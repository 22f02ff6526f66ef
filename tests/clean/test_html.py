"""HTML to text, with the body located inside the text."""

from __future__ import annotations

from dyadscope.clean.html import align, html_to_text, parse, render
from dyadscope.types import Span

PARAGRAPHS = [
    "The harbour authority opened a new ferry terminal on Friday, two years after the "
    "old building was damaged by a winter storm that flooded most of the waterfront.",
    "The terminal can handle four ships at the same time and has a waiting hall for "
    "about six hundred passengers, the authority said in a statement on its website.",
    "Local businesses welcomed the opening, saying that the lack of a proper terminal "
    "had kept many tourists away from the town during the last two summer seasons.",
    "The first international route, to the islands in the north, starts next month and "
    "will run three times a week until the end of the autumn, the operator said.",
]

HTML = f"""<!DOCTYPE html>
<html><head><title>New ferry terminal opens - Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Jane Example">
<meta property="article:published_time" content="2024-05-17T08:00:00+00:00">
<script>var tracking = "not text";</script><style>p {{ color: red; }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>New ferry terminal opens</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1].replace("six hundred", "<b>six  hundred</b>")}</p>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<footer><p>Contact us</p><p>© 2024 Harbour Times</p></footer>
</body></html>"""


def test_render_puts_blocks_on_lines_and_drops_scripts() -> None:
    tree = parse(HTML)
    assert tree is not None
    text = render(tree)
    lines = text.split("\n")
    assert "Home" in lines and "New ferry terminal opens" in lines
    assert PARAGRAPHS[1] in lines
    assert "tracking" not in text and "color" not in text


def test_body_spans_hold_the_article_paragraphs() -> None:
    page = html_to_text(HTML)
    body = [page.text[s.start : s.end] for s in page.body]
    joined = "\n".join(body)
    for paragraph in PARAGRAPHS:
        assert paragraph in joined
    assert "Contact us" not in joined and "Home" not in joined


def test_metadata() -> None:
    page = html_to_text(HTML)
    assert page.title == "New ferry terminal opens"
    assert page.author == "Jane Example"
    assert page.date == "2024-05-17"
    assert page.sitename == "Harbour Times"


def test_align_normalises_whitespace_and_tolerates_dropped_words() -> None:
    text = "Menu\nThe first line of the story is here.\nA second  line follows.".replace("  ", " ")
    spans = align(text, ["The first line of the story\nis here.", "- A second line follows."])
    assert [text[s.start : s.end] for s in spans] == [
        "The first line of the story is here.",
        "A second line follows.",
    ]
    sentence = (
        "The ferry will run three times a week until the end of the autumn season, "
        "when the harbour closes for the winter repairs."
    )
    text = f"Menu\n{sentence}"
    spans = align(text, [sentence.replace("the autumn season", "the season")])
    assert spans == (Span(5, len(text)),)


def test_empty_html() -> None:
    page = html_to_text("")
    assert page.text == "" and page.body == () and page.title is None


def _page_with(head: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><head><title>Terminal</title>{head}</head><body><article>{paragraphs}" \
           "</article></body></html>"


def test_the_page_declares_its_address() -> None:
    from dyadscope.clean.html import page_url

    heads = {
        '<link rel="canonical" href="https://harbour.example.com/2024/05/17/terminal">':
            "https://harbour.example.com/2024/05/17/terminal",
        '<meta property="og:url" content="https://harbour.example.com/terminal">':
            "https://harbour.example.com/terminal",
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "WebSite", "url": "https://harbour.example.com/"}, {"@type": '
        '"NewsArticle", "mainEntityOfPage": {"@id": "https://harbour.example.com/t"}}]}'
        "</script>": "https://harbour.example.com/t",
        '<link rel="canonical" href="/relative/only">': None,
    }
    for head, url in heads.items():
        tree = parse(_page_with(head))
        assert tree is not None
        assert page_url(tree) == url


def test_a_cleaned_page_carries_its_declared_address_and_its_date() -> None:
    from dyadscope.clean import clean
    from dyadscope.types import RawDocument

    html = _page_with('<link rel="canonical" href="https://harbour.example.com/2024/05/17/t">')
    document = clean(RawDocument(source="page.html", kind="html", content=html))
    assert document.url == "https://harbour.example.com/2024/05/17/t"
    assert document.outlet == "harbour.example.com"
    assert document.published is not None and document.published.value == "2024-05-17"
