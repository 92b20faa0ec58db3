"""Finding the blog posts of a clinic's site.

:func:`discover` gathers URLs from these sources, in this order:

1. sitemaps: the robots.txt ``Sitemap:`` lines, else ``/sitemap_index.xml`` (Yoast,
   RankMath), ``/wp-sitemap.xml`` (WordPress core) and ``/sitemap.xml``; sitemap
   indexes are followed (skipping taxonomy sitemaps by rule), ``.xml.gz`` is inflated
   (bounded), plain-text sitemaps are read too;
2. feeds: the RSS/Atom ``<link rel=alternate>`` of the start page, else ``/feed/``;
3. the paginated blog index (``/blog/``, "Older posts" / ``rel=next`` / ``/page/N/``),
   read only when the sitemaps name no post.

Every URL is normalised (lower-case host, no fragment, no tracking parameters), kept
only on the same site, filtered by the rules of ``rules/urls.toml`` (archives, feeds,
attachments, pagination; the clinic's own pages when only posts are asked for) and by
robots.txt, and deduplicated in the order found.

XML is parsed without DTDs, network access or entity expansion.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html

from .errors import FetchError, RulesError
from .fetch import Fetcher, Page, inflate_all
from .options import FetchOptions

log = logging.getLogger("articlekit")
log.addHandler(logging.NullHandler())

# Bounds on the work one discovery does.
MAX_SITEMAPS = 200
MAX_INDEX_PAGES = 50
# Sitemap paths tried when robots.txt names none (Yoast/RankMath, WordPress core, the rest).
DEFAULT_SITEMAPS = ("/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap.xml")
DEFAULT_FEEDS = ("/feed/",)
DEFAULT_INDEXES = ("/blog/", "/news/", "/articles/")
FEED_TYPES = ("application/rss+xml", "application/atom+xml")
# Query parameters that only track where a visitor came from.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|_hs\w+|ref)$", re.I)
# Link texts of "the next (older) page of this index": Older posts, Next, or an arrow.
_NEXT_TEXT = re.compile(
    r"^\W*(?:older(?:\s+(?:posts|entries|articles))?|next(?:\s+page)?|more\s+posts|\u00bb|\u203a|\u2192)\W*$",
    re.I,
)

Provenance = Literal["post", "page"]


@dataclass(frozen=True, slots=True)
class UrlRule:
    id: str
    pattern: re.Pattern[str]
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class UrlRules:
    sitemaps: tuple[UrlRule, ...]
    excludes: tuple[UrlRule, ...]
    posts: tuple[UrlRule, ...]

    def sitemap_kind(self, url: str) -> str:
        path = urlsplit(url).path
        return next((r.kind for r in self.sitemaps if r.pattern.search(path)), "general")

    def excluded_by(self, url: str, *, posts_only: bool) -> UrlRule | None:
        target = _target(url)
        for rule in self.excludes:
            if (posts_only or rule.kind != "site") and rule.pattern.search(target):
                return rule
        return None

    def looks_like_post(self, url: str) -> bool:
        return any(r.pattern.search(_target(url)) for r in self.posts)


@lru_cache(maxsize=1)
def url_rules() -> UrlRules:
    """The bundled rules of ``rules/urls.toml``."""
    text = resources.files("articlekit").joinpath("rules/urls.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)

        def rules(table: str) -> tuple[UrlRule, ...]:
            return tuple(
                UrlRule(e["id"], re.compile(e["pattern"], re.I), e.get("kind", ""), e["reason"])
                for e in data.get(table, [])
            )

        return UrlRules(rules("sitemap"), rules("exclude"), rules("post"))
    except (tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        raise RulesError(f"rules/urls.toml: {exc}") from exc


def discover(
    site_url: str,
    options: FetchOptions | None = None,
    *,
    posts_only: bool = True,
    fetcher: Fetcher | None = None,
) -> list[str]:
    """The blog post URLs of the site at ``site_url`` (see the module docstring).

    ``posts_only=False`` keeps the clinic's other pages too (services, about...).
    Pass ``fetcher`` to share robots rules, host turns and the cache with later fetches.
    """
    if fetcher is None:
        with Fetcher(options) as own:
            return discover(site_url, posts_only=posts_only, fetcher=own)
    start = normalize_url(site_url)
    if start is None:
        from .errors import InvalidURL

        raise InvalidURL(f"not an http(s) site URL: {site_url!r}", url=site_url)
    found = _Found(start, url_rules(), posts_only)
    _read_sitemaps(fetcher, found)
    sitemaps_complete = bool(found.result())  # a feed only holds the latest posts
    _read_feeds(fetcher, found)
    if not sitemaps_complete:
        _read_index_pages(fetcher, found)
    return [url for url in found.result() if fetcher.allowed(url)]


def normalize_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL in one spelling, or None when ``url`` is not one."""
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port and port != (80 if scheme == "http" else 443):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in pairs if not _TRACKING.match(k)])
    return urlunsplit((scheme, host, path, query, ""))


def same_site(a: str, b: str) -> bool:
    """True when two URLs are on one host (``www.`` or not)."""

    def host(u: str) -> str:
        return (urlsplit(u).hostname or "").lower().removeprefix("www.")

    return host(a) == host(b)


@dataclass
class _Found:
    """The URLs found so far, with where each came from, in order."""

    start: str
    rules: UrlRules
    posts_only: bool
    urls: dict[str, Provenance] = field(default_factory=dict)

    def add(self, url: str, provenance: Provenance, base: str | None = None) -> None:
        norm = normalize_url(url, base)
        if norm is None or not same_site(norm, self.start):
            return
        if self.rules.excluded_by(norm, posts_only=self.posts_only) is not None:
            return
        if self.urls.get(norm) != "post":
            self.urls[norm] = provenance

    def result(self) -> list[str]:
        if not self.posts_only:
            return list(self.urls)
        prefixes = {_first_segment(u) for u, how in self.urls.items() if how == "post"}
        prefixes.discard("/")
        start_path = urlsplit(self.start).path
        if start_path not in ("", "/"):
            prefixes.add(_first_segment(self.start))
        return [
            u
            for u, how in self.urls.items()
            if how == "post" or self.rules.looks_like_post(u) or _first_segment(u) in prefixes
        ]


# -- sitemaps ------------------------------------------------------------------------------------


def _read_sitemaps(fetcher: Fetcher, found: _Found) -> None:
    origin = _origin(found.start)
    queue = list(fetcher.sitemaps(found.start)) or [origin + p for p in DEFAULT_SITEMAPS]
    seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAPS:
        url = queue.pop(0)
        kind = found.rules.sitemap_kind(url)
        if url in seen or kind == "skip" or (kind == "pages" and found.posts_only):
            continue
        seen.add(url)
        page = _get(fetcher, url)
        if page is None or page.final_url in seen - {url}:
            continue
        seen.add(page.final_url)
        tree = _xml(_unzipped(page, fetcher.options.max_bytes))
        if tree is None:
            for line in _text_lines(page):
                found.add(line, "page")
            continue
        name = etree.QName(tree).localname.lower()
        if name == "sitemapindex":
            queue.extend(_locs(tree, "sitemap"))
        elif name == "urlset":
            provenance: Provenance = "post" if kind == "posts" else "page"
            for loc in _locs(tree, "url"):
                found.add(loc, provenance)
        else:
            _add_feed_items(tree, page.final_url, found)


def _locs(tree: etree._Element, parent: str) -> Iterator[str]:
    for element in tree.iter("{*}" + parent):
        for loc in element.iter("{*}loc"):
            if loc.text and loc.text.strip():
                yield loc.text.strip()


def _text_lines(page: Page) -> Iterator[str]:
    if page.content_type not in (None, "text/plain"):
        return
    for line in page.content[:1_000_000].decode("utf-8", "replace").splitlines():
        if line.strip().lower().startswith(("http://", "https://")):
            yield line.strip()


# -- feeds ---------------------------------------------------------------------------------------


def _read_feeds(fetcher: Fetcher, found: _Found) -> None:
    feeds: list[str] = []
    start = _get(fetcher, found.start)
    if start is not None:
        root = _html(start)
        if root is not None:
            for link in root.iter("link"):
                rel = (link.get("rel") or "").lower().split()
                href = link.get("href")
                if "alternate" in rel and (link.get("type") or "").lower() in FEED_TYPES and href:
                    feed = urljoin(start.final_url, href)
                    if "/comments/" not in feed:
                        feeds.append(feed)
    for url in feeds or [_origin(found.start) + p for p in DEFAULT_FEEDS]:
        page = _get(fetcher, url)
        tree = _xml(page.content) if page is not None else None
        if page is not None and tree is not None:
            _add_feed_items(tree, page.final_url, found)


def _add_feed_items(tree: etree._Element, base: str, found: _Found) -> None:
    """RSS ``<item><link>`` and Atom ``<entry><link rel=alternate href>``."""
    for item in tree.iter("item", "{*}item"):
        link = item.find("{*}link")
        if link is None:
            link = item.find("link")
        if link is not None and link.text:
            found.add(link.text.strip(), "post", base)
    for entry in tree.iter("{*}entry"):
        for link in entry.iter("{*}link"):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                found.add(str(link.get("href")), "post", base)
                break


# -- blog index pages ----------------------------------------------------------------------------


def _read_index_pages(fetcher: Fetcher, found: _Found) -> None:
    start_path = urlsplit(found.start).path
    origin = _origin(found.start)
    candidates = [found.start] if start_path not in ("", "/") else [origin + p for p in DEFAULT_INDEXES]
    for index in candidates:
        if _crawl_index(fetcher, index, found):
            return


def _crawl_index(fetcher: Fetcher, index: str, found: _Found) -> bool:
    """Read an index and its older pages; True when it exists."""
    queue, seen = [index], set[str]()
    index_path = urlsplit(index).path.rstrip("/") + "/"
    while queue and len(seen) < MAX_INDEX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page = _get(fetcher, url)
        root = _html(page) if page is not None else None
        if page is None or root is None:
            if url == index:
                return False
            continue
        for href, text, rel in _links(root):
            target = normalize_url(href, page.final_url)
            if target is None or not same_site(target, index):
                continue
            if _is_next_page(target, text, rel, index_path):
                queue.append(target)
            elif urlsplit(target).path.startswith(index_path) or found.rules.looks_like_post(target):
                found.add(target, "post")
    return True


def _links(root: html.HtmlElement) -> Iterator[tuple[str, str, str]]:
    for a in root.iter("a", "link"):
        href = a.get("href")
        if href and not href.startswith(("#", "mailto:", "tel:", "javascript:")):
            rel = (a.get("rel") or "").lower()
            text = " ".join(a.text_content().split()) if a.tag == "a" else ""
            if a.tag == "a" or "next" in rel.split():
                yield href, text, rel


def _is_next_page(url: str, text: str, rel: str, index_path: str) -> bool:
    path = urlsplit(url).path
    if not path.startswith(index_path.rstrip("/")):
        return False
    paged = re.search(r"/page/\d+/?$|[?&](?:page|paged)=\d+", _target(url)) is not None
    return paged and ("next" in rel.split() or _NEXT_TEXT.match(text) is not None or text.strip().isdigit())


# -- helpers -------------------------------------------------------------------------------------


def _get(fetcher: Fetcher, url: str) -> Page | None:
    try:
        return fetcher.fetch(url, accept=None)
    except FetchError as exc:
        log.debug("discover: %s: %s", url, exc)
        return None


# No DTD, no network, no entity expansion: a sitemap cannot read local files or explode.
_XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    recover=True,
    remove_comments=True,
    remove_pis=True,
)


def _xml(data: bytes) -> etree._Element | None:
    head = data[:512].lstrip()
    if not head.startswith(b"<") or re.match(rb"<!doctype\s+html|<html", head, re.I):
        return None
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return None
    return root if root is not None and isinstance(root.tag, str) else None


def _html(page: Page) -> html.HtmlElement | None:
    try:
        return html.document_fromstring(page.content or b"<html></html>")
    except (etree.ParserError, ValueError):
        return None


def _unzipped(page: Page, max_bytes: int) -> bytes:
    if page.content[:2] == b"\x1f\x8b":
        try:
            return inflate_all(page.content, max_bytes)
        except FetchError as exc:
            log.debug("discover: %s: %s", page.final_url, exc)
            return b""
    return page.content


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _first_segment(url: str) -> str:
    segment = urlsplit(url).path.strip("/").split("/", 1)[0]
    return f"/{segment}/" if segment else "/"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
