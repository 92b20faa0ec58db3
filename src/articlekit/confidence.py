"""How likely an extraction is right: ``Article.confidence`` in [0, 1].

Five signals, multiplied: how the region was found (a CMS body container is trusted
more than scoring, scoring more than the readability fallback or the whole body); how
much text it holds (near-empty pages are doubtful); how much of that text is link text
(navigation); whether it reads like a list of teasers (many short blocks under
headings that link to other pages) — the shape of a listing page rather than an
article; and what kind of page the metadata says it is (``page_type``: an article or a
treatment page is what articlekit reads best). ``bench/confidence.py`` measures how well
the product ranks right extractions above wrong ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .dom import word_count
from .model import Block

# How much each way of locating the article is trusted.
LOCATOR_TRUST = {"container": 0.95, "text": 0.9, "scoring": 0.85, "readability": 0.65, "body": 0.35}
# Articles shorter than this many words lower the confidence.
CONFIDENT_WORDS = 150
# A text in which linked headings are this share of the blocks, and paragraphs are
# short, is a list of teasers (on WCXB dev, counting every heading instead marked a
# quarter of the service pages and 3% of the articles as listings).
LISTING_HEADING_SHARE = 0.35
LISTING_PARAGRAPH_WORDS = 30
LISTING_FACTOR = 0.5
# Pages that are neither an article nor a service page (a product, a forum thread, a
# documentation page: "other") and listings are where the article-shaped reading is most
# often wrong. On WCXB dev, pages typed "other" score word F1 0.78 against 0.92 for those
# typed "article" (listings 0.69); these factors raised the AUC of confidence for good vs
# poor extractions from 0.73 to 0.80 there, and left AEB's (all articles) as it was.
PAGE_TYPE_FACTOR = {"article": 1.0, "service": 1.0, "other": 0.85, "listing": 0.8}


def confidence(located_by: str, blocks: Sequence[Block], page_type: str | None = None) -> float:
    """The confidence of one extraction, rounded to two decimals (``page_type``: the
    metadata's; None for plain text, which has none)."""
    text_chars = sum(len(b.text) for b in blocks) or 1
    words = sum(word_count(b.text) for b in blocks)
    link_chars = sum(len(link.text) for b in blocks for link in b.links)
    score = LOCATOR_TRUST.get(located_by.split(":")[0], 0.5)
    score *= math.sqrt(min(1.0, words / CONFIDENT_WORDS))
    score *= max(0.0, 1.0 - link_chars / text_chars) ** 2
    if _reads_like_listing(blocks):
        score *= LISTING_FACTOR
    score *= PAGE_TYPE_FACTOR.get(page_type or "article", 1.0)
    return round(min(max(score, 0.0), 1.0), 2)


def _reads_like_listing(blocks: Sequence[Block]) -> bool:
    # a teaser's title links to the post it announces; an article's headings link nowhere
    headings = [b for b in blocks if b.type == "heading" and b.links]
    paragraphs = [b for b in blocks if b.type == "paragraph"]
    if len(blocks) < 6 or not paragraphs:
        return False
    mean_words = sum(word_count(p.text) for p in paragraphs) / len(paragraphs)
    return len(headings) >= LISTING_HEADING_SHARE * len(blocks) and mean_words < LISTING_PARAGRAPH_WORDS
