"""Stage 7 — blocks to a tree of Sections.

Headings come from h1-h6, from pseudo-headings (a paragraph that is one bold run and
reads like a title), from plain-text heading lines (level 0) and from the bold labels
of a list whose items are paragraphs ("<li><strong>Stem cell therapy:</strong> Stem
cells are…</li>": each item is a part of the article, level 0), and from the bold
question that is a paragraph's first line ("<p><strong>Does it hurt?</strong><br>Most
patients…</p>", as FAQs are typed in page builders: level 0). A pseudo or plain
heading nests one level below the real heading it follows. Blocks before the first
heading form the untitled intro section. Ids are ``s1``, ``s2``… in document order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .blocks import looks_like_heading
from .dom import asks
from .model import Block, Section

_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}[.)]\s*\w")
# A plain (not bold) line is a heading only when this short.
PLAIN_HEADING_MAX_WORDS = 8
# Nesting depth given to plain-text headings and to pseudo-headings before any real one.
_DEFAULT_PSEUDO_DEPTH = 2
# A list is an outline of labelled parts when at least this many items open with a bold
# label and those items' text after the label is, at the median, a paragraph of at
# least this many words. Shorter glosses ("<strong>Bruising:</strong> mild, fades in
# days") are a list of things, and stay one list block with its items.
LABELLED_ITEMS_MIN = 2
LABELLED_ITEM_MIN_WORDS = 20


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
    flat = _unfold_question_leads(_unfold_labelled_lists(blocks))
    for index, block in enumerate(flat):
        following = flat[index + 1] if index + 1 < len(flat) else None
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


def _unfold_labelled_lists(blocks: list[Block] | tuple[Block, ...]) -> list[Block]:
    """Each list of labelled paragraphs becomes its labels, as bold pseudo-headings, and
    their paragraphs; items before the first label stay a list, an unlabelled item after
    one goes on that label's part."""
    flat: list[Block] = []
    for block in blocks:
        if not _is_labelled_outline(block):
            flat.append(block)
            continue
        pending: list[str] = []
        for item, lead in zip(block.items, block.leads, strict=True):
            if not _is_label(lead):
                pending.append(item)
                continue
            flat.extend(_as_blocks(pending, block))
            pending = []
            flat.append(Block("paragraph", lead, path=block.path, strong=True))
            flat.append(Block("paragraph", _body_after(item, lead), path=block.path))
        flat.extend(_as_blocks(pending, block))
    return flat


def _unfold_question_leads(blocks: list[Block]) -> list[Block]:
    """A paragraph whose first line is a bold question, a line break after it, becomes
    that question, as a bold pseudo-heading, and the answer. A bold lead that is no
    question ("<strong>Note:</strong><br>…", an address's "<b>Clinic name</b><br>…")
    stays the paragraph's, as does a question the line goes on after ("<strong>Tooth
    pain right now?</strong> Call us…": a call to action's lead-in)."""
    flat: list[Block] = []
    for block in blocks:
        lead = block.leads[0] if block.type == "paragraph" and len(block.leads) == 1 else ""
        if not _is_question(lead):
            flat.append(block)
            continue
        flat.append(Block("paragraph", lead, path=block.path, strong=True))
        flat.append(replace(block, text=block.text[len(lead) :].strip(), leads=()))
    return flat


def _is_question(line: str) -> bool:
    return asks(line) and looks_like_heading(line.strip())


def _is_labelled_outline(block: Block) -> bool:
    if block.type != "list" or not block.leads:
        return False
    bodies = [
        len(_body_after(i, lead).split())
        for i, lead in zip(block.items, block.leads, strict=True)
        if _is_label(lead)
    ]
    return len(bodies) >= LABELLED_ITEMS_MIN and sorted(bodies)[len(bodies) // 2] >= LABELLED_ITEM_MIN_WORDS


def _is_label(lead: str) -> bool:
    return bool(lead) and looks_like_heading(lead.strip().rstrip(":").strip())


def _body_after(item: str, lead: str) -> str:
    return item[len(lead) :].lstrip(" :\u2013\u2014-")


def _as_blocks(items: list[str], source: Block) -> list[Block]:
    if not items:
        return []
    if len(items) == 1:
        return [Block("paragraph", items[0], path=source.path)]
    return [Block("list", "\n".join(items), items=tuple(items), path=source.path)]


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
