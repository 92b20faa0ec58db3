"""Stage 4 — find the main region of the page.

In order: (1) CMS content containers named in ``rules/containers.toml``; (2) content
mass: every element gets the amount of non-link paragraph text under it, with page
chrome and boilerplate blocks counting zero, and the region is found by walking down
from ``<body>`` while one child holds most of the mass (a ``<main>`` element half of it)
— so content spread over many sibling page-builder sections stays together; (3)
readability-lxml. Then the post's own FAQ, when the template puts it after the body as a
block of its own, and its lead, when the template sets it under the title before the body,
are read with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import html

from . import _readability
from .dom import (
    HEADING_TAGS,
    PROSE_HEADING_CHARS,
    SKIP_TAGS,
    is_json_data,
    name_parts,
    tag_of,
    text_of,
    within,
    word_count,
)
from .errors import NoContentFound
from .matcher import BoilerplateMatcher
from .ruleset import Rules

# Tags whose whole text is one unit of content mass.
_TEXT_UNITS = frozenset({"p", "li", "blockquote", "pre", "td", "dd", "dt", "summary"})
# A container child that holds at least this share of its parent's mass becomes the
# region; below it, the content is spread over siblings (page-builder sections) and the
# parent is kept whole.
DOMINANT_SHARE = 0.7
# A <main> element, HTML's own mark of the page's main content, becomes the region with
# a smaller share: the rest of the page is the teaser stripes and footers around it.
MAIN_SHARE = 0.5
# Tags the walk never descends into: a long list or table is part of the article,
# not the article itself.
_LEAF_CONTENT = _TEXT_UNITS | {"ul", "ol", "dl", "table", "figure"}
# Mass is counted in characters of text, white space left out.
# Paragraphs shorter than this (characters of non-link text) add no mass: menus,
# buttons and captions are short.
MIN_UNIT_CHARS = 21
# A box (its heading a child or grandchild) whose heading is mostly a link and that
# holds less text than this is a teaser card.
CARD_MAX_CHARS = 500
CARD_HEADING_LINK_SHARE = 0.6
# A CMS container is trusted when it holds at least this share of the text of the
# region the content-mass walk finds.
CONTAINER_MIN_SHARE = 0.3
# A chrome-named block holding this share of the page's text is a layout wrapper.
LAYOUT_WRAPPER_SHARE = 0.5
# Blocks that can hold most of a page's text without being its article.
_NEVER_SPARED = frozenset({"comments", "related"})
# A block named as page chrome is counted after all when it holds this much paragraph
# text (characters) and more than this many times the best region found without it.
HEAVY_CHROME_MIN_CHARS = 800
HEAVY_CHROME_RATIO = 1.5
_CHROME_KINDS = frozenset({"chrome", "navigation"})
# Class or id names of accordion and FAQ widgets (Avada spells it "accordian").
_ACCORDION_NAME = re.compile(r"(?:^|[\s_-])(?:accordions?|accordian|faqs?)(?:$|[\s_-])")
# The post's own FAQ is looked for after the region and after up to this many of its
# wrappers; it holds at least this many words besides its heading.
FAQ_AFTER_LEVELS = 3
FAQ_MIN_WORDS = 20
_PAGE_TAGS = frozenset({"body", "main", "html"})
# The post's lead is looked for between its title (h1) and the region when both stand in
# one of the region's wrappers up to this many levels up; a lead paragraph is a sentence
# of at least this many words, at most this share of it link text.
LEAD_LEVELS = 3
LEAD_MIN_WORDS = 10
LEAD_LINK_SHARE = 0.3
_SENTENCE_END = (".", "!", "?", ":", "\u2026")
_CLOSING_MARKS = '"\u201d\u2019)'
_SENTENCES = re.compile(r"\w[^.!?]*[.!?]+(?=\s|$)")
_LEAD_TAGS = ("p", *sorted(HEADING_TAGS), "figure", "figcaption")
# Boilerplate kinds that never hold the article, so their mass is zero.
_ZERO_MASS_KINDS = frozenset({"related", "share", "comments", "navigation", "chrome", "author"})


@dataclass(frozen=True, slots=True)
class Region:
    """The element holding the article, and how it was found."""

    element: html.HtmlElement
    located_by: str
    # Blocks inside it whose names misled the rules (chrome names on the article's own
    # wrappers): the separation stage keeps them.
    kept: frozenset[html.HtmlElement] = frozenset()
    # Blocks after it that continue the article: the post's own FAQ, placed by the
    # template after the body rather than in it.
    after: tuple[html.HtmlElement, ...] = ()
    # Paragraphs before it that open the article: the post's lead, set by the template
    # under the title and outside the body.
    before: tuple[html.HtmlElement, ...] = ()


def locate(root: html.HtmlElement, rules: Rules, matcher: BoilerplateMatcher, *, min_words: int) -> Region:
    """The main region of the page."""
    body = _body(root)
    mass, kept = content_mass(body, matcher)
    dominant = _dominant(body, mass, matcher)
    found = _by_container(rules, matcher, mass, mass.get(dominant, 0), min_words)
    if found is None and word_count(text_of(dominant)) >= min_words and mass.get(dominant, 0):
        found = Region(dominant, "scoring")
    found = found or _by_readability(root, min_words) or Region(dominant, "body")
    return replace(
        found,
        kept=kept,
        after=_faq_after(found.element, mass, matcher, rules),
        before=_lead_before(found.element, matcher),
    )


def whole_page(root: html.HtmlElement) -> Region:
    """The region of last resort: the page's body."""
    return Region(_body(root), "body")


def _body(root: html.HtmlElement) -> html.HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _by_container(
    rules: Rules,
    matcher: BoilerplateMatcher,
    mass: dict[html.HtmlElement, int],
    dominant_mass: int,
    min_words: int,
) -> Region | None:
    """The first container rule whose best match holds a fair share of the page's text.

    A match that holds little of it is a teaser card or a widget that reuses the
    theme's class names (a ``.post-content`` excerpt in a footer), not the article.
    """
    for rule in rules.containers:
        matches = [el for el in matcher.containers(rule) if mass.get(el, 0) > 0]
        if not matches:
            continue
        best = _split_body(max(matches, key=lambda el: mass[el]), matches, mass)
        if mass[best] >= CONTAINER_MIN_SHARE * dominant_mass and word_count(text_of(best)) >= min_words:
            return Region(best, f"container:{rule.id}")
    return None


def _split_body(
    best: html.HtmlElement, matches: list[html.HtmlElement], mass: dict[html.HtmlElement, int]
) -> html.HtmlElement:
    """The parent of ``best`` when the post body is cut into sibling containers of the
    same rule and the same class names (two Webflow rich-text blocks with an image or a
    quote between them): the siblings holding text hold most of the parent's text.
    (Tab panels differ in their names, ``…-Tabs-panel--reviews``: each is a part.)"""
    parent = best.getparent()
    if parent is None:
        return best
    names = best.get("class")
    pieces = [
        el for el in matches if el is not best and el.getparent() is parent and el.get("class") == names
    ]
    whole = mass.get(parent, 0)  # none when the parent is a link or chrome (bench/fuzz.py)
    if pieces and whole and mass[best] + sum(mass[el] for el in pieces) >= DOMINANT_SHARE * whole:
        return parent
    return best


def _dominant(
    body: html.HtmlElement, mass: dict[html.HtmlElement, int], matcher: BoilerplateMatcher | None = None
) -> html.HtmlElement:
    """Walk down from <body> while one container child holds most of the text (and,
    given the ``matcher``, while the article does not go on after that child)."""
    node = body
    while True:
        children = [c for c in node if mass.get(c, 0) > 0]
        if not children:
            return node
        top = max(children, key=lambda c: mass[c])
        share = MAIN_SHARE if tag_of(top) == "main" else DOMINANT_SHARE
        if tag_of(top) in _LEAF_CONTENT or mass[top] < share * mass.get(node, 0):  # fuzzed: no mass
            return node
        if matcher is not None and (
            _continued(top, mass, matcher)
            or _figure_among_parts(top, node, mass, matcher.ruleset.widgets.get("figure", frozenset()))
            or (mass[top] < mass.get(node, 0) and _is_accordion(top))
        ):
            return node  # an FAQ with text beside it is one part of the page, not all of it
        node = top


def _continued(top: html.HtmlElement, mass: dict[html.HtmlElement, int], matcher: BoilerplateMatcher) -> bool:
    """Whether the article goes on after ``top`` in an FAQ of its own: a template that
    puts the post's questions (a heading, then an accordion widget) next to the post
    body rather than in it. The first sibling with text after ``top`` must be that
    accordion (named so: ``brxe-accordion``, ``fusion-accordian``, ``schema-faq``),
    with at most a heading before it and no boilerplate block (author box, share bar,
    related posts); and ``top`` must be the first sibling with words (else the parent
    holds a title or meta lines as well)."""
    for sib in top.itersiblings():
        if not tag_of(sib) or tag_of(sib) in SKIP_TAGS:
            continue
        if matcher.rule_for(sib) is not None:
            return False
        if mass.get(sib, 0) > 0:
            # the cheap tests first: this runs at every step of the walk down
            return _is_accordion(sib) and not any(
                text_of(s) for s in top.itersiblings(preceding=True) if tag_of(s)
            )
        headed = tag_of(sib) in HEADING_TAGS or next(sib.iter(*HEADING_TAGS), None) is not None
        if not headed and text_of(sib):
            return False
    return False


def _figure_among_parts(
    top: html.HtmlElement, node: html.HtmlElement, mass: dict[html.HtmlElement, int], names: frozenset[str]
) -> bool:
    """Whether ``top`` is a figure set among the article's parts: a block that is, down
    its wrappers, one named as an interactive or data-visualisation embed
    (``cda-media-block`` … ``visualization`` > ``interactiveContainer``: a checklist drawn
    as an interactive table) or as a carousel (a landing page's ``swiper`` of blurbs
    beside its short ones), that holds most of the text, while its siblings hold the
    rest (``names``: the name parts of such blocks, [[widget]] kind "figure" in the rules).
    The walk stops above it."""
    if mass.get(node, 0) == mass[top]:
        return False
    el: html.HtmlElement | None = top
    while el is not None:
        if not names.isdisjoint(name_parts(el.get("class"), el.get("id"))):
            return True
        inner = [c for c in el if mass.get(c, 0) > 0]
        el = inner[0] if len(inner) == 1 else None
    return False


def _faq_after(
    region: html.HtmlElement, mass: dict[html.HtmlElement, int], matcher: BoilerplateMatcher, rules: Rules
) -> tuple[html.HtmlElement, ...]:
    """The post's own FAQ when it is the next block with text after the region (a CMS's
    FAQ fields rendered as a section of their own after the rich-text body), looked for
    after the region and after its wrappers that hold nothing else; nothing when that
    next block is anything else."""
    node = region
    for _ in range(FAQ_AFTER_LEVELS):
        sib = next((s for s in node.itersiblings() if tag_of(s) not in SKIP_TAGS and text_of(s)), None)
        if sib is not None:
            return (sib,) if matcher.rule_for(sib) is None and _is_faq_block(sib, rules) else ()
        parent = node.getparent()
        if parent is None or tag_of(parent) in _PAGE_TAGS or mass.get(parent, 0) > mass.get(node, 0):
            return ()
        node = parent
    return ()


def _lead_before(region: html.HtmlElement, matcher: BoilerplateMatcher) -> tuple[html.HtmlElement, ...]:
    """The post's lead when the template sets it between the title and the body, outside
    the body the region is (a news extension's teaser text, a blog page's intro in the
    article header): the one paragraph of prose after the page's h1 and before the
    region, when both stand in one wrapper of the region a few levels up, and no heading
    stands between. Several paragraphs there are the article's own parts that the
    region missed, or chrome; a one-sentence line is a news dek or a caption."""
    # the matcher's pass listed the page's headings: no walk of the page for its h1
    h1 = next((h for h in matcher.headings if h.tag == "h1" and word_count(text_of(h)) >= 2), None)
    if h1 is None or within(h1, region) or within(region, h1):
        return ()
    around = _wrapper_of(region, h1)
    if around is None:
        return ()
    # the tags that matter, in document order (libxml2 filters them), up to the region's first
    end = next(region.iter(*_LEAD_TAGS), None)
    if end is None:
        return ()
    lead: list[html.HtmlElement] = []
    started = False
    for el in around.iter(*_LEAD_TAGS):
        if el is end:
            break
        if el is h1:
            started = True
        elif not started or within(el, h1):
            continue
        elif el.tag != "p":
            return ()  # a heading or a figure between the title and the body
        elif _is_lead(el, around, h1, matcher):
            lead.append(el)
    return tuple(lead) if len(lead) == 1 and len(_SENTENCES.findall(text_of(lead[0]))) >= 2 else ()


def _wrapper_of(region: html.HtmlElement, h1: html.HtmlElement) -> html.HtmlElement | None:
    """The nearest wrapper of the region, up to ``LEAD_LEVELS`` up, that holds the h1 too
    (never the page itself)."""
    for level, anc in enumerate(region.iterancestors()):
        if level >= LEAD_LEVELS or tag_of(anc) in _PAGE_TAGS:
            return None
        if within(h1, anc):
            return anc
    return None


def _is_lead(
    el: html.HtmlElement, around: html.HtmlElement, h1: html.HtmlElement, matcher: BoilerplateMatcher
) -> bool:
    """A sentence of prose, in no boilerplate block but the header that holds the title
    (``blog-page__header``: the article's own header, though its name says header)."""
    text = text_of(el)
    if word_count(text) < LEAD_MIN_WORDS or not text.rstrip(_CLOSING_MARKS).endswith(_SENTENCE_END):
        return False
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    if linked > LEAD_LINK_SHARE * len(text):
        return False
    node: html.HtmlElement | None = el
    while node is not None and node is not around:
        if matcher.rule_for(node) is not None and not within(h1, node):
            return False
        node = node.getparent()
    return True


def _is_faq_block(el: html.HtmlElement, rules: Rules) -> bool:
    """A block that opens with a heading the taxonomy reads as a FAQ's ("Common
    questions about HBOT") and goes on after it. (Not any accordion by its names: a
    product page's "Shipping & Returns" accordion follows the product description.)"""
    heading = next(el.iter(*HEADING_TAGS), None)
    if heading is None:
        return False
    title = text_of(heading)
    faq = any(c.category == "faq" and c.where == "heading" and c.pattern.search(title) for c in rules.cues)
    return faq and word_count(text_of(el)) >= word_count(title) + FAQ_MIN_WORDS


def _is_accordion(el: html.HtmlElement) -> bool:
    """An element named as an accordion or FAQ widget, or a wrapper around one alone."""
    node: html.HtmlElement | None = el
    while node is not None:
        if _ACCORDION_NAME.search(f"{node.get('class') or ''} {node.get('id') or ''}".lower()):
            return True
        children = [c for c in node if tag_of(c)]
        node = children[0] if len(children) == 1 else None
    return False


def _by_readability(root: html.HtmlElement, min_words: int) -> Region | None:
    try:
        fallback = _readability.readability_region(root)
    except NoContentFound:
        return None
    return Region(fallback, "readability") if word_count(text_of(fallback)) >= min_words else None


def content_mass(
    top: html.HtmlElement, matcher: BoilerplateMatcher
) -> tuple[dict[html.HtmlElement, int], frozenset[html.HtmlElement]]:
    """Non-link paragraph text (in characters) under each element of ``top``, and the
    boilerplate blocks counted after all.

    Boilerplate blocks count zero — except where their names misled the rules:
    * a block (other than comments or teasers) that holds most of the page's text
      (``l-sidebar-fixed`` around an article and its sidebar, ``article-body
      pagination-first``); inside such a wrapper, a block holding most of the wrapper's
      text is judged the same way (``sidebar-layout`` around ``sidebar-content``);
    * a block named as page chrome that holds more paragraph text than the best region
      left without it (the post cut into ``content-nav-section`` blocks): navigation
      and chrome hold links and labels, not paragraphs.

    Neither applies to a block beside a ``<main>`` element that holds text.
    """
    mass, raw, zeroed, mains = _masses(top, matcher, spared=frozenset())
    # a block beside a <main> that holds text is not the article, whatever it holds
    # (a page footer with a long legal disclaimer under a short post)
    zeroed = [el for el in zeroed if not _beside_main(el, mains, mass)]
    kept = _wrappers(top, zeroed, raw, matcher)
    if kept:
        mass, _, _, _ = _masses(top, matcher, spared=kept)
    best = mass.get(_dominant(top, mass), 0)
    heavy = frozenset(
        el
        for el in zeroed
        if el not in kept
        and _kind(el, matcher) in _CHROME_KINDS
        and raw.get(el, 0) >= max(HEAVY_CHROME_MIN_CHARS, HEAVY_CHROME_RATIO * best)
    )
    if heavy:
        kept = kept | heavy
        mass, _, _, _ = _masses(top, matcher, spared=kept)
    return mass, kept


def _beside_main(
    el: html.HtmlElement, mains: list[html.HtmlElement], mass: dict[html.HtmlElement, int]
) -> bool:
    """Whether a <main> holding text stands outside ``el`` (neither around it nor in
    it): HTML's own mark of the page's main content says the article is elsewhere."""
    return any(mass.get(m, 0) > 0 and not within(m, el) and not within(el, m) for m in mains)


def _wrappers(
    top: html.HtmlElement,
    zeroed: list[html.HtmlElement],
    raw: dict[html.HtmlElement, int],
    matcher: BoilerplateMatcher,
) -> frozenset[html.HtmlElement]:
    """The zeroed blocks that are layout wrappers, outermost first (``zeroed`` lists
    them innermost first)."""
    spared: set[html.HtmlElement] = set()
    for el in reversed(zeroed):
        if _kind(el, matcher) in _NEVER_SPARED:
            continue
        around = next((a for a in el.iterancestors() if a in spared or a is top), top)
        if raw.get(el, 0) >= LAYOUT_WRAPPER_SHARE * raw.get(around, 0) > 0:
            spared.add(el)
    return frozenset(spared)


def _masses(
    top: html.HtmlElement, matcher: BoilerplateMatcher, *, spared: frozenset[html.HtmlElement]
) -> tuple[
    dict[html.HtmlElement, int], dict[html.HtmlElement, int], list[html.HtmlElement], list[html.HtmlElement]
]:
    """Kept and raw mass of every element, the elements zeroed by a boilerplate rule,
    and the page's <main> elements.

    One pass, bottom-up (document order walked backwards, so children come before
    their parent; no recursion, so deep pages are safe). Text is measured from each
    node's own text and tail, so no element's text is read twice.
    """
    mass: dict[html.HtmlElement, int] = {}
    raw: dict[html.HtmlElement, int] = {}
    zeroed: list[html.HtmlElement] = []
    mains: list[html.HtmlElement] = []
    chars: dict[html.HtmlElement, int] = {}  # visible text under the element
    linked: dict[html.HtmlElement, int] = {}  # ... of it inside links
    card_heading: set[html.HtmlElement] = set()  # headings that are mostly a link
    holds_card_heading: set[html.HtmlElement] = set()
    chrome = {el for el, rule in matcher.block_hits.items() if rule.kind in _ZERO_MASS_KINDS}
    chrome.discard(top)  # the top element's classes name the page, not a block of chrome
    chrome.difference_update(spared)
    # what a <noscript> or <template> holds is not shown (a crawler view shown to readers
    # without JavaScript became a <div> in parse.py): no element in it is a region
    unseen = {d for box in top.iter("noscript", "template") for d in box.iterdescendants()}
    for el in reversed(list(top.iter())):
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or el in unseen:
            continue
        own_text = el.text
        # a widget's settings are not text; most elements have none or only white space
        loose = 0 if not own_text or own_text.isspace() or is_json_data(own_text) else _chars(own_text)
        text = loose
        links = kept = kept_raw = 0
        has_card_child = False
        for child in el:
            tail_text = child.tail
            tail = _chars(tail_text) if tail_text else 0
            loose += tail
            text += chars.get(child, 0) + tail
            links += linked.get(child, 0)
            kept += mass.get(child, 0)
            kept_raw += raw.get(child, 0)
            has_card_child = has_card_child or child in card_heading
        chars[el] = text
        if tag == "main":
            mains.append(el)
        if tag == "a":  # text inside a link (a whole teaser card wrapped in <a>) is not content
            if el.get("href"):
                linked[el] = text
            continue
        if links:
            linked[el] = links
        if has_card_child:
            holds_card_heading.add(el)
        if tag in HEADING_TAGS:
            if links and links >= CARD_HEADING_LINK_SHARE * text:
                card_heading.add(el)
            if text - links < PROSE_HEADING_CHARS:
                continue
            # a paragraph set in a heading tag for its size ("For more than 40 years,
            # we have offered …" as an <h4>) is text like any paragraph
        if tag in _TEXT_UNITS or tag in HEADING_TAGS:
            own = text - links
            own = own_raw = own if own >= MIN_UNIT_CHARS else 0
        else:
            loose = loose if loose >= MIN_UNIT_CHARS else 0
            own, own_raw = kept + loose, kept_raw + loose
        if own_raw:
            raw[el] = own_raw
        if el in chrome:
            zeroed.append(el)
            continue
        if own and own < CARD_MAX_CHARS and (has_card_child or any(c in holds_card_heading for c in el)):
            own = 0  # a small box whose heading is a link: a teaser of another page
        if own:
            mass[el] = own
    return mass, raw, zeroed, mains


def _chars(text: str | None) -> int:
    """Characters of text, white space not counted."""
    return 0 if not text or text.isspace() else len("".join(text.split()))


def _kind(el: html.HtmlElement, matcher: BoilerplateMatcher) -> str | None:
    rule = matcher.rule_for(el)
    return rule.kind if rule is not None else None
