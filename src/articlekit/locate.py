"""Stage 4 — find the main region of the page.

In order: (1) CMS content containers named in ``rules/containers.toml``; (2) content
mass: every element gets the amount of non-link paragraph text under it, with page
chrome and boilerplate blocks counting zero, and the region is found by walking down
from ``<body>`` while one child holds most of the mass — so content spread over many
sibling page-builder sections stays together; (3) readability-lxml.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html

from . import _readability
from .dom import CHROME_TAGS, HEADING_TAGS, SKIP_TAGS, select, tag_of, text_of, word_count
from .errors import NoContentFound
from .matcher import BoilerplateMatcher
from .ruleset import Rules

# Tags whose whole text is one unit of content mass.
_TEXT_UNITS = frozenset({"p", "li", "blockquote", "pre", "td", "dd", "dt", "summary"})
# A container child that holds at least this share of its parent's mass becomes the
# region; below it, the content is spread over siblings (page-builder sections) and the
# parent is kept whole.
DOMINANT_SHARE = 0.7
# Tags the walk never descends into: a long list or table is part of the article,
# not the article itself.
_LEAF_CONTENT = _TEXT_UNITS | {"ul", "ol", "dl", "table", "figure"}
# Paragraphs shorter than this (characters of non-link text) add no mass: menus,
# buttons and captions are short.
MIN_UNIT_CHARS = 25
# Boilerplate kinds that never hold the article, so their mass is zero.
_ZERO_MASS_KINDS = frozenset({"related", "share", "comments", "navigation", "chrome", "author"})


@dataclass(frozen=True, slots=True)
class Region:
    """The element holding the article, and how it was found."""

    element: html.HtmlElement
    located_by: str


def locate(root: html.HtmlElement, rules: Rules, matcher: BoilerplateMatcher, *, min_words: int) -> Region:
    """The main region of the page."""
    by_container = _by_container(root, rules, min_words)
    if by_container is not None:
        return by_container
    by_mass = _by_mass(root, matcher)
    if by_mass is not None and word_count(text_of(by_mass)) >= min_words:
        return Region(by_mass, "scoring")
    try:
        fallback = _readability.readability_region(root)
    except NoContentFound:
        fallback = None
    if fallback is not None and word_count(text_of(fallback)) >= min_words:
        return Region(fallback, "readability")
    body = by_mass if by_mass is not None else _body(root)
    return Region(body, "body")


def _body(root: html.HtmlElement) -> html.HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _by_container(root: html.HtmlElement, rules: Rules, min_words: int) -> Region | None:
    for rule in rules.containers:
        best: tuple[int, html.HtmlElement] | None = None
        for el in select(rule.selector, root):
            words = word_count(text_of(el))
            if words >= min_words and (best is None or words > best[0]):
                best = (words, el)
        if best is not None:
            return Region(best[1], f"container:{rule.id}")
    return None


def _by_mass(root: html.HtmlElement, matcher: BoilerplateMatcher) -> html.HtmlElement | None:
    body = _body(root)
    mass = content_mass(body, matcher)
    node = body
    if mass.get(node, 0) == 0:
        return None
    while True:
        children = [c for c in node if mass.get(c, 0) > 0]
        if not children:
            return node
        top = max(children, key=lambda c: mass[c])
        if tag_of(top) in _LEAF_CONTENT or mass[top] < DOMINANT_SHARE * mass[node]:
            return node
        node = top


def content_mass(top: html.HtmlElement, matcher: BoilerplateMatcher) -> dict[html.HtmlElement, int]:
    """Non-link paragraph text (in characters) under each element of ``top``.

    Computed bottom-up in one pass (children are visited before their parent by
    walking document order backwards), without recursion, so deep pages are safe.
    """
    mass: dict[html.HtmlElement, int] = {}
    for el in reversed(list(top.iter())):
        tag = tag_of(el)
        if not tag or tag in SKIP_TAGS or tag in CHROME_TAGS:
            continue
        if el is not top and _is_zero_mass(el, matcher):  # body classes name the page, not chrome
            continue
        if tag in _TEXT_UNITS:
            own = _unit_mass(el)
        elif tag in HEADING_TAGS:
            own = 0
        else:
            own = sum(mass.get(c, 0) for c in el) + _loose_text_mass(el)
        if own:
            mass[el] = own
    return mass


def _is_zero_mass(el: html.HtmlElement, matcher: BoilerplateMatcher) -> bool:
    rule = matcher.rule_for(el)
    return rule is not None and rule.kind in _ZERO_MASS_KINDS


def _unit_mass(el: html.HtmlElement) -> int:
    text = len(text_of(el))
    links = sum(len(text_of(a)) for a in el.iter("a"))
    own = text - links
    return own if own >= MIN_UNIT_CHARS else 0


def _loose_text_mass(el: html.HtmlElement) -> int:
    """Text typed straight into a div (not inside a paragraph)."""
    loose = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
    return loose if loose >= MIN_UNIT_CHARS else 0
