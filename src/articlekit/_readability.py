"""The only module that imports readability-lxml: our last-resort locator.

readability-lxml's ``Document`` is stateful and mutates the tree it builds, so it is
given a serialized copy of the page as ``str``, and its errors become ours.
"""

from __future__ import annotations

import copy

from lxml import html
from readability import Document

from .dom import BLOCK_TAGS, SKIP_TAGS
from .errors import NoContentFound
from .parse import parse_fragment


def readability_region(root: html.HtmlElement) -> html.HtmlElement:
    """The article region readability-lxml finds, as a new element tree."""
    source = html.tostring(_with_parted_tails(root), encoding="unicode")
    try:
        summary = Document(source).summary(html_partial=True)
    except Exception as exc:  # readability raises bare Exception
        raise NoContentFound(f"readability-lxml found no article: {exc}") from exc
    return parse_fragment(summary)


def _with_parted_tails(root: html.HtmlElement) -> html.HtmlElement:
    """A copy of the page where the text after each block element starts with a space:
    readability-lxml drops blocks (an <aside>) and glues the text around them together
    ("Ketamine<aside>…</aside>infusion" read "Ketamineinfusion")."""
    page = copy.deepcopy(root)
    for el in page.iter(*BLOCK_TAGS, *SKIP_TAGS):
        if el.tail and not el.tail[0].isspace():
            el.tail = " " + el.tail
    return page
