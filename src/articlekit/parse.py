"""Stage 2 — text to an HTML tree. The only module that builds trees.

The parser is libxml2's HTML parser through lxml, set up safely: no network, no
entity expansion from DTDs (an HTML parser never loads them, and an XHTML page's
``<!ENTITY>`` declarations are read as text, never resolved), comments and
processing instructions dropped.

Hostile and broken pages (issue 8) are bounded here, so that no later stage meets
them:

* ``huge_tree`` is on, because libxml2's default limits *silently stop the parse*
  at a 10 MB text node or attribute (an inline ``data:`` image) or at 256 levels
  of nesting, losing the rest of the page. Input size is bounded by
  ``Options.max_bytes`` instead.
* With ``huge_tree`` libxml2 still stops at 2,048 levels; a page that deep raises
  :class:`~articlekit.InputTooLarge` rather than yielding a truncated article.
* Elements nested deeper than :data:`MAX_DEPTH` are flattened into their text at
  that depth, as browsers cap their parsers' tree depth (Blink at 512), so no
  stage that walks the tree recursively can run out of stack.
* ``<noframes>`` and ``<noembed>`` hold markup that libxml2 keeps as raw text;
  it is parsed into a ``<div>``, so a frameset page's fallback content is read as
  HTML, not as words like ``<p>``.
"""

from __future__ import annotations

import re

from lxml import etree, html

from .dom import read_text, word_count, xpath_elements
from .errors import EmptyInput, InputTooLarge

# Characters libxml2 refuses in a str (NUL and C0 controls except tab/newline/CR).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))
# An XML declaration with an encoding makes lxml refuse a str input.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

# Deepest element kept as a tree (<html> is level 1); real pages stay under 100, and the
# stages' recursive walks need about three Python frames a level.
MAX_DEPTH = 200
_AT_MAX_DEPTH = etree.XPath("/" + "/".join(["*"] * MAX_DEPTH) + "[*]")
# Elements whose content libxml2 keeps as raw text: markup, and text shown as it is.
_RAW_MARKUP_TAGS = ("noframes", "noembed")
_RAW_TEXT_TAGS = ("xmp", "plaintext")
_MAX_RAW_NESTING = 3


# Every element is an HtmlElement, looked up in C. lxml.html's own lookup (which tells
# <form> and <input> elements apart, for methods articlekit never calls) is Python code
# run for each element proxy created: about a tenth of all extraction time.
_PLAIN_HTML_LOOKUP = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)


def _parser() -> html.HTMLParser:
    # One per parse: its error log tells whether libxml2 stopped early.
    parser = html.HTMLParser(  # type: ignore[call-arg]  # stubs lag lxml: default_doctype exists
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        collect_ids=False,
        default_doctype=False,
        huge_tree=True,
    )
    parser.set_element_class_lookup(_PLAIN_HTML_LOOKUP)
    return parser


def parse_html(text: str, *, max_elements: int) -> html.HtmlElement:
    """Parse a page into an lxml tree (the ``<html>`` element)."""
    parser = _parser()
    try:
        root = html.document_fromstring(_cleaned(text), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyInput(f"no HTML could be parsed: {exc}", stage="parse") from exc
    _refuse_truncated(parser)
    _parse_raw_markup(root)
    _reveal_crawler_view(root)
    _flatten_deep(root)
    if _count_elements(root, max_elements) > max_elements:
        raise InputTooLarge(f"page has over {max_elements:,} elements (Options.max_elements)", stage="parse")
    return root


def parse_fragment(text: str) -> html.HtmlElement:
    """Parse a piece of HTML (such as readability-lxml's summary) into a ``<div>``.

    Not lxml's ``fragment_fromstring``: it fails an assertion when the text leaves no
    ``<body>`` (an unclosed ``<title>`` swallows the rest of a page as its text).
    """
    fragment = html.Element("div")
    try:
        doc = html.document_fromstring(_cleaned(text), parser=_parser())
    except (etree.ParserError, ValueError):
        return fragment
    body = doc.find("body")
    if body is not None:
        fragment.text = body.text
        fragment.extend(list(body))
    _flatten_deep(fragment)
    return fragment


def _cleaned(text: str) -> str:
    # A substring test per character is far cheaper than the regex on a page without any.
    if any(char in text for char in _CONTROL_CHARS):
        text = _CONTROL.sub("", text)
    return _XML_DECL.sub("", text, count=1)


_STRING = etree.XPath("string()")


def _refuse_truncated(parser: html.HTMLParser) -> None:
    """libxml2 stops at a resource limit (2,048 levels of nesting) and drops the rest."""
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise InputTooLarge("page nests elements over 2,048 deep, where the parser stops", stage="parse")


def _parse_raw_markup(root: html.HtmlElement) -> None:
    """libxml2 keeps the content of these elements as raw text, which a serialise-and-parse
    round trip (readability-lxml's) escapes again and again ("&" → "&amp;amp;"): each
    ``<noframes>``/``<noembed>`` becomes a ``<div>`` of its parsed content, each
    ``<xmp>``/``<plaintext>`` a ``<pre>`` of the same literal text."""
    for nesting in range(_MAX_RAW_NESTING + 1):  # <noframes> inside <noframes>: each round parses one
        found = [el for el in root.iter(*_RAW_MARKUP_TAGS, *_RAW_TEXT_TAGS) if not len(el)]
        for el in found:
            if el.tag in _RAW_TEXT_TAGS:
                el.tag = "pre"
                continue
            raw, el.text, el.tag = el.text or "", None, "div"
            if nesting < _MAX_RAW_NESTING:  # deeper nesting is hostile: its content is dropped
                fragment = parse_fragment(raw)
                el.text = fragment.text
                el.extend(list(fragment))
        if not found:
            return


# A <noscript> is what a reader without JavaScript sees instead of the page. When it holds
# at least this many words and the rest of the page shows fewer, the page is an app shell
# (Discourse forums, some single-page apps) and the <noscript> is its text.
CRAWLER_VIEW_MIN_WORDS = 40


def _reveal_crawler_view(root: html.HtmlElement) -> None:
    """Turn the ``<noscript>`` crawler view of an app shell into an ordinary ``<div>``
    (readers and crawlers without JavaScript see it, with any ``<noscript>`` inside it;
    the stages skip ``<noscript>``)."""
    body = root.find("body")
    if body is None:
        return
    views = {el: word_count(str(_STRING(el))) for el in body.iter("noscript") if len(el)}
    views = {el: words for el, words in views.items() if words >= CRAWLER_VIEW_MIN_WORDS}
    if views and word_count(read_text(body)) < sum(views.values()):
        for view in views:
            for shown in list(view.iter("noscript")):  # the view and any nested in it: all shown
                shown.tag = "div"


def _flatten_deep(root: html.HtmlElement) -> None:
    """Replace what is nested below MAX_DEPTH by its text (scripts and styles left out)."""
    for el in xpath_elements(_AT_MAX_DEPTH, root):
        text = read_text(el)  # not text_of: the tree changes here
        for child in list(el):
            el.remove(child)
        el.text = text


def _count_elements(root: html.HtmlElement, limit: int) -> int:
    count = 0
    for _ in root.iter():
        count += 1
        if count > limit:
            break
    return count
