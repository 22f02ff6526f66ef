"""Body and headline detection on plain-text dumps."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from dyadscope.clean.body import body_spans, is_titled, title_span
from dyadscope.types import Span

SHARED = Path(__file__).resolve().parents[3] / "shared"

PARAGRAPHS = [
    "The city council approved the new budget on Monday after a long debate that lasted "
    "until late in the evening, with most members voting in favour of the plan.",
    "Under the plan, the city will spend more on public transport and on the repair of "
    "old school buildings, while the budget for the annual festival will be cut.",
    "Road works",
    "The mayor said that the work on the main bridge would begin in the spring and that "
    "it should be finished before the end of the year if the weather allows it.",
    "Critics of the plan argued that the council had not explained where the money for "
    "the new buses would come from, and they asked for a public hearing on the matter.",
]
PAGE = "\n".join(
    [
        "Home",
        "News",
        "Sport",
        "Weather",
        "Log in",
        "Council approves budget after long debate",
        "12.03 09:15",
        *PARAGRAPHS,
        "Share this article",
        "Subscribe to our newsletter",
        "- Local",
        "- Council passes parking rules",
        "- Storm closes two roads",
        "© 2024 The Example Gazette. All rights reserved.",
    ]
)


def texts(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_body_is_the_prose_lines_with_the_subheading() -> None:
    assert texts(PAGE, body_spans(PAGE)) == PARAGRAPHS


def test_spans_exclude_surrounding_whitespace() -> None:
    page = PAGE.replace(PARAGRAPHS[0], "   " + PARAGRAPHS[0] + "  \t")
    first = body_spans(page)[0]
    assert page[first.start : first.end] == PARAGRAPHS[0]


def test_title_is_the_headline_above_the_body() -> None:
    span = title_span(PAGE, body_spans(PAGE))
    assert span is not None
    assert PAGE[span.start : span.end] == "Council approves budget after long debate"


def test_title_is_not_in_body() -> None:
    page = "Council approves budget after long debate\n" + PAGE
    body = body_spans(page)
    title = title_span(page, body)
    assert title is not None and all(not title.overlaps(s) for s in body)


def test_comment_section_is_not_body() -> None:
    comments = [
        "3 comments",
        "reader_one says:",
        "March 12, 2024 at 10:02 am",
        "I have read this twice and I still do not understand why the council would want "
        "to cut the festival, which is the only thing that brings visitors to our town.",
        "another_reader says:",
        "March 12, 2024 at 11:40 am",
        "The buses are a good idea but the council should have asked the people who live "
        "along the new routes before deciding anything about them, in my opinion.",
    ]
    page = PAGE + "\n" + "\n".join(comments)
    assert texts(page, body_spans(page)) == PARAGRAPHS


def test_lines_in_another_script_are_not_body() -> None:
    foreign = "Городской совет утвердил новый бюджет в понедельник после долгих дебатов."
    page = PAGE.replace("Road works", foreign)
    assert foreign not in texts(page, body_spans(page))


def test_duplicated_caption_is_dropped() -> None:
    caption = "The mayor speaks to reporters outside the city hall on Monday, March 11, 2024."
    page = PAGE.replace("12.03 09:15", f"{caption}\n{caption}")
    assert caption not in texts(page, body_spans(page))


def test_empty_and_navigation_only_pages() -> None:
    assert body_spans("") == ()
    assert body_spans("Home\nNews\nSport\nLog in\n") == ()
    assert title_span("", ()) is None


TEASERS = [
    "Harbour Fees Rise For Cruise Ships",
    "Anna Example",
    "The port authority will charge cruise lines more from next spring, it said on Friday.",
    "Ferry Strike Ends After Three Days",
    "Tom Example",
    "Crews returned to work after the operator agreed to a new rota for the winter months.",
    "New Cycle Bridge Opens Downtown",
    "Lea Example",
    "The bridge links the old town with the station and cost less than the city expected.",
    "Storm Damages Sea Wall At The Marina",
    "Ben Example",
    "Engineers said repairs to the wall would take at least six weeks and close the pier.",
]


def test_list_of_teasers_after_the_article_is_not_body() -> None:
    page = PAGE.replace("Share this article", "More from the Gazette\n" + "\n".join(TEASERS))
    assert texts(page, body_spans(page)) == PARAGRAPHS


def test_long_comment_thread_below_a_comment_header_is_not_body() -> None:
    reply = (
        "I have lived in this town for forty years and I have never seen the council spend so "
        "much on buses while the roads in the old quarter are full of holes, which is a shame. "
    )
    comments = ["Comments"]
    for n in range(6):
        comments += [f"reader_{n} on March 12, 2024 at 10:0{n} am said:", reply * 2]
    page = PAGE + "\n" + "\n".join(comments)
    assert texts(page, body_spans(page)) == PARAGRAPHS


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Ferry Strike Ends After Three Days", True), ("Storm closes two roads in the north", False),
     ("Council Approves Budget For Buses", True), ("NASA", False)],
)
def test_headline_capitalisation(line: str, expected: bool) -> None:
    assert is_titled(line) is expected


def token_f1(gold: str, predicted: str) -> float:
    g, p = Counter(gold.split()), Counter(predicted.split())
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not available")
def test_seed_bodies_match_the_gold() -> None:
    scores = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        gold = json.loads((SHARED / "gold/seeds" / f"{path.stem}.json").read_text("utf-8"))
        text = path.read_text(encoding="utf-8")
        start = text.index(gold["body"]["first"])
        end = text.index(gold["body"]["last"], start) + len(gold["body"]["last"])
        predicted = "\n".join(texts(text, body_spans(text)))
        scores.append(token_f1(text[start:end], predicted))
    assert scores and sum(scores) / len(scores) >= 0.95


def test_a_brief_of_one_sentence_is_its_own_body() -> None:
    text = "Iraq expelled the Turkish ambassador.\n"
    assert [text[s.start : s.end] for s in body_spans(text)] == [
        "Iraq expelled the Turkish ambassador."]


def test_a_few_headline_lines_make_no_body() -> None:
    assert body_spans("Home\nWorld news\nContact us\n") == ()


WRAPPED_PARAGRAPHS = [
    "The foreign ministers of the two coastal states met in the capital on Tuesday to "
    "discuss a long-running quarrel over fishing rights, officials from both sides said.",
    "According to a statement issued afterwards, the ministers agreed to set up a joint "
    "commission that will review the maritime boundary and report within six months.",
    "One of the ministers told reporters that his government wanted a settlement that "
    "respected the court ruling and protected the livelihoods of fishermen on both sides.",
    "Analysts said the meeting was the first sign in years that both capitals were ready "
    "to move past the quarrel, although some opposition lawmakers criticised the deal.",
]


def _kept_words(text: str) -> int:
    return sum(len(text[s.start : s.end].split()) for s in body_spans(text))


def test_a_hard_wrapped_article_keeps_its_body() -> None:
    import textwrap

    for gap in ("\n\n", "\n"):
        text = "Ministers agree to review sea border\n\n" + gap.join(
            textwrap.fill(p, 68) for p in WRAPPED_PARAGRAPHS)
        words = sum(len(p.split()) for p in WRAPPED_PARAGRAPHS)
        assert _kept_words(text) >= 0.9 * words


def test_wrapped_paragraphs_become_one_block_each() -> None:
    import textwrap

    from dyadscope.clean.body import paragraph_spans, wrap_width

    text = "\n\n".join(textwrap.fill(p, 68) for p in WRAPPED_PARAGRAPHS)
    assert wrap_width([len(line) for line in text.split("\n") if line]) is not None
    assert len(paragraph_spans(text)) == len(WRAPPED_PARAGRAPHS)
    unwrapped = "\n".join(WRAPPED_PARAGRAPHS)
    assert len(paragraph_spans(unwrapped)) == len(WRAPPED_PARAGRAPHS)


def test_one_block_of_run_together_sentences_is_a_body() -> None:
    text = "".join(WRAPPED_PARAGRAPHS).replace(". ", ".")
    assert _kept_words(text) == len(text.split())


def test_widget_words_inside_a_sentence_are_not_boilerplate() -> None:
    from dyadscope.clean.body import is_boiler

    assert is_boiler("Subscribe to our newsletter")
    assert is_boiler("Sign in")
    assert not is_boiler(WRAPPED_PARAGRAPHS[3])
    assert not is_boiler("The government said it would sign up to the regional trade pact "
                         "before the end of the year.")


def test_a_paragraph_that_announces_a_list_takes_the_list() -> None:
    intro = ("The ministry published the list of border crossings that will reopen to "
             "trucks from next week, after months of negotiations with its neighbours:")
    items = ["1) North bridge crossing", "2) River ferry terminal", "3) Mountain pass road"]
    text = "\n".join(["Home | News", WRAPPED_PARAGRAPHS[0], WRAPPED_PARAGRAPHS[1], intro,
                      *items, "Share this article", "Related stories"])
    body = [text[s.start : s.end] for s in body_spans(text)]
    assert body[-3:] == items
    assert "Share this article" not in body


def test_a_page_with_prose_never_comes_out_empty() -> None:
    from dyadscope.clean.body import describe, fallback

    lines = describe("Menu\n" + WRAPPED_PARAGRAPHS[0] + "\nFooter")
    assert [lines[i].text for i in fallback(lines)] == [WRAPPED_PARAGRAPHS[0]]
    assert fallback(describe("Menu\nFooter")) == []
