"""The practice behind a page: name, url, telephone and address.

Three sources, each filling only what the ones before left empty, and each field
recording its source in ``Organization.sources``:

1. structured data (JSON-LD, then microdata): the article's publisher when it is an
   organization, else the most clinic-like organization node (a medical type with an
   address beats a bare ``Organization``); nodes of the same name fill each other's gaps;
2. the footer's name / address / phone block ("Optimal Medical Group / 7055 N Fresno
   St, Suite 210 / Fresno, CA 93720 / (559) 555-0142");
3. contact promo lines ("Get more information about Optimal Medical Group in Fresno at
   https://omgwellnessmd.com"), which the separate stage finds (see :func:`with_promotions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from lxml import etree, html

from .blocks import safe_url
from .dom import text_of
from .model import Organization, Promotion
from .structured import Node, Structured, plain_text, types_of

ORG_TYPES = frozenset(
    {
        "medicalclinic",
        "medicalbusiness",
        "medicalorganization",
        "localbusiness",
        "physician",
        "dentist",
        "physiotherapy",
        "hospital",
        "healthandbeautybusiness",
        "dayspa",
        "healthclub",
        "optician",
        "pharmacy",
        "organization",
        "corporation",
        "professionalservice",
        "chiropractor",
    }
)
# Types that name a practice rather than a company or a web publisher.
_PRACTICE_TYPES = ORG_TYPES - {"organization", "corporation"}
_FIELDS = ("name", "url", "telephone", "address", "locality", "region", "postal_code")
# "Fresno, CA 93720" (US), "Calgary, AB T2R 0G3" (Canada).
_LOCALITY_LINE = re.compile(
    r"^(?P<locality>[^\W\d][\w .'-]*?),\s*(?P<region>[A-Z]{2})\.?,?\s+"
    r"(?P<postal_code>\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$"
)
_LOCALITY_HINT = re.compile(r",\s*[A-Z]{2}\.?,?\s+(?:\d{5}|[A-Z]\d[A-Z])")
_STRING = etree.XPath("string()")
_FOOTER_NAME = re.compile(r"footer|colophon", re.I)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})(?:[\s.-]?\d{2,4}){2,3}")
# Footer headings that label a block rather than name the practice.
_GENERIC_HEADING = re.compile(
    r"contact|visit|location|address|find us|hours|office|get in touch|quick links", re.I
)
# "Get more information about Optimal Medical Group in Fresno at https://omgwellnessmd.com."
_CONTACT_PROMO = re.compile(
    r"(?:information|more|details)\s+(?:about|on)\s+(?P<name>[A-Z][^,]+?)"
    r"(?:\s+in\s+(?P<locality>[A-Z][\w .'-]+?))?\s+(?:at|on|:)\s+(?P<url>https?://[^\s]+?)\.?$"
)


def organization_of(root: html.HtmlElement, structured: Structured, url: str | None) -> Organization:
    """The organization behind the page, from its structured data and then its footer."""
    org = _from_nodes(structured.json_ld, "json-ld")
    org = _merge(org, _from_nodes(structured.microdata, "microdata"))
    return _with_absolute_url(_merge(org, _from_footer(root)), url)


def _with_absolute_url(org: Organization, page_url: str | None) -> Organization:
    """The organization's URL resolved against the page's; a URL that stays relative (or
    is not http) is no usable address of the practice and is dropped."""
    if org.url is None:
        return org
    resolved = safe_url(org.url, page_url)
    if resolved is not None and resolved.lower().startswith(("http://", "https://")):
        return replace(org, url=resolved)
    return replace(org, url=None, sources={k: v for k, v in org.sources.items() if k != "url"})


def with_promotions(org: Organization, promotions: Iterable[Promotion]) -> Organization:
    """``org`` with its empty fields filled from contact promo lines."""
    for promo in promotions:
        m = _CONTACT_PROMO.search(promo.text.strip())
        if promo.kind == "contact" and m:
            found = {k: v.strip() for k, v in m.groupdict().items() if v}
            org = _merge(org, Organization(**found, sources=dict.fromkeys(found, "promotion")))
    return org


def _from_nodes(nodes: Iterable[Node], source: str) -> Organization:
    candidates = list(_org_nodes(nodes))
    if not candidates:
        return Organization()
    best = max(candidates, key=_clinic_likeness)
    org = _node_organization(best, source)
    for other in candidates:
        if plain_text(other.get("name")) == org.name:
            org = _merge(org, _node_organization(other, source))
    return org


def _org_nodes(nodes: Iterable[Node]) -> Iterator[Node]:
    for node in nodes:
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and types_of(publisher) & ORG_TYPES:
            yield publisher
        if types_of(node) & ORG_TYPES:
            yield node


def _clinic_likeness(node: Node) -> int:
    return (
        2 * bool(types_of(node) & _PRACTICE_TYPES) + bool(node.get("address")) + bool(node.get("telephone"))
    )


def _node_organization(node: Node, source: str) -> Organization:
    address = _address_node(node.get("address"))
    if isinstance(node.get("address"), str):
        return _text_address(node, source)
    fields = {
        "name": plain_text(node.get("name")),
        "url": safe_url(plain_text(node.get("url")), None),  # no javascript: URLs (issue 8)
        "telephone": plain_text(node.get("telephone")),
        "address": plain_text(address.get("streetAddress")) if address else plain_text(node.get("address")),
        "locality": plain_text(address.get("addressLocality")),
        "region": plain_text(address.get("addressRegion")),
        "postal_code": plain_text(address.get("postalCode")),
    }
    found = {k: v for k, v in fields.items() if v}
    return Organization(**found, sources=dict.fromkeys(found, source))


def _text_address(node: Node, source: str) -> Organization:
    """An organization whose address is one string ("street\\ncity, ST zip\\ncountry")."""
    found = {k: v for k in ("name", "telephone") if (v := plain_text(node.get(k)))}
    if url := safe_url(plain_text(node.get("url")), None):  # no javascript: URLs (issue 8)
        found["url"] = url
    lines = [" ".join(line.split()) for line in str(node["address"]).split("\n") if line.strip()]
    found.update(_address_lines(lines) or {"address": " ".join(lines)})
    return Organization(**found, sources=dict.fromkeys(found, source))


def _address_lines(lines: list[str]) -> dict[str, str]:
    """Street, locality, region and postal code from address lines, when one reads "City, ST 12345"."""
    for i, line in enumerate(lines):
        m = _LOCALITY_LINE.match(line)
        if m:
            found = dict(m.groupdict())
            if i and any(ch.isdigit() for ch in lines[i - 1]):
                found["address"] = lines[i - 1]
            return found
    return {}


def _address_node(value: Any) -> Node:
    value = value[0] if isinstance(value, list) and value else value
    return value if isinstance(value, dict) else {}


def _merge(org: Organization, more: Organization) -> Organization:
    """``org`` with its empty fields taken from ``more``."""
    filled = {f: getattr(more, f) for f in _FIELDS if getattr(org, f) is None and getattr(more, f)}
    sources = {**org.sources, **{f: more.sources.get(f, "") for f in filled}}
    return replace(org, **filled, sources=sources) if filled else org


# ------------------------------------------------------------------- footer
def _from_footer(root: html.HtmlElement) -> Organization:
    footer = _footer(root)
    if footer is None:
        return Organization()
    found: dict[str, str] = {}
    blocks = footer.iter("p", "address", "div", "li") if _may_hold_locality(footer) else ()
    for block in blocks:
        if not _may_hold_locality(block):
            continue
        address = _address_lines(_lines(block))
        if address:
            found.update(address)
            name = _block_name(block)
            if name:
                found["name"] = name
            break
    phone = _footer_phone(footer)
    if phone:
        found["telephone"] = phone
    return Organization(**found, sources=dict.fromkeys(found, "footer"))


def _footer(root: html.HtmlElement) -> html.HtmlElement | None:
    footers = list(root.iter("footer"))
    if footers:
        return footers[-1]
    for el in root.iter():
        if isinstance(el.tag, str) and _FOOTER_NAME.search(f"{el.get('id')} {el.get('class')}"):
            return el
    return None


def _may_hold_locality(el: html.HtmlElement) -> bool:
    """Whether a "City, ST 12345" line may be in the element (libxml2 reads its text in
    one call; the lines are worked out only when it may)."""
    return bool(_LOCALITY_HINT.search(str(_STRING(el))))


def _lines(el: html.HtmlElement) -> list[str]:
    """The text of ``el`` split at ``<br>`` and child block boundaries."""
    parts: list[str] = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag in ("br", "p", "div") else "")
        parts.append(text_of(child) if isinstance(child.tag, str) and child.tag != "br" else "")
        parts.append(child.tail or "")
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def _block_name(block: html.HtmlElement) -> str | None:
    """The heading of the footer column that holds the address, when it names the practice."""
    for parent in [block, *block.iterancestors()][:4]:
        heading = next(parent.iter("h2", "h3", "h4", "h5", "h6", "strong"), None)
        if heading is not None:
            text = text_of(heading)
            if (
                0 < len(text.split()) <= 8
                and not _GENERIC_HEADING.search(text)
                and not re.search(r"\d", text)
            ):
                return text
            return None
    return None


def _footer_phone(footer: html.HtmlElement) -> str | None:
    for a in footer.iter("a"):
        if (a.get("href") or "").lower().startswith("tel:"):
            return text_of(a) or (a.get("href") or "")[4:]
    m = _PHONE.search(text_of(footer))
    return m.group(0) if m else None
