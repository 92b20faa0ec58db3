"""Stage 3 — page metadata and the organization behind it.

Sources, in order of trust: JSON-LD, OpenGraph, Twitter cards and ``<meta>`` tags,
then the document itself (``<title>``, ``<h1>``, ``<html lang>``). Each field records
in ``Metadata.sources`` where it came from.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

from lxml import html

from .dom import collapse, text_of
from .model import Metadata, Organization

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "blogposting",
        "newsarticle",
        "medicalwebpage",
        "medicalscholarlyarticle",
        "report",
        "techarticle",
        "scholarlyarticle",
        "posting",
        "socialmediaposting",
    }
)
_ORG_TYPES = frozenset(
    {
        "medicalclinic",
        "medicalbusiness",
        "localbusiness",
        "physician",
        "dentist",
        "organization",
        "medicalorganization",
        "hospital",
        "healthandbeautybusiness",
        "dayspa",
        "healthclub",
        "physiotherapy",
        "optician",
        "pharmacy",
        "corporation",
        "professionalservice",
    }
)
_TAG = re.compile(r"<[^>]*>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\-:»·]\s+")


def extract_metadata(root: html.HtmlElement, url: str | None) -> tuple[Metadata, Organization]:
    """Metadata and organization of a parsed page."""
    items = list(json_ld_items(root))
    meta = _meta_tags(root)
    sources: dict[str, str] = {}
    article = next((i for i in items if _types(i) & _ARTICLE_TYPES), {})

    def pick(field: str, *candidates: tuple[str, Any]) -> Any:
        for source, value in candidates:
            if value:
                sources[field] = source
                return value
        return None

    title = pick(
        "title",
        ("json-ld", _text(article.get("headline") or article.get("name"))),
        ("opengraph", meta.get("og:title")),
        ("twitter", meta.get("twitter:title")),
        ("meta", _page_title(root)),
    )
    metadata = Metadata(
        title=title,
        description=pick(
            "description",
            ("json-ld", _text(article.get("description"))),
            ("opengraph", meta.get("og:description")),
            ("meta", meta.get("description")),
        ),
        authors=tuple(_names(article.get("author"))),
        published=pick(
            "published",
            ("json-ld", _iso_date(article.get("datePublished"))),
            ("opengraph", _iso_date(meta.get("article:published_time"))),
            ("meta", _iso_date(meta.get("date") or meta.get("pubdate"))),
        ),
        modified=pick(
            "modified",
            ("json-ld", _iso_date(article.get("dateModified"))),
            ("opengraph", _iso_date(meta.get("article:modified_time"))),
        ),
        language=pick(
            "language",
            ("meta", _lang(root.get("lang") or root.get("xml:lang"))),
            ("opengraph", _lang(meta.get("og:locale"))),
            ("json-ld", _lang(_text(article.get("inLanguage")))),
        ),
        canonical_url=pick(
            "canonical_url", ("meta", _canonical(root, url)), ("opengraph", meta.get("og:url"))
        ),
        site_name=pick("site_name", ("opengraph", meta.get("og:site_name"))),
        image=pick("image", ("opengraph", meta.get("og:image")), ("json-ld", _image(article.get("image")))),
        page_type=_page_type(article, meta),
        sources=sources,
    )
    return metadata, _organization(items, url)


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """The title without a trailing " | Site Name" part."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        if site_name and collapse(parts[-1]).lower() == site_name.lower():
            return collapse(" - ".join(parts[:-1]))
        if len(parts[-1].split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3:
            return collapse(parts[0]) if len(parts) == 2 else collapse(title)
    return collapse(title)


def json_ld_items(root: html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened out of @graph and arrays."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _loads_lenient(script.text or "")
        yield from _flatten(data)


def _loads_lenient(text: str) -> Any:
    text = _CONTROL.sub(" ", text.strip())
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->")
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt)
        except ValueError:
            continue
    return None


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values}


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return collapse(html_lib.unescape(_TAG.sub(" ", value)))
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for v in values:
        name = v.get("name") if isinstance(v, dict) else v
        if isinstance(name, str) and name.strip():
            names.append(collapse(name))
    return names


def _image(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("url"))
    return _text(value)


def _meta_tags(root: html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    head = root.find("head")
    scope = head if head is not None else root
    for m in scope.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in found:
            found[key] = collapse(content)
    return found


def _page_title(root: html.HtmlElement) -> str | None:
    el = root.find(".//title")
    if el is not None and text_of(el):
        return text_of(el)
    h1 = root.find(".//h1")
    return text_of(h1) if h1 is not None and text_of(h1) else None


def _canonical(root: html.HtmlElement, url: str | None) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href: str = link.get("href", "").strip()
            return urljoin(url, href) if url else href
    return None


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _iso_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date string, never in the future."""
    if not isinstance(value, str):
        return None
    m = _DATE.search(value)
    if not m:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    if day > datetime.now(UTC).date():
        return None
    return day.isoformat()


def _page_type(article: dict[str, Any], meta: dict[str, str]) -> str:
    if article or meta.get("og:type", "").lower() == "article":
        return "article"
    return "other"


def _organization(items: list[dict[str, Any]], url: str | None) -> Organization:
    org = next((i for i in items if _types(i) & _ORG_TYPES), None)
    if org is None:
        publishers = [i.get("publisher") for i in items if isinstance(i.get("publisher"), dict)]
        org = next((p for p in publishers if p), None)
    if not isinstance(org, dict):
        return Organization()
    address = org.get("address")
    address = address[0] if isinstance(address, list) and address else address
    address_dict: dict[str, Any] = address if isinstance(address, dict) else {}
    street = _text(address_dict.get("streetAddress"))
    return Organization(
        name=_text(org.get("name")),
        url=_text(org.get("url")),
        locality=_text(address_dict.get("addressLocality")),
        region=_text(address_dict.get("addressRegion")),
        telephone=_text(org.get("telephone")),
        address=street if street else (_text(address) if isinstance(address, str) else None),
    )
