"""The output of articlekit: frozen, slotted dataclasses.

``Article`` is what :func:`articlekit.extract` returns; ``Failure`` is the record a
batch writes for an input that could not be extracted. Their JSON form (see
``schema/article.schema.json``) is produced by :mod:`articlekit.serialize`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import ArticlekitError, ExtractionError

SCHEMA_VERSION = "1.2"

BlockType = Literal["heading", "paragraph", "list", "table", "quote", "code"]
AspectStatus = Literal["section", "mentioned", "absent"]


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text: a heading, paragraph, list, table, quote or code block.

    ``level`` is the heading level (1-6; 0 for a plain-text heading line); ``strong``
    is true when a paragraph is one bold run (a pseudo-heading candidate); ``links``
    are the block's links, resolved against the page URL (not serialised); ``leads``,
    for a list, the bold label that opens each item ("" for an item without one;
    empty when no item has one), for a paragraph, its first line when that is one bold
    run a line break ends (not serialised); ``card_url``, for a block without
    links of its own inside a link that wraps blocks (a teaser card that is one <a>),
    that link's URL (not serialised); ``jumps``, for a list, whether each item is
    only a link to a place on the same page (a table of contents, a tab bar; not
    serialised).
    """

    type: BlockType
    text: str
    level: int = 0
    items: tuple[str, ...] = ()
    path: str | None = None
    links: tuple[Link, ...] = ()
    strong: bool = False
    leads: tuple[str, ...] = ()
    card_url: str | None = None
    jumps: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A heading-led part of the article, labelled by topic."""

    id: str
    heading: str | None
    level: int
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()
    category: str = "other"
    health_aspect: str | None = None
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    # The ids of the body cues that fired in the section's own text, all categories
    # (worked out by classify; aspects reads them; not part of the JSON).
    body_cues: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        """The section's own body text (heading and subsections excluded)."""
        return "\n\n".join(b.text for b in self.blocks if b.text)

    def walk(self) -> list[Section]:
        """This section and all its subsections, in document order."""
        out = [self]
        for sub in self.subsections:
            out.extend(sub.walk())
        return out


@dataclass(frozen=True, slots=True)
class RelatedPost:
    """A teaser of another post ("Related Posts", "You may also like"...)."""

    title: str | None
    url: str | None
    excerpt: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Promotion:
    """A call to action or promo line found in or right after the article."""

    text: str
    url: str | None
    kind: str
    rule: str


@dataclass(frozen=True, slots=True)
class Removal:
    """A block taken out of the article region, and the rule that took it."""

    kind: str
    rule: str
    text: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    sentence: str
    section: str


@dataclass(frozen=True, slots=True)
class Aspect:
    """Whether the article talks about one category of the taxonomy, and where."""

    status: AspectStatus
    sections: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    url: str | None = None
    final_url: str | None = None
    input: str = "text"
    format: str = "html"
    path: str | None = None
    encoding: str | None = None
    encoding_source: str | None = None
    http_status: int | None = None
    fetched_at: str | None = None
    record_offset: int | None = None  # WARC inputs: the record's byte offset in path


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    reviewed_by: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    last_reviewed: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    page_type: str = "other"
    health_markup: tuple[HealthMarkup, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HealthMarkup:
    """A schema.org health node of the page (MedicalWebPage, MedicalProcedure, MedicalTherapy,
    Drug...) with its useful properties, each a string or a tuple of strings."""

    type: str
    properties: dict[str, str | tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Organization:
    """The practice behind the page; ``sources`` says where each field came from
    (json-ld, microdata, footer, promotion, opengraph)."""

    name: str | None = None
    url: str | None = None
    locality: str | None = None
    region: str | None = None
    telephone: str | None = None
    address: str | None = None
    postal_code: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted page: the article, its sections, and what was separated from it."""

    source: Source
    metadata: Metadata
    organization: Organization
    title: str | None
    text: str
    word_count: int
    confidence: float
    located_by: str
    sections: tuple[Section, ...]
    aspects: dict[str, Aspect]
    related_posts: tuple[RelatedPost, ...] = ()
    promotions: tuple[Promotion, ...] = ()
    removals: tuple[Removal, ...] = ()
    warnings: tuple[str, ...] = ()

    def all_sections(self) -> list[Section]:
        """Every section and subsection, in document order."""
        return [s for top in self.sections for s in top.walk()]

    def to_dict(self) -> dict[str, Any]:
        from .serialize import article_to_dict

        return article_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        from .serialize import to_json

        return to_json(self.to_dict(), indent=indent)

    def to_markdown(self) -> str:
        from .serialize import article_to_markdown

        return article_to_markdown(self)

    def to_text(self) -> str:
        from .serialize import article_to_text

        return article_to_text(self)


@dataclass(frozen=True, slots=True)
class Failure:
    """The record of an input that could not be extracted."""

    source: Source
    type: str
    message: str
    stage: str
    metadata: Metadata | None = None  # what was read of the page, when it was read

    @classmethod
    def of(cls, source: Source, error: ArticlekitError) -> Failure:
        """The record of an articlekit error, with the page's metadata when it was read."""
        metadata = error.metadata if isinstance(error, ExtractionError) else None
        return cls(source, type(error).__name__, error.message, error.stage, metadata)

    def to_dict(self) -> dict[str, Any]:
        from .serialize import failure_to_dict

        return failure_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        from .serialize import to_json

        return to_json(self.to_dict(), indent=indent)
