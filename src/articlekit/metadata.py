"""Stage 3 — page metadata and the organization behind it.

Every field is chosen the same way: a list of candidates, in order of trust, each
named by its source (``json-ld``, ``opengraph``, ``twitter``, ``meta``, ``microdata``,
``byline``, ``time-element``, ``url``, ``text``); the first usable one wins and is
recorded in ``Metadata.sources``. The orders, and why:

* title — the visible ``<h1>`` when it agrees with any metadata title (or stands in
  the article), because clinic JSON-LD headlines carry the site name or a template's
  placeholder; then OpenGraph, JSON-LD, Twitter, microdata, ``<title>``.
* description — ``<meta name=description>`` (the page's own summary), then the others.
* authors / reviewers — JSON-LD, microdata, the visible byline, ``<meta name=author>``;
  placeholder accounts ("admin", the clinic's own name) are not authors.
* dates — JSON-LD, OpenGraph, ``<meta>``, microdata, ``<time>``, byline text, and the
  URL only as the last resort; a date after today is never taken.
* language — ``<html lang>``, ``Content-Language``, then a stopword guess on the text.
* page_type — structured data naming an article or a list of items, then the URL's path
  (``rules/pages.toml``), then og:type "article" (unless an SEO plugin's page: a WebPage
  node without date or author), post teasers, a post's date, service markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from .dates import MONTH_NAMES, parse_date, url_date
from .dom import collapse, text_of, within, xpath_elements
from .health import health_markup
from .language import guess_language
from .model import Metadata, Organization
from .organization import ORG_TYPES, organization_of
from .ruleset import Language, PatternGroup
from .structured import Node, Structured, item_scope, structured_data, types_of
from .structured import plain_text as _text

ARTICLE_TYPES = frozenset(
    {
        "article",
        "blogposting",
        "newsarticle",
        "medicalscholarlyarticle",
        "report",
        "techarticle",
        "scholarlyarticle",
        "posting",
        "socialmediaposting",
        "discussionforumposting",  # schema.org: a SocialMediaPosting, so an Article
        "liveblogposting",
        "opinionnewsarticle",
    }
)
# The page-level node when no article node exists (MedicalWebPage lives here).
_WEBPAGE_TYPES = frozenset({"webpage", "medicalwebpage", "itempage", "aboutpage", "faqpage"})
# (not "Blog": themes put a Blog node on every post, the post as its blogPost)
_LISTING_TYPES = frozenset({"collectionpage", "searchresultspage", "itemlist"})
_SERVICE_TYPES = frozenset(
    {
        "service",
        "medicalprocedure",
        "therapeuticprocedure",
        "surgicalprocedure",
        "diagnosticprocedure",
        "medicaltherapy",
        "physicaltherapy",
        "medicalwebpage",
    }
)
# Author values that are CMS accounts or the site itself, not people who wrote the post.
_PLACEHOLDER_AUTHORS = frozenset(
    {"admin", "administrator", "editor", "staff", "webmaster", "author", "wordpress", "user", "guest"}
)
# Category names that say nothing about the post: WordPress's default, a site section.
_PLACEHOLDER_CATEGORIES = frozenset(
    {"uncategorized", "uncategorised", "sin categoría", "non classé", "geen categorie", "blog", "news"}
)
# URLs left in structured data by theme templates.
_PLACEHOLDER_HOSTS = re.compile(
    r"(^|\.)(example\.(com|org|net)|localhost|yourdomain\.\w+|yoursite\.\w+|domain\.com)$"
)
# Between a title and the site's name: bars, dashes, colons, bullets, and the symbols
# and emoji some sites use instead ("The Benefits of Compression 🍎 AT Surgical").
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\-:»·\u2022\u2600-\u27bf\U0001f300-\U0001faff]\s+")
# Containers whose dates and names belong to other posts, comments or the site. A
# "widget" is WordPress's (widget, widget-area, widget_*): page builders name every
# element of the post elementor-widget-*, et_pb_widget, HubSpot's widget-span ….
_ELSEWHERE = re.compile(
    r"comment|related|sidebar|(?:^|\s)widget(?:$|\s|_|-area)|yarpp|teaser|recent|share|footer|menu|breadcrumb|"
    r"newsletter|author-?bio|about-author",
    re.I,
)
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "form"})
# Elements whose class names them as the post's byline or meta line.
# (searched in lowercased names)
_BYLINE_CLASS = re.compile(r"byline|author|entry-meta|post-meta|posted|meta-info|review|\bmeta\b|date")
_BY = (
    r"(?:written by|posted by|authored by|by|author:|escrito por|publicado por|por|par|écrit par|"
    r"rédigé par|door|von)"
)
_REVIEWED = (
    r"(?:(?:medically|clinically|medical(?:ly)?|fact[- ]checked and)\s+)?reviewed by|"
    r"revisado(?:\s+médicamente)?\s+por|relu par|validé par|medisch gecontroleerd door|"
    r"(?:medizinisch|fachlich|ärztlich)\s+geprüft\s+von|revisionato\s+da|"
    r"(?:medical|clinical)(?:\s+director)?\s+review(?=\s*:)"  # "Medical director review: Dr. …"
)
_REVIEWED_BY = re.compile(r"(?:" + _REVIEWED + r")\s*:?\s+(?P<names>.+)", re.I)
_WRITTEN_BY = re.compile(r"(?:^|[\s|•·])" + _BY + r"\s*:?\s+(?P<names>.+)", re.I)
# A name ends where the byline goes on to a date, a place or another field.
_NAME_END = re.compile(
    r"\s+(?:on|in|el|le|op|am|at|and reviewed|updated|posted|published|last|\d)\b"
    r"|\s[|•·\u2013\u2014-]\s|[|•·\d\n]"
    r"|\s+(?:" + MONTH_NAMES + r")\.?(?=\s+\d|\s*$)",  # "Luke Kim December 3, 2025"
    re.I,
)
# A label standing where a name should ("Written By", "The Author"), or site small print
# ("protected by our Privacy Policy"), not a name.
_LABEL_NAME = re.compile(
    r"^(?:(?:written|posted|published|updated|reviewed)(?:\s+by)?|(?:the\s+)?author)$"
    r"|\b(?:privacy|policy|terms|cookies?|subscribe|newsletter|rights reserved)\b",
    re.I,
)
_MAX_BYLINE_AUTHORS = 4  # more names than this in bylines: commenters or reviewers
_NAME_SPLIT = re.compile(r"\s+(?:and|&|y|et|en|und)\s+")
_LAST_REVIEWED = re.compile(
    r"(?:last\s+reviewed|reviewed\s+on|reviewed|revisado|relu|mis à jour)\b[^0-9A-Za-z]*", re.I
)
_UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified|actualizado|mis à jour|bijgewerkt)\b", re.I)
_MAX_BYLINE_WORDS = 30

Candidate = tuple[str, Any]


@dataclass(frozen=True, slots=True)
class _Page:
    """What every field function reads: the tree and what was parsed out of it once."""

    root: html.HtmlElement
    url: str | None
    today: date
    structured: Structured
    meta: dict[str, list[str]]
    scope: html.HtmlElement
    bylines: tuple[html.HtmlElement, ...]
    byline_texts: tuple[str, ...]  # their texts, each once
    title_h1: html.HtmlElement | None  # the post's visible title, found once
    languages: Mapping[str, Language] | None
    page_paths: PatternGroup | None = None

    def node(self, kinds: frozenset[str]) -> tuple[Node, Node]:
        """The first JSON-LD and the first microdata node of one of ``kinds`` ({} if none)."""
        return _first_of(self.structured.json_ld, kinds), _first_of(self.structured.microdata, kinds)

    def main(self) -> tuple[Node, Node]:
        """The article's node in JSON-LD and in microdata; the page's node when there is no article."""
        ld, md = self.node(ARTICLE_TYPES)
        page_ld, page_md = self.node(_WEBPAGE_TYPES)
        return ld or page_ld, md or page_md

    def tag(self, *keys: str) -> str | None:
        return next((self.meta[k][0] for k in keys if k in self.meta), None)


def extract_metadata(
    root: html.HtmlElement,
    url: str | None,
    *,
    today: date | None = None,
    languages: Mapping[str, Language] | None = None,
    page_paths: PatternGroup | None = None,
) -> tuple[Metadata, Organization]:
    """Metadata and organization of a parsed page (``languages``: those a page that
    declares none may be written in, the bundled ones by default; ``page_paths``: what
    URL paths say of the kind of page, none by default)."""
    scope = _article_scope(root)
    bylines = tuple(_byline_elements(scope))
    page = _Page(
        root=root,
        url=url,
        today=today or datetime.now(UTC).date(),
        structured=structured_data(root),
        meta=meta_tags(root),
        scope=scope,
        bylines=bylines,
        languages=languages,
        page_paths=page_paths,
        byline_texts=_unique(text for el in bylines if (text := text_of(el))),
        title_h1=_visible_title(root),
    )
    sources: dict[str, str] = {}

    def pick(field: str, candidates: Iterable[Candidate]) -> Any:
        for source, value in candidates:
            if value:
                sources[field] = source
                return value
        return None

    site_name = pick("site_name", _site_names(page))
    categories = pick("categories", _categories(page)) or ()
    metadata = Metadata(
        title=pick("title", _titles(page, site_name)),
        description=pick("description", _descriptions(page)),
        authors=pick("authors", _authors(page, site_name)) or (),
        reviewed_by=pick("reviewed_by", _reviewers(page)) or (),
        published=pick("published", _published(page)),
        modified=pick("modified", _modified(page)),
        last_reviewed=pick("last_reviewed", _last_reviewed(page)),
        language=pick("language", _languages(page)),
        canonical_url=pick("canonical_url", _canonicals(page)),
        site_name=site_name,
        image=pick("image", _images(page)),
        categories=categories,
        tags=pick("tags", _tags(page, categories)) or (),
        page_type=_page_type(page),
        health_markup=health_markup(page.structured),
        sources=sources,
    )
    return metadata, organization_of(root, page.structured, url)


# -------------------------------------------------------------------- fields
def _titles(page: _Page, site_name: str | None) -> Iterator[Candidate]:
    ld, md = page.main()
    ld_page, _ = page.node(_WEBPAGE_TYPES)
    stated = [
        ("opengraph", page.tag("og:title")),
        ("json-ld", _text(ld.get("headline") or ld.get("name"))),
        ("twitter", page.tag("twitter:title")),
        ("microdata", _text(md.get("headline") or md.get("name"))),
        ("json-ld", _text(ld_page.get("name"))),
        ("meta", _document_title(page.root)),
    ]
    cleaned = [(source, clean_title(value, site_name)) for source, value in stated if value]
    h1 = page.title_h1
    if h1 is not None and (any(_similar(h1, t) for _, t in cleaned if t) or _within(h1, page.scope)):
        yield "text", text_of(h1)
    yield from cleaned


def _descriptions(page: _Page) -> Iterator[Candidate]:
    ld, md = page.main()
    yield "meta", page.tag("description")
    yield "opengraph", page.tag("og:description")
    yield "twitter", page.tag("twitter:description")
    yield "json-ld", _text(ld.get("description"))
    yield "microdata", _text(md.get("description"))


def _authors(page: _Page, site_name: str | None) -> Iterator[Candidate]:
    ld, md = page.main()
    not_site = {n.lower() for n in (site_name, *(_text(o.get("name")) for o in _orgs(page))) if n}

    def people(names: Iterable[str]) -> tuple[str, ...]:
        return _unique(n for n in names if _is_person_name(n, not_site))

    yield "json-ld", people(_names(ld.get("author")))
    yield "microdata", people(_names(md.get("author")))
    yield "byline", tuple(n for n in _distinct(people(_byline_authors(page))) if not _reads_as_prose(n))
    yield "meta", people(page.meta.get("author", []))
    yield "twitter", people(_twitter_data(page, re.compile(r"written by|escrito por|écrit par|author", re.I)))


def _reviewers(page: _Page) -> Iterator[Candidate]:
    for nodes, source in ((page.structured.json_ld, "json-ld"), (page.structured.microdata, "microdata")):
        yield source, _unique(n for node in nodes for n in _names(node.get("reviewedBy")))
    yield "byline", _unique(n for text in page.byline_texts for n in _names_after(_REVIEWED_BY, text))


def _published(page: _Page) -> Iterator[Candidate]:
    yield from _structured_dates(page, "datePublished", "dateCreated")
    yield "opengraph", _date(page, page.tag("article:published_time", "og:published_time"))
    yield "meta", _date(page, page.tag(*_PUBLISHED_META))
    yield "time-element", _time_element(page, modified=False)
    yield "byline", next((d for t in page.byline_texts if (d := _date(page, _before_update(t)))), None)
    yield "dateline", _dateline(page)
    yield "url", url_date(page.url, page.today)


# Meta names CMSs, news and scholarly publishers give the publication date, first found wins.
_PUBLISHED_META = (
    "article.published",
    "article:published",
    "og:article:published_time",
    "og:publish_date",
    "og:pubdate",
    "datepublished",
    "date",
    "pubdate",
    "pub_date",
    "date-pub",
    "publishdate",
    "publish-date",
    "publish_date",
    "publish_time",
    "published",
    "published_at",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:publishtime",
    "article_date_original",
)


_MODIFIED_META = (
    "last-modified",
    "last-updated",
    "dcterms.modified",
    "dc.date.modified",
    "article.updated",
    "article_date_updated",
    "datemodified",
    "updated_at",
    "updated-date",
)


def _modified(page: _Page) -> Iterator[Candidate]:
    yield from _structured_dates(page, "dateModified")
    yield "opengraph", _date(page, page.tag("article:modified_time", "og:updated_time"))
    yield "meta", _date(page, page.tag(*_MODIFIED_META))
    yield "time-element", _time_element(page, modified=True)
    yield (
        "byline",
        next((d for t in page.byline_texts if _UPDATED.search(t) if (d := _after(page, _UPDATED, t))), None),
    )


def _last_reviewed(page: _Page) -> Iterator[Candidate]:
    for nodes, source in ((page.structured.json_ld, "json-ld"), (page.structured.microdata, "microdata")):
        yield source, next((d for n in nodes if (d := _date(page, _text(n.get("lastReviewed"))))), None)
    reviewed = (t for t in page.byline_texts if _LAST_REVIEWED.search(t))
    yield "byline", next((d for t in reviewed if (d := _after(page, _LAST_REVIEWED, t))), None)


def _languages(page: _Page) -> Iterator[Candidate]:
    yield "meta", _lang(page.root.get("lang") or page.root.get("xml:lang"))
    yield "meta", _lang(page.tag("content-language"))
    yield "text", guess_language(text_of(page.scope), page.languages)


def _canonicals(page: _Page) -> Iterator[Candidate]:
    ld, _ = page.node(_WEBPAGE_TYPES)
    link = next(
        (
            x.get("href")
            for x in page.root.iter("link")
            if "canonical" in (x.get("rel") or "").lower().split()
        ),
        None,
    )
    yield "meta", _url(page, link)
    yield "opengraph", _url(page, page.tag("og:url"))
    yield "json-ld", _url(page, _text(ld.get("url")))


def _site_names(page: _Page) -> Iterator[Candidate]:
    ld, md = page.node(frozenset({"website"}))
    yield "opengraph", page.tag("og:site_name")
    yield "json-ld", _text(ld.get("name"))
    yield "microdata", _text(md.get("name"))
    yield "meta", page.tag("application-name", "apple-mobile-web-app-title")


def _images(page: _Page) -> Iterator[Candidate]:
    ld, md = page.main()
    yield "opengraph", _url(page, page.tag("og:image", "og:image:url", "og:image:secure_url"))
    yield "twitter", _url(page, page.tag("twitter:image", "twitter:image:src"))
    yield "json-ld", _url(page, _image(ld.get("image")))
    yield "microdata", _url(page, _image(md.get("image")))


def _categories(page: _Page) -> Iterator[Candidate]:
    ld, md = page.main()
    yield "byline", _topics(_rel_links(page, category=True))
    yield "json-ld", _topics(_strings(ld.get("articleSection")))
    yield "microdata", _topics(_strings(md.get("articleSection")))
    yield "opengraph", _topics(page.meta.get("article:section", []))


def _tags(page: _Page, categories: tuple[str, ...]) -> Iterator[Candidate]:
    ld, md = page.main()
    known = {c.lower() for c in categories}

    def tags(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(t for t in _topics(values) if t.lower() not in known)

    yield "byline", tags(_rel_links(page, category=False))
    yield "opengraph", tags(page.meta.get("article:tag", []))
    yield "json-ld", tags(_keywords(ld.get("keywords")))
    yield "microdata", tags(_keywords(md.get("keywords")))
    yield "meta", tags(_keywords(page.tag("keywords")))


def _page_type(page: _Page) -> str:
    """article, listing, service or other: structured data naming an article or a list
    first, then what the URL's path says, then the page's other marks."""
    types = {t for n in page.structured.json_ld + page.structured.microdata for t in types_of(n)}
    og_type = (page.tag("og:type") or "").lower()
    if types & ARTICLE_TYPES:
        return "article"
    if types & _LISTING_TYPES:
        return "listing"
    by_path = _page_type_of_path(page)
    if by_path is not None:
        return by_path
    if og_type == "article" and not _plugin_page(page, types):
        return "article"
    if _teaser_count(page.root) >= LISTING_TEASERS:
        return "listing"
    if _dated_as_post(page):
        return "article"
    if types & _SERVICE_TYPES or og_type == "website":
        return "service"
    return "other"


def _page_type_of_path(page: _Page) -> str | None:
    """The kind of page its URL path names (rules/pages.toml): the page's own URL, else
    its canonical or OpenGraph URL (a saved page states them, if only as a path)."""
    if page.page_paths is None:
        return None
    for url in (page.url, *_stated_urls(page)):
        path = urlsplit(url or "").path if url else ""
        if path and (rule := page.page_paths.first_match(path)) is not None:
            return rule.kind
    return None


def _stated_urls(page: _Page) -> Iterator[str | None]:
    yield next(
        (x.get("href") for x in page.root.iter("link") if "canonical" in (x.get("rel") or "").lower()), None
    )
    yield page.tag("og:url")


def _plugin_page(page: _Page, types: set[str]) -> bool:
    """A page that SEO plugins mark og:type "article" like every other (Yoast does):
    a WebPage node and no article node, no date of a post, no author."""
    return (
        bool(types & _WEBPAGE_TYPES)
        and not _dated_as_post(page)
        and not any(names for _, names in _authors(page, None))
    )


# Where a post's date is written: a page that states one is a post, whatever its og:type
# (many themes write "website" on every page). The date of a structured WebPage node is
# not one: SEO plugins date every page so. On WCXB's dev pages this rule turned 63 more
# article pages right (606 -> 669 of 793) for 6 service pages (78 -> 72 of 165) and some
# product pages whose reviews carry dated bylines; without bylines it gained 26.
_POST_DATE_SOURCES = frozenset({"opengraph", "meta", "time-element", "byline", "dateline", "url"})


def _dated_as_post(page: _Page) -> bool:
    return any(value for source, value in _published(page) if source in _POST_DATE_SOURCES)


# A page with this many post teasers (and no article markup) is an index of posts.
LISTING_TEASERS = 3


def _teaser_count(root: html.HtmlElement) -> int:
    return sum(
        1 for el in root.iter("article") if el.find(".//h2//a") is not None or el.find(".//h3//a") is not None
    )


# ------------------------------------------------------------------ helpers
def meta_tags(root: html.HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents by lowercased name/property/http-equiv, in document order. A
    microdata property belongs to its item, but one outside any item describes the page
    (Squarespace writes a post's datePublished and author so): it is keyed by its itemprop."""
    found: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        itemprop = m.get("itemprop")
        if itemprop is None:
            key = m.get("property") or m.get("name") or m.get("http-equiv") or ""
        else:
            key = "" if item_scope(m) is not None else itemprop
        content = collapse(m.get("content") or "")
        if key.strip() and content:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """The title without a trailing " | Site Name" part."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        if site_name and collapse(parts[-1]).lower() == site_name.lower():
            return collapse(" - ".join(parts[:-1]))
        # a short last part is the site's name, unless a colon leads into it: then it
        # is the title's own subtitle ("Acupuncture et fertilité : ce qu'il faut savoir")
        last_separator = _TITLE_SEPARATORS.findall(title)[-1].strip()
        if len(parts[-1].split()) <= 4 and len(" ".join(parts[:-1]).split()) >= 3 and last_separator != ":":
            return collapse(parts[0]) if len(parts) == 2 else collapse(title)
    return collapse(title)


def _first_of(nodes: Iterable[Node], kinds: frozenset[str]) -> Node:
    return next((n for n in nodes if types_of(n) & kinds), {})


def _orgs(page: _Page) -> list[Node]:
    """JSON-LD organizations, not people (microdata is skipped: Enfold writes the author as
    publisher): a physician, or a site's owner that Yoast types ["Person", "Organization"]."""
    return [n for n in page.structured.json_ld if types_of(n) & ORG_TYPES and not types_of(n) & _PEOPLE]


_PEOPLE = frozenset({"physician", "person"})


def _structured_dates(page: _Page, *keys: str) -> Iterator[Candidate]:
    for kinds in (ARTICLE_TYPES, _WEBPAGE_TYPES):
        ld, md = page.node(kinds)
        yield "json-ld", next((d for k in keys if (d := _date(page, _text(ld.get(k))))), None)
        yield "microdata", next((d for k in keys if (d := _date(page, _text(md.get(k))))), None)


def _date(page: _Page, value: str | None) -> str | None:
    return parse_date(value, page.today)


def _after(page: _Page, keyword: re.Pattern[str], text: str) -> str | None:
    m = keyword.search(text)
    return _date(page, text[m.end() :]) if m else None


def _time_element(page: _Page, *, modified: bool) -> str | None:
    for el in page.scope.iter("time"):
        if _is_elsewhere(el, page.scope):
            continue
        names = f"{el.get('class') or ''} {el.get('itemprop') or ''}".lower()
        if ("updated" in names or "modified" in names) == modified:
            found = _date(page, el.get("datetime")) or _date(page, text_of(el))
            if found:
                return found
    return None


# The elements after the post's title searched for a date line, and how short that line is.
_DATELINE_REACH = etree.XPath("following::*[position() <= 25]")
_DATELINE_WORDS = 9  # "Dec 26, 2025 • 5 min read", "Published on Oct 21, 2025"
_PROSE_WORDS = 12  # a paragraph this long: the post's text has begun


def _dateline(page: _Page) -> str | None:
    """The date a theme prints alone on a short line near the title, with no byline class
    or label around it ("December 15, 2025" under the h1). Not an update's date."""
    h1 = page.title_h1
    if h1 is None:
        return None
    for el in xpath_elements(_DATELINE_REACH, h1):
        text = text_of(el)
        count = len(text.split())
        if el.tag == "p" and count >= _PROSE_WORDS:
            return None
        if count <= _DATELINE_WORDS and _date(page, text):
            if _is_elsewhere(el, page.scope) or _labelled_update(el, text):
                return None
            return _date(page, _before_update(text))
    return None


def _before_update(text: str) -> str:
    """A byline's text before its update label: "May 2, 2024 · Updated June 3, 2025"
    gives the publication date first, "Last updated: June 3, 2025" gives none."""
    m = _UPDATED.search(text)
    return text[: m.start()] if m else text


def _labelled_update(el: html.HtmlElement, text: str) -> bool:
    """Whether a label before a date line, beside it in its parent, says it is an update's
    date ("Last updated on:" | "October 1, 2025")."""
    parent = el.getparent()
    around = text_of(parent) if parent is not None else ""
    label = around[: around.find(text)] if text in around else ""
    return len(label.split()) <= _PROSE_WORDS and _UPDATED.search(label) is not None


def _article_scope(root: html.HtmlElement) -> html.HtmlElement:
    """The element that holds the post: its ``<article>`` or ``<main>``, else the body."""
    h1 = next((h for h in root.iter("h1") if not _is_elsewhere(h, root)), None)
    if h1 is not None:
        for parent in h1.iterancestors():
            if parent.tag in ("article", "main"):
                return parent
    for tag in ("article", "main", "body"):
        el = root.find(f".//{tag}")
        if el is not None:
            return el
    return root


def _is_elsewhere(el: html.HtmlElement, scope: html.HtmlElement) -> bool:
    """True when ``el`` sits in chrome, comments or teasers inside ``scope``. The page's
    <body> and <html> name the page, not a block. Inside the post's ``<article>``, its
    ``<aside>`` and ``<footer>`` are its own margin and footer (the date, the author).
    Utility classes that carry values ("lg:mr-[--sidebar-width]") name no block."""
    in_article: bool | None = None if scope.tag == "article" else False  # asked once, if needed

    def own_part(name: str) -> bool:
        nonlocal in_article
        if name not in _ARTICLE_PARTS or in_article is False:
            return False
        if in_article is None:
            in_article = within(el, scope)
        return in_article

    for parent in el.iterancestors():
        tag = parent.tag
        if parent is scope or tag in ("body", "html"):
            return False
        if tag in _ELSEWHERE_TAGS and not own_part(tag):
            return True
        names = " ".join(c for c in (parent.get("class") or "").split() if "[" not in c and ":" not in c)
        hit = _ELSEWHERE.search(f"{names} {parent.get('id') or ''}")
        if hit and not own_part(hit.group(0).lower().strip()):
            return True
    return False


# Inside the post's <article>: its own parts, whether tags or names.
_ARTICLE_PARTS = frozenset({"header", "aside", "footer", "sidebar"})


def _within(el: html.HtmlElement, scope: html.HtmlElement) -> bool:
    return scope.tag in ("article", "main") and within(el, scope)


def _visible_title(root: html.HtmlElement) -> html.HtmlElement | None:
    for h1 in root.iter("h1"):
        if len(text_of(h1).split()) >= 2 and not _is_elsewhere(h1, root):
            return h1
    return None


def _document_title(root: html.HtmlElement) -> str | None:
    # not text_of(): <title> is outside the visible text, which text_of() reads
    el = root.find(".//title")
    return collapse("".join(el.itertext())) or None if el is not None else None


def _byline_elements(scope: html.HtmlElement) -> Iterator[html.HtmlElement]:
    named: dict[str, bool] = {}  # most class names repeat

    def byline_name(name: str | None) -> bool:
        if not name:
            return False
        found = named.get(name)
        if found is None:
            found = named[name] = _BYLINE_CLASS.search(name.lower()) is not None
        return found

    for el in scope.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in ("script", "style"):
            continue
        is_byline = byline_name(el.get("class")) or byline_name(el.get("id")) or byline_name(el.get("rel"))
        is_byline = is_byline or (tag in ("p", "div", "span", "li") and _starts_byline(el))
        # where it sits is asked last: walking the ancestors of every element is costly
        if is_byline and len(text_of(el).split()) <= _MAX_BYLINE_WORDS and not _is_elsewhere(el, scope):
            yield el


_BYLINE_START = re.compile(r"(?:" + _BY + r"|" + _REVIEWED + r"|last reviewed|updated|posted)\b", re.I)


def _starts_byline(el: html.HtmlElement) -> bool:
    head = el.text
    return bool(head and _BYLINE_START.match(head.strip()[:40]))


def _byline_authors(page: _Page) -> Iterator[str]:
    for el in page.bylines:
        text = text_of(el)
        if _REVIEWED_BY.search(text) and not _WRITTEN_BY.search(_REVIEWED_BY.sub("", text)):
            continue
        rel = (el.get("rel") or "").lower().split()
        if "author" in rel or _names_the_author(el, text):
            yield from _names_after(_WRITTEN_BY, text) or _split_names(_LEADING_BY.sub("", text))
        else:
            yield from _names_after(_WRITTEN_BY, _REVIEWED_BY.sub("", text))


# A class that names an element as the author's name: vCard's fn, or a name that ends in
# "author" or "author name" (author, post-author, text__author, post-hero__author__name).
_AUTHOR_NAME_CLASS = re.compile(r"(?:^|[\s_-])(?:author(?:[-_]*name)?|fn)(?:$|\s)|author vcard", re.I)
_AUTHOR_NAME_WORDS = 6  # "By Dr. Jane van der Berg": longer is an author box, not a name
_LEADING_BY = re.compile(r"^\s*" + _BY + r"\s*:?\s+", re.I)


def _distinct(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each author once: a name that only adds to another found name ("Jane Roe Senior
    Editor", "Jane Roe →") is that name. Too many names are a list of commenters or
    reviewers, no byline."""
    kept = tuple(n for n in names if not any(_extends(n, o) for o in names))
    return kept if len(kept) <= _MAX_BYLINE_AUTHORS else ()


def _extends(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` and more words or marks after it (not "Edmund" of "Ed")."""
    rest = name[len(other) :]
    return bool(rest) and name.lower().startswith(other.lower()) and not rest[0].isalnum()


def _names_the_author(el: html.HtmlElement, text: str) -> bool:
    return bool(_AUTHOR_NAME_CLASS.search(el.get("class") or "")) and len(text.split()) <= _AUTHOR_NAME_WORDS


def _names_after(pattern: re.Pattern[str], text: str) -> list[str]:
    m = pattern.search(text)
    return _split_names(m.group("names")) if m else []


def _split_names(text: str) -> list[str]:
    end = _NAME_END.search(text)
    head = text[: end.start()] if end else text
    return [n for part in _NAME_SPLIT.split(head) if (n := collapse(part).strip(" ,.:;"))]


def _is_person_name(name: str, not_site: set[str]) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 8
        and name.lower() not in not_site
        and name.lower() not in _PLACEHOLDER_AUTHORS
        and not (len(words) == 1 and name.islower())
        and not _LABEL_NAME.search(name)
        and not any(ch.isdigit() or ch in "@/" for ch in name)
    )


# The lowercase words a name may hold ("Ludwig van Beethoven", "Maria de la Cruz", "the
# Lavazza Team").
_NAME_PARTICLES = frozenset(
    "van von der den de del della di da du dos das le la y e bin ibn al el ten ter zu af the".split()
)


def _reads_as_prose(name: str) -> bool:
    """Whether what follows a "by" in a byline is words of a sentence, not a name: a word
    in lowercase that is no particle ("driven by looking for companies with less risk").
    Only bylines are read so; a name structured data states is taken as stated. Scripts
    without case pass."""
    words = name.split()
    return len(words) > 1 and any(
        w[0].islower() and w not in _NAME_PARTICLES and not w.startswith(("d'", "o'")) for w in words
    )


def _twitter_data(page: _Page, label: re.Pattern[str]) -> list[str]:
    for i in range(1, 5):
        if label.search(page.tag(f"twitter:label{i}") or ""):
            return [v for v in [page.tag(f"twitter:data{i}")] if v]
    return []


_RELATED_LINKS = etree.XPath("//a/@rel/..")  # "//a[@rel]", found faster (as structured._ITEMSCOPES)


def _rel_links(page: _Page, *, category: bool) -> list[str]:
    found = []
    for a in xpath_elements(_RELATED_LINKS, page.root):
        rel = (a.get("rel") or "").lower().split()
        if "tag" in rel and ("category" in rel) == category:
            found.append(text_of(a))
    return found


def _topics(values: Iterable[str]) -> tuple[str, ...]:
    # Themes print tags as "#menopause"; the hash is decoration.
    cleaned = (collapse(x).lstrip("#") for x in values)
    return _unique(v for v in cleaned if v and v.lower() not in _PLACEHOLDER_CATEGORIES)


def _keywords(value: Any) -> list[str]:
    return [k.strip() for s in _strings(value) for k in s.split(",")]


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [t for v in values if (t := _text(v))]


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for v in values:
        name = v.get("name") if isinstance(v, dict) else v
        text = _NAME_LABEL_AROUND.sub("", _text(name) or "")
        if text and not text.lower().startswith(("http://", "https://")):
            names.append(text)
    return names


# What a stated author name carries besides the name: a leading "By", a trailing " - role"
# ("By Lauren Baines", "David Jackson - FullStack Editorial Team").
_NAME_LABEL_AROUND = re.compile(r"^\s*by\s+|\s+[-|\u2013\u2014]\s.*$", re.I)


def _image(value: Any) -> str | None:
    if isinstance(value, list) and value:
        return _image(value[0])
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _url(page: _Page, value: str | None) -> str | None:
    if not value:
        return None
    try:
        resolved = urljoin(page.url, value.strip()) if page.url else value.strip()
        parts = urlsplit(resolved)
    except ValueError:  # "https://>[[…": a broken IPv6 host is no address (bench/fuzz.py)
        return None
    if (
        parts.scheme not in ("http", "https")
        or _PLACEHOLDER_HOSTS.search(parts.hostname or "")
        or "{" in resolved
    ):
        return None
    return resolved


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().split(",")[0].replace("_", "-").split("-")[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _similar(a: str | html.HtmlElement, b: str) -> bool:
    x = _norm(a if isinstance(a, str) else text_of(a))
    y = _norm(b)
    return bool(x and y) and (x in y or y in x)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.lower(), v)
    return tuple(seen.values())
