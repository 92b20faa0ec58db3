"""Case-insensitive rule regexes behind a screen of literal words.

Python's ``re`` finds a literal fast, but a pattern that opens with ``\\b``, or an
alternation under IGNORECASE, is tried at every position of the text: the promo and cue
patterns cost 30 to 120 µs per paragraph that way, most of the time spent on text they do
not match. So each pattern is split at its top-level ``|``, and each alternative is
searched only when the lowercased text holds one of the literals it must start with
(``\\b(book|schedule) …`` needs "book" or "schedule"). An alternative whose start is not
a literal (``\\d+% off``, an optional group) is always searched. The answer is the same
as the whole pattern's; tests compare the two on every rule's examples and the fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

_META = set("\\.^$*+?{}[]()|")
_OPTIONAL = ("?", "*", "{0")
# Texts up to this long (headings, short lines) are searched with the whole pattern:
# checking the literals would cost more than the search.
SHORT_TEXT = 80


@dataclass(frozen=True, slots=True)
class Screened:
    """A case-insensitive pattern and its alternatives, each behind its literals."""

    regex: re.Pattern[str]
    parts: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]

    @classmethod
    def compile(cls, source: str) -> Screened:
        pattern = re.compile(source, re.IGNORECASE)
        alternatives = split_alternatives(source)
        parts = []
        for alternative in alternatives:
            literals = screen_literals(alternative) or ()
            parts.append((literals, re.compile(alternative, re.IGNORECASE)))
        return cls(pattern, tuple(parts))

    def search(self, text: str, lower: str | None = None) -> bool:
        """Whether the pattern matches somewhere in ``text`` (``lower`` is
        ``text.lower()``, when the caller has it already)."""
        if len(text) <= SHORT_TEXT:
            return self.regex.search(text) is not None
        if lower is None:
            lower = text.lower()
        for literals, part in self.parts:
            if literals:
                for word in literals:
                    if word in lower:
                        break
                else:
                    continue
            if part.search(text) is not None:
                return True
        return False

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of each alternative that may match (so not in text order, and
        two alternatives may match at one place)."""
        if len(text) <= SHORT_TEXT:
            yield from self.regex.finditer(text)
            return
        if lower is None:
            lower = text.lower()
        for literals, part in self.parts:
            if not literals or any(word in lower for word in literals):
                yield from part.finditer(text)


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern (``|`` outside groups and classes)."""
    cuts = [i for i, char, depth in _structure(source) if char == "|" and depth == 0]
    bounds = [-1, *cuts, len(source)]
    return [source[start + 1 : end] for start, end in pairwise(bounds)]


def first_literals(alternative: str) -> tuple[str, ...] | None:
    """Lowercase literals one of which every match of ``alternative`` starts with, or
    None when its start is not a plain literal."""
    rest = alternative
    while rest.startswith(("^", "\\b")):
        rest = rest[1:] if rest.startswith("^") else rest[2:]
    if rest.startswith("("):
        end = _group_end(rest, 0)
        if end < 0 or rest[end + 1 :].startswith(_OPTIONAL):
            return None
        inner = rest[1:end]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?"):  # lookaround, named group, inline flags
            return None
        found: list[str] = []
        for branch in split_alternatives(inner):
            literals = first_literals(branch)
            if literals is None:
                return None
            found.extend(literals)
        return tuple(found)
    literal = ""
    i = 0
    while i < len(rest):
        char = rest[i]
        if char == "\\" and i + 1 < len(rest) and not rest[i + 1].isalnum():
            char = rest[i + 1]  # an escaped punctuation mark ("\$", "\.") stands for itself
            i += 1
        elif char in _META:
            if rest[i:].startswith(_OPTIONAL):
                literal = literal[:-1]  # the character before ? or * may be absent
            break
        literal += char
        i += 1
    literal = literal.lower()
    return (literal,) if literal.strip() else None


def screen_literals(alternative: str) -> tuple[str, ...] | None:
    """The most telling set of literals one of which every match of ``alternative``
    holds: of its parts that cannot be skipped (a run of plain characters, a group of
    literal-led branches), the one whose shortest literal is longest ("doctor" or
    "provider" in ``\b(we|the) (doctor|provider) will``, not "we" or "the"); None
    when no part is a literal."""
    best: tuple[str, ...] | None = None
    for literals in _required_parts(alternative):
        if best is None or min(map(len, literals)) > min(map(len, best)):
            best = literals
    return best


def _required_parts(alternative: str) -> Iterator[tuple[str, ...]]:
    """The literal sets of the parts of ``alternative`` that every match goes through."""
    run = ""
    i = 0
    while i < len(alternative):
        char = alternative[i]
        if char == "(":
            end = _group_end(alternative, i)
            if end < 0:
                return
            if run.strip():
                yield (run.lower(),)
            run = ""
            inner = alternative[i + 1 : end]
            optional = alternative[end + 1 :].startswith(_OPTIONAL)
            if not optional and (inner.startswith("?:") or not inner.startswith("?")):
                branches = [first_literals(b) for b in split_alternatives(inner.removeprefix("?:"))]
                if all(branches):
                    yield tuple(w for b in branches if b for w in b)
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(alternative) and not alternative[i + 1].isalnum():
            char = alternative[i + 1]  # an escaped punctuation mark stands for itself
            i += 1
        elif char in _META:
            if alternative[i:].startswith(_OPTIONAL):
                run = run[:-1]  # the character before ? or * may be absent
            if run.strip():
                yield (run.lower(),)
            run = ""
            if char == "[":
                i = _class_end(alternative, i) + 1
            elif char == "{":  # a repeat count: its digits are no text
                close = alternative.find("}", i)
                i = close + 1 if close > 0 else len(alternative)
            else:
                i += 2 if char == "\\" else 1
            continue
        run += char
        i += 1
    if run.strip():
        yield (run.lower(),)


def _class_end(source: str, start: int) -> int:
    i = start + 1
    if i < len(source) and source[i] == "^":
        i += 1
    if i < len(source) and source[i] == "]":
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


def _group_end(source: str, start: int) -> int:
    """Where the group opened at ``start`` closes (-1 when it does not)."""
    for i, char, depth in _structure(source[start:]):
        if char == ")" and depth == 1:
            return start + i
    return -1


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each metacharacter of a pattern outside escapes and character classes, with
    the group depth before it: ``(index, char, depth)``."""
    depth = 0
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i) + 1
            continue
        yield i, char, depth
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        i += 1
