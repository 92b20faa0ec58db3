"""One frozen, keyword-only options object; validated on construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import OptionsError

InputFormat = Literal["auto", "html", "text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How :func:`articlekit.extract` behaves.

    Attributes:
        input_format: ``"auto"`` sniffs HTML or plain text; ``"html"`` / ``"text"`` force one.
        language: the page language (``"en"``, ``"es"``...) used to pick section cues;
            ``None`` takes it from the page.
        rules: extra rule files (TOML) whose entries add to or override the bundled ones:
            containers, boilerplate patterns, and the section taxonomy.
        max_bytes: inputs larger than this raise :class:`~articlekit.InputTooLarge`.
        max_elements: parsed pages with more elements than this raise InputTooLarge.
        timeout: seconds one page may take; ``None`` for no limit.
        min_article_words: a located region with fewer words is treated as not found.
    """

    input_format: InputFormat = "auto"
    language: str | None = None
    rules: tuple[Path, ...] = field(default_factory=tuple)
    max_bytes: int = 20_000_000
    max_elements: int = 500_000
    timeout: float | None = 30.0
    min_article_words: int = 25

    def __post_init__(self) -> None:
        if self.input_format not in ("auto", "html", "text"):
            raise OptionsError(f"input_format must be auto, html or text, not {self.input_format!r}")
        if self.max_bytes <= 0 or self.max_elements <= 0:
            raise OptionsError("max_bytes and max_elements must be positive")
        if self.timeout is not None and self.timeout <= 0:
            raise OptionsError("timeout must be positive or None")
        if self.min_article_words < 0:
            raise OptionsError("min_article_words must not be negative")
        object.__setattr__(self, "rules", tuple(Path(p) for p in self.rules))
