"""Small, pure helpers over lxml elements shared by the stages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import cast

from lxml import etree, html
from lxml.cssselect import CSSSelector

# Elements whose content is never article text.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "label",
        "figcaption",
        "head",
        "link",
        "meta",
        "title",
        "map",
        "dialog",
        "picture",
        "source",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A heading tag holding this many characters of text (white space not counted) holds
# a paragraph set large for its look ("For more than 40 years, we have offered …" as
# an <h4>), not a heading: it is read as a paragraph.
PROSE_HEADING_CHARS = 150
# Elements whose boundaries separate words ("<div>a</div><div>b</div>" reads "a b").
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_SLOW_PATH_TAGS = SKIP_TAGS | BLOCK_TAGS | {"br"}
_STRING = etree.XPath("string()")
# Where one sentence ends and the next begins (used to count cue hits and mentions).
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"\w+")


def tag_of(el: html.HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def collapse(text: str) -> str:
    """White space runs as one space, none at the ends (str.split() splits at what
    ``\\s`` matches, five times faster than the regex)."""
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words (runs of word characters) of ``text``."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


QUESTION_MARKS = ("?", "\uff1f")  # and the full-width one of Chinese and Japanese


def asks(text: str | None) -> bool:
    """Whether a heading or line asks a question: it ends with a question mark."""
    return text is not None and text.rstrip().endswith(QUESTION_MARKS)


def is_json_data(text: str | None) -> bool:
    """Whether ``text`` is a JSON object or array (a widget's settings left as text:
    ``{"layoutMobile": 2, …}``); only text that opens like one is parsed."""
    if not text or text[:200].lstrip()[:2] not in ('{"', "[{", '["') or text.rstrip()[-1:] not in ("}", "]"):
        return False
    try:
        return isinstance(json.loads(text), dict | list)
    except ValueError:
        return False


_NAME_SEPARATORS = re.compile(r"[-_\s]+")


def name_parts(*names: str | None) -> list[str]:
    """The lowercased parts of class or id names ("l-with-sidebar__aside": l, with,
    sidebar, aside)."""
    return _NAME_SEPARATORS.split(" ".join(n for n in names if n).lower())


def names_of(el: html.HtmlElement) -> list[str]:
    """The element's class names and id, lowercased."""
    names = (el.get("class") or "").lower().split()
    ident = el.get("id")
    if ident:
        names.append(ident.lower())
    return names


def text_of(el: html.HtmlElement) -> str:
    """The visible text of an element, skipping scripts, styles and form controls
    (remembered per element inside :func:`texts_kept`)."""
    kept = _KEPT_TEXTS.get()
    if kept is None:
        return read_text(el)
    text = kept.get(el)
    if text is None:
        text = kept[el] = read_text(el)
    return text


# The texts text_of has read, by element, inside texts_kept (the stages read many of
# the same elements' texts: the region's, its headings', the bylines').
_KEPT_TEXTS: ContextVar[dict[html.HtmlElement, str] | None] = ContextVar("kept_texts", default=None)


@contextmanager
def texts_kept() -> Iterator[None]:
    """Within it, :func:`text_of` reads each element's text once. Only for trees that
    nothing changes meanwhile (a tree being built reads with :func:`read_text`)."""
    token = _KEPT_TEXTS.set({})
    try:
        yield
    finally:
        _KEPT_TEXTS.reset(token)


def read_text(el: html.HtmlElement) -> str:
    """The visible text of an element, read now (see :func:`text_of`).

    An element without children holds only its own text. Most others hold none of
    scripts, styles and form controls (nor a ``<br>`` to turn into a space): their text
    is read by libxml2 in one call; the rest are walked.
    """
    if tag_of(el) in SKIP_TAGS:
        return collapse(_texts(el))
    if not len(el):
        return collapse(el.text or "")
    # (a set test per descendant: handing lxml the 60 tag names costs 8 µs a call,
    # and the first descendant of most elements answers)
    if any(d.tag in _SLOW_PATH_TAGS for d in el.iterdescendants()):
        return collapse(_texts(el))
    return collapse(str(_STRING(el)))


def _texts(el: html.HtmlElement) -> str:
    """The element's text pieces in reading order, joined; block boundaries and <br>
    become spaces.

    libxml2 walks the tree (``iterwalk``); a skipped element's subtree is passed over,
    but its end still comes, for its tail. Comments and processing instructions count
    only for their tails. (Pieces are gathered in a list: this runs over whole regions.)
    """
    pieces: list[str] = []
    add = pieces.append
    walker = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            tag = tag_of(node)
            if tag in SKIP_TAGS and not is_disclosure(node):
                walker.skip_subtree()
                continue
            if tag in _SPACED_TAGS:
                add(" ")
            if text := node.text:
                add(text)
        elif event == "end":
            if node is el:
                continue
            if tag_of(node) in BLOCK_TAGS:
                add(" ")
            if tail := node.tail:
                add(tail)
        elif tail := node.tail:  # a comment or processing instruction
            add(tail)
    return "".join(pieces)


_SPACED_TAGS = BLOCK_TAGS | {"br"}


def select(selector: CSSSelector, root: html.HtmlElement) -> list[html.HtmlElement]:
    """The elements a compiled CSS selector matches below ``root``."""
    return cast(list[html.HtmlElement], selector(root))


def xpath_elements(xpath: etree.XPath, el: html.HtmlElement) -> list[html.HtmlElement]:
    """The elements a compiled XPath (that selects elements) finds from ``el``."""
    return cast(list[html.HtmlElement], xpath(el))


# Attributes of a control that opens part of the page (an accordion question, a tab).
_TOGGLE_ATTRS = ("aria-controls", "aria-expanded", "data-toggle", "data-bs-toggle")


def within(inner: html.HtmlElement, outer: html.HtmlElement) -> bool:
    """Whether ``outer`` is an ancestor of ``inner``."""
    return any(a is outer for a in inner.iterancestors())


def _named_label(el: html.HtmlElement) -> bool:
    """Whether an element is named as the title row of an accordion, a FAQ or a tab, and
    holds no heading or button of its own (those speak for themselves)."""
    classes = el.get("class")
    if not classes or not any(part in classes.lower() for part in _LABEL_PARTS):  # the cheap test first
        return False
    parts = name_parts(classes)
    if _DISCLOSURE_PARTS.isdisjoint(parts) or _LABEL_PARTS.isdisjoint(parts):
        return False
    return not any(tag_of(d) in HEADING_TAGS or tag_of(d) == "button" for d in el.iterdescendants())


def is_toggle(el: html.HtmlElement) -> bool:
    """Whether an element is a control that opens part of the page (an accordion
    question, a tab): its text is the title of what it opens."""
    return any(el.get(attr) is not None for attr in _TOGGLE_ATTRS)


_DISCLOSURE_PARTS = frozenset({"accordion", "toggle", "collapse", "collapsible", "faq", "tab", "tabs"})
# Text elements that can be the label of an accordion toggle or a tab, and how long a
# label gets (a question of a FAQ).
_LABEL_TAGS = frozenset({"p", "div", "span", "dt"})
DISCLOSURE_LABEL_MAX_WORDS = 20
# The name parts of an accordion's or a tab's title row ("accordion-header", "faq-question").
_LABEL_PARTS = frozenset({"header", "title", "heading", "question", "trigger"})


def is_disclosure(el: html.HtmlElement) -> bool:
    """A button that opens an accordion panel or a tab: its label (a FAQ question, a tab
    title) is content, unlike a form's "Submit". Also a short text element that controls
    the panel right after it (Enfold's ``<p class="toggler" aria-controls="toggle-id-1">``
    before ``div#toggle-id-1``), or one named as an accordion's title row before the
    panel it opens, when no attribute says so (Duda's ``div.accordion-header`` before
    ``div.accordion-content``): the question of the answer it opens; and a link that
    expands the panel it controls (``<a aria-expanded aria-controls>``, Flatsome's
    accordion titles). (A row of tab titles
    apart from their panels is no such label: each title is repeated over its panel.)"""
    tag = tag_of(el)
    if tag in _LABEL_TAGS:
        target = el.get("aria-controls")
        if not target and not _named_label(el):
            return False
        panel = next((s for s in el.itersiblings() if isinstance(s.tag, str)), None)
        opens_next = panel is not None and (
            panel.get("id") == target if target else not _named_label(panel) and bool(text_of(panel))
        )
        return opens_next and len(text_of(el).split()) <= DISCLOSURE_LABEL_MAX_WORDS
    if tag == "a":
        # a link made a toggle (Flatsome's a.accordion-title, Bootstrap's collapse links)
        toggles = el.get("aria-controls") and el.get("aria-expanded") is not None
        return bool(toggles) and 0 < len(text_of(el).split()) <= DISCLOSURE_LABEL_MAX_WORDS
    if tag != "button":
        return False
    if el.get("aria-expanded") is not None or el.get("aria-controls") or el.get("data-bs-toggle"):
        return True
    return not _DISCLOSURE_PARTS.isdisjoint(name_parts(el.get("class")))


class ElementPaths:
    """Element XPaths exactly as lxml's ``getpath`` writes them, in time linear in the tree.

    libxml2's ``getpath`` counts every earlier same-named sibling on each call, so taking
    the path of each of n sibling paragraphs costs O(n²): minutes for a page of 500,000
    ``<p>`` (issue 8). Here each parent's children are numbered once and remembered.
    """

    def __init__(self) -> None:
        self._steps: dict[html.HtmlElement, str] = {}
        self._paths: dict[html.HtmlElement, str] = {}  # of each element asked and its ancestors

    def path(self, el: html.HtmlElement) -> str:
        # up to the nearest ancestor whose path is known (the blocks of a region share
        # all of their ancestors), then down again
        pending = []
        node: html.HtmlElement | None = el
        while node is not None and node not in self._paths:
            pending.append(node)
            node = node.getparent()
        path = "" if node is None else self._paths[node]
        for below in reversed(pending):
            path = self._paths[below] = f"{path}/{self._step(below)}"
        return path

    def _step(self, node: html.HtmlElement) -> str:
        parent = node.getparent()
        if parent is None:
            return str(node.tag)
        if node not in self._steps:
            self._number_children(parent)
        return self._steps[node]

    def _number_children(self, parent: html.HtmlElement) -> None:
        children = [c for c in parent if isinstance(c.tag, str)]
        totals: dict[str, int] = {}
        for child in children:
            totals[child.tag] = totals.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in children:
            tag = child.tag
            seen[tag] = seen.get(tag, 0) + 1
            self._steps[child] = f"{tag}[{seen[tag]}]" if totals[tag] > 1 else tag
