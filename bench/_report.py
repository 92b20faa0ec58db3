"""Markdown rendering helpers shared by the scripts."""

from __future__ import annotations

from collections.abc import Sequence

DASH = "—"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A GitHub-flavoured markdown table; ``align`` is one char per column (l/r), default l+r."""
    align = align or "l" + "r" * (len(headers) - 1)
    rule = ["---:" if a == "r" else ":---" for a in align]
    lines = [_row(headers), _row(rule), *(_row(r) for r in rows)]
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def num(value: float | None, digits: int = 3) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def pm(value: float, std: float, digits: int = 3) -> str:
    return f"{value:.{digits}f} ± {std:.{digits}f}"


def ratio(hits: int, total: int) -> str:
    """``0.875 (7/8)``, or a dash when there is nothing to count."""
    return f"{hits / total:.3f} ({hits}/{total})" if total else DASH


def heading(text: str, level: int = 3) -> str:
    return f"{'#' * level} {text}"
