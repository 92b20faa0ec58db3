"""Loaders for the evaluation corpora used by the benchmark scripts.

Corpora (each described by the README next to its data):

* ``aeb`` — article-extraction-benchmark: ``html/<id>.html.gz`` + ``ground-truth.json``.
* ``wcxb`` — WCXB development split: ``html/<id>.html.gz`` + ``ground-truth/<id>.json``.
* ``clinic`` — clinic-pages-dev: ``pages/<name>.html`` + ``labels/<name>.json``.
* ``fixtures`` — articlekit's own ``fixtures/pages/<slug>/page.html|page.txt`` + ``labels.json``.

The shared data root defaults to ``../shared`` relative to the repository root and can be moved
with the ``ARTICLEKIT_SHARED`` environment variable or the scripts' ``--shared`` flag.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_NAMES = ("aeb", "wcxb", "clinic", "fixtures")
WCXB_PAGE_TYPES = (
    "article",
    "service",
    "product",
    "collection",
    "forum",
    "listing",
    "documentation",
)

# Only the head of a document is searched for a declared charset or language.
_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?\s*([A-Za-z]{2,3})""", re.IGNORECASE)
# WHATWG: these labels are decoded as windows-1252 by every browser.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "latin_1", "ascii", "us-ascii"})


@dataclass(frozen=True, slots=True)
class TeaserGold:
    title: str | None
    url_contains: str | None
    # For a teaser without title or link (plain text): words its excerpt begins with.
    excerpt_starts: str | None = None


@dataclass(frozen=True, slots=True)
class PromoGold:
    text: str
    kind: str | None


@dataclass(frozen=True, slots=True)
class SectionGold:
    heading: str | None
    level: int
    category: str


@dataclass(frozen=True, slots=True)
class Labels:
    """Hand labels in the clinic-pages-dev format (also used by the fixtures)."""

    title: str | None
    language: str | None
    page_kind: str | None
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]
    related_posts: tuple[TeaserGold, ...]
    promotions: tuple[PromoGold, ...]
    sections: tuple[SectionGold, ...]
    side_effect_items: tuple[str, ...] | None
    # "heldout", "heldout-2", …: a fixture kept out of tuning, scored on its own
    # (bench/sections.py --corpus heldout) to measure how the section classifier
    # generalises; each batch was labelled before articlekit was run on it.
    split: str = "dev"


@dataclass(frozen=True, slots=True)
class AebGold:
    article_body: str


@dataclass(frozen=True, slots=True)
class WcxbGold:
    main_content: str | None
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


Gold = AebGold | WcxbGold | Labels


@dataclass(frozen=True, slots=True)
class Page:
    """One input document with its gold annotation."""

    corpus: str
    id: str
    path: Path
    gold: Gold = field(repr=False)
    url: str | None = None
    page_type: str | None = None
    language: str | None = None

    @property
    def is_text(self) -> bool:
        return self.path.suffix == ".txt"


def shared_root(override: str | None = None) -> Path:
    """The shared data directory: flag, then ``ARTICLEKIT_SHARED``, then ``../shared``."""
    chosen = override or os.environ.get("ARTICLEKIT_SHARED")
    return Path(chosen) if chosen else REPO_ROOT.parent / "shared"


def data_dir(corpus: str, shared: Path) -> Path:
    names = {
        "aeb": "article-extraction-benchmark",
        "wcxb": "wcxb-dev",
        "clinic": "clinic-pages-dev",
    }
    return shared / "data" / names[corpus]


def read_bytes(page: Page) -> bytes:
    raw = page.path.read_bytes()
    return gzip.decompress(raw) if page.path.suffix == ".gz" else raw


def declared_charset(raw: bytes) -> str | None:
    """The ``<meta charset>`` of a document, as a Python codec name, if usable."""
    match = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def decode_html(raw: bytes) -> str:
    """Bytes to str for the peers: BOM, then ``<meta charset>``, else UTF-8 (with replacement)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    charset = declared_charset(raw)
    if charset is None or charset.startswith("utf-16"):
        charset = "utf-8"  # a meta tag read as ASCII cannot truthfully declare UTF-16
    return raw.decode(charset, "replace")


def html_language(raw: bytes) -> str | None:
    match = _HTML_LANG.search(raw[:_SNIFF_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def load(corpus: str, shared: Path, fixtures: Path | None = None) -> list[Page]:
    """All pages of one corpus, sorted by id."""
    if corpus == "aeb":
        return load_aeb(data_dir("aeb", shared))
    if corpus == "wcxb":
        return load_wcxb(data_dir("wcxb", shared))
    if corpus == "clinic":
        return load_clinic(data_dir("clinic", shared))
    if corpus == "fixtures":
        return load_fixtures(fixtures or REPO_ROOT / "fixtures" / "pages")
    raise ValueError(f"unknown corpus {corpus!r}; choose from {', '.join(CORPUS_NAMES)}")


HELDOUT = "heldout"


def is_heldout(page: Page) -> bool:
    """A held-out fixture: labelled before articlekit saw it, scored apart from the rest."""
    return isinstance(page.gold, Labels) and page.gold.split.startswith(HELDOUT)


def split_of(page: Page) -> str:
    return page.gold.split if isinstance(page.gold, Labels) else "dev"


def load_aeb(root: Path) -> list[Page]:
    truth: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    return [
        Page(
            corpus="aeb",
            id=page_id,
            path=root / "html" / f"{page_id}.html.gz",
            gold=AebGold(article_body=entry["articleBody"]),
            url=entry.get("url"),
            page_type="article",
        )
        for page_id, entry in sorted(truth.items())
    ]


def load_wcxb(root: Path) -> list[Page]:
    pages = []
    for gold_path in sorted((root / "ground-truth").glob("*.json")):
        record = json.loads(gold_path.read_text("utf-8"))
        truth = record["ground_truth"]
        pages.append(
            Page(
                corpus="wcxb",
                id=gold_path.stem,
                path=root / "html" / f"{gold_path.stem}.html.gz",
                gold=WcxbGold(
                    main_content=truth.get("main_content") or None,
                    with_snippets=tuple(truth.get("with") or ()),
                    without_snippets=tuple(truth.get("without") or ()),
                ),
                url=record.get("url"),
                page_type=record["_internal"]["page_type"]["primary"],
            )
        )
    return pages


def load_clinic(root: Path) -> list[Page]:
    urls = _clinic_urls(root / "SOURCES.tsv")
    pages = []
    for label_path in sorted((root / "labels").glob("*.json")):
        record = json.loads(label_path.read_text("utf-8"))
        labels = parse_labels(record)
        pages.append(
            Page(
                corpus="clinic",
                id=label_path.stem,
                path=root / "pages" / record.get("file", f"{label_path.stem}.html"),
                gold=labels,
                url=record.get("url") or urls.get(record.get("file", "")),
                page_type=labels.page_kind,
                language=labels.language,
            )
        )
    return pages


def _clinic_urls(sources: Path) -> dict[str, str]:
    """File name -> canonical URL from clinic-pages-dev's ``SOURCES.tsv`` (if present)."""
    if not sources.is_file():
        return {}
    lines = sources.read_text("utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    if "file" not in header or "canonical_url" not in header:
        return {}
    file_col, url_col = header.index("file"), header.index("canonical_url")
    urls = {}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > max(file_col, url_col) and cells[url_col].startswith("http"):
            urls[cells[file_col]] = cells[url_col]
    return urls


def load_fixtures(root: Path) -> list[Page]:
    """Fixture directories holding ``labels.json`` and ``page.html`` or ``page.txt``."""
    pages = []
    for label_path in sorted(root.glob("*/labels.json")):
        page_path = _fixture_page(label_path.parent)
        if page_path is None:
            continue
        record = json.loads(label_path.read_text("utf-8"))
        labels = parse_labels(record)
        pages.append(
            Page(
                corpus="fixtures",
                id=label_path.parent.name,
                path=page_path,
                gold=labels,
                url=record.get("url"),
                page_type=labels.page_kind,
                language=labels.language,
            )
        )
    return pages


def _fixture_page(directory: Path) -> Path | None:
    for name in ("page.html", "page.htm", "page.html.gz", "page.txt"):
        if (directory / name).is_file():
            return directory / name
    return None


def parse_labels(record: dict[str, Any]) -> Labels:
    side_effects = record.get("side_effect_items")
    return Labels(
        title=record.get("title"),
        language=record.get("language"),
        page_kind=record.get("page_kind"),
        with_snippets=tuple(record.get("with") or ()),
        without_snippets=tuple(record.get("without") or ()),
        related_posts=tuple(
            TeaserGold(
                title=item.get("title"),
                url_contains=item.get("url_contains"),
                excerpt_starts=item.get("excerpt_starts"),
            )
            for item in record.get("related_posts") or ()
        ),
        promotions=tuple(
            PromoGold(text=item["text"], kind=item.get("kind")) for item in record.get("promotions") or ()
        ),
        sections=tuple(
            SectionGold(
                heading=item.get("heading"),
                level=int(item.get("level") or 0),
                category=item.get("category") or "other",
            )
            for item in record.get("sections") or ()
        ),
        side_effect_items=tuple(side_effects) if side_effects is not None else None,
        split=record.get("split") or "dev",
    )
