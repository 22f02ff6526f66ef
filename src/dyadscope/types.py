"""The data that flows between stages: frozen, slotted, stdlib only.

Character offsets into `Document.text` are the only coordinates. Every span,
mention and piece of evidence is a (start, end) pair into that string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Confidence = Literal["high", "low"]
Status = Literal["occurred", "planned", "ongoing", "negated"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class PartialDate:
    """An ISO 8601 date cut to its precision: `2024`, `2024-12` or `2024-12-17`."""

    value: str
    precision: Precision

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if month is None:
            return cls(f"{year:04d}", "year")
        if day is None:
            return cls(f"{year:04d}-{month:02d}", "month")
        return cls(f"{year:04d}-{month:02d}-{day:02d}", "day")

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def cut(self, precision: Precision) -> str:
        return self.value[: {"year": 4, "month": 7, "day": 10}[precision]]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found: the content and any metadata the container gave."""

    source: str
    kind: Literal["text", "html"]
    content: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: str
    text: str
    body: tuple[Span, ...]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    published: PartialDate | None = None
    published_confidence: Confidence = "low"

    def body_text(self) -> str:
        return "\n".join(self.text[s.start : s.end] for s in self.body)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name, title or reference to an entity, at its characters."""

    span: Span
    text: str
    type: str
    key: str
    origin: str
    country: str | None = None
    role: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    country: str | None
    reported: str | None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number an analyst wants, with what it measures and whose it is: a mention key
    (a weapon system) or a sorted country pair such as "BLR-VNM" (trade, arms shares)."""

    text: str
    value: float | None
    unit: str | None
    what: str | None
    span: Span
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    span: Span
    speaker: str | None


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One reported happening in one document, before cross-document merging."""

    type: str
    mode: str | None
    context: str | None
    source_country: str | None
    target_country: str | None
    source_key: str | None
    target_key: str | None
    actor_keys: tuple[str, ...]
    trigger: Span
    evidence: Span
    date: PartialDate | None
    status: Status
    location: str | None
    rule: str
    score: float = 0.0
    quantities: tuple[Quantity, ...] = ()
    extra_evidence: tuple[Span, ...] = field(default=())
    # where the date came from: "text", "range" (the first day of a period), "article"
    # (the publication date), "lede" (the day the lead reports), "occasion" (the dated
    # talks or visit an "After the talks, ..." sentence refers back to) or "retold" (the
    # date another sentence gives the same act)
    date_basis: str | None = None
    # CAMEO agent sector of each side: GOV, MIL, COP, OPP, REB, CVL, BUS ... (agents.json)
    source_sector: str | None = None
    target_sector: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage found in one document."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[EventCandidate, ...]
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class TimelineEntry:
    """One happening between two actors in a timeline."""

    event_id: str
    date: str | None
    type: str
    status: str
    source_country: str | None
    target_country: str | None
    location: str | None
    outlets: tuple[str, ...]
    evidence: tuple[str, ...]
    corroboration: int  # articles that report the happening
    happening: str = ""
    events: tuple[str, ...] = ()  # the events (one per type and country pair) that tell it
    types: tuple[str, ...] = ()  # their PLOVER types, the lead event's first
