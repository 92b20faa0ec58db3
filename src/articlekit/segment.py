"""Stage 7 — blocks to a tree of Sections.

Headings come from h1-h6, from pseudo-headings (a paragraph that is one bold run and
reads like a title) and from plain-text heading lines (level 0). A pseudo or plain
heading nests one level below the real heading it follows. Blocks before the first
heading form the untitled intro section. Ids are ``s1``, ``s2``… in document order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .blocks import looks_like_heading
from .model import Block, Section

_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}[.)]\s*\w")
# A plain (not bold) line is a heading only when this short.
PLAIN_HEADING_MAX_WORDS = 8
# Nesting depth given to plain-text headings and to pseudo-headings before any real one.
_DEFAULT_PSEUDO_DEPTH = 2


@dataclass(slots=True)
class _Node:
    heading: str | None
    level: int
    depth: int
    blocks: list[Block] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def segment(blocks: list[Block] | tuple[Block, ...]) -> tuple[Section, ...]:
    """The article's sections, nested by heading level."""
    root = _Node(None, 0, 0)
    intro = _Node(None, 0, 1)
    stack: list[_Node] = [root]
    root.children.append(intro)
    current = intro
    real_depth = 0
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        heading = _heading_of(block, following)
        if heading is None:
            current.blocks.append(block)
            continue
        if block.type == "heading" and block.level > 0:
            depth = block.level
            real_depth = depth
        else:
            depth = real_depth + 1 if real_depth else _DEFAULT_PSEUDO_DEPTH
        node = _Node(heading, block.level if block.type == "heading" else 0, depth)
        while len(stack) > 1 and stack[-1].depth >= depth:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
        current = node
    if not intro.blocks:
        root.children.remove(intro)
    counter = itertools.count(1)
    return tuple(_freeze(n, counter) for n in root.children)


def _heading_of(block: Block, following: Block | None) -> str | None:
    """The heading text if the block is a heading, a bold pseudo-heading, or a short
    title-like line standing before a longer paragraph or list (as CMS editors type
    "Law of Similars:" on a line of its own)."""
    if block.type == "heading":
        return block.text
    text = block.text.strip("*").rstrip(":").strip("*")
    if _NUMBERED_LINE.match(text):
        text = text.rstrip(".")  # "1. Connective tissue grafts." labels an item
    if block.type != "paragraph" or not looks_like_heading(text):
        return None
    if block.strong:
        return block.text
    short = len(block.text.split()) <= PLAIN_HEADING_MAX_WORDS
    leads = (
        following is not None
        and following.type in ("paragraph", "list")
        and (len(following.text.split()) > 2 * len(block.text.split()))
    )
    return block.text if short and leads and not block.links else None


def _freeze(node: _Node, counter: Iterator[int]) -> Section:
    ident = f"s{next(counter)}"
    children = tuple(_freeze(c, counter) for c in node.children)
    return Section(ident, node.heading, node.level, tuple(node.blocks), children)
