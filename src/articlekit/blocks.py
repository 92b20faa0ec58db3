"""Stage 6 — the cleaned region (or plain text) to a flat list of Blocks.

HTML: headings, paragraphs, lists, tables, quotes and code are emitted as blocks;
text typed loose into containers becomes a paragraph; inline markup is flattened.
Elements the separation stage took out (``skip``) and page chrome are passed over.

Plain text: each non-empty line is a block; a short, title-like line without final
punctuation becomes a heading (level 0) — the layout of the seed post.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from functools import lru_cache
from typing import cast
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from .dom import (
    DISCLOSURE_LABEL_MAX_WORDS,
    HEADING_TAGS,
    PROSE_HEADING_CHARS,
    SKIP_TAGS,
    ElementPaths,
    asks,
    collapse,
    is_disclosure,
    is_toggle,
    tag_of,
    text_of,
    words,
    xpath_elements,
)
from .model import Block, Link

_LIST_TAGS = frozenset({"ul", "ol"})
_INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "del",
        "ins",
        "nobr",
    }
)
_BLOCKISH = etree.XPath(
    "descendant::*[self::p or self::div or self::h1 or self::h2 or self::h3 or self::h4"
    " or self::h5 or self::h6 or self::ul or self::ol or self::table or self::section"
    " or self::article or self::blockquote or self::br]"
)
_LAYOUT_CELL_CONTENT = etree.XPath(
    "descendant::*[self::p or self::div or self::table or self::h1 or self::h2 or self::h3"
    " or self::h4 or self::ul]"
)
_CELLS = etree.XPath(".//td|.//th")
# List items that hold a label and a nested list, or a heading: the list is an outline.
_OUTLINE_ITEMS = etree.XPath(
    "./li[(ul or ol) and (p or strong or b)] | ./li[h1 or h2 or h3 or h4 or h5 or h6]"
)
_UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_ENDS = re.compile(r"^[\x00-\x20\s]+|[\x00-\x20\s]+$")  # controls and spaces


def html_blocks(
    region: html.HtmlElement, *, skip: Collection[html.HtmlElement], base_url: str | None
) -> list[Block]:
    """The blocks of an HTML region, in document order."""
    builder = _Builder(skip, base_url)
    builder.walk(region)
    builder.flush()
    return builder.blocks


# Plain-text headings: short, starts with a capital letter or digit, no sentence end.
_TEXT_HEADING = re.compile(r"^[\"'“(]?[\w¿¡]", re.UNICODE)
TEXT_HEADING_MAX_WORDS = 14


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain-text article: one per non-empty line."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = collapse(raw)
        if not line:
            continue
        if looks_like_heading(line):
            blocks.append(Block("heading", line, level=0))
        else:
            blocks.append(Block("paragraph", line, links=_text_links(line)))
    return blocks


def looks_like_heading(line: str) -> bool:
    """A short, title-like line without final punctuation (questions allowed)."""
    words = line.split()
    if not words or len(words) > TEXT_HEADING_MAX_WORDS:
        return False
    if line[-1] in ".,;…!" or line.endswith("..."):
        return False
    if not _TEXT_HEADING.match(line) or not (line[0].isupper() or line[0].isdigit() or line[0] in "¿¡\"'“("):
        return False
    return not re.search(r"https?://", line)


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')]+")


def _text_links(line: str) -> tuple[Link, ...]:
    return tuple(Link(m.rstrip(".,;:!?"), m.rstrip(".,;:!?")) for m in _URL_IN_TEXT.findall(line))


@lru_cache(maxsize=4096)  # pages repeat their links (menus, footers), and urljoin is slow
def safe_url(href: str | None, base_url: str | None) -> str | None:
    """The link resolved against the page URL; None for script and data URLs."""
    # Read the URL as browsers do (WHATWG URL): tabs and newlines anywhere are ignored and
    # controls and spaces at the ends trimmed, so "java\tscript:" is a javascript: URL.
    href = _URL_ENDS.sub("", _URL_IGNORED.sub("", href or ""))
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base_url, href) if base_url else href
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # "http://[x": a broken IPv6 host is no usable link (issue 8)
        return None
    return None if scheme in _UNSAFE_SCHEMES else url


class _Builder:
    """Walks one region and collects blocks; inline text is buffered into paragraphs."""

    def __init__(self, skip: Collection[html.HtmlElement], base_url: str | None) -> None:
        self.skip = skip
        self.base_url = base_url
        self.paths = ElementPaths()  # not getpath(), which is quadratic over many siblings
        self.blocks: list[Block] = []
        self._handlers = self._handler_table()
        self._inline: list[str] = []
        self._inline_links: list[Link] = []
        self._inline_path: str | None = None
        # whether the buffered line holds text that is not bold, and its first line when
        # that line is one bold run ended by a line break ("<b>Question?</b><br>Answer")
        self._inline_plain = False
        self._inline_lead: str | None = None
        # the links that blocks being walked stand in (a teaser card that is one <a>)
        self._enclosing: list[str] = []

    # -- walking --------------------------------------------------------------
    def walk(self, el: html.HtmlElement) -> None:
        if el.text:
            self._add_inline(el.text, el)
        for child in el:
            self._visit(child)
            if child.tail:
                self._add_inline(child.tail, el)

    def _visit(self, el: html.HtmlElement) -> None:
        tag = tag_of(el)
        if is_disclosure(el) or tag == "summary":
            self.flush()
            self._disclosure(el)
            return
        if el in self.skip:  # removed boilerplate still parts the words around it (issue 8)
            self._inline.append(" ")
            return
        if not tag or tag in SKIP_TAGS:
            return
        if el.get("role") == "tabpanel":
            self._tab_title(el)
        handler = self._handlers.get(tag)
        if handler is not None:
            self.flush()
            handler(el)
        elif tag == "br":
            self._line_break()
        elif tag in _INLINE_TAGS and not xpath_elements(_BLOCKISH, el):
            self._add_inline_element(el)
        else:
            self.flush()
            url = safe_url(el.get("href"), self.base_url) if tag == "a" else None
            if url:
                self._enclosing.append(url)
            self.walk(el)
            self.flush()
            if url:
                self._enclosing.pop()

    def _handler_table(self) -> dict[str, Callable[[html.HtmlElement], None]]:
        handlers: dict[str, Callable[[html.HtmlElement], None]] = dict.fromkeys(HEADING_TAGS, self._heading)
        handlers.update(
            p=self._paragraph,
            ul=self._list,
            ol=self._list,
            dl=self._definitions,
            table=self._table,
            blockquote=self._quote,
            pre=self._code,
        )
        return handlers

    # -- block handlers ---------------------------------------------------------
    def _heading(self, el: html.HtmlElement) -> None:
        text = self._visible(el)
        if len("".join(text.split())) >= PROSE_HEADING_CHARS:
            self._paragraph(el)  # a paragraph set in a heading tag for its size
        elif text:
            level = int(tag_of(el)[1])
            links = self._links(el) or self._enclosing_link(el, text)
            self.blocks.append(Block("heading", text, level=level, path=self._path(el), links=links))

    def _paragraph(self, el: html.HtmlElement) -> None:
        if any(tag_of(d) != "br" for d in xpath_elements(_BLOCKISH, el)):
            self.walk(el)  # a <p> wrapping blocks (invalid, but CMSs emit it)
            self.flush()
            return
        text = self._visible(el)
        if text:
            strong = _is_one_bold_run(el, text)
            lead = "" if strong else _bold_first_line(el, text)
            self.blocks.append(
                Block(
                    "paragraph",
                    text,
                    path=self._path(el),
                    links=self._links(el),
                    strong=strong,
                    leads=(lead,) if lead else (),
                    card_url=self._card_url(),
                    jumps=_only_jump(el, text),
                )
            )

    def _list(self, el: html.HtmlElement) -> None:
        if xpath_elements(_OUTLINE_ITEMS, el) or any(is_disclosure(c) for li in el for c in li):
            # an outline: labelled items with their own lists are sections; an accordion
            # as a list: each item a question and the panel it opens
            self.walk(el)
            self.flush()
            return
        entries = [(li, t) for li in _list_items(el) if (t := self._visible(li))]
        items = tuple(t for _, t in entries)
        if items:
            leads = tuple(_lead_of(li, t) for li, t in entries)
            self.blocks.append(
                Block(
                    "list",
                    "\n".join(items),
                    items=items,
                    path=self._path(el),
                    links=self._links(el),
                    leads=leads if any(leads) else (),
                    jumps=len(entries) >= 2 and all(_only_jump(li, t) for li, t in entries),
                )
            )

    def _definitions(self, el: html.HtmlElement) -> None:
        items = tuple(t for d in el if tag_of(d) in ("dt", "dd") and (t := self._visible(d)))
        if items:
            self.blocks.append(Block("list", "\n".join(items), items=items, path=self._path(el)))

    def _table(self, el: html.HtmlElement) -> None:
        cells = xpath_elements(_CELLS, el)
        if any(xpath_elements(_LAYOUT_CELL_CONTENT, c) for c in cells):
            self.walk(el)  # a layout table: its cells hold blocks
            self.flush()
            return
        rows = []
        for tr in el.iter("tr"):
            row = " | ".join(t for c in tr if tag_of(c) in ("td", "th") and (t := self._visible(c)))
            if row:
                rows.append(row)
        if rows:
            self.blocks.append(Block("table", "\n".join(rows), items=tuple(rows), path=self._path(el)))

    def _disclosure(self, el: html.HtmlElement) -> None:
        """An accordion or tab toggle: its label heads the panel it opens."""
        text = self._visible(el)
        if text:
            self.blocks.append(Block("paragraph", text, path=self._path(el), strong=True))

    def _tab_title(self, panel: html.HtmlElement) -> None:
        """A tab panel's title, when the tab that names it stands apart in a tab bar that
        was taken out as navigation (``aria-labelledby``; Flatsome's ``li.tab`` row above
        its panels, matched by its ``nav`` class): the title heads
        the panel, unless it is already said right before it or at its start (a mobile
        title repeated over each panel)."""
        label = _labelled_by(panel)
        if label is None or not self._taken_out(label):
            return  # a tab bar left in the text says the titles itself
        text = text_of(label)
        if not text or len(text.split()) > DISCLOSURE_LABEL_MAX_WORDS:
            return
        self.flush()
        said = self.blocks[-1].text if self.blocks else ""
        if said != text and not text_of(panel).startswith(text):
            self.blocks.append(Block("paragraph", text, path=self._path(panel), strong=True))

    def _taken_out(self, el: html.HtmlElement) -> bool:
        """Whether the element or one around it was taken out of the text."""
        return el in self.skip or any(a in self.skip for a in el.iterancestors())

    def _quote(self, el: html.HtmlElement) -> None:
        text = self._visible(el)
        if text:
            self.blocks.append(Block("quote", text, path=self._path(el), links=self._links(el)))

    def _code(self, el: html.HtmlElement) -> None:
        text = "".join(_code_text(el)).strip()
        if text:
            self.blocks.append(Block("code", text, path=self._path(el)))

    # -- inline buffer ----------------------------------------------------------
    def _add_inline(self, text: str, parent: html.HtmlElement) -> None:
        if text.strip():
            self._inline_plain = True
            if self._inline_path is None:
                self._inline_path = self._path(parent)
        self._inline.append(text)

    def _line_break(self) -> None:
        first = collapse("".join(self._inline))
        if first and not self._inline_plain and self._inline_lead is None:
            self._inline_lead = first
        self._inline.append("\n")

    def _add_inline_element(self, el: html.HtmlElement) -> None:
        text = self._visible(el)
        if text:
            if self._inline_path is None:
                self._inline_path = self._path(el.getparent() if el.getparent() is not None else el)
            # a box or boilerplate taken out of an inline element still parts its words
            # from the text around it, as its removal leaves a line break on the page
            parted = tag_of(el) not in ("span", "a", "strong", "b", "em", "i") or self._holds_skipped(el)
            self._inline.append(" " + text + " " if parted else text)
            if not _is_one_bold_run(el, text):
                self._inline_plain = True
            self._inline_links.extend(self._links(el))

    def flush(self) -> None:
        text = collapse("".join(self._inline))
        if text:
            links = tuple(self._inline_links)
            card_url = None if links else self._card_url()
            # loose text that is one bold question ("<div><b>Question?</b></div>", as
            # Blogger's editor types an FAQ) is as bold as a <p> that is; other bold loose
            # lines are far more often a layout's labels ("Verified Expert", "Pros", a
            # price) than titles. A bold first line before more text is the line's lead.
            strong = not self._inline_plain and asks(text)
            lead = self._inline_lead or ""
            beyond = self._inline_plain and len(text) > len(lead) and text.startswith(lead)
            leads = (lead,) if lead and beyond else ()
            block = Block(
                "paragraph",
                text,
                path=self._inline_path,
                links=links,
                strong=strong,
                leads=leads,
                card_url=card_url,
            )
            self.blocks.append(block)
        self._inline = []
        self._inline_links = []
        self._inline_path = None
        self._inline_plain = False
        self._inline_lead = None

    # -- helpers ----------------------------------------------------------------
    def _holds_skipped(self, el: html.HtmlElement) -> bool:
        return bool(self.skip) and any(d in self.skip for d in el.iterdescendants())

    def _visible(self, el: html.HtmlElement) -> str:
        if not self._holds_skipped(el):
            return text_of(el)
        return collapse(" ".join(_text_without(el, self.skip)))

    def _links(self, el: html.HtmlElement) -> tuple[Link, ...]:
        anchors = [el] if tag_of(el) == "a" else list(el.iter("a"))
        links = []
        for a in anchors:
            url = safe_url(a.get("href"), self.base_url)
            if url:
                links.append(Link(text_of(a), url))
        return tuple(links)

    def _enclosing_link(self, el: html.HtmlElement, text: str) -> tuple[Link, ...]:
        """The link a heading stands in (a teaser card that is one <a>), as the heading's."""
        a = next(el.iterancestors("a"), None)
        url = safe_url(a.get("href"), self.base_url) if a is not None else None
        return (Link(text, url),) if url else ()

    def _card_url(self) -> str | None:
        """The link the blocks being walked stand in (a card's title in a <div> inside
        the card's one <a>): a teaser's URL, kept apart from the block's own links so
        that the text of a linked box is not taken for a link list."""
        return self._enclosing[-1] if self._enclosing else None

    def _path(self, el: html.HtmlElement) -> str:
        return self.paths.path(el)


def _labelled_by(el: html.HtmlElement) -> html.HtmlElement | None:
    """The element whose id the element's ``aria-labelledby`` names (the first one)."""
    ids = (el.get("aria-labelledby") or "").split()
    if not ids:
        return None
    found = _BY_ID(el, want=ids[0])
    return cast(html.HtmlElement, found[0]) if isinstance(found, list) and found else None


_BY_ID = etree.XPath("//*[@id=$want]")


def _only_jump(el: html.HtmlElement, text: str) -> bool:
    """Whether a list item or a line is only links to places on this page ("#pricing"),
    separators between them aside ("Pricing · Aftercare"). A link that opens part of
    the page (an accordion question, with ``aria-controls`` or ``data-toggle``) is no
    jump: its text is the title of what it opens."""
    jumps = [a for a in el.iter("a") if _is_jump(a)]
    return bool(jumps) and words(text) == words(" ".join(text_of(a) for a in jumps))


def _is_jump(a: html.HtmlElement) -> bool:
    href = (a.get("href") or "").strip()
    return len(href) > 1 and href[0] == "#" and not is_toggle(a)


def _code_text(el: html.HtmlElement) -> Iterator[str]:
    """A code block's text, whitespace kept; a <script> inside is not text (issue 8)."""
    yield el.text or ""
    for child in el:
        if tag_of(child) not in SKIP_TAGS:
            yield from _code_text(child)  # depth is bounded by parse.MAX_DEPTH
        yield child.tail or ""


def _text_without(el: html.HtmlElement, skip: Collection[html.HtmlElement]) -> list[str]:
    parts = [el.text or ""]
    for child in el:
        if child not in skip:
            parts.append(text_of(child) if tag_of(child) not in SKIP_TAGS else "")
        parts.append(child.tail or "")
    return parts


# Wrappers a list item's bold label may sit in ("<li><p><strong>Label:</strong></p>…").
_LEAD_WRAPPERS = frozenset({"p", "span", "div"})
_BOLD_TAGS = frozenset({"strong", "b"})
# After a label, the item goes on with a separator, a line break or a new sentence
# ("<strong>Law</strong> of similars…" is emphasis, not a label).
_LEAD_SEPARATED = re.compile(r"[:.\u2013\u2014-]\s*$")
_BODY_SEPARATED = re.compile(r"^\s*(?:[:\u2013\u2014-]|[A-Z0-9\u00c0-\u00de\"“(])")


def _list_items(el: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The items of a list, with those of a list set directly inside it, where an <li>
    should have held it (``<ul><li>Examples:</li><ul><li>…</li></ul></ul>``, as rich-text
    editors write a sublist): browsers show them, so they are items too."""
    for child in el:
        tag = tag_of(child)
        if tag == "li":
            yield child
        elif tag in _LIST_TAGS:
            yield from _list_items(child)


def _lead_of(li: html.HtmlElement, item: str) -> str:
    """The bold label opening a list item ("<li><strong>Label:</strong> text"), or ""."""
    el = li
    for _ in range(3):  # the label may sit in a <p> or <span> of the item
        if (el.text or "").strip():
            return ""
        first = next(
            (c for c in el if isinstance(c.tag, str) and (text_of(c) or (c.tail or "").strip())), None
        )
        if first is None:
            return ""
        tag = tag_of(first)
        if tag in _BOLD_TAGS:
            lead = text_of(first)
            rest = item[len(lead) :] if item.startswith(lead) else ""
            separated = _LEAD_SEPARATED.search(lead) or _BODY_SEPARATED.match(rest)
            return lead if rest.strip() and separated else ""
        if tag not in _LEAD_WRAPPERS:
            return ""
        el = first
    return ""


def _bold_first_line(el: html.HtmlElement, text: str) -> str:
    """The first line of a paragraph when it is one bold run that a line break ends and
    more text follows ("<p><strong>Does it hurt?</strong><br>Most patients…</p>", or
    "<strong>Does it hurt?<br></strong>Most…" as TinyMCE writes it), or "". A bold run
    that the line goes on after ("<strong>Note:</strong> take…") is no line."""
    if (el.text or "").strip():
        return ""
    bold: list[str] = []
    for child in el:
        tag = tag_of(child)
        if tag == "br":
            break
        child_text = text_of(child) if tag else ""
        if not child_text:
            if (child.tail or "").strip():
                return ""
            continue  # an empty anchor or image before the bold run
        if not _is_one_bold_run(child, child_text):
            return ""
        bold.append(child_text)
        if _ends_in_break(child):
            break
        if (child.tail or "").strip():
            return ""
    else:
        return ""
    lead = collapse(" ".join(bold))
    return lead if lead and len(text) > len(lead) and text.startswith(lead) else ""


def _ends_in_break(el: html.HtmlElement) -> bool:
    """Whether an element's last content is a line break ("<strong>Title<br></strong>")."""
    last = el[-1] if len(el) else None
    return last is not None and tag_of(last) == "br" and not (last.tail or "").strip()


_MARKDOWN_BOLD = re.compile(r"^\*\*[^*]+\*\*:?$")


def _is_one_bold_run(el: html.HtmlElement, text: str) -> bool:
    if _MARKDOWN_BOLD.match(text):  # Markdown pasted into a CMS editor, shown as typed
        return True
    bold = " ".join(text_of(b) for b in el.iter("strong", "b") if b.getparent() is not None)
    return bool(bold) and collapse(bold) == text
