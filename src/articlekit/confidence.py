"""How likely an extraction is right: ``Article.confidence`` in [0, 1].

Four signals, multiplied: how the region was found (a CMS body container is trusted
more than scoring, scoring more than the readability fallback or the whole body); how
much text it holds (near-empty pages are doubtful); how much of that text is link text
(navigation); and whether it reads like a list of teasers (many short blocks under
headings that link to other pages) —
the shape of a listing page rather than an article.
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


def confidence(located_by: str, blocks: Sequence[Block]) -> float:
    """The confidence of one extraction, rounded to two decimals."""
    text_chars = sum(len(b.text) for b in blocks) or 1
    words = sum(word_count(b.text) for b in blocks)
    link_chars = sum(len(link.text) for b in blocks for link in b.links)
    score = LOCATOR_TRUST.get(located_by.split(":")[0], 0.5)
    score *= math.sqrt(min(1.0, words / CONFIDENT_WORDS))
    score *= max(0.0, 1.0 - link_chars / text_chars) ** 2
    if _reads_like_listing(blocks):
        score *= LISTING_FACTOR
    return round(min(max(score, 0.0), 1.0), 2)


def _reads_like_listing(blocks: Sequence[Block]) -> bool:
    # a teaser's title links to the post it announces; an article's headings link nowhere
    headings = [b for b in blocks if b.type == "heading" and b.links]
    paragraphs = [b for b in blocks if b.type == "paragraph"]
    if len(blocks) < 6 or not paragraphs:
        return False
    mean_words = sum(word_count(p.text) for p in paragraphs) / len(paragraphs)
    return len(headings) >= LISTING_HEADING_SHARE * len(blocks) and mean_words < LISTING_PARAGRAPH_WORDS
