"""Structured data in a page: JSON-LD and microdata, as plain dicts.

Both come out in one shape — ``{"@type": [...], "property": value, ...}`` — so the
metadata stage reads them alike. JSON-LD is read leniently, because clinic sites
ship it hand-edited: trailing commas, ``//`` and ``/* */`` comments, raw control
characters, a script HTML-escaped whole, several objects in one script. ``{"@id": x}``
references are resolved against every node on the page.

Measured against extruct 0.18 (``bench/metadata.py --libraries``): extruct drops a
malformed JSON-LD block entirely and parses the whole page a second time; this
module reads every block of the fixtures, malformed ones included.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree, html

from .dom import text_of, xpath_elements

Node = dict[str, Any]

# Strings are matched first so that "//" or "," inside a string value is left alone.
_JSON_STRING = r'"(?:\\.|[^"\\])*"'
_COMMENT = re.compile(_JSON_STRING + r"|//[^\n]*|/\*.*?\*/", re.S)
_TRAILING_COMMA = re.compile(_JSON_STRING + r"|,(\s*[}\]])")
# Raw control characters other than whitespace are invalid anywhere in JSON.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Nodes nest no deeper than this in real pages; deeper is hostile input.
MAX_DEPTH = 12


@dataclass(frozen=True, slots=True)
class Structured:
    """The typed nodes of a page, by where they were written."""

    json_ld: tuple[Node, ...]
    microdata: tuple[Node, ...]


def structured_data(root: html.HtmlElement) -> Structured:
    """Every typed node of the page's JSON-LD and of its microdata, references resolved."""
    json_ld = [n for top in json_ld_blocks(root) for n in _walk(top)]
    microdata = [n for top in microdata_items(root) for n in _walk(top)]
    index = {n["@id"]: n for n in json_ld + microdata if isinstance(n.get("@id"), str) and len(n) > 1}
    return Structured(
        json_ld=tuple(_resolve(n, index, 0) for n in json_ld if "@type" in n),
        microdata=tuple(_resolve(n, index, 0) for n in microdata if "@type" in n),
    )


def json_ld_blocks(root: html.HtmlElement) -> Iterator[Any]:
    """The parsed content of each ``application/ld+json`` script (unparseable ones skipped)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            yield from loads_lenient(script.text or "")


def loads_lenient(text: str) -> list[Any]:
    """The JSON values in ``text``, repaired where clinic CMSs typically break them."""
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if text.startswith("<![CDATA[") or "//<![CDATA[" in text:
        text = text.replace("//<![CDATA[", "").replace("//]]>", "")
        text = text.removeprefix("<![CDATA[").removesuffix("]]>")
    try:  # most blocks are valid JSON: the repairs (regexes over the whole text) are spared
        return [json.loads(text, strict=False)] if text else []
    except (ValueError, RecursionError):
        pass
    repaired = _repair(text)
    values = _decode_all(repaired)
    if not values and "&quot;" in text:
        values = _decode_all(_repair(html_lib.unescape(text)))
    return values


def _repair(text: str) -> str:
    text = _CONTROL.sub(" ", text)
    text = _COMMENT.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)
    return _TRAILING_COMMA.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(0), text)


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in ``text``: one, or several concatenated ones."""
    decoder = json.JSONDecoder(strict=False)
    values, pos = [], 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n;,":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):  # RecursionError: [[[[… thousands deep (issue 8)
            break
        values.append(value)
    return values


def _walk(data: Any, depth: int = 0) -> Iterator[Node]:
    """Every dict in ``data``: top level, @graph members, list members and nested values."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value, depth + 1)


def _resolve(node: Node, index: dict[str, Node], depth: int) -> Node:
    """``node`` with each bare ``{"@id": ...}`` reference replaced by the node it names."""
    if depth > 2:
        return node
    out: Node = {}
    for key, value in node.items():
        out[key] = _resolve_value(value, index, depth)
    return out


def _resolve_value(value: Any, index: dict[str, Node], depth: int) -> Any:
    if isinstance(value, list):
        return [_resolve_value(v, index, depth) for v in value]
    if isinstance(value, dict):
        ref = value.get("@id")
        if set(value) <= {"@id", "name"} and isinstance(ref, str) and ref in index:
            return _resolve(index[ref], index, depth + 1)
        return _resolve(value, index, depth + 1)
    return value


def types_of(node: Node) -> set[str]:
    """The node's schema.org types, lowercased and without a vocabulary prefix."""
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values}


# ------------------------------------------------------------------ microdata
# "//*[@itemscope]" and ".//*[@itemprop]" as libxml2 finds them faster (the parents of
# the attributes, not every element tested for one: a quarter less time; same elements,
# in document order)
_ITEMSCOPES = etree.XPath("//@itemscope/..")
_ITEMPROPS = etree.XPath("descendant::*/@itemprop/..")


def microdata_items(root: html.HtmlElement) -> Iterator[Node]:
    """Each top-level ``itemscope`` element as a node (nested items become nested dicts)."""
    for el in xpath_elements(_ITEMSCOPES, root):
        if el.get("itemprop") is None or item_scope(el) is None:
            yield _item(el, 0)


def _item(el: html.HtmlElement, depth: int) -> Node:
    node: Node = {"@type": [t.rsplit("/", 1)[-1] for t in (el.get("itemtype") or "").split()]}
    if el.get("itemid"):
        node["@id"] = el.get("itemid")
    for prop_el in _properties(el):
        value: Any = (
            _item(prop_el, depth + 1)
            if prop_el.get("itemscope") is not None and depth < MAX_DEPTH
            else _value(prop_el)
        )
        for name in (prop_el.get("itemprop") or "").split():
            node.setdefault(name, []).append(value)
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 and k != "@type" else v) for k, v in node.items()}


def _properties(scope: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The ``itemprop`` elements that belong to ``scope`` (not to an item nested in it)."""
    for el in xpath_elements(_ITEMPROPS, scope):
        if item_scope(el) is scope:
            yield el


def item_scope(el: html.HtmlElement) -> html.HtmlElement | None:
    """The microdata item (``itemscope`` element) that ``el`` is inside, if any."""
    for parent in el.iterancestors():
        if parent.get("itemscope") is not None:
            return parent
    return None


# The datetime design pattern of microformats, from before HTML5 had <time>: an <abbr>
# whose title is the machine-readable date and whose text is what readers see (Blogger's
# <abbr itemprop="datePublished" title="2024-02-20T09:30:00+01:00">09:30</abbr>).
_MACHINE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_URL_PROPERTY_TAGS = {"a": "href", "link": "href", "area": "href", "img": "src", "source": "src"}


def _value(el: html.HtmlElement) -> str:
    tag = el.tag
    if tag == "meta":
        return el.get("content") or ""
    if tag in _URL_PROPERTY_TAGS:
        return el.get(_URL_PROPERTY_TAGS[tag]) or ""
    if tag == "time" and el.get("datetime"):
        return el.get("datetime") or ""
    if tag == "abbr" and _MACHINE_DATE.match(el.get("title") or ""):
        return el.get("title") or ""
    if el.get("content"):
        return el.get("content") or ""
    return text_of(el)


_TAG = re.compile(r"<[^>]*>")


def plain_text(value: Any) -> str | None:
    """A structured-data value as text: tags dropped, entities decoded; a list gives its first."""
    if isinstance(value, str):
        text = " ".join(html_lib.unescape(_TAG.sub(" ", html_lib.unescape(value))).split())
        return text or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value:
        return plain_text(value[0])
    return None
