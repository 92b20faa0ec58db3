"""The top-level pipeline: the table of contents of the algorithm (see DESIGN.md)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html

from .aspects import aspects_of, with_items
from .blocks import html_blocks, text_blocks
from .classify import classify, cues_for
from .confidence import confidence
from .decode import Decoded, decode, looks_like_html
from .dom import collapse, text_of, texts_kept, word_count, words
from .errors import ExtractionError, ExtractionTimeout, NoContentFound
from .locate import locate, whole_page
from .matcher import BoilerplateMatcher
from .metadata import clean_title, extract_metadata
from .model import Article, Block, Metadata, Organization, Promotion, RelatedPost, Removal, Source
from .options import Options
from .organization import with_promotions
from .parse import parse_html
from .ruleset import Rules, load_rules
from .segment import segment
from .separate import dedupe_teasers, separate_blocks, separate_region
from .timeouts import limited


@limited  # Options.timeout enforced, not only checked between stages (timeouts.py)
def extract(source: str | bytes, *, url: str | None = None, options: Options | None = None) -> Article:
    """Extract the article of one page (HTML or plain text) into an :class:`Article`."""
    with texts_kept():  # the stages read many elements' texts again; the tree does not change
        return _extract(source, url, options or Options())


def _extract(source: str | bytes, url: str | None, options: Options) -> Article:
    clock = _Clock(options.timeout)
    rules = load_rules(options.rules)
    decoded = decode(source, max_bytes=options.max_bytes)
    if _is_plain_text(decoded, options):
        return _extract_text(decoded, url, rules, options)
    root = parse_html(decoded.text, max_elements=options.max_elements)
    clock.check("parse")
    base_url = _base_url(root, url)
    metadata, organization = extract_metadata(
        root, url, languages=rules.languages, page_paths=rules.page_paths
    )
    try:
        return _html_article(root, decoded, url, base_url, metadata, organization, rules, options, clock)
    except ExtractionError as exc:
        exc.metadata = metadata  # what was read of the page is not lost with its article
        raise


def _html_article(
    root: html.HtmlElement,
    decoded: Decoded,
    url: str | None,
    base_url: str | None,
    metadata: Metadata,
    organization: Organization,
    rules: Rules,
    options: Options,
    clock: _Clock,
) -> Article:
    matcher = BoilerplateMatcher.for_page(root, rules)
    region = locate(root, rules, matcher, min_words=options.min_article_words)
    clock.check("locate")
    separation = separate_region(
        root,
        region.element,
        matcher,
        rules,
        page_url=base_url,
        kept=region.kept,
        after=region.after,
        people=metadata.authors + metadata.reviewed_by,
        page_type=metadata.page_type,
        site_name=metadata.site_name,
    )
    parts = (*region.before, region.element, *region.after)
    blocks = [b for part in parts for b in html_blocks(part, skip=separation.skip, base_url=base_url)]
    if not any(b.text for b in blocks) and region.located_by != "body":
        # the region was all widgets (a slider's slides): the page, less its chrome
        region = whole_page(root)
        separation = separate_region(root, region.element, matcher, rules, page_url=base_url)
        blocks = html_blocks(region.element, skip=separation.skip, base_url=base_url)
    clock.check("blocks")
    draft = _Draft(
        source=_source(decoded, url, "html"),
        metadata=metadata,
        organization=organization,
        title=_article_title(root, metadata),
        located_by=region.located_by,
        page_type=metadata.page_type,
        page_url=base_url or metadata.canonical_url,
        related_posts=separation.related_posts,
        promotions=separation.promotions,
        removals=separation.removals,
    )
    return _finish(draft, blocks, rules, options)


def extract_file(path: str | Path, *, url: str | None = None, options: Options | None = None) -> Article:
    """Extract the article of a saved page (``.html``, ``.htm`` or ``.txt``)."""
    path = Path(path)
    options = options or Options()
    if options.input_format == "auto" and path.suffix.lower() == ".txt":
        options = replace(options, input_format="text")
    article = extract(path.read_bytes(), url=url, options=options)
    return _with_path(article, path)


def _extract_text(decoded: Decoded, url: str | None, rules: Rules, options: Options) -> Article:
    blocks = text_blocks(decoded.text)
    title = blocks[0].text if blocks and blocks[0].type == "heading" else None
    draft = _Draft(
        source=_source(decoded, url, "text"),
        metadata=Metadata(title=title, language=options.language, sources={"title": "text"} if title else {}),
        organization=Organization(),
        title=title,
        located_by="text",
    )
    return _finish(draft, blocks, rules, options)


def _finish(draft: _Draft, blocks: list[Block], rules: Rules, options: Options) -> Article:
    """The stages shared by HTML and plain text: separate, segment, classify, assemble."""
    language = options.language or draft.metadata.language
    title = _title(draft.title, _leading_heading(blocks))
    split = separate_blocks(_drop_title(blocks, title), rules, page_url=draft.page_url)
    sections = segment(split.blocks)
    sections = classify(sections, rules, language=language, title=title)
    sections = tuple(with_items(s, rules.enumerations_for(language)) for s in sections)
    text = "\n\n".join(b.text for b in split.blocks)
    words = word_count(text)
    if words == 0:
        raise NoContentFound("the page holds no article text")
    return Article(
        source=draft.source,
        metadata=draft.metadata,
        organization=with_promotions(draft.organization, draft.promotions + split.promotions),
        title=title,
        text=text,
        word_count=words,
        confidence=confidence(draft.located_by, split.blocks, draft.page_type),
        located_by=draft.located_by,
        sections=sections,
        aspects=aspects_of(sections, rules, cues_for(rules, language)),
        related_posts=dedupe_teasers(draft.related_posts + split.related_posts),
        promotions=draft.promotions + split.promotions,
        removals=draft.removals + split.removals,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Draft:
    """What the front half of the pipeline hands to the shared back half."""

    source: Source
    metadata: Metadata
    organization: Organization
    title: str | None
    located_by: str
    page_type: str | None = None  # the metadata's, for HTML; plain text has none
    page_url: str | None = None
    related_posts: tuple[RelatedPost, ...] = ()
    promotions: tuple[Promotion, ...] = ()
    removals: tuple[Removal, ...] = ()


class _Clock:
    """Checks the per-page time limit between stages."""

    def __init__(self, limit: float | None) -> None:
        self.deadline = None if limit is None else time.monotonic() + limit
        self.limit = limit

    def check(self, stage: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ExtractionTimeout(f"extraction took over {self.limit} s", stage=stage)


def _is_plain_text(decoded: Decoded, options: Options) -> bool:
    if options.input_format != "auto":
        return options.input_format == "text"
    return not looks_like_html(decoded.text)


def _source(decoded: Decoded, url: str | None, fmt: str) -> Source:
    return Source(
        url=url,
        final_url=url,
        input="url" if url else "text",
        format=fmt,
        encoding=decoded.encoding,
        encoding_source=decoded.encoding_source,
    )


def _base_url(root: html.HtmlElement, url: str | None) -> str | None:
    base = root.find(".//base[@href]")
    if base is None:
        return url
    href: str = (base.get("href") or "").strip()
    try:
        resolved = urljoin(url or "", href)
        scheme = urlsplit(resolved).scheme
    except ValueError:  # "http://[x" (a broken IPv6 host) is no base (issue 8)
        return url
    # A javascript: or data: base would make every relative link unsafe: ignored.
    return resolved if scheme in ("http", "https") else url


def _article_title(root: html.HtmlElement, metadata: Metadata) -> str | None:
    meta_title = clean_title(metadata.title, metadata.site_name)
    for h1 in root.iter("h1"):
        text = text_of(h1)
        if word_count(text) < 2:
            continue
        if meta_title is None or _similar(text, meta_title) or _names_within(meta_title, text):
            return text
        break
    return meta_title


def _title(stated: str | None, leading: str | None) -> str | None:
    """The page's title, or the heading that opens its text when the page states none
    or states only what that heading names and more (the site's name)."""
    if leading and (stated is None or _names_within(stated, leading)):
        return leading
    return stated


def _leading_heading(blocks: list[Block]) -> str | None:
    """A page with no title of its own is titled by a heading that opens its text."""
    if blocks and blocks[0].type == "heading" and word_count(blocks[0].text) >= 2:
        return blocks[0].text
    return None


def _names_within(short: str, heading: str) -> bool:
    """Whether every word of ``short`` starts a word of ``heading`` (a document title
    that only names the site, "Nirmala Hospitals", under the heading "Pain Management
    at Nirmala Hospital"): the heading is the page's own title."""
    stems = [w[:5] for w in words(short.lower())]
    heading_words = words(heading.lower())
    return (
        bool(stems)
        and len(heading_words) > len(stems)
        and all(any(h.startswith(w) for h in heading_words) for w in stems)
    )


def _similar(a: str, b: str) -> bool:
    x, y = collapse(a).lower(), collapse(b).lower()
    return x in y or y in x


def _drop_title(blocks: list[Block], title: str | None) -> list[Block]:
    if not title:
        return blocks
    title_words = word_count(title)
    for i, block in enumerate(blocks[:3]):
        if (
            block.type in ("heading", "paragraph")
            and _similar(block.text, title)
            and 0.7 * title_words <= word_count(block.text) <= 1.3 * title_words
        ):
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _with_path(article: Article, path: Path) -> Article:
    return replace(article, source=replace(article.source, path=str(path), input="file"))
