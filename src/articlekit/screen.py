"""Case-insensitive rule regexes behind a screen of literal words.

Python's ``re`` finds a literal fast, but a pattern that opens with ``\\b``, or an
alternation under IGNORECASE, is tried at every position of the text: the promo and cue
patterns cost 30 to 120 µs per paragraph that way, most of the time spent on text they do
not match. So each pattern is split into alternatives (at its top-level ``|``, and a
leading group of branches distributed over what follows it), and each alternative is
searched only when the lowercased text holds a literal of every set of literals its
matches must contain; literals matched one after another are joined, with the small
classes and groups of literals between them (``\\b(we|the) (doctor|provider) will``
needs one of "we doctor will", "we provider will", "the doctor will", "the provider
will"), and an alternative that goes through a ``\\d`` needs a digit. A
:class:`ScreenIndex` screens many patterns at once: one Aho-Corasick pass finds all
their long literals in a text, and the short ones are looked up with ``in``. The answers
are the same as the whole patterns'; tests compare the two on every rule's examples and
every line of the fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import ahocorasick

_META = set("\\.^$*+?{}[]()|")
_OPTIONAL = ("?", "*", "{0")
# Texts up to this long (headings, short lines) are searched with the whole pattern:
# checking the literals would cost more than the search.
SHORT_TEXT = 80


@dataclass(frozen=True, slots=True)
class Screened:
    """A case-insensitive pattern and its alternatives, each behind its literals."""

    regex: re.Pattern[str]
    # each alternative: the literal sets it needs (one literal of every set), most
    # telling first, and its own compiled pattern
    parts: tuple[tuple[tuple[tuple[str, ...], ...], re.Pattern[str]], ...]
    # each alternative's literal sets joined further, for an index (which finds any
    # number of literals in one pass, where ``in`` takes one pass per literal)
    index_needs: tuple[tuple[tuple[str, ...], ...], ...]

    @classmethod
    def compile(cls, source: str) -> Screened:
        pattern = re.compile(source, re.IGNORECASE)
        alternatives = expand_alternatives(source)
        parts = [
            (required_literals(alternative, SEARCH_JOINED), re.compile(alternative, re.IGNORECASE))
            for alternative in alternatives
        ]
        return cls(pattern, tuple(parts), tuple(map(required_literals, alternatives)))

    def search(self, text: str, lower: str | None = None) -> bool:
        """Whether the pattern matches somewhere in ``text`` (``lower`` is
        ``text.lower()``, when the caller has it already)."""
        if len(text) <= SHORT_TEXT:
            return self.regex.search(text) is not None
        if lower is None:
            lower = text.lower()
        return any(_holds(lower, needs) and part.search(text) is not None for needs, part in self.parts)

    def finditer(self, text: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of each alternative that may match (so not in text order, and
        two alternatives may match at one place)."""
        if len(text) <= SHORT_TEXT:
            yield from self.regex.finditer(text)
            return
        if lower is None:
            lower = text.lower()
        for needs, part in self.parts:
            if _holds(lower, needs):
                yield from part.finditer(text)


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class _Gate:
    """What an alternative needs beyond the first literal set an index files it under:
    a literal of each of its other long sets among those the index found, its shorter
    literal sets (looked up with ``in``) and a digit, for a ``\\d`` every match goes
    through."""

    more: tuple[frozenset[str], ...]
    short: tuple[tuple[str, ...], ...]
    digit: bool

    def passes(self, present: set[str], lower: str, has_digit: bool) -> bool:
        return (
            (has_digit or not self.digit)
            and all(not present.isdisjoint(literals) for literals in self.more)
            and _holds(lower, self.short)
        )


# A literal set of an alternative screens it in an index only when each of its
# literals is at least this long: "a", "is" or "the" are in nearly every text, and
# finding their every occurrence costs more than the search they would spare.
INDEX_MIN_LITERAL = 3


@dataclass(frozen=True, slots=True, eq=False)
class ScreenIndex:
    """Many screened patterns searched together.

    Looking for each literal with ``in`` scans the text once per literal: the 22 body
    cues of a language need some 400 literals, and that cost 0.3 ms per section. An
    Aho-Corasick automaton (pyahocorasick) finds every literal of every pattern in one
    pass over the text; an alternative is then searched only when the text holds a
    literal of each of its sets.
    """

    patterns: tuple[Screened, ...]
    # the alternatives (pattern, alternative) filed under each literal of their most
    # telling set
    by_literal: dict[str, tuple[tuple[int, int], ...]]
    always: frozenset[tuple[int, int]]
    automaton: Any
    # the rest of the screen of the alternatives that have more of one
    gates: dict[tuple[int, int], _Gate]
    digit_gated: bool  # whether some alternative needs a digit

    @classmethod
    def of(cls, patterns: Iterable[Screened]) -> ScreenIndex:
        patterns = tuple(patterns)
        filed: dict[str, list[tuple[int, int]]] = {}
        always: set[tuple[int, int]] = set()
        automaton = ahocorasick.Automaton()
        gates: dict[tuple[int, int], _Gate] = {}
        for i, pattern in enumerate(patterns):
            for j, (all_needs, (_, part)) in enumerate(zip(pattern.index_needs, pattern.parts, strict=True)):
                needs = tuple(n for n in all_needs if min(map(len, n)) >= INDEX_MIN_LITERAL)
                gate = _Gate(
                    tuple(map(frozenset, needs[1:])),
                    tuple(n for n in all_needs if n not in needs),
                    needs_digit(part.pattern),
                )
                if gate.more or gate.short or gate.digit:
                    gates[(i, j)] = gate
                if not needs:
                    always.add((i, j))
                for word in needs[0] if needs else ():
                    filed.setdefault(word, []).append((i, j))
                for word in (w for literals in needs for w in literals):
                    automaton.add_word(word, word)
        if len(automaton):
            automaton.make_automaton()
        by_literal = {w: tuple(at) for w, at in filed.items()}
        return cls(
            patterns, by_literal, frozenset(always), automaton, gates, any(g.digit for g in gates.values())
        )

    def matches(self, text: str, lower: str | None = None) -> dict[int, list[re.Match[str]]]:
        """The matches of each pattern that matches ``text``, by its index (the
        alternatives' matches, as :meth:`Screened.finditer` gives them)."""
        found: dict[int, list[re.Match[str]]] = {}
        for i, j in self._candidates(lower if lower is not None else text.lower()):
            if hits := list(self.patterns[i].parts[j][1].finditer(text)):
                found.setdefault(i, []).extend(hits)
        return found

    def first(self, text: str, lower: str | None = None) -> int | None:
        """The index of the first pattern that matches ``text``, if any."""
        for i, j in self._candidates(lower if lower is not None else text.lower()):
            if self.patterns[i].parts[j][1].search(text) is not None:
                return i
        return None

    def _candidates(self, lower: str) -> list[tuple[int, int]]:
        """The alternatives that may match: in pattern order, those whose every
        literal set has a literal in ``lower`` (and that pass their gate)."""
        present = {word for _, word in self.automaton.iter(lower)} if len(self.automaton) else set()
        todo = set(self.always)
        for word in present:
            todo.update(self.by_literal.get(word, ()))
        if not todo:
            return []
        has_digit = self.digit_gated and _DIGIT.search(lower) is not None
        gates = self.gates
        return [
            at
            for at in sorted(todo)
            if (gate := gates.get(at)) is None or gate.passes(present, lower, has_digit)
        ]


def _holds(lower: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``lower`` holds one literal of every set."""
    for literals in needs:
        for word in literals:
            if word in lower:
                break
        else:
            return False
    return True


# An alternative that opens with a group of branches is searched branch by branch
# (``\\b(the doctor will|during the …)`` as ``\\bthe doctor will`` and ``\\bduring the …``),
# so that each branch is screened by its own literals; up to this many in all.
MAX_ALTERNATIVES = 64


def expand_alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern, with a leading group of branches
    distributed over what follows it (``\\b(a|b) c`` is ``\\ba c|\\bb c``)."""
    out: list[str] = []
    for alternative in split_alternatives(source):
        anchors = ""
        rest = alternative
        while rest.startswith(("^", "\\b")):
            step = 1 if rest.startswith("^") else 2
            anchors, rest = anchors + rest[:step], rest[step:]
        opening = 3 if rest.startswith("(?:") else 0 if rest.startswith("(?") else 1
        end = _group_end(rest, 0) if opening and rest.startswith("(") else -1
        branches = split_alternatives(rest[opening:end]) if end > 0 else []
        tail = rest[end + 1 :]
        if len(branches) > 1 and not tail.startswith(("?", "*", "+", "{")) and "\\1" not in source:
            out.extend(expand_alternatives("|".join(anchors + b + tail for b in branches)))
        else:
            out.append(alternative)
    return out if len(out) <= MAX_ALTERNATIVES else split_alternatives(source)


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


# A run of literals is joined with the small classes and groups of literals beside it
# ("n[aã]o " is "nao " or "não ", "(one|two) in (ten|five)" four strings) up to this
# many strings; a longer string is a sharper screen than its parts apart.
MAX_JOINED = 32
# Looked up with ``in`` (one pass over the text per string), joined runs stay small.
SEARCH_JOINED = 4


def required_literals(alternative: str, most: int = MAX_JOINED) -> tuple[tuple[str, ...], ...]:
    """The literal sets every match of ``alternative`` holds one literal of, most telling
    (longest shortest literal) first; empty when no part of it is a literal. Runs are
    joined into sets of up to ``most`` strings."""
    found = dict.fromkeys(_required_parts(alternative, most))
    return tuple(sorted(found, key=lambda literals: -min(map(len, literals))))


def needs_digit(alternative: str) -> bool:
    """Whether every match of ``alternative`` holds a digit: a ``\\d`` outside groups
    that is not optional."""
    i = 0
    while i < len(alternative):
        if alternative[i] == "[":
            i = _class_end(alternative, i) + 1
        elif alternative[i] == "(":
            end = _group_end(alternative, i)
            i = end + 1 if end > 0 else len(alternative)
        elif alternative.startswith("\\d", i):
            if _quantifier(alternative, i + 2)[0] > 0:
                return True
            i += 2
        else:
            i += 2 if alternative[i] == "\\" else 1
    return False


_ZERO_WIDTH = ("\\b", "\\B", "\\A", "\\Z")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def _required_parts(alternative: str, most: int) -> Iterator[tuple[str, ...]]:
    """The literal sets of the parts of ``alternative`` that every match goes through:
    each a run of atoms matched one after another, as the strings it may be."""
    run: tuple[str, ...] = ("",)
    for strings, whole, least, repeats in _atoms(alternative):
        if strings is None or least == 0:
            yield from _run_literals(run)
            run = ("",)
            continue
        if len(run) * len(strings) > most:
            yield from _run_literals(run)
            run = ("",)
        run = tuple(dict.fromkeys(a + b for a in run for b in strings))
        if repeats or not whole:
            yield from _run_literals(run)
            run = ("",)
    yield from _run_literals(run)


def _run_literals(run: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    if all(s.strip() for s in run):
        yield tuple(dict.fromkeys(s.lower() for s in run))


def _atoms(source: str) -> Iterator[tuple[tuple[str, ...] | None, bool, int, bool]]:
    """Each consuming atom of a pattern (zero-width assertions are left out) as
    ``(strings, whole, least, repeats)``: the strings it matches (None when not a few
    literals), whether those are whole (else only how its matches start), the least
    number of times it occurs and whether it may occur more than once."""
    i = 0
    while i < len(source):
        if source.startswith(_ZERO_WIDTH, i) or source[i] in "^$":
            i += 1 if source[i] in "^$" else 2
            continue
        strings: tuple[str, ...] | None
        whole = True
        if source.startswith(_LOOKAROUND, i):
            end = _group_end(source, i)
            i = end + 1 if end > 0 else len(source)
            continue
        if source[i] == "(":
            end = _group_end(source, i)
            if end < 0:
                return
            strings, whole = _group_strings(source[i + 1 : end])
            i = end + 1
        elif source[i] == "[":
            end = _class_end(source, i)
            strings = _class_strings(source[i + 1 : end])
            i = end + 1
        elif source[i] == "\\" and i + 1 < len(source) and not source[i + 1].isalnum():
            strings = (source[i + 1],)  # an escaped punctuation mark stands for itself
            i += 2
        elif source[i] == "\\" or source[i] in _META:
            strings = None
            i += 2 if source[i] == "\\" else 1
        else:
            strings = (source[i],)
            i += 1
        least, repeats, i = _quantifier(source, i)
        yield strings, whole, least, repeats


def _quantifier(source: str, i: int) -> tuple[int, bool, int]:
    """The quantifier at ``i`` (if any) as (least count, may repeat, index after it)."""
    if i >= len(source) or source[i] not in "?*+{":
        return 1, False, i
    if source[i] == "{":
        close = source.find("}", i)
        if close < 0:
            return 1, False, i
        counts = source[i + 1 : close].split(",")
        least = int(counts[0]) if counts[0].isdigit() else 0
        most = counts[-1]
        end, repeats = close + 1, len(counts) > 1 or most != "1"
    else:
        least = 1 if source[i] == "+" else 0
        end, repeats = i + 1, source[i] != "?"
    if end < len(source) and source[end] in "?+":
        end += 1  # lazy or possessive
    return least, repeats, end


def _group_strings(inner: str) -> tuple[tuple[str, ...] | None, bool]:
    """What a group's branches match: their whole strings when each is a few literals,
    else the literals they start with (``whole`` False), else None."""
    if inner.startswith("?") and not inner.startswith("?:"):
        return None, False  # a named group, a back reference, inline flags
    branches = split_alternatives(inner.removeprefix("?:"))
    joined = [_branch_strings(b) for b in branches]
    if all(j is not None for j in joined):
        strings = tuple(s for j in joined if j is not None for s in j)
        if len(strings) <= MAX_JOINED:
            return strings, True
    starts = [first_literals(b) for b in branches]
    if all(starts):
        return tuple(w for b in starts if b for w in b), False
    return None, False


def _branch_strings(branch: str) -> tuple[str, ...] | None:
    """The strings ``branch`` matches when it is a sequence of literals (None if not)."""
    out: tuple[str, ...] = ("",)
    for strings, whole, least, repeats in _atoms(branch):
        if strings is None or not whole or least != 1 or repeats:
            return None
        out = tuple(a + b for a in out for b in strings)
        if len(out) > MAX_JOINED:
            return None
    return out


# A class of at most this many plain characters is joined into its run.
MAX_CLASS = 4


def _class_strings(inner: str) -> tuple[str, ...] | None:
    """The characters of a class of a few plain ones (``[aã]``), else None."""
    if not inner or len(inner) > MAX_CLASS or any(c in "^-\\[]" for c in inner):
        return None
    return tuple(dict.fromkeys(inner))


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
