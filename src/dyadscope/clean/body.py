"""Find the article body in a plain-text page dump (one block per line).

Each line is classified from its own shape (length, stop-word share, final
punctuation, boilerplate and timestamp patterns, duplication, script), given a
weight, and the body is the contiguous run of lines with the largest total
weight: long prose pulls the run out, navigation and widgets push it back.
Lines shaped like headlines push back too, and a prose line with no prose line
next to it counts for less, so that lists of teasers (headline, byline, blurb)
below an article stay out. Nothing below a comment header that follows prose
is body. Inside the run, lines that are plainly boilerplate are dropped and
short lines (subheadings, bylines between paragraphs) are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from dyadscope.clean import blocks
from dyadscope.clean.outlet import is_byline
from dyadscope.types import Span

WORD = re.compile(r"\w+")
DUP_WINDOW = 100000
LONG = 40
MIN_PROSE = 6
LEAD_MIN = 15
MIN_FOREIGN = 3
COMMENTS_AFTER = 40.0
HEADLINE_WORDS = 15
LONE_PROSE = 0.25
TITLED_SHARE = 0.7
TITLED_MIN = 3
SHORT_WEIGHT = -2.0
HEADLINE_WEIGHT = -1.0
TITLED_WEIGHT = -3.0
DIGIT_TOKEN = re.compile(r"\S*\d\S*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
LONG_WORD = re.compile(r"[^\W\d_]{4,}")


class Kind(Enum):
    GOOD = "good"
    NEAR = "near"
    SHORT = "short"
    BAD = "bad"


@dataclass(frozen=True, slots=True)
class Rules:
    stopwords: dict[str, frozenset[str]]
    boilerplate: re.Pattern[str]
    boilerplate_words: re.Pattern[str]
    timestamp: re.Pattern[str]
    list_marker: re.Pattern[str]
    dateline: re.Pattern[str]
    comments: re.Pattern[str]
    months: frozenset[str]
    sentence_end: str
    sentence_final: str


@dataclass(frozen=True, slots=True)
class Line:
    span: Span
    text: str
    size: float
    stop: float | None
    ends: bool
    boiler: bool
    stamp: bool
    listed: bool
    dup: bool
    foreign: bool
    comments: bool
    digits: float
    titled: bool


@cache
def rules() -> Rules:
    raw = resources.files("dyadscope").joinpath("data", "clean", "boilerplate.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    return Rules(
        stopwords={lang: frozenset(words) for lang, words in data["stopwords"].items()},
        boilerplate=_compile(data["boilerplate"]),
        boilerplate_words=_compile(data["boilerplate_words"]),
        timestamp=re.compile("|".join(f"(?:{p})" for p in data["timestamp"]), re.I),
        list_marker=re.compile(data["list_marker"]),
        dateline=_compile(data["dateline"]),
        months=frozenset(data["months"]),
        comments=_compile(data["comments_start"]),
        sentence_end=data["sentence_end"],
        sentence_final=data["sentence_final"],
    )


def _compile(patterns: list[str]) -> re.Pattern[str]:
    """One case-blind regex; anchored and word-initial patterns grouped so that the
    engine tries the alternatives only at the line start and at word boundaries."""
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    initial = [p[2:] for p in patterns if p.startswith("\\b")]
    other = [p for p in patterns if not p.startswith(("^", "\\b"))]
    parts = [f"^(?:{'|'.join(f'(?:{p})' for p in anchored)})" if anchored else "",
             f"\\b(?:{'|'.join(f'(?:{p})' for p in initial)})" if initial else "",
             "|".join(f"(?:{p})" for p in other)]
    return re.compile("|".join(p for p in parts if p), re.I)


WRAP_MAX = 100  # a page hard-wrapped wider than this is not told apart from a page of blocks
WRAP_MIN_LINES = 6
WRAP_SHARE = 0.4
WRAP_SLACK = 3
FIRST_WORD = re.compile(r"\S+")


def wrap_width(lengths: list[int]) -> int | None:
    """The width a page was hard-wrapped at ('fill' to about 70 characters), or None: most
    of its longer lines end close to one width that no line much exceeds."""
    if len(lengths) < WRAP_MIN_LINES:
        return None
    ordered = sorted(lengths)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if width > WRAP_MAX or width < 40:
        return None
    near = sum(width - 20 <= n <= width + WRAP_SLACK for n in lengths)
    if near < WRAP_SHARE * len(lengths):
        return None
    return max(n for n in lengths if n <= width + WRAP_SLACK)


def paragraph_spans(text: str) -> list[Span]:
    """The page's blocks: its lines, with a hard-wrapped paragraph joined into one span.
    A line continues into the next when the next one's first word would not have fit on
    it, the inverse of how text is filled to a width."""
    spans = line_spans(text)
    width = wrap_width([s.end - s.start for s in spans])
    if width is None:
        return spans
    joined: list[Span] = []
    for span in spans:
        if joined and _continues(text, joined[-1], span, width):
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined


def _continues(text: str, before: Span, span: Span, width: int) -> bool:
    between = text[before.end : span.start]
    if between.count("\n") != 1:
        return False  # a blank line ends a paragraph
    last_line = text[text.rfind("\n", before.start, before.end) + 1 : before.end]
    word = FIRST_WORD.match(text, span.start)
    following = len(word.group()) if word else 0
    return len(last_line) + 1 + following > width - WRAP_SLACK and not rules().list_marker.match(
        text[span.start : span.end])


BOILER_CHARS = 200
SENTENCE_WORDS = 12


def is_boiler(text: str, size: float | None = None, words: bool = True) -> bool:
    """A widget's line: a phrase only widgets use ('Skip to content', 'Related stories'),
    or the vocabulary of widgets ('subscribe', 'cookies') in a line that is not a whole
    sentence of prose ('Subscribe to our newsletter' is; 'Kyiv will sign up to the
    pact.' is not)."""
    if len(text) >= BOILER_CHARS:
        return False
    r = rules()
    if r.boilerplate.search(text):
        return True
    if not words:
        return False
    size = size_of(text) if size is None else size
    sentence = size >= SENTENCE_WORDS and text.rstrip()[-1:] in r.sentence_final
    return not sentence and bool(r.boilerplate_words.search(text))


def line_spans(text: str) -> list[Span]:
    """Spans of the non-empty lines of `text`, without surrounding whitespace."""
    spans = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            spans.append(Span(start, start + len(stripped)))
        pos += len(raw)
    return spans


SCRIPT_RANGES = (
    (0x0250, "latin"),
    (0x0370, "other"),
    (0x0400, "greek"),
    (0x0530, "cyrillic"),
    (0x0590, "other"),
    (0x0600, "hebrew"),
    (0x0700, "arabic"),
    (0x0900, "other"),
    (0x0980, "devanagari"),
    (0x0E00, "other"),
    (0x0E80, "thai"),
    (0x1E00, "other"),
    (0x1F00, "latin"),
    (0x3040, "other"),
    (0xA000, "cjk"),
    (0xAC00, "other"),
    (0xD7B0, "cjk"),
    (0xF900, "other"),
    (0xFB00, "cjk"),
)
ASCII_LETTER = re.compile(r"[A-Za-z]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _script_of_char(code: int) -> str:
    for limit, name in SCRIPT_RANGES:
        if code < limit:
            return name
    return "other"


def script_of(text: str) -> str | None:
    """The script most of the letters of `text` are written in."""
    if text.isascii():
        return "latin" if ASCII_LETTER.search(text) else None
    wide = NON_ASCII.findall(text)
    counts = Counter(_script_of_char(ord(c)) for c in wide if c.isalpha())
    # ASCII letters, roughly: the rest of the line less spaces and punctuation
    counts["latin"] += int((len(text) - len(wide)) * 0.8)
    name, count = counts.most_common(1)[0]
    return name if count else None


def size_of(text: str) -> float:
    """Words, counting two CJK characters as one word."""
    if text.isascii():
        return len(WORD.findall(text))
    cjk = len(CJK.findall(text))
    return len(WORD.findall(CJK.sub(" ", text) if cjk else text)) + cjk / 2


def pick_stoplist(texts: list[str], stopwords: dict[str, frozenset[str]]) -> frozenset[str]:
    words = Counter(w for t in texts for w in WORD.findall(t.lower()))
    total = sum(words.values())
    if not total:
        return frozenset()
    hits = {lang: sum(words[w] for w in stoplist) for lang, stoplist in stopwords.items()}
    best = max(hits, key=hits.__getitem__)
    return stopwords[best] if hits[best] >= 0.1 * total else frozenset()


def stop_share(text: str, stoplist: frozenset[str]) -> float | None:
    if not stoplist:
        return None
    words = WORD.findall(text.lower())
    return sum(w in stoplist for w in words) / len(words) if words else 0.0


def is_dateline(text: str, size: float) -> bool:
    """A short line that is mostly a date or time: a byline, a comment header."""
    if len(text) > 100 or size > 12:
        return False
    r = rules()
    if text[-1] in ".!?" and size >= 6:
        return False
    if r.dateline.search(text):
        return True
    words = WORD.findall(text.lower())
    dated = [w for w in words if w in r.months or w.isdigit()]
    months = any(w in r.months for w in dated)
    return months and any(w.isdigit() for w in dated) and len(words) - len(dated) <= 5


SENTENCE_BREAK = re.compile(r"[a-z0-9)\]\"”’][.!?][\"”’]?(?:\s+|(?=[A-Z\"“]))")


def _runs_on(text: str, size: float) -> bool:
    """A long paragraph of several sentences is prose even when its last one was cut off
    or its sentences run together without spaces ('contract.Under the deal')."""
    return size >= LONG and len(SENTENCE_BREAK.findall(text)) >= 2


def _digit_share(text: str) -> float:
    tokens = len(text.split())
    return len(DIGIT_TOKEN.findall(text)) / tokens if tokens else 0.0


def is_titled(text: str) -> bool:
    """Headline capitalisation ("Storm Closes Two Roads"): most longer words capitalised."""
    words = LONG_WORD.findall(text)
    if len(words) < TITLED_MIN:
        return False
    return sum(w[0].isupper() for w in words) >= TITLED_SHARE * len(words)


def describe(text: str) -> list[Line]:
    r = rules()
    spans = paragraph_spans(text)
    texts = [" ".join(text[s.start : s.end].split()) for s in spans]
    seen = Counter(texts)
    long_texts = [t for t in texts if len(t) >= 80] or texts
    stoplist = pick_stoplist(long_texts, r.stopwords)
    main_script = script_of(" ".join(long_texts)[:20000])
    lines = []
    for span, t in zip(spans, texts, strict=True):
        size = size_of(t)
        script = script_of(t) if size >= MIN_FOREIGN else None
        lines.append(
            Line(
                span=span,
                text=t,
                size=size,
                stop=stop_share(t, stoplist) if size >= MIN_PROSE else 0.0,
                ends=t[-1] in r.sentence_end or _runs_on(t, size),
                boiler=is_boiler(t, size),
                stamp=bool(r.timestamp.match(t)) or is_dateline(t, size),
                listed=bool(r.list_marker.match(t)),
                dup=seen[t] > 1,
                digits=_digit_share(t),
                foreign=script is not None and script != main_script,
                comments=len(t) < 100 and bool(r.comments.search(t)),
                titled=t[-1] not in r.sentence_end and is_titled(t),
            )
        )
    return lines


def classify(line: Line) -> Kind:
    if line.boiler or line.stamp or line.foreign or line.dup:
        return Kind.BAD
    prose = (line.stop is None or line.stop >= 0.2) and line.digits < 0.2
    if prose and line.size >= MIN_PROSE and line.ends:
        return Kind.NEAR if line.listed and not line.ends else Kind.GOOD
    if line.size >= MIN_PROSE and (line.ends or (line.stop or 0) >= 0.15):
        return Kind.NEAR
    return Kind.SHORT


def weight(line: Line, kind: Kind) -> float:
    # Lines shaped like headlines (capitalised, or short without final punctuation)
    # push back: stacked, they are lists of links to other stories.
    if kind is not Kind.BAD and not line.ends and line.titled:
        return TITLED_WEIGHT
    if kind is Kind.GOOD:
        return line.size
    if kind is Kind.NEAR:
        return HEADLINE_WEIGHT if not line.ends and line.size < HEADLINE_WORDS else line.size * 0.3
    if kind is Kind.SHORT:
        return SHORT_WEIGHT
    if line.boiler:
        return -20.0
    if line.stamp:
        return -12.0
    return -(3.0 + line.size)


def discount_lone(kinds: list[Kind], weights: list[float]) -> list[float]:
    """Prose lines with no prose line next to them count for less: articles run
    paragraph after paragraph, teaser blurbs and captions stand alone."""
    out = list(weights)
    for i, kind in enumerate(kinds):
        near = kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2]
        if kind is Kind.GOOD and Kind.GOOD not in near:
            out[i] = weights[i] * LONE_PROSE
    return out


def densest(weights: list[float]) -> tuple[int, int] | None:
    """Inclusive bounds of the contiguous run with the largest positive sum."""
    best, best_bounds = 0.0, None
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_bounds = total, (start, i)
    return best_bounds


def comments_start(lines: list[Line], kinds: list[Kind], weights: list[float]) -> int:
    """Index of the line opening a comment section below some prose, else len(lines)."""
    prose = 0.0
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if line.comments and prose >= COMMENTS_AFTER:
            return i
        if kind is Kind.GOOD:
            prose += weights[i]
    return len(lines)


def _opens_body(line: Line, kind: Kind) -> bool:
    # A news lead is dense with names, so its stop-word share is low; a long, finished
    # sentence still opens the body.
    return kind is Kind.GOOD or (kind is Kind.NEAR and line.ends and line.size >= LEAD_MIN)


@dataclass(frozen=True)
class RuleReading:
    """What the hand rules make of a page: each line's kind and weight, and the lines
    they take for the body."""

    kinds: list[Kind]
    weights: list[float]
    chosen: list[int]
    comments_at: int  # the line where reader comments begin (len(lines): nowhere)


def rule_reading(lines: list[Line]) -> RuleReading:
    kinds = [classify(line) for line in lines]
    weights = discount_lone(kinds, [weight(ln, k) for ln, k in zip(lines, kinds, strict=True)])
    # Below a comment header that follows some prose, everything is reader comments.
    cut = comments_start(lines, kinds, weights)
    bounds = densest(weights[:cut])
    chosen: list[int] = []
    if bounds is not None:
        first, last = bounds
        while first <= last and not _opens_body(lines[first], kinds[first]):
            first += 1
        while last >= first and kinds[last] not in (Kind.GOOD, Kind.NEAR):
            last -= 1
        chosen = [i for i in range(first, last + 1) if kinds[i] is not Kind.BAD]
    return RuleReading(kinds, weights, chosen or _brief(lines, kinds), cut)


def body_spans(text: str) -> tuple[Span, ...]:
    """Spans of the lines of `text` that make up the article body: the hand rules'
    reading, checked by the learned line classifier (blocks.py) where it is shipped."""
    lines = describe(text)
    reading = rule_reading(lines)
    picked = reading.chosen
    trees = blocks.model()
    if trees is not None and lines:
        rows = blocks.features(lines, reading.weights, reading.chosen,
                               reading.comments_at)
        picked = decode(lines, trees.probabilities(rows), trees.cut, reading.chosen,
                        trees.trust, trees.cover)
    picked = announced(lines, picked, reading.comments_at) or picked or fallback(lines)
    return tuple(lines[i].span for i in picked)


ANNOUNCED_LINES = 80


def announced(lines: list[Line], picked: list[int], comments_at: int) -> list[int]:
    """A body whose last paragraph announces what follows ('... the best deals:') goes on
    through the list it announces, up to the first widget line or repeated line."""
    if not picked or not lines[picked[-1]].text.endswith(":"):
        return []
    extended = list(picked)
    for i in range(picked[-1] + 1, min(len(lines), comments_at, picked[-1] + ANNOUNCED_LINES)):
        line = lines[i]
        if line.boiler or line.stamp or line.comments or line.foreign or line.dup:
            break
        extended.append(i)
    return extended


def fallback(lines: list[Line]) -> list[int]:
    """When nothing reads as a body: the densest region of finished sentences, so that a
    page with prose never comes out empty."""
    weights = [line.size if line.ends and line.size >= MIN_PROSE and not line.boiler else -1.0
               for line in lines]
    bounds = densest(weights)
    if bounds is None:
        return []
    return [i for i in range(bounds[0], bounds[1] + 1) if weights[i] > 0]


def decode(lines: list[Line], probabilities: Any, cut: float, chosen: list[int],
           trust: float, cover: float) -> list[int]:
    """The body lines. The classifier's own reading is the lines it puts above `cut`
    inside the densest run of them; the rules' reading stands when the classifier, word
    for word, mostly agrees with it (mean probability `trust` or more) and it holds
    `cover` or more of the classifier's body."""
    above = [i for i, p in enumerate(probabilities) if p >= cut]
    gains = [(p - cut) * max(line.size, 1.0) for line, p in zip(lines, probabilities,
                                                                strict=True)]
    bounds = densest(gains)
    model_body = [i for i in above if bounds and bounds[0] <= i <= bounds[1]]
    if not chosen:
        # alone, the classifier's reading needs one sentence: a menu has none
        sentence = any(lines[i].ends and lines[i].size >= BRIEF_WORDS for i in model_body)
        return model_body if sentence else []
    if not model_body:
        return chosen
    mass = [p * max(line.size, 1.0) for line, p in zip(lines, probabilities, strict=True)]
    agreed = sum(mass[i] for i in chosen) / sum(max(lines[i].size, 1.0) for i in chosen)
    inside = set(model_body)
    covered = sum(mass[i] for i in chosen if i in inside) / sum(mass[i] for i in model_body)
    return chosen if agreed >= trust and covered >= cover else model_body


BRIEF_LINES = 4
BRIEF_WORDS = 4


def _brief(lines: list[Line], kinds: list[Kind]) -> list[int]:
    """A text of a few lines with no run of prose ('Iraq expelled the Turkish ambassador.',
    a wire brief, one example sentence): its finished sentences are the article."""
    if len(lines) > BRIEF_LINES:
        return []
    return [i for i, (line, kind) in enumerate(zip(lines, kinds, strict=True))
            if kind is not Kind.BAD and line.ends and line.size >= BRIEF_WORDS]


def title_span(text: str, body: tuple[Span, ...]) -> Span | None:
    """The headline line: a short line without final period above the body."""
    start = body[0].start if body else len(text)
    candidates = [s for s in line_spans(text[:start]) if _headline_like(text[s.start : s.end])]
    if not candidates:
        return None
    texts = [text[s.start : s.end] for s in line_spans(text)]
    seen = Counter(texts)
    first_line = texts[0] if texts else ""

    def score(i: int) -> float:
        t = text[candidates[i].start : candidates[i].end]
        repeated = seen[t] > 1 or (t != first_line and first_line.startswith(t))
        return 2.0 * repeated + i / len(candidates)

    return candidates[max(range(len(candidates)), key=score)]


def _headline_like(line: str) -> bool:
    size = size_of(line)
    if not 3 <= size <= 30 or line[-1] in ".:;,":
        return False
    r = rules()
    if is_dateline(line, size) or is_byline(line):
        return False
    return not (is_boiler(line, size) or r.timestamp.match(line) or r.list_marker.match(line))
