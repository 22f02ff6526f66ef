"""Outlets and authors from credits, datelines, bylines and URLs, on short invented strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyadscope.clean import clean
from dyadscope.clean.html import html_to_text
from dyadscope.clean.outlet import (
    copyright_holder,
    find_author,
    find_outlet,
    known_outlet,
    person_name,
    site_label,
    title_suffix,
)
from dyadscope.types import RawDocument, Span

SEEDS = Path("/work/shared/seeds")
PROSE = "The two delegations spent the afternoon on trade, transport and a long list of " * 2


def lines(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text))


def outlet(text: str, url: str | None = None) -> str | None:
    return find_outlet(text, lines(text), url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GOMEL, March 4. /TASS/. Talks were held.", "TASS"),
        ("(MENAFN) Talks were held in Baku.", "MENAFN"),
        ("Hue, Aug. 6 (Jiji Press) -- Talks were held.", "Jiji Press"),
        ("LONDON (Reuters) - Talks were held.", "Reuters"),
        ("Talks were held.\nThe talks ran late into the night. — AFP", "AFP"),
        ("Talks were held.\nA caption of the photo. — AFP\nMore text.", None),
        ("Talks were held.\nThe minister at the airport. (Getty Images/AFP)", None),
        ("March 3, Nashaweb. The sides met.", "Nashaweb"),
        ("Harbour Daily News – Tallinn / Helsinki\nThe sides met.", "Harbour Daily News"),
        ("Coastline Media Network - Split\nThe sides met.", "Coastline"),
        ("Prime Minister - Tallinn\nThe sides met.", None),
        ("The sides met in Baku, Harbourtimes reports, citing the Coastal Agency.",
         "Harbourtimes (Coastal Agency)"),
        ("March 3, BelTA. The sides met.", "BelTA"),
        ("A story about a man (L) and a committee (BIC).", None),
        ("EDITOR IN CHIEF- JOHN DOE SMITH\nTalks were held.", None),
        ("Reuters reported that the talks were held.", None),
    ],
)
def test_outlet_from_text(text: str, expected: str | None) -> None:
    assert outlet(text) == expected


def test_outlet_from_url() -> None:
    assert outlet("Talks were held.", "https://www.belta.by/president/view/1") == "BelTA"
    assert outlet("Talks were held.", "https://news.example.org/a/1") == "news.example.org"
    assert outlet("Talks were held.", "https://www.omanobserver.om/article/1") == "Oman Observer"


def test_a_caption_credit_outside_the_body_is_not_the_outlet() -> None:
    text = "Soldiers patrol the border near the crossing. (AP)\n" + PROSE + "\n" + PROSE
    body = (Span(text.index(PROSE), len(text)),)
    assert find_outlet(text, body) is None
    wire = "LIMA (AP) — " + PROSE
    assert find_outlet(wire, (Span(0, len(wire)),)) == "AP"


def test_site_and_wire_together() -> None:
    text = "Talks were held.\nThe end of the story. — AFP"
    assert outlet(text, "https://www.omanobserver.om/a") == "Oman Observer (AFP)"
    assert outlet("(AFP) Talks were held.", "https://www.afp.com/en/x") == "AFP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks were held.\n© 2024 Harbour Times. All rights reserved.", "Harbour Times"),
        ("Talks were held.\nCopyright © 2019-2024 Coast Media Group, Inc.", "Coast Media Group"),
        ("Talks were held.\nHarbour Times 2024 - All rights reserved", "Harbour Times"),
        ("Talks were held.\n© 2023 ООО «Северный Вестник». Все права защищены.",
         "Северный Вестник"),
        ("Talks were held.\n© 2024 The Associated Press. All rights reserved.", "AP"),
        ("Copyright law was discussed at the meeting for the whole afternoon.", None),
        ("The photo is in the public domain, the copyright holder said.", None),
    ],
)
def test_copyright_holder(text: str, expected: str | None) -> None:
    assert copyright_holder(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry strike ends after three days | Harbour Times", "Harbour Times"),
        ("Ferry strike ends after three days - BBC News", "BBC"),
        ("Opinion | Ferry strike ends - The Coast Herald", "The Coast Herald"),
        ("Ferry strike: crews return to work", None),
        ("Unions - Operators", None),
        (None, None),
    ],
)
def test_title_suffix(title: str | None, expected: str | None) -> None:
    assert title_suffix(title) == expected


def test_declared_site_names() -> None:
    assert site_label("harbourtimes", declared=True) == "harbourtimes"
    assert site_label("harbourtimes") is None
    assert site_label("Harbour Times | Daily news from the coast", declared=True) == "Harbour Times"
    assert site_label("@harbourtimes", declared=True) == "harbourtimes"
    assert site_label("Reuters", declared=True) == "Reuters"


def test_outlet_evidence_order() -> None:
    text = "March 3, Nashaweb. The sides met.\n© 2024 Harbour Times. All rights reserved."
    known = "https://www.belta.by/a/1"
    unknown = "https://news.example.org/a/1"
    assert outlet(text, known) == "BelTA"
    assert find_outlet(text, lines(text), unknown, "Coast Herald") == "Coast Herald"
    assert outlet(text, unknown) == "Harbour Times"
    assert outlet("March 3, Nashaweb. The sides met.", unknown) == "news.example.org"
    assert outlet("March 3, Nashaweb. The sides met.") == "Nashaweb"
    assert outlet("March 3, Nashaweb. The sides met.\n© 2024 Harbour Times.") == "Harbour Times"
    wired = "The sides met. — AFP\n© 2024 Harbour Times."
    assert outlet(wired) == "Harbour Times (AFP)"


SITE_PAGE = """<html><head><title>Ferry strike ends | Harbour Times</title>{meta}</head>
<body><article><p>Crews returned to work on Monday after the operator agreed to a new winter
rota, ending a three-day strike that had cut the islands off from the mainland.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta property="og:site_name" content="The Coast Herald">', "The Coast Herald"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
         '{"@type": "NewsArticle", "headline": "Ferry strike ends", '
         '"publisher": {"@type": "Organization", "name": "Island Post"}}]}</script>',
         "Island Post"),
        ('<script type="application/ld+json">{not json</script>', "Harbour Times"),
        ("", "Harbour Times"),
    ],
)
def test_site_name_from_html(meta: str, expected: str) -> None:
    page = html_to_text(SITE_PAGE.format(meta=meta))
    assert find_outlet(page.text, page.body, None, page.sitename) == expected


def test_known_outlet_aliases() -> None:
    record = known_outlet("Agence France-Presse")
    assert record is not None and record["name"] == "AFP"
    assert known_outlet("ap") is None  # short capitals match only as written
    assert known_outlet("AP") is not None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anna Petrova", "Anna Petrova"),
        ("Jean-Luc de la Croix", "Jean-Luc de la Croix"),
        ("J. R. Smith", "J. R. Smith"),
        ("SHARE ARTICLE", None),
        ("Read More", None),
        ("Situation in Belarus", None),
        ("Reuters", None),
        ("The Guardian", None),
        ("Sunday Morning", None),
    ],
)
def test_person_name(line: str, expected: str | None) -> None:
    assert person_name(line) == expected


def test_author_from_byline() -> None:
    text = "Title\nBy Anna Petrova, Staff Writer\n" + PROSE
    assert find_author(text, lines(text)) == "Anna Petrova"
    text = "Title\nBy Jane Smith and Tom O'Neil; Editing by Bob\n" + PROSE
    assert find_author(text, lines(text)) == "Jane Smith and Tom O'Neil"
    text = "Title\nAuthor: Olga Ivanova\n" + PROSE
    assert find_author(text, lines(text)) == "Olga Ivanova"


def test_author_from_signature_line() -> None:
    text = f"Title\n{PROSE.strip()}.\n\nIvan Sidorov\n\nAll rights reserved\nLog in"
    body = (Span(6, 6 + len(PROSE)),)
    assert find_author(text, body) == "Ivan Sidorov"
    assert find_author(text, lines(text)) == "Ivan Sidorov"


def test_no_author_when_none_is_given() -> None:
    text = "Title\nBy the end of 2023 the ministers agreed.\n" + PROSE
    assert find_author(text, lines(text)) is None


SEED_EXPECTED = {
    "000": ("Pozirk", None),
    "001": (None, "Nikolai Krylov"),
    "002": (None, None),
    "003": ("AFP", None),
    "004": (None, None),
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no shared seeds here")
@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_outlets_and_authors(prefix: str) -> None:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    body = lines(text)
    assert (find_outlet(text, body), find_author(text, body)) == SEED_EXPECTED[prefix]


def test_a_city_on_the_line_after_the_date_is_no_outlet_and_a_byline_no_headline() -> None:
    text = ("Chile and Peru sign a border treaty in Lima\nBy Ana Torres\nMay 5, 2025\n"
            "LIMA — Chilean President Gabriel Boric and Peruvian President Dina Boluarte signed "
            "a treaty on Monday that settles the last open stretch of their maritime border.\n"
            "The two leaders also agreed to build a rail link between Tacna and Arica by 2030, "
            "officials from both foreign ministries said after the ceremony.\n")
    document = clean(RawDocument(source="t.txt", kind="text", content=text))
    assert document.title == "Chile and Peru sign a border treaty in Lima"
    assert document.outlet is None and document.author == "Ana Torres"
