"""What the benchmark keeps of one extractor's answer for one page (plain, picklable data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Teaser:
    title: str | None
    url: str | None
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Promo:
    text: str
    url: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class SectionOut:
    """One output section; subsections are flattened in document order (depth kept)."""

    heading: str | None
    level: int
    category: str
    items: tuple[str, ...] = ()
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Output:
    """An extraction result; peers only fill ``text``. ``error`` set means the page failed."""

    text: str
    title: str | None = None
    related_posts: tuple[Teaser, ...] = ()
    promotions: tuple[Promo, ...] = ()
    sections: tuple[SectionOut, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


EMPTY = Output(text="")
