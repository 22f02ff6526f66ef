"""The page in a real browser (Debian's chromium, driven by Playwright) over a real server."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from dyadscope import api as dyadscope_api
from dyadscope.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM.is_file():
    pytest.skip(f"no browser: {CHROMIUM} is missing (apt-get install chromium)",
                allow_module_level=True)

Page = sync_api.Page
expect = sync_api.expect
WAIT_MS = 15_000
# Flags and emoji lie outside the BMP: one code point (Python's offsets) but two UTF-16 units.
ASTRAL = """Belarus 🇧🇾 and Vietnam 🇻🇳 agree on dairy trade
Published: 14 May 2024
MINSK, May 14 (Wire) - Belarusian Agriculture Minister Sergei Bartosh met Vietnamese Trade \
Minister Nguyen Hong Dien in Minsk on Tuesday and the two ministers signed an agreement on \
dairy exports.
Bartosh said Belarus wanted to double its milk powder sales to Vietnam next year. 🥛
Nguyen Hong Dien invited Bartosh to visit Hanoi in the autumn.
"""


@pytest.fixture(scope="module")
def browser_db(new_database: Callable[[str], Path | str],
               tmp_path_factory: pytest.TempPathFactory) -> Path | str:
    """The samples and one article with characters outside the BMP before its mentions."""
    root = tmp_path_factory.mktemp("browser")
    db = new_database("browser")
    (root / "articles").mkdir()
    (root / "articles" / "astral_dairy_trade.txt").write_text(ASTRAL, encoding="utf-8")
    with resources.as_file(resources.files("dyadscope") / "data" / "samples") as samples:
        assert not dyadscope_api.ingest([samples, root / "articles"], db).failures
    return db


@pytest.fixture(scope="module")
def base_url(browser_db: Path) -> Iterator[str]:
    """`dyadscope serve` over `browser_db`, on a free loopback port, in a thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(browser_db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=args,
        )
        yield launched
        launched.close()


@pytest.fixture
def errors() -> list[str]:
    """What the browser logged as errors; a test that expects some takes them out."""
    return []


@pytest.fixture
def page(browser: Any, base_url: str, errors: list[str]) -> Iterator[Page]:
    """The page, loaded; the test fails if the browser logged any error meanwhile."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.goto(base_url + "/")
    expect(opened.locator("#stats")).to_contain_text("documents")
    yield opened
    context.close()
    assert errors == []


def api(base_url: str, path: str, **params: str | int) -> Any:
    response = httpx.get(base_url + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def column(page: Page, table: str, index: int) -> list[str]:
    return page.locator(f"{table} tbody tr td:nth-child({index})").all_inner_texts()


def test_page_loads_and_lists_events(page: Page, base_url: str) -> None:
    counts = api(base_url, "/api/stats")["counts"]
    expect(page.locator("#stats")).to_have_text(
        f"{counts['documents']} documents · {counts['entities']} entities · "
        f"{counts['events']} events · {counts['evidence']} evidence sentences")
    expect(page.locator("#timeline-status")).to_contain_text(f"{counts['events']} events")
    first = api(base_url, "/api/events", limit=50)
    rows = page.locator("#timeline-table tbody tr")
    expect(rows).to_have_count(min(50, counts["events"]))
    assert column(page, "#timeline-table", 1) == [e["date"] or "undated" for e in first]
    assert column(page, "#timeline-table", 2) == [e["type"] for e in first]
    names = page.locator("#actor-names option")
    expect(names.first).to_be_attached()
    assert {"Belarus", "Vietnam"} <= set(names.evaluate_all("os => os.map(o => o.value)"))


def test_paging_through_all_events(page: Page, base_url: str) -> None:
    everything = api(base_url, "/api/events")
    assert len(everything) > 50, "the samples should need two pages"
    expect(page.locator("#page-prev")).to_be_disabled()
    page.click("#page-next")
    expect(page.locator("#timeline-table tbody tr")).to_have_count(len(everything) - 50)
    assert column(page, "#timeline-table", 1) == [e["date"] or "undated" for e in everything[50:]]
    expect(page.locator("#page-next")).to_be_disabled()
    expect(page.locator("#timeline-status")).to_contain_text(f"51–{len(everything)} shown")


def choose_dyad(page: Page, a: str, b: str) -> None:
    page.fill("#dyad-form input[name=a]", a)
    page.fill("#dyad-form input[name=b]", b)
    page.click("#dyad-form button[type=submit]")
    expect(page.locator("#timeline-status")).to_contain_text(f"events between {a} and {b}")


def test_two_countries_filter_the_timeline(page: Page, base_url: str) -> None:
    expected = api(base_url, "/api/timeline", a="Belarus", b="Vietnam")["events"]
    every = len(api(base_url, "/api/events"))
    assert 0 < len(expected) < every
    choose_dyad(page, "Belarus", "Vietnam")
    expect(page.locator("#timeline-table tbody tr")).to_have_count(len(expected))
    assert column(page, "#timeline-table", 1) == [r["date"] for r in expected]
    sides = [cell.splitlines()[0] for cell in column(page, "#timeline-table", 3)]
    assert sides == [f"{r['source_name']} → {r['target_name']}" for r in expected]
    expect(page.locator("#pager")).to_be_hidden()
    page.click("#show-all")
    expect(page.locator("#timeline-table tbody tr")).to_have_count(min(50, every))


def test_unknown_actor_is_reported(page: Page, errors: list[str]) -> None:
    page.fill("#dyad-form input[name=a]", "Belarus")
    page.fill("#dyad-form input[name=b]", "Atlantis")
    page.click("#dyad-form button[type=submit]")
    expect(page.locator("#timeline-status")).to_contain_text("no actor called 'Atlantis'")
    expect(page.locator("#timeline-status")).to_have_class("error")
    expect(page.locator("#timeline-table")).to_be_hidden()
    assert len(errors) == 1 and "404" in errors[0]
    errors.clear()


# Each highlighted segment with its offset in code points, as the reader's text lays them out.
SEGMENTS = """container => {
  const out = [];
  let at = 0;
  for (const node of container.childNodes) {
    const length = Array.from(node.textContent).length;
    if (node.nodeType === Node.ELEMENT_NODE) {
      out.push({start: at, end: at + length, text: node.textContent,
                classes: Array.from(node.classList)});
    }
    at += length;
  }
  return out;
}"""


def highlighted(page: Page, kind: str) -> list[dict[str, Any]]:
    segments = page.locator("#reader-text").evaluate(SEGMENTS)
    return [s for s in segments if kind in s["classes"]]


def assert_tiles(segments: list[dict[str, Any]], spans: list[dict[str, Any]]) -> None:
    """The segments cover exactly the spans' characters, and read as the spans' texts."""
    covered = sorted((s["start"], s["end"]) for s in segments)
    wanted = sorted({(s["start"], s["end"]) for s in spans})
    by_start = {s["start"]: s for s in segments}
    for start, end in wanted:
        pieces, at = [], start
        while at < end:
            assert at in by_start, f"nothing highlighted at {at} within {start}:{end}"
            pieces.append(by_start[at]["text"])
            at = by_start[at]["end"]
        assert at == end
        assert "".join(pieces) == next(
            s["text"] for s in spans if (s["start"], s["end"]) == (start, end))
    assert all(any(s <= a and b <= e for s, e in wanted) for a, b in covered)


def open_document(page: Page, base_url: str, index: int) -> dict[str, Any]:
    listed = api(base_url, "/api/documents")[index]
    page.click("nav .tab[data-tab=documents]")
    page.locator("#document-table tbody tr").nth(index).click()
    expect(page.locator("#reader")).to_have_attribute("data-document", listed["id"])
    return api(base_url, f"/api/documents/{listed['id']}")


def test_document_highlights_mentions_at_their_characters(page: Page, base_url: str) -> None:
    checked, astral = 0, 0
    for index in range(len(api(base_url, "/api/documents"))):
        doc = open_document(page, base_url, index)
        expect(page.locator("#reader-title")).to_have_text(doc["title"] or doc["source"])
        assert page.locator("#reader-text").text_content() == doc["text"]
        mentions = highlighted(page, "mention")
        assert_tiles(mentions, doc["mentions"])
        for mention in doc["mentions"]:
            assert doc["text"][mention["start"]:mention["end"]] == mention["text"]
        assert_tiles(highlighted(page, "evidence-other"), doc["evidence"])
        checked += len(doc["mentions"])
        first = min(m["start"] for m in doc["mentions"])
        astral += any(ord(c) > 0xFFFF for c in doc["text"][:first])
    assert checked > 50 and astral == 1


def test_evidence_link_focuses_its_sentence(page: Page, base_url: str) -> None:
    row = api(base_url, "/api/timeline", a="Belarus", b="Vietnam")["events"][2]
    item = row["evidence"][0]
    choose_dyad(page, "Belarus", "Vietnam")
    page.locator("#timeline-table tbody tr").nth(2).locator("a.source-link").first.click()
    expect(page.locator("#reader")).to_have_attribute("data-document", item["document"])
    focused = highlighted(page, "evidence")
    assert_tiles(focused, [item])
    assert "".join(s["text"] for s in focused) == item["text"]
    expect(page.locator("#reader-text .evidence").first).to_be_in_viewport()


def test_entity_search(page: Page, base_url: str) -> None:
    page.click("nav .tab[data-tab=entities]")
    people = api(base_url, "/api/entities", type="PERSON")
    expect(page.locator("#entity-table tbody tr")).to_have_count(len(people))
    page.fill("#entity-form input[name=q]", "lukashenk")
    page.click("#entity-form button[type=submit]")
    found = api(base_url, "/api/entities", type="PERSON", q="lukashenk")
    assert found and len(found) < len(people)
    expect(page.locator("#entity-table tbody tr")).to_have_count(len(found))
    assert column(page, "#entity-table", 1) == [e["name"] for e in found]
    page.locator("#entity-table tbody tr").first.click()
    detail = api(base_url, f"/api/entities/{found[0]['id']}")
    expect(page.locator("#entity-detail h3")).to_have_text(
        f"{detail['name']} — {len(detail['events'])} events")
    expect(page.locator("#entity-detail li")).to_have_count(len(detail["events"]))


def test_entity_search_ignores_accents_and_type(page: Page, base_url: str) -> None:
    page.click("nav .tab[data-tab=entities]")
    page.select_option("#entity-form select[name=type]", "")
    page.fill("#entity-form input[name=q]", "PHAM MINH CHINH")
    page.click("#entity-form button[type=submit]")
    found = api(base_url, "/api/entities", q="PHAM MINH CHINH")
    assert found
    expect(page.locator("#entity-table tbody tr")).to_have_count(len(found))
    assert column(page, "#entity-table", 1) == [e["name"] for e in found]
