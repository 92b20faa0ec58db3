"""Stage 2 — text to an HTML tree. The only module that builds trees.

The parser is libxml2's HTML parser through lxml, set up safely: no network, no
entity expansion from DTDs (an HTML parser never loads them), comments and
processing instructions dropped, and the default depth limits kept.
"""

from __future__ import annotations

import re

from lxml import etree, html

from .errors import EmptyInput, InputTooLarge

# Characters libxml2 refuses in a str (NUL and C0 controls except tab/newline/CR).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# An XML declaration with an encoding makes lxml refuse a str input.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

_PARSER = html.HTMLParser(  # type: ignore[call-arg]  # stubs lag lxml: default_doctype exists
    remove_comments=True,
    remove_pis=True,
    no_network=True,
    recover=True,
    collect_ids=False,
    default_doctype=False,
)


def parse_html(text: str, *, max_elements: int) -> html.HtmlElement:
    """Parse a page into an lxml tree (the ``<html>`` element)."""
    cleaned = _XML_DECL.sub("", _CONTROL.sub("", text), count=1)
    try:
        root = html.document_fromstring(cleaned, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyInput(f"no HTML could be parsed: {exc}", stage="parse") from exc
    count = _count_elements(root, max_elements)
    if count > max_elements:
        raise InputTooLarge(f"page has over {max_elements:,} elements (Options.max_elements)", stage="parse")
    return root


def parse_fragment(text: str) -> html.HtmlElement:
    """Parse a piece of HTML (such as readability-lxml's summary) into an element."""
    cleaned = _XML_DECL.sub("", _CONTROL.sub("", text), count=1)
    return html.fragment_fromstring(cleaned, create_parent="div", parser=_PARSER)


def _count_elements(root: html.HtmlElement, limit: int) -> int:
    count = 0
    for _ in root.iter():
        count += 1
        if count > limit:
            break
    return count
