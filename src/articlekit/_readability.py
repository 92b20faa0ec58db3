"""The only module that imports readability-lxml: our last-resort locator.

readability-lxml's ``Document`` is stateful and mutates the tree it builds, so it is
given a serialized copy of the page as ``str``, and its errors become ours.
"""

from __future__ import annotations

from lxml import html
from readability import Document

from .errors import NoContentFound
from .parse import parse_fragment


def readability_region(root: html.HtmlElement) -> html.HtmlElement:
    """The article region readability-lxml finds, as a new element tree."""
    source = html.tostring(root, encoding="unicode")
    try:
        summary = Document(source).summary(html_partial=True)
    except Exception as exc:  # readability raises bare Exception
        raise NoContentFound(f"readability-lxml found no article: {exc}") from exc
    return parse_fragment(summary)
