"""Stage 5 — separate what is not the article from the region, keeping it as data.

Two passes, both driven by ``rules/boilerplate.toml``:

* ``separate_region`` (HTML): containers recognised by class/id/CSS rules — related
  posts, share bars, comments, post navigation, newsletter forms, author boxes, CTA
  buttons — are marked to be skipped, each recorded as a Removal; related-post
  containers anywhere on the page are parsed into RelatedPost teasers. Two things no
  reader sees are skipped too: a hidden copy of the region's text and a widget's JSON
  settings left as text.
* ``separate_blocks`` (HTML and plain text): a heading that announces teasers
  ("Related Posts") takes the blocks after it as teasers; a short standalone block
  whose text is a call to action becomes a Promotion; a promo sentence inside a prose
  paragraph is recorded as a Promotion and left in the text; a run of blocks that
  repeats the text before it (a section rendered twice) is read once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import cast
from urllib.parse import urlsplit

from lxml import etree, html

from .blocks import html_blocks, looks_like_heading, safe_url
from .discover import url_rules
from .dom import (
    HEADING_TAGS,
    SKIP_TAGS,
    ElementPaths,
    asks,
    collapse,
    is_json_data,
    is_toggle,
    name_parts,
    tag_of,
    text_of,
    within,
    word_count,
    words,
    xpath_elements,
)
from .matcher import BoilerplateMatcher
from .model import Block, Promotion, RelatedPost, Removal
from .ruleset import BlockRule, PatternGroup, PatternRule, Rules

# Removals decided by a mechanism of this module rather than by a rules-file entry.
MECHANISM_REASONS = {
    "trailing-heading": "A heading with no text after it at the end of the article heads nothing.",
    "link-dense-block": "A list of links, or a short line that is only a link, is navigation or a teaser.",
    "in-page-links": "A list whose every item only links to a place on the same page is a table of "
    "contents or a tab bar: it repeats the headings it points to.",
    "closing-promo": "A short block with a call to action and a link, at the very end, signs off the post.",
    "promo-lead-in": "A short question right before a call to action is part of it.",
    "cta-box": "The headline and pitch above the button of a small call-to-action box after the "
    "article are part of the call to action.",
    "repeated-label": "A line that is one short label said over and over ('Book Now * Book Now * Book Now') "
    "is a scrolling marquee, page furniture.",
    "hidden-copy": "An element the page hides (the hidden attribute) whose text is, in runs of four "
    "words, mostly said elsewhere in the region is a copy of it (a raw-markdown copy of the post "
    "kept for scripts). Tab panels and dialogs a reader opens are not copies, however alike.",
    "data-text": "An element whose text is a JSON object or array is a widget's settings left "
    "as text (a booking or product embed reads them), not prose.",
    "author-card": "A small box whose first line is the name of the post's author or reviewer, "
    "followed by a bio or a profile link, is the author card: the byline is metadata, not text.",
    "trailing-cards": "A grid of cards at the very end of the article, each a heading that is one link "
    "to another page and at most a short line, points to the site's other pages ('Pairs well with' "
    "treatment cards): no text of the post.",
    "quote-carousel": "On a blog post, a carousel or slider whose slides are quotes is the practice's "
    "rotating testimonials, with the heading boxed with it: no text of the post. (On service and "
    "product pages WCXB's ground truth counts such carousels as the page's content: kept there.)",
    "link-preview": "A link to another page of the site unfurled into a card (its title, its "
    "description and the site's address or name as a line of its own: a link preview, as Wix's "
    "editor, Ghost's bookmark card and chat apps draw them) points the reader to that page: a "
    "teaser, not text of the post.",
    "repeated-copy": "A run of blocks that repeats, word for word and in order, a run earlier in the "
    "region is a second rendering of the same content (a desktop and a mobile version of a "
    "section, a carousel's cloned slides): it is read once.",
}
# A rule never removes an element holding more than this share of the region's words:
# that element is the article itself, whatever its class names say.
MAX_REMOVED_SHARE = 0.5
# Standalone blocks up to this many words can be calls to action; up to the second
# number, any promo phrase makes the whole block one; longer blocks are calls to
# action when more than this share of their words is in promotional sentences.
PROMO_BLOCK_SHARE = 0.5
PROMO_SHORT_WORDS = 8
# A "sentence" this short inside a promo block is its button or link label ("See details").
BUTTON_WORDS = 3
PROMO_MAX_WORDS = 40
# Buttons that can stand inside a paragraph, where the paragraph is their pitch.
INLINE_BUTTON_TAGS = frozenset({"a", "button"})
# A list whose items are, this often, exactly a link is a link list (menus, "more
# stories", tag clouds); article lists carry text around their links.
LINK_LIST_SHARE = 0.8
# A short paragraph that is this much link text is a navigation line ("Download
# themes", "Previous post"); a long one is prose that happens to link.
LINK_PARAGRAPH_SHARE = 0.9
LINK_PARAGRAPH_MAX_WORDS = 8
# ...and one of up to this many words that links within the site is a teaser headline.
SITE_LINK_PARAGRAPH_MAX_WORDS = 16
# A marquee repeats a label of up to this many words at least this many times.
MARQUEE_LABEL_WORDS = 6
MARQUEE_REPEATS = 4
MARQUEE_HEAD_CHARS = 120
# A hidden element of at least this many words is a copy when this share of its
# four-word runs is found in the rest of the region.
HIDDEN_COPY_MIN_WORDS = 30
HIDDEN_COPY_SHARE = 0.8
_SHINGLE = 4
# A repeated run of blocks is a second copy when it holds at least this many words.
REPEAT_MIN_WORDS = 12
# Further on, a repeated run is a second copy when it is a part of the text, a heading
# among its blocks, of this many words: shorter runs repeat by design (the same meals
# on several days of a plan, the same parameter in several calls of an API).
REPEAT_PART_WORDS = 200
# A box of up to this many words whose first line names the post's author is an author card.
AUTHOR_CARD_MAX_WORDS = 60
# A grid of at least this many cards (a linked heading and at most one short line of up
# to the second number of words) ends some posts: the site's other pages; when the grid
# holds more than the third number's share of the text, the cards are the page (a
# collection, a listing).
TRAILING_CARDS_MIN = 3
CARD_LINE_MAX_WORDS = 15
TRAILING_CARDS_MAX_SHARE = 0.2
# A carousel whose slides are at least this many quotes, this share of its words, is a
# testimonial carousel; its box takes a heading of up to the third number of words.
CAROUSEL_MIN_QUOTES = 2
CAROUSEL_QUOTE_SHARE = 0.6
CAROUSEL_HEADING_WORDS = 10
# How many elements after the article are searched for its calls to action.
PROMO_LOOKAHEAD = 8
# An element after the article of up to this many words that holds a call to action
# is a call-to-action box: its headline and pitch are part of the call to action.
CTA_BOX_MAX_WORDS = 60
# A question this short before a call to action is its lead-in.
LEAD_IN_MAX_WORDS = 14
# After a teaser heading, a block this short is a teaser title; a longer one continues
# the list only when this much of it is link text or it is cut off like an excerpt.
TEASER_TITLE_MAX_WORDS = 15
TEASER_LINK_SHARE = 0.3
# A teaser heading outside the article stands at most this many levels below the box
# of its teasers.
TEASER_BOX_LEVELS = 3
# Teaser titles have at least this many words ("Read more" links are not titles).
TEASER_TITLE_MIN_WORDS = 2
# Arrows and marks around a link label ("← Previous Post", "Next »").
_ARROWS = " \t\n\u2190\u2192\u00ab\u00bb\u2039\u203a<>|-\u2013\u2014\u00b7"
# Sentence ends, but not after the titles clinics write before names ("Dr. Lee").
_SENTENCE = re.compile(
    r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bDra\.)(?<=[.!?])\s+(?=[A-Z¿¡\"“])"
)
_URL = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True, slots=True)
class Separation:
    """What the DOM pass found: elements to skip and the data kept from them."""

    skip: frozenset[html.HtmlElement]
    related_posts: tuple[RelatedPost, ...]
    promotions: tuple[Promotion, ...]
    removals: tuple[Removal, ...]


@dataclass(frozen=True, slots=True)
class BlockSeparation:
    blocks: tuple[Block, ...]
    related_posts: tuple[RelatedPost, ...]
    promotions: tuple[Promotion, ...]
    removals: tuple[Removal, ...]


def separate_region(
    root: html.HtmlElement,
    region: html.HtmlElement,
    matcher: BoilerplateMatcher,
    rules: Rules,
    *,
    page_url: str | None,
    kept: Collection[html.HtmlElement] = frozenset(),
    after: Sequence[html.HtmlElement] = (),
    people: Sequence[str] = (),
    page_type: str = "other",
    site_name: str | None = None,
) -> Separation:
    """Mark boilerplate containers in the region and the blocks ``after`` it that
    continue the article (but not ``kept``: blocks the locator found to be the article's
    own); collect teasers from the whole page."""
    parts = (region, *after)
    region_words = max(sum(word_count(text_of(part)) for part in parts), 1)
    skip: list[html.HtmlElement] = []
    related: list[RelatedPost] = []
    promos: list[Promotion] = []
    removals: list[Removal] = []
    paths = ElementPaths()  # not getpath(), which is quadratic over many siblings
    hits = _outermost(
        [
            hit
            for part in parts
            for hit in _with_boxes(
                [
                    (box, rule)
                    for el, rule in _boilerplate_in(part, matcher, kept, page_url)
                    for box in _button_box(_button_line(el, rule, part), rule, part, rules)
                ],
                part,
            )
        ]
    )
    for el, rule in hits:
        text = text_of(el)
        if word_count(text) > MAX_REMOVED_SHARE * region_words:
            continue
        skip.append(el)
        removals.append(Removal(rule.kind, rule.id, text[:300], paths.path(el)))
        if rule.kind == "related":
            related.extend(teasers_in(el, rule.id, rules.link_labels, page_url))
        elif rule.kind == "promotion" and text:
            promos.extend(_promotions_in(el, rule, rules, page_url))
        elif rule.kind == "newsletter" and text:
            # an opt-in box inside the post ("Free download: the symptom tracker") is
            # the post's call to action; the site's own sign-up forms stand outside it
            promos.append(Promotion(text, _first_url(el, page_url), "newsletter", rule.id))
        elif rule.kind == "chrome":
            inner = _related_within(el, matcher, page_url)
            related.extend(inner or _teasers_after_heading(el, rules, page_url))
            promos.extend(_callout_promotions(el, rules, page_url))
    for el in _hidden_copies(region, skip):
        skip.append(el)
        removals.append(Removal("chrome", "hidden-copy", text_of(el)[:300], paths.path(el)))
    for el in _data_texts(region):
        skip.append(el)
        removals.append(Removal("chrome", "data-text", (el.text or "")[:300], paths.path(el)))
    carousels = rules.widgets.get("carousel", frozenset())
    for el in _quote_carousels(parts, skip, carousels) if page_type == "article" else ():
        skip.append(el)
        removals.append(Removal("testimonials", "quote-carousel", text_of(el)[:300], paths.path(el)))
    for el in _author_cards(parts, people, skip):
        skip.append(el)
        removals.append(Removal("author", "author-card", text_of(el)[:300], paths.path(el)))
    for el, teaser in _link_previews(parts, skip, page_url, site_name):
        skip.append(el)
        removals.append(Removal("related", "link-preview", text_of(el)[:300], paths.path(el)))
        related.append(teaser)
    related.extend(_related_outside(parts, matcher, page_url))
    promos.extend(_promotions_after(parts[-1], matcher, rules, page_url))
    return Separation(frozenset(skip), dedupe_teasers(related), tuple(promos), tuple(removals))


_QUOTE_MARKS = ('"', "\u201c", "\u201e", "\u00ab")
# Quotes, found by libxml2: a carousel of testimonials is looked for only around them.
_QUOTED = etree.XPath(
    "descendant::blockquote | descendant::q | descendant::p["
    + " or ".join(f"starts-with(normalize-space(.), '{m}')" for m in _QUOTE_MARKS)
    + "]"
)


def _quote_carousels(
    parts: Sequence[html.HtmlElement], skipped: list[html.HtmlElement], names: frozenset[str]
) -> list[html.HtmlElement]:
    """Carousels whose slides are quotes (testimonials), each with its box: the largest
    ancestor that adds no more than a heading's words to it. A carousel is named so
    (``names``: [[widget]] kind "carousel" in the rules) or says so itself, as WAI-ARIA's
    carousel pattern does (aria-roledescription="carousel")."""
    found: list[html.HtmlElement] = []
    for part in parts:
        quoted = xpath_elements(_QUOTED, part)
        if len(quoted) < CAROUSEL_MIN_QUOTES:
            continue
        around = dict.fromkeys(anc for q in quoted for anc in _carousels_around(q, part, names))
        for el in sorted(around, key=lambda e: sum(1 for _ in e.iterancestors())):  # outermost first
            if any(el is f or within(el, f) for f in [*found, *skipped]) or not _holds_quotes(el):
                continue
            found.append(_quote_box(el, part))
    return found


def _carousels_around(
    el: html.HtmlElement, part: html.HtmlElement, names: frozenset[str]
) -> Iterable[html.HtmlElement]:
    for anc in el.iterancestors():
        if anc is part:
            return
        said = anc.get("aria-roledescription") == "carousel"
        if said or not names.isdisjoint(name_parts(anc.get("class"))):
            yield anc


def _holds_quotes(el: html.HtmlElement) -> bool:
    quotes = [
        text
        for q in el.iter("p", "blockquote", "q")
        if (text := text_of(q)).startswith(_QUOTE_MARKS) or tag_of(q) != "p"
    ]
    quoted = sum(word_count(q) for q in quotes)
    return len(quotes) >= CAROUSEL_MIN_QUOTES and quoted >= CAROUSEL_QUOTE_SHARE * word_count(text_of(el))


def _quote_box(el: html.HtmlElement, part: html.HtmlElement) -> html.HtmlElement:
    size = word_count(text_of(el))
    box = el
    for anc in el.iterancestors():
        if anc is part or word_count(text_of(anc)) > size + CAROUSEL_HEADING_WORDS:
            break
        box = anc
    return box


# Links that hold elements: where a link preview card is looked for.
_BLOCK_LINKS = etree.XPath("descendant-or-self::a[@href][*]")


def _link_previews(
    parts: Sequence[html.HtmlElement],
    skipped: list[html.HtmlElement],
    page_url: str | None,
    site_name: str | None,
) -> list[tuple[html.HtmlElement, RelatedPost]]:
    """Link preview cards of the site's other pages, each with its teaser: a link whose
    lines (the texts of the elements in it that hold no others) are the page's title,
    perhaps its description, and the site's address or name, as the page it links to
    says them (Wix: "movafisioterapia.com.br" under "Bursite ou tendinite? …"; Ghost's
    bookmark card: the site's name, then the author's). Cards of other sites are left
    alone: they cite a source, and are no teasers of the site's posts."""
    found: list[tuple[html.HtmlElement, RelatedPost]] = []
    name = collapse(site_name or "").lower()
    for part in parts:
        for link in xpath_elements(_BLOCK_LINKS, part):
            url = safe_url(link.get("href"), page_url)
            host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
            if not url or not host or not _same_site(url, page_url) or _same_page(url, page_url):
                continue
            if any(link is s or within(link, s) for s in [*skipped, *(f for f, _ in found)]):
                continue
            lines = [t for el in link.iterdescendants() if tag_of(el) and len(el) == 0 and (t := text_of(el))]
            marks = (host, name) if name else (host,)
            said = [t for t in lines if t.lower().removeprefix("www.") not in marks]
            if len(said) < len(lines) and said and word_count(said[0]) >= TEASER_TITLE_MIN_WORDS:
                excerpt = said[1] if len(said) > 1 else None
                found.append((link, RelatedPost(said[0], url, excerpt, "link-preview")))
    return found


def _author_cards(
    parts: Sequence[html.HtmlElement], people: Sequence[str], skipped: list[html.HtmlElement]
) -> list[html.HtmlElement]:
    """Author cards no class names (a Tailwind box of a portrait, "Hannah Brooks, PA-C",
    a bio line and "View profile"): the largest box, up to ``AUTHOR_CARD_MAX_WORDS``
    words, that opens with a line naming one of the post's ``people`` (its authors and
    reviewers, from the metadata) and holds more than that line."""
    names = _name_forms(people)
    if not names:
        return []
    cards: list[html.HtmlElement] = []
    # in the people's order, not a set's: the cards found, and their order, must not
    # depend on the interpreter's string hashing
    shorts = dict.fromkeys(collapse(person).split(",")[0].strip() for person in people)
    for part in parts:
        # libxml2 finds the few elements whose own text holds a name; Python reads those
        found = [el for short in shorts if short for el in _named(part, short)]
        for el in dict.fromkeys(found):
            if not tag_of(el) or el.text is None or _person_line(el.text, names) is None:
                continue
            if any(el is c or within(el, c) for c in [*cards, *skipped]):
                continue
            card = _card_around(el, part)
            if card is not None:
                cards.append(card)
    return cards


# Elements whose own text holds a given string (a person's name).
_NAMED = etree.XPath("descendant::*[text()[contains(., $name)]]")


def _named(part: html.HtmlElement, name: str) -> list[html.HtmlElement]:
    return cast(list[html.HtmlElement], _NAMED(part, name=name))


def _name_forms(people: Sequence[str]) -> frozenset[str]:
    """Each person's name as written ("hannah brooks, pa-c") and without credentials."""
    forms = set()
    for person in people:
        full = collapse(person).lower()
        forms.update({full, full.split(",")[0].strip()})
    return frozenset(f for f in forms if word_count(f) >= 2)


def _person_line(text: str, names: frozenset[str]) -> str | None:
    """The name a line gives alone ("Hannah Brooks, PA-C", "About Megan Liu"), or None."""
    line = collapse(text).lower().rstrip(":")
    line = line.removeprefix("about ").removeprefix("written by ").removeprefix("by ")
    return line if line in names else None


# The label a card may set over the name ("Written by", "About the author", "Reviewed
# by"), as a line of its own: the card still opens with the name.
_CARD_LABEL = re.compile(
    r"^\s*(?:(?:medically |clinically )?(?:written|reviewed|authored|fact[- ]checked) by"
    r"|about the authors?|the authors?|authors?|by):?\s+",
    re.IGNORECASE,
)


def _card_around(name: html.HtmlElement, part: html.HtmlElement) -> html.HtmlElement | None:
    """The largest ancestor of the name line, inside ``part``, that opens with it (after a
    label line such as "Written by", ``_CARD_LABEL``) and
    holds at most ``AUTHOR_CARD_MAX_WORDS`` words; None when no box holds more than the
    name (a byline is the noise rules')."""
    line = collapse(text_of(name))
    card = None
    for anc in name.iterancestors():
        if anc is part:
            break
        text = text_of(anc)
        opens = _CARD_LABEL.sub("", text, count=1)
        if word_count(text) > AUTHOR_CARD_MAX_WORDS or not opens.startswith(line):
            break
        if word_count(text) > word_count(line):
            card = anc
    return card


# Leaf elements whose text opens like JSON, and hidden elements: found by libxml2, the
# few it finds are then read in Python.
_JSON_LIKE_LEAVES = etree.XPath(
    "descendant::*[not(*)]"
    "[starts-with(normalize-space(text()), '{') or starts-with(normalize-space(text()), '[')]"
)
_HIDDEN = etree.XPath("descendant::*[@hidden]")


def _data_texts(region: html.HtmlElement) -> list[html.HtmlElement]:
    """Elements of the region whose whole text is a JSON object or array."""
    return [el for el in xpath_elements(_JSON_LIKE_LEAVES, region) if is_json_data(el.text)]


def _hidden_copies(region: html.HtmlElement, skipped: list[html.HtmlElement]) -> list[html.HtmlElement]:
    """Hidden elements (outermost, not skipped already) whose text the region says elsewhere."""
    hidden = [
        el
        for el in xpath_elements(_HIDDEN, region)
        if not _openable(el) and not any(within(el, s) for s in skipped)
    ]
    hidden = [el for el in hidden if not any(h is not el and within(el, h) for h in hidden)]
    copies: list[html.HtmlElement] = []
    if not hidden:
        return copies
    everywhere = _shingles(text_of(region))
    for el in skipped:
        everywhere.subtract(_shingles(text_of(el)))  # what the region says, without its boilerplate
    for el in hidden:
        own = _shingles(text_of(el))
        total = sum(own.values())
        if total + _SHINGLE - 1 < HIDDEN_COPY_MIN_WORDS:
            continue
        rest = everywhere - own
        said = sum(min(n, rest[s]) for s, n in own.items())
        if said >= HIDDEN_COPY_SHARE * total:
            copies.append(el)
    return copies


# Roles of hidden parts a reader opens (a tab's panel, a dialog): alternatives, not copies.
_OPENABLE_ROLES = frozenset({"tabpanel", "dialog", "alertdialog", "region"})


def _openable(el: html.HtmlElement) -> bool:
    """A hidden panel that a control opens: a tab panel or dialog, or one labelled by
    its control (aria-labelledby), whose text may well repeat its neighbours' (the same
    steps for another language of a code sample)."""
    return (el.get("role") or "").lower() in _OPENABLE_ROLES or el.get("aria-labelledby") is not None


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    seq = words(text.lower())
    return Counter(tuple(seq[i : i + _SHINGLE]) for i in range(len(seq) - _SHINGLE + 1))


def _promotions_in(
    el: html.HtmlElement, rule: BlockRule, rules: Rules, page_url: str | None
) -> list[Promotion]:
    """One promotion per line of a call-to-action box (its question, its pitch, its button)."""
    found = []
    for block in html_blocks(el, skip=(), base_url=page_url):
        url = block.links[0].url if block.links else _first_url(el, page_url)
        found.append(_promotion(block.text, url, rules.promos, rule))
    return found


def _promotions_after(
    region: html.HtmlElement, matcher: BoilerplateMatcher, rules: Rules, page_url: str | None
) -> list[Promotion]:
    """Calls to action standing right after the article (a page builder's CTA widgets
    below the post body), up to the first piece of page chrome."""
    found: list[Promotion] = []
    for el in _following(region, PROMO_LOOKAHEAD):
        rule = matcher.rule_for(el)
        if rule is not None and rule.kind in ("chrome", "comments", "navigation"):
            if _is_sidebar(el) or not text_of(el):
                # the column beside the article (full-width bands follow it), or an empty
                # placeholder (a comments box its script fills)
                continue
            break
        if rule is not None and rule.kind != "promotion":
            continue
        hits = _with_boxes(list(_boilerplate_in(el, matcher)), el.getparent())
        boxes = [box for box, r in hits if r.box_words]
        if any(box is el for box in boxes):
            continue  # the whole element is the site's contact band
        # page chrome inside it (a sidebar column's appointment box) is no call to action
        # of the post; call-to-action widgets inside it are
        chrome = [hit for hit, r in hits if r.kind != "promotion" and not r.box_words]
        blocks = html_blocks(el, skip=boxes + chrome, base_url=page_url)
        if word_count(text_of(el)) <= CTA_BOX_MAX_WORDS:
            marked = rule is not None or any(r.kind == "promotion" for _, r in hits)
            found.extend(_cta_box(blocks, rules, marked=marked))
        else:
            found.extend(p for b in blocks if (p := _standalone_promo(b, rules)) is not None)
    return found


def _callout_promotions(el: html.HtmlElement, rules: Rules, page_url: str | None) -> list[Promotion]:
    """An <aside> set in the article's text that is a small call-to-action box (a callout
    "Worried about a spot?", its pitch and a "Book a skin check" button) is no text of
    the post either way; its lines are the post's call to action."""
    if tag_of(el) != "aside" or word_count(text_of(el)) > CTA_BOX_MAX_WORDS:
        return []
    return _cta_box(html_blocks(el, skip=(), base_url=page_url), rules)


def _is_sidebar(el: html.HtmlElement) -> bool:
    """An <aside>, or a block named as a sidebar (``post-sidebar``, ``l-with-sidebar__aside``)."""
    return tag_of(el) == "aside" or "sidebar" in name_parts(el.get("class"), el.get("id"))


def _cta_box(blocks: list[Block], rules: Rules, *, marked: bool = False) -> list[Promotion]:
    """The calls to action of a small box after the article: its buttons, and the
    headline and pitch above the last of them ("Have a question we can help with?",
    "A 30-minute visit catches …", "Book a Call"). Labels of a few words that are no
    call to action (an eyebrow "Next step") and text after the last button are not.
    In a box its markup names a call to action (``marked``: a page builder's CTA widget
    or button), a button is known by its form, in any language: a line that is one
    short link ("Marcar consulta", "Plan een intake"), though no promo phrase knows it."""
    found = [_standalone_promo(b, rules) or (_link_button(b) if marked else None) for b in blocks]
    buttons = [(i, p) for i, p in enumerate(found) if p is not None]
    if not buttons:
        return []
    last, button = buttons[-1]
    kind = button.kind
    return [
        promo or Promotion(block.text, None, kind, "cta-box")
        for block, promo in zip(blocks[: last + 1], found, strict=False)
        if promo is not None or _is_cta_line(block)
    ]


def _link_button(block: Block) -> Promotion | None:
    """A button of a call-to-action box: a line of at most PROMO_SHORT_WORDS words that is
    all one link's text (the kind follows the fallback of ``_promotion``)."""
    if len(block.links) != 1 or word_count(block.text) > PROMO_SHORT_WORDS:
        return None
    link = block.links[0]
    if not link.url or (link.text or "").strip() != block.text.strip():
        return None
    return Promotion(block.text, link.url, "booking", "cta-box")


def _is_cta_line(block: Block) -> bool:
    """A headline or pitch of a call-to-action box: a heading or a sentence, not a
    bare label and not a link line (a "Back to the Blog" link is navigation)."""
    if block.type not in ("heading", "paragraph") or block.links:
        return False
    return _is_lead_in(block) or word_count(block.text) > BUTTON_WORDS


def _following(el: html.HtmlElement, limit: int) -> list[html.HtmlElement]:
    """Up to ``limit`` elements after ``el``: its following siblings, then its
    ancestors' (so a CTA widget in the next page-builder section is reached), but not
    past the end of <main>: what follows the page's main content is the site's (a
    sticky "Call / Book a Call" bar, the footer)."""
    out: list[html.HtmlElement] = []
    node: html.HtmlElement | None = el
    while node is not None and tag_of(node) not in ("body", "html", "main") and len(out) < limit:
        out.extend(s for s in node.itersiblings() if tag_of(s))
        node = node.getparent()
    return out[:limit]


def _with_boxes(
    found: list[tuple[html.HtmlElement, BlockRule]], bound: html.HtmlElement | None
) -> list[tuple[html.HtmlElement, BlockRule]]:
    """The hits of rules with ``box_words`` widened to their box (see ``_box``); the
    other hits inside a box go with it."""
    boxes = {_box(el, bound, rule.box_words): rule for el, rule in found if rule.box_words}
    if not boxes:
        return found
    outer = {b: r for b, r in boxes.items() if not any(within(b, o) for o in boxes)}
    out: list[tuple[html.HtmlElement, BlockRule]] = []
    taken: set[html.HtmlElement] = set()
    for el, rule in found:
        box = next((b for b in outer if b is el or within(el, b)), None)
        if box is None:
            out.append((el, rule))
        elif box not in taken:
            taken.add(box)
            out.append((box, outer[box]))
    return out


def _box(el: html.HtmlElement, bound: html.HtmlElement | None, max_words: int) -> html.HtmlElement:
    """The largest ancestor of ``el`` below ``bound`` with at most ``max_words`` words:
    the band a contact form or map stands in, with its heading, phone line and button."""
    box = el
    for anc in el.iterancestors():
        if anc is bound or word_count(text_of(anc)) > max_words:
            break
        box = anc
    return box


def _button_line(el: html.HtmlElement, rule: BlockRule, region: html.HtmlElement) -> html.HtmlElement:
    """A call-to-action button set inside a short paragraph ("New patients: the first
    visit is free in March. [Book an assessment]") takes the paragraph with it: the
    sentence around the button is its pitch."""
    parent = el.getparent()
    if (
        rule.kind != "promotion"
        or tag_of(el) not in INLINE_BUTTON_TAGS
        or parent is None
        or parent is region
        or tag_of(parent) != "p"
        or word_count(text_of(parent)) > PROMO_MAX_WORDS
    ):
        return el
    return parent


def _button_box(
    el: html.HtmlElement, rule: BlockRule, region: html.HtmlElement, rules: Rules
) -> list[html.HtmlElement]:
    """A call-to-action button takes with it the headline and pitch of its box: the
    largest element around it, inside the region, of at most ``CTA_BOX_MAX_WORDS`` words
    (a message box: "Missing a tooth?", "Book a free implant consultation …", [Book]); or,
    when the button stands alone in the flow of the text (a page builder's button block),
    the block right before it. Only when those lines read as a call to action (a leading
    question, or a promo's wording) and are no more than a headline and a pitch."""
    if rule.kind != "promotion" or word_count(text_of(el)) > BUTTON_WORDS + 2:
        return [el]
    box = el
    for anc in el.iterancestors():
        if anc is region or word_count(text_of(anc)) > CTA_BOX_MAX_WORDS:
            break
        box = anc
    if box is not el:
        return [box] if _is_pitch(html_blocks(box, skip=(el,), base_url=None), rules) else [el]
    before = next((s for s in el.itersiblings(preceding=True) if tag_of(s)), None)
    if before is None or before is region or word_count(text_of(before)) > PROMO_MAX_WORDS:
        return [el]
    return [before, el] if _is_pitch(html_blocks(before, skip=(), base_url=None), rules) else [el]


def _is_pitch(blocks: Sequence[Block], rules: Rules) -> bool:
    """A call to action's headline and pitch: one or two short lines, one of which
    opens with a question or is worded as a promotion."""
    if not 1 <= len(blocks) <= CTA_BOX_LINES:
        return False
    if any(b.type not in ("heading", "paragraph") or word_count(b.text) > PROMO_MAX_WORDS for b in blocks):
        return False
    return any(_opens_with_question(b.text) or _match(rules.promos, b.text) is not None for b in blocks)


def _opens_with_question(text: str) -> bool:
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    return asks(first) and word_count(first) <= LEAD_IN_MAX_WORDS


def _outermost(
    hits: list[tuple[html.HtmlElement, BlockRule]],
) -> list[tuple[html.HtmlElement, BlockRule]]:
    """Each element once, and none inside another hit (two buttons of one box)."""
    els = [el for el, _ in hits]
    out: list[tuple[html.HtmlElement, BlockRule]] = []
    for i, (el, rule) in enumerate(hits):
        if el in els[:i] or any(within(el, other) for other in els if other is not el):
            continue
        out.append((el, rule))
    return out


def _boilerplate_in(
    region: html.HtmlElement,
    matcher: BoilerplateMatcher,
    kept: Collection[html.HtmlElement] = frozenset(),
    page_url: str | None = None,
) -> Iterable[tuple[html.HtmlElement, BlockRule]]:
    """Outermost boilerplate elements below the region (not the region itself, and not
    the ``kept`` blocks, whose insides are searched instead)."""
    stack = list(reversed(region))
    while stack:
        el = stack.pop()
        if not tag_of(el):
            continue
        rule = matcher.rule_for(el)
        if (
            rule is not None
            and el not in kept
            and not (rule.kind == "promotion" and _no_call(el, matcher))
            and not _off_site(el, rule, page_url)
        ):
            yield el, rule
            continue
        stack.extend(reversed(el))


def _off_site(el: html.HtmlElement, rule: BlockRule, page_url: str | None) -> bool:
    """Whether a rule that takes only what leads within the site (``same_site``: a
    link-preview card) names an element whose first link leads to another site."""
    if not rule.same_site:
        return False
    link = next((a for a in el.iter("a") if a.get("href")), None)
    url = safe_url(link.get("href"), page_url) if link is not None else None
    return url is None or not _same_site(url, page_url)


def _no_call(el: html.HtmlElement, matcher: BoilerplateMatcher) -> bool:
    """A block named as a call to action that is none: an accordion's toggle, or a box
    with nothing to act on (no link, no button with a label) that holds a paragraph of
    prose too long for a pitch and worded as no promotion (an AEM ``cmp-cta`` banner used
    as a part of the page: a heading and 90 words of text). A long appeal with a link
    ("Support us … Read the letter") is a call to action."""
    if is_toggle(el):
        return True
    if tag_of(el) in INLINE_BUTTON_TAGS or word_count(text_of(el)) <= CTA_BOX_MAX_WORDS:
        return False
    if any(a.get("href") for a in el.iter("a")) or any(text_of(b) for b in el.iter("button")):
        return False
    rules = matcher.ruleset
    return any(
        b.type == "paragraph" and word_count(b.text) > PROMO_MAX_WORDS and not _all_promotional(b.text, rules)
        for b in html_blocks(el, skip=(), base_url=None)
    )


def _related_outside(
    parts: Sequence[html.HtmlElement],
    matcher: BoilerplateMatcher,
    page_url: str | None,
) -> list[RelatedPost]:
    """Teaser blocks anywhere else on the page, sidebars and footers included (the
    outermost related block of each nest; the region's own were taken already)."""
    found: list[RelatedPost] = []
    taken: list[html.HtmlElement] = []
    for el in matcher.related_elements():
        rule = matcher.rule_for(el)
        if rule is None or any(el is p or within(el, p) or within(p, el) for p in parts):
            continue
        if _off_site(el, rule, page_url):
            continue
        if any(within(el, outer) for outer in taken):
            continue
        teasers = teasers_in(el, rule.id, matcher.ruleset.link_labels, page_url)
        if teasers:  # one without links is the title of the teasers (div.related-title)
            taken.append(el)
            found.extend(teasers)
    found.extend(_teasers_under_headings(parts, matcher, taken, page_url))
    return found


def _related_within(
    el: html.HtmlElement, matcher: BoilerplateMatcher, page_url: str | None
) -> list[RelatedPost]:
    """The teasers of the related blocks inside a piece of chrome in the region (a
    sidebar column's recent-posts grid, whose title is no heading)."""
    inner = [r for r in matcher.related_elements() if within(r, el)]
    outer = [r for r in inner if not any(o is not r and within(r, o) for o in inner)]
    found: list[RelatedPost] = []
    for block in outer:
        rule = matcher.rule_for(block)
        if rule is not None:
            found.extend(teasers_in(block, rule.id, matcher.ruleset.link_labels, page_url))
    return found


def _teasers_under_headings(
    parts: Sequence[html.HtmlElement],
    matcher: BoilerplateMatcher,
    taken: list[html.HtmlElement],
    page_url: str | None,
) -> list[RelatedPost]:
    """Teaser lists outside the region that no rule names but a teaser heading
    announces ("Recent Posts" over a theme's own sidebar list): the links of the box
    the heading stands in. (The region's own are the block pass's.)"""
    rules = matcher.ruleset
    found: list[RelatedPost] = []
    for h in matcher.heading_elements():
        if any(within(h, p) for p in parts) or any(within(h, outer) for outer in taken):
            continue
        rule = _match(rules.teaser_headings, text_of(h))
        box = _teaser_box(h, parts[0], taken, rules.link_labels) if rule is not None else None
        if rule is not None and box is not None:
            taken.append(box)
            only = _links_under(h, box) if within(h, box) else None
            found.extend(teasers_in(box, rule.id, rules.link_labels, page_url, only=only))
    return found


def _next_link_box(heading: html.HtmlElement, around: html.HtmlElement) -> html.HtmlElement | None:
    """The element right after the heading's own wrapper, when the box around both is
    the article's (a theme's "You might also find these useful" heading over a post
    list, both placed after the post body in its column): it holds the teasers if it
    holds links."""
    wrapper = next((a for a in heading.iterancestors() if a.getparent() is around), heading)
    following = next((s for s in wrapper.itersiblings() if tag_of(s)), None)
    if following is None or next(following.iter("a"), None) is None:
        return None
    return following


def _links_under(heading: html.HtmlElement, box: html.HtmlElement) -> set[html.HtmlElement]:
    """The links of ``box`` that the teaser heading heads: after it, and before the next
    heading of its level or above that is no card title (a "Conditions we treat" list
    before "Latest articles" in the same sidebar, "Treatments in this article" cards
    before "More from the blog": links under another heading are not the teasers')."""
    level = _heading_level(heading)
    links: set[html.HtmlElement] = set()
    started = False
    for el in box.iter():
        if el is heading:
            started = True
        elif not started or within(el, heading):
            continue
        elif tag_of(el) == "a":
            links.add(el)
        elif tag_of(el) in HEADING_TAGS and _heading_level(el) <= level and not _is_card_title(el, box):
            break
    return links


def _heading_level(el: html.HtmlElement) -> int:
    return int(tag_of(el)[1])


def _is_card_title(heading: html.HtmlElement, box: html.HtmlElement) -> bool:
    """A heading that is a teaser's title: it holds a link or stands in one."""
    if next(heading.iter("a"), None) is not None:
        return True
    return any(tag_of(anc) == "a" for anc in heading.iterancestors() if within(anc, box))


def _teaser_box(
    heading: html.HtmlElement, region: html.HtmlElement, taken: list[html.HtmlElement], labels: PatternGroup
) -> html.HtmlElement | None:
    """The nearest ancestor of a teaser heading that holds links besides the heading's
    (the heading may sit in a wrapper of its own), up to ``TEASER_BOX_LEVELS`` up, and
    never one around the article. A link that is only a label ("All articles →" in the
    heading's row) is no teaser: the box goes on up to the cards."""
    box = heading.getparent()
    for _ in range(TEASER_BOX_LEVELS):
        if box is not None and (box is region or within(region, box)):
            return _next_link_box(heading, box)
        if box is None or box in taken:
            return None
        if any(within(el, box) for el in taken):
            return None  # the heading of a list a rule named (taken already), in a wider box
        if any(
            a is not heading and not within(a, heading) and not _is_label(a, labels) for a in box.iter("a")
        ):
            return box
        box = box.getparent()
    return None


def _is_label(link: html.HtmlElement, labels: PatternGroup) -> bool:
    return _match(labels, _spoken_text(link).strip(_ARROWS)) is not None


def teasers_in(
    container: html.HtmlElement,
    rule_id: str,
    labels: PatternGroup,
    page_url: str | None,
    *,
    only: Collection[html.HtmlElement] | None = None,
) -> list[RelatedPost]:
    """Teaser cards in a container: each titled link (of ``only``, when given), with
    the card's excerpt (links whose text is a bare label, ``labels``, are no titles)."""
    titles = [a for a in _title_links(container, labels, page_url) if only is None or a in only]
    teasers = []
    for link in titles:
        card = _card_of(link, titles, container)
        title = _link_title(link, labels) or _textless_title(link, container, page_url)
        excerpt = _excerpt(card, title)
        teasers.append(RelatedPost(title, safe_url(link.get("href"), page_url), excerpt, rule_id))
    return teasers


def _link_title(link: html.HtmlElement, labels: PatternGroup) -> str:
    """A teaser link's title: the heading inside it, or the element named as its title
    (``item-pagination-title``, ``post-navigation__prev--title``), when the link also
    holds a "Previous"/"Next" label, a category or an excerpt; else its text as a screen
    reader speaks it (without ``aria-hidden`` labels and icons), arrows and a leading
    "Previous post:" label taken off."""
    heading = next(link.iterdescendants(*HEADING_TAGS), None)
    named = [el for el in link.iterdescendants() if "title" in (el.get("class") or "").lower()]
    # the innermost element named as a title ("pagination-title-wrapper" holds the label too)
    innermost = [el for el in named if not any(other is not el and within(other, el) for other in named)]
    for el in [heading, *innermost]:
        text = text_of(el) if el is not None else ""
        if text:
            return text
    text = _spoken_text(link).strip(_ARROWS)
    label, colon, rest = text.partition(":")
    if colon and rest.strip() and _match(labels, label.strip(_ARROWS)) is not None:
        return rest.strip(_ARROWS)
    return _without_label(link, text, labels)


def _textless_title(link: html.HtmlElement, container: html.HtmlElement, page_url: str | None) -> str:
    """The title of a link with no text of its own (a card's image link, or a link laid
    over the whole card): its accessible name (``aria-label``), else the heading of the
    card it stands in: the nearest ancestor with a heading, when that is its one heading,
    holds no link, and the ancestor links no other post (Salient's cards: an empty
    a.img-link and a.entire-meta-link beside an unlinked h3.title, a category and an
    author link; not the heading of the whole list over its cards). Only for a link within
    the site: an icon link to another site ("Share on Facebook") names no post."""
    url = safe_url(link.get("href"), page_url)
    if url is None or not _same_site(url, page_url):
        return ""
    label = collapse(link.get("aria-label") or "")
    if label:
        return label
    for anc in link.iterancestors():
        if anc is container:
            return ""
        headings = list(anc.iter(*HEADING_TAGS))
        if not headings:
            continue
        if len(headings) > 1 or next(headings[0].iter("a"), None) is not None:
            return ""
        others = {safe_url(a.get("href"), page_url) for a in anc.iter("a") if a.get("href")} - {url}
        return "" if any(o and not _never_a_post(o) for o in others) else text_of(headings[0])
    return ""


def _without_label(link: html.HtmlElement, text: str, labels: PatternGroup) -> str:
    """The link's text without the "Previous"/"Next" label that opens it in an element
    of its own (Kadence's <small>Previous</small> before the post's title)."""
    for el in link.iterdescendants():
        label = text_of(el).strip(_ARROWS)
        if label and label != text and text.startswith(label) and _match(labels, label) is not None:
            return text[len(label) :].strip(_ARROWS)
    return text


def _spoken_text(el: html.HtmlElement) -> str:
    """The element's text without the parts hidden from screen readers."""
    parts: list[str] = []
    stack: list[html.HtmlElement | str] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        if node is not el and (not tag_of(node) or node.get("aria-hidden") == "true"):
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text and tag_of(node) not in SKIP_TAGS:
            parts.append(node.text)
        if node is not el and node.tail:
            stack.append(node.tail)
        if tag_of(node) not in SKIP_TAGS:
            stack.extend(reversed(list(node)))
    return collapse("".join(parts))


def _title_links(
    container: html.HtmlElement, labels: PatternGroup, page_url: str | None
) -> list[html.HtmlElement]:
    # the links that headings hold, else those named as titles (a topic list's
    # "title raw-topic-link" beside its category badges), else all of them
    in_headings = [a for h in container.iter(*HEADING_TAGS) for a in h.iter("a") if a.get("href")]
    linked = [a for a in container.iter("a") if a.get("href")]
    titled = [a for a in linked if "title" in (a.get("class") or "").lower().split()]
    candidates = in_headings or titled or linked
    # a post that a link with text names is titled by that link, not by an image beside it
    named = {safe_url(a.get("href"), page_url) for a in candidates if text_of(a)}
    links: list[html.HtmlElement] = []
    seen: set[str] = set()
    for a in candidates:
        url = safe_url(a.get("href"), page_url)
        text = text_of(a) or ("" if url in named else _textless_title(a, container, page_url))
        if not url or url in seen or _same_page(url, page_url) or _never_a_post(url):
            continue
        if word_count(text) < TEASER_TITLE_MIN_WORDS or _match(labels, text.strip(_ARROWS)) is not None:
            continue
        seen.add(url)
        links.append(a)
    return links


def _never_a_post(url: str) -> bool:
    """A link to what ``rules/urls.toml`` says is never a blog post: the clinic's own pages
    (services, treatments, conditions, team, booking), archives, the blog index. A card
    grid of "Related treatments" links the clinic's service pages: no teasers of posts."""
    return url_rules().excluded_by(url, posts_only=True) is not None


def _same_page(url: str, page_url: str | None) -> bool:
    return page_url is not None and url.split("#")[0].rstrip("/") == page_url.split("#")[0].rstrip("/")


def _card_of(
    link: html.HtmlElement, titles: list[html.HtmlElement], container: html.HtmlElement
) -> html.HtmlElement:
    """The largest ancestor of the title link that holds no other title link."""
    others = [t for t in titles if t is not link]
    card = link
    for anc in link.iterancestors():
        if anc is container or any(within(o, anc) for o in others):
            break
        card = anc
    return card


def _excerpt(card: html.HtmlElement, title: str) -> str | None:
    paragraphs = [text_of(p) for p in card.iter("p", "div") if not list(p.iter("p", "div"))[1:]]
    candidates = [t for t in paragraphs if t and title not in t and word_count(t) >= 6]
    if candidates:
        return max(candidates, key=len)
    rest = text_of(card).replace(title, "", 1)
    for part in _meta_parts(card):
        rest = rest.replace(text_of(part), " ", 1)
    rest = collapse(rest)
    return rest if word_count(rest) >= 6 else None


def _meta_parts(card: html.HtmlElement) -> list[html.HtmlElement]:
    """The card's outermost parts named as meta (``post-meta``, ``meta-category``): its
    category, author and date, which are no excerpt of the post."""
    named = [el for el in card.iter() if "meta" in name_parts(el.get("class"))]
    return [el for el in named if not any(o is not el and within(el, o) for o in named)]


def _teasers_after_heading(el: html.HtmlElement, rules: Rules, page_url: str | None) -> list[RelatedPost]:
    """Teasers under a teaser heading inside a chrome block (a sidebar inside the post)."""
    for h in el.iter(*HEADING_TAGS):
        rule = _match(rules.teaser_headings, text_of(h))
        if rule is not None:
            box = h.getparent() if h.getparent() is not None else el
            return teasers_in(box, rule.id, rules.link_labels, page_url)
    return []


def dedupe_teasers(teasers: Iterable[RelatedPost]) -> tuple[RelatedPost, ...]:
    """One teaser per post, where it first appears; an excerpt found with a later copy
    (the related-posts card of a post the pagination named first) is kept."""
    first: dict[str, int] = {}
    out: list[RelatedPost] = []
    for t in teasers:
        key = t.url or t.title or t.excerpt or ""
        if key not in first:
            first[key] = len(out)
            out.append(t)
        elif out[first[key]].excerpt is None and t.excerpt:
            out[first[key]] = replace(out[first[key]], excerpt=t.excerpt)
    return tuple(out)


# --------------------------------------------------------------------- block pass
def separate_blocks(blocks: Iterable[Block], rules: Rules, *, page_url: str | None = None) -> BlockSeparation:
    """Teaser lists under a teaser heading, and promo lines, taken out of the blocks."""
    kept: list[Block] = []
    related: list[RelatedPost] = []
    promos: list[Promotion] = []
    removals: list[Removal] = []
    teaser_rule: PatternRule | None = None
    closing_promos: dict[int, list[Promotion]] = {}
    pending: tuple[Block, Promotion] | None = None
    teaser_level = teaser_start = 0
    teaser_heading: Block | None = None
    cta_heading: Block | None = None
    cta_path: str | None = None
    blocks = list(blocks)
    copies = _second_copies(blocks)
    reviews = _review_widgets(blocks, rules.review_summaries)
    for i, block in enumerate(blocks):
        if i in copies:
            removals.append(Removal("chrome", "repeated-copy", block.text[:300], block.path))
            continue
        if i in reviews:
            removals.append(Removal("testimonials", reviews[i].id, block.text[:300], block.path))
            continue
        if pending is not None and _is_heading(block):
            _take_promo(*pending, kept, promos, removals)  # a call-to-action heading that heads nothing
            pending = None
        if teaser_rule is not None:
            ends_list = _is_heading(block) and block.level <= teaser_level
            heading_ends = ends_list and _match(rules.teaser_headings, block.text) is None
            excerpt = teaser_heading is not None and _card_excerpt(block, blocks[i - 1], teaser_heading)
            if heading_ends or not (_teaser_like(block, rules.link_labels) or excerpt):
                teaser_rule = None
            else:
                _add_teasers(related, teaser_start, block, teaser_rule, rules)
                removals.append(Removal("related", teaser_rule.id, block.text[:300], block.path))
                continue
        if _is_heading(block) and (rule := _match(rules.teaser_headings, block.text)):
            teaser_rule, teaser_level, teaser_start = rule, block.level, len(related)
            teaser_heading = block
            removals.append(Removal("related", rule.id, block.text, block.path))
            continue
        noise = _standalone_noise(block, rules.noise)
        if noise is not None:
            removals.append(Removal(noise.kind, noise.id, block.text[:300], block.path))
            continue
        teaser = _labelled_teaser(block, rules, page_url)
        if teaser is not None:
            related.append(teaser)
            removals.append(Removal("related", teaser.rule, block.text[:300], block.path))
            continue
        if _is_marquee(block):
            removals.append(Removal("chrome", "repeated-label", block.text[:300], block.path))
            continue
        promo = _standalone_promo(block, rules)
        if promo is not None and _is_heading(block) and pending is None:
            pending = (block, promo)  # a call to action, unless prose follows it
            continue
        if pending is not None and promo is not None:
            _take_promo(*pending, kept, promos, removals)  # the heading leads into a call to action
            pending = None
        if promo is not None:
            _take_promo(block, promo, kept, promos, removals)
            if kept and _is_heading(kept[-1]):
                cta_heading, cta_path = kept[-1], block.path  # a headline over calls to action?
            continue
        if block.jumps:
            removals.append(Removal("navigation", "in-page-links", block.text[:300], block.path))
            continue
        if _is_link_list(block, page_url):
            removals.append(Removal("links", "link-dense-block", block.text[:300], block.path))
            continue
        inline = _inline_promos(block, rules.promos)
        if inline and block.links and word_count(block.text) <= PROMO_MAX_WORDS:
            closing_promos[id(block)] = inline
        promos.extend(inline)
        if pending is not None:
            kept.append(pending[0])  # a heading worded as a call to action that heads prose
            pending = None
        if cta_heading is not None and _heads_only_promos(kept, cta_heading, cta_path, block):
            kept.pop()
            removals.append(Removal("promotion", "promo-headline", cta_heading.text[:300], cta_heading.path))
        cta_heading = None
        kept.append(block)
    if pending is not None:
        _take_promo(*pending, kept, promos, removals)
    cards = _trailing_cards(kept)
    if cards:
        removals.extend(Removal("links", "trailing-cards", b.text[:300], b.path) for b in kept[-cards:])
        del kept[-cards:]
    while kept and (_is_heading(kept[-1]) or id(kept[-1]) in closing_promos):
        # a heading with nothing after it heads no text; a short block with a call to
        # action and a link in it, at the very end, is the site's sign-off ("…Click here")
        dropped = kept.pop()
        kind, rule_id = (
            ("promotion", "closing-promo")
            if id(dropped) in closing_promos
            else ("chrome", "trailing-heading")
        )
        removals.append(Removal(kind, rule_id, dropped.text[:300], dropped.path))
    return BlockSeparation(tuple(kept), tuple(related), tuple(promos), tuple(removals))


def _trailing_cards(blocks: list[Block]) -> int:
    """How many blocks at the end form a grid of cards: at least ``TRAILING_CARDS_MIN``
    headings that are each one link, each followed by at most one short line without
    links (a 'Pairs well with' grid of treatment pages after the FAQ); 0 when there is
    none. Cards before the end are the page's own (a service page's grid of what it
    offers), and so are cards that hold much of the text: they stay."""
    taken = cards = 0
    i = len(blocks)
    while i > 0:
        line = blocks[i - 1]
        lined = line.type == "paragraph" and not line.links and word_count(line.text) <= CARD_LINE_MAX_WORDS
        step = 2 if lined and i > 1 and _is_card_heading(blocks[i - 2]) else 1
        if step == 1 and not _is_card_heading(line):
            break
        i -= step
        taken += step
        cards += 1
    if cards < TRAILING_CARDS_MIN:
        return 0
    grid = sum(word_count(b.text) for b in blocks[len(blocks) - taken :])
    whole = sum(word_count(b.text) for b in blocks)
    return taken if grid <= TRAILING_CARDS_MAX_SHARE * whole else 0


def _is_card_heading(block: Block) -> bool:
    """A heading that is all one link's text (a card's title)."""
    return (
        block.type == "heading"
        and len(block.links) == 1
        and collapse(block.links[0].text or "") == collapse(block.text)
    )


# The lines that sign a review in a reviews widget ("Marta G.", "★★★★★") are a few words.
REVIEW_SIGN_WORDS = 4


def _review_widgets(blocks: list[Block], summaries: PatternGroup) -> dict[int, PatternRule]:
    """The blocks of reviews widgets, by index, with the rule that found each: a line
    that sums up the practice's reviews on a review site ("4,9 su 214 recensioni
    Google") and the largest box around it (the blocks under one element) that holds
    besides it only quotes, the short lines that sign them and a heading's words."""
    found: dict[int, PatternRule] = {}
    for i, block in enumerate(blocks):
        if block.type not in ("paragraph", "heading"):
            continue
        rule = _match(summaries, block.text)  # a short line: the patterns bound its length
        if rule is not None:
            found.update(dict.fromkeys(_review_box(blocks, i), rule))
    return found


def _review_box(blocks: list[Block], at: int) -> range:
    box = range(at, at + 1)
    path = blocks[at].path or ""
    while path.count("/") > 1:
        path = path.rsplit("/", 1)[0]
        run = _blocks_under(blocks, at, path + "/")
        loose = sum(
            word_count(b.text)
            for b in (blocks[j] for j in run if j != at)
            if not (b.type == "quote" or b.text.lstrip().startswith(_QUOTE_MARKS))
            and not (b.type == "paragraph" and word_count(b.text) <= REVIEW_SIGN_WORDS)
        )
        if loose > CAROUSEL_HEADING_WORDS:
            break
        box = run
    return box


def _blocks_under(blocks: list[Block], at: int, prefix: str) -> range:
    """The run of blocks around ``blocks[at]`` whose paths start with ``prefix``."""
    start, end = at, at + 1
    while start > 0 and (blocks[start - 1].path or "").startswith(prefix):
        start -= 1
    while end < len(blocks) and (blocks[end].path or "").startswith(prefix):
        end += 1
    return range(start, end)


def _second_copies(blocks: list[Block]) -> frozenset[int]:
    """The indexes of blocks in runs that repeat an earlier run (the same texts in the
    same order): a run right after its original of at least ``REPEAT_MIN_WORDS`` words,
    or a run anywhere later that repeats a part of the text, headings and all, of at
    least ``REPEAT_PART_WORDS`` words. Runs of only headings are not copies, nor are
    shorter runs further on (list items end in the same fine print)."""
    keys = [collapse(b.text).lower() for b in blocks]
    first: dict[str, int] = {}
    copies: set[int] = set()
    i = 0
    while i < len(blocks):
        j = first.get(keys[i], i)
        run = 0
        while j + run < i and i + run < len(blocks) and keys[j + run] == keys[i + run]:
            run += 1
        if run and _is_copy(blocks[i : i + run], right_after=j + run == i):
            copies.update(range(i, i + run))
            i += run
            continue
        first.setdefault(keys[i], i)
        i += 1
    return frozenset(copies)


def _is_copy(run: list[Block], *, right_after: bool) -> bool:
    headings = sum(map(_is_heading, run))
    if headings == len(run):
        return False
    size = sum(word_count(b.text) for b in run)
    if right_after:
        return size >= REPEAT_MIN_WORDS
    return headings > 0 and size >= REPEAT_PART_WORDS


# A call to action's headline says something (words with letters); a card's name or
# date over its button is a word or two.
HEADLINE_MIN_WORDS = 3


def _heads_only_promos(kept: list[Block], heading: Block, promo_path: str | None, block: Block) -> bool:
    """Whether ``heading``, the last block kept, headed nothing but the calls to action
    taken out after it: it shares a box with them (``promo_path``, the last one's) that
    the text after them (``block``) stands outside (an offer band's "Your first session,
    $200 off" over its offer line and button, between two parts of the post)."""
    if not kept or kept[-1] is not heading or not (heading.path and promo_path and block.path):
        return False
    if sum(any(c.isalpha() for c in w) for w in words(heading.text)) < HEADLINE_MIN_WORDS:
        return False  # a plan's or card's name over its button ("Value", "Ends 4/30")
    return _shared_depth(heading.path, promo_path) > _shared_depth(heading.path, block.path)


def _take_promo(
    block: Block, promo: Promotion, kept: list[Block], promos: list[Promotion], removals: list[Removal]
) -> None:
    """A call to action out of the text, with the short question that leads into it,
    or the headline and pitch that share its box."""
    for pitch in _pitch_in_box(kept, block):
        kept.remove(pitch)
        promos.append(Promotion(pitch.text, None, promo.kind, "cta-box"))
        removals.append(Removal("promotion", "cta-box", pitch.text[:300], pitch.path))
    if kept and _is_lead_in(kept[-1]):
        lead = kept.pop()
        promos.append(Promotion(lead.text, None, promo.kind, "promo-lead-in"))
        removals.append(Removal("promotion", "promo-lead-in", lead.text[:300], lead.path))
    promos.append(promo)
    removals.append(Removal("promotion", promo.rule, block.text[:300], block.path))


# A call-to-action box inside the post holds, besides its button, at most a headline
# and a pitch.
CTA_BOX_LINES = 2


def _pitch_in_box(kept: list[Block], button: Block) -> list[Block]:
    """The headline and pitch of a call-to-action box in the text: the short blocks
    right before a button whose loose text stands in the element that holds them too
    ("Free consultation with a mock-up." + "Book a free consultation" in one banner),
    when nothing before them is in that element (else the element is the article)."""
    if not button.path:
        return []
    box = button.path + "/"
    run: list[Block] = []
    for block in reversed(kept):
        if not (block.path or "").startswith(box):
            break
        run.append(block)
    if not run or len(run) > CTA_BOX_LINES or len(run) == len(kept):
        return []
    if any(b.type not in ("heading", "paragraph") or word_count(b.text) > PROMO_MAX_WORDS for b in run):
        return []
    return run


def _is_lead_in(block: Block) -> bool:
    """A short question standing just before a call to action is part of it
    ("Wondering if therapy can help?" + "Call us today…")."""
    return (
        (block.type == "heading" or block.strong or block.type == "paragraph")
        and asks(block.text)
        and word_count(block.text) <= LEAD_IN_MAX_WORDS
    )


# A teaser label before a link ("Read also:") is a few words.
TEASER_LABEL_MAX_WORDS = 6


def _labelled_teaser(block: Block, rules: Rules, page_url: str | None) -> RelatedPost | None:
    """A paragraph that is only a teaser label and one titled link after it ("Read also:
    <title>", "À lire aussi : <title>", "Lesen Sie auch: <title>") points the reader to
    another post in the middle of the text: a teaser, not a sentence of the post."""
    if block.type != "paragraph" or len(block.links) != 1:
        return None
    link = block.links[0]
    text, title = block.text.rstrip(_ARROWS + "."), link.text.rstrip(_ARROWS + ".")
    if word_count(title) < TEASER_TITLE_MIN_WORDS or not text.endswith(title):
        return None
    if _same_page(link.url, page_url):
        return None
    label = text[: -len(title)].strip(_ARROWS + ":")
    if not label or word_count(label) > TEASER_LABEL_MAX_WORDS:
        return None
    rule = _match(rules.teaser_labels, label)
    return None if rule is None else RelatedPost(link.text, link.url, None, rule.id)


def _teaser_like(block: Block, labels: PatternGroup) -> bool:
    """Whether a block after a teaser heading still looks like a teaser: a list, a
    link, a short title, or an excerpt cut off with an ellipsis. Plain prose ends the
    teaser list (a "Trending" box in the middle of an article is followed by the article).
    On a web page a teaser title links to its post: a heading there without a link
    (a "Now welcoming new patients!" banner after the teaser grid) ends the list."""
    if block.type == "heading":
        return block.path is None or bool(block.links)
    if block.type == "list" or block.strong:
        return True
    text = block.text.rstrip()
    link_chars = sum(len(ln.text) for ln in block.links)
    return (
        word_count(text) <= TEASER_TITLE_MAX_WORDS
        or link_chars >= TEASER_LINK_SHARE * len(text)
        or text.endswith(("…", "...", "[…]", "[...]"))
        or _match(labels, text.split(".")[-1].strip()) is not None
    )


# A card's excerpt under its title: a few sentences.
EXCERPT_MAX_WORDS = 60


def _card_excerpt(block: Block, title: Block, heading: Block) -> bool:
    """Whether a paragraph under a teaser heading is the excerpt of the card whose title
    came just before it: a short paragraph without links that shares an element with
    that title below the element the whole list stands in (a repeater item holding a
    title and its excerpt). Prose that goes on beside a one-link box is no excerpt."""
    if block.type != "paragraph" or block.links or word_count(block.text) > EXCERPT_MAX_WORDS:
        return False
    if not (title.links or title.card_url) or not (block.path and title.path and heading.path):
        return False
    return _shared_depth(block.path, title.path) > _shared_depth(title.path, heading.path)


def _shared_depth(a: str, b: str) -> int:
    """How many leading steps two element paths share."""
    depth = 0
    for x, y in zip(a.split("/"), b.split("/"), strict=False):
        if x != y:
            break
        depth += 1
    return depth


def _is_heading(block: Block) -> bool:
    return block.type == "heading" or (block.strong and looks_like_heading(block.text))


def _add_teasers(
    related: list[RelatedPost], start: int, block: Block, rule: PatternRule, rules: Rules
) -> None:
    """The teasers of one block under a teaser heading, read as parts of cards: the
    line after a card's title link is its excerpt, a "Read more" link repeats the title
    and a bare date is the card's date, so neither is a teaser of its own."""
    last = related[-1] if len(related) > start else None
    if block.links and all(_match(rules.link_labels, ln.text.strip(_ARROWS)) for ln in block.links):
        return  # "Read more"
    if block.card_url and not block.links and (last is None or last.url != block.card_url):
        related.append(RelatedPost(block.text, block.card_url, None, rule.id))  # a card's title
        return
    if block.type == "paragraph" and not block.links and last is not None and last.url:
        if _standalone_noise(block, rules.noise) is not None:
            return  # the card's date line
        if last.excerpt is None:
            related[-1] = replace(last, excerpt=block.text)
            return
    related.extend(_teasers_from_block(block, rule))


def _teasers_from_block(block: Block, rule: PatternRule) -> list[RelatedPost]:
    if block.type == "list":
        return [_list_teaser(block, item, rule) for item in block.items]
    titled = [ln for ln in block.links if word_count(ln.text) >= TEASER_TITLE_MIN_WORDS]
    if len(titled) == 1:
        excerpt = collapse(block.text.replace(titled[0].text, "", 1)) or None
        return [RelatedPost(titled[0].text, titled[0].url, excerpt, rule.id)]
    return [RelatedPost(None, None, block.text, rule.id)]


def _list_teaser(block: Block, item: str, rule: PatternRule) -> RelatedPost:
    """One item of a teaser list: when it opens with a link that does not hold all of it,
    the link is the post's title and the rest its excerpt (a card of a post list: the
    title link, then a line that describes the post)."""
    link = next((ln for ln in block.links if ln.text and ln.text in item), None)
    if link is None:
        return RelatedPost(item, None, None, rule.id)
    excerpt = collapse(item.removeprefix(link.text)) if item.startswith(link.text) else ""
    title = link.text if excerpt and word_count(link.text) >= TEASER_TITLE_MIN_WORDS else item
    return RelatedPost(title, link.url, excerpt if title != item else None, rule.id)


def _standalone_promo(block: Block, rules: Rules) -> Promotion | None:
    if block.type not in ("paragraph", "heading", "quote") or word_count(block.text) > PROMO_MAX_WORDS:
        return None
    rule = _match(rules.promos, block.text)
    if rule is None or not _all_promotional(block.text, rules):
        return None
    url = block.links[0].url if block.links else _url_in(block.text)
    return Promotion(block.text, url, rule.kind, rule.id)


def _all_promotional(text: str, rules: Rules) -> bool:
    """Whether a block is mostly calls to action (with the questions leading into them
    and their button labels). A paragraph of advice that ends "…or you may visit us."
    is prose with a promo in it, and stays in the text; so is a sentence that states a
    price, discount or not ("Members pay $149 a month and 20% off add-ons")."""
    if word_count(text) <= PROMO_SHORT_WORDS:
        return True
    promotional = sum(
        word_count(s)
        for s in _SENTENCE.split(text)
        if (_match(rules.promos, s) is not None and _match(rules.prices, s) is None)
        or asks(s)
        or word_count(s) <= BUTTON_WORDS
    )
    return promotional > PROMO_BLOCK_SHARE * word_count(text)


def _is_link_list(block: Block, page_url: str | None) -> bool:
    """A list of links (flat, or a tree of nested links), or a paragraph that is only a
    link: navigation or a teaser headline, not prose. Short link lines go whatever they
    link to; longer ones only when they link within the site (a reference to a study
    links elsewhere)."""
    if not block.links or block.type not in ("paragraph", "list"):
        return False
    link_chars = sum(len(ln.text) for ln in block.links)
    if block.type == "list":
        linked = sum(1 for item in block.items if any(ln.text and ln.text == item for ln in block.links))
        return linked >= LINK_LIST_SHARE * len(block.items) or _is_link_tree(block, link_chars)
    if link_chars < LINK_PARAGRAPH_SHARE * len(block.text):
        return False
    words = word_count(block.text)
    if words <= LINK_PARAGRAPH_MAX_WORDS:
        return True
    return words <= SITE_LINK_PARAGRAPH_MAX_WORDS and all(_same_site(ln.url, page_url) for ln in block.links)


def _is_link_tree(block: Block, link_chars: int) -> bool:
    """A nested list of links (a site's page tree, a menu's submenus): its items hold
    more links than there are items, and its text is links all but a few characters.
    (A grid of product cards, each one link around a name and a price, holds one link
    an item: it is the listing, not a menu. Link text longer than the list's text is
    that of links hidden from the reader, and tells nothing.)"""
    titled = sum(1 for ln in block.links if ln.text)
    shown = len(block.text)
    return titled > len(block.items) and LINK_PARAGRAPH_SHARE * shown <= link_chars <= shown


def _same_site(url: str, page_url: str | None) -> bool:
    host = urlsplit(url).hostname
    if host is None:
        return True  # relative: within the site
    page_host = urlsplit(page_url).hostname if page_url else None
    return page_host is not None and host.removeprefix("www.") == page_host.removeprefix("www.")


def _standalone_noise(block: Block, noise: PatternGroup) -> PatternRule | None:
    if block.type not in ("paragraph", "heading") or word_count(block.text) > PROMO_MAX_WORDS:
        return None
    return _match(noise, block.text.strip())


def _is_marquee(block: Block) -> bool:
    """A paragraph or heading whose words are one short label repeated (a scrolling
    marquee: "Book Now *Book Now *Book Now …"), separators aside."""
    if block.type not in ("paragraph", "heading"):
        return False
    # the words of the head of the text decide for almost every block, at a bounded cost
    head = words(block.text[:MARQUEE_HEAD_CHARS].lower())
    if len(block.text) > MARQUEE_HEAD_CHARS:
        head = head[:-1]  # its last word may be cut
    period = next((p for p in range(1, MARQUEE_LABEL_WORDS + 1) if p < len(head) and head[p] == head[0]), 0)
    if not period or len(head) < 2 * period or head[period:] != head[:-period]:
        return False
    seq = words(block.text.lower())
    return len(seq) >= MARQUEE_REPEATS * period and seq[period:] == seq[:-period]


def _inline_promos(block: Block, promos: PatternGroup) -> list[Promotion]:
    if block.type != "paragraph" or not _match(promos, block.text):
        return []
    found = []
    for sentence in _SENTENCE.split(block.text):
        rule = _match(promos, sentence)
        if rule is not None:
            found.append(Promotion(sentence, _url_in(sentence), rule.kind, rule.id))
    return found


def _promotion(text: str, url: str | None, promos: PatternGroup, block_rule: BlockRule) -> Promotion:
    rule = _match(promos, text)
    if rule is not None:
        return Promotion(text, url, rule.kind, rule.id)
    return Promotion(text, url, "booking" if url else "offer", block_rule.id)


def _match(patterns: PatternGroup, text: str) -> PatternRule | None:
    return patterns.first_match(text)


def _url_in(text: str) -> str | None:
    m = _URL.search(text)
    return m.group(0).rstrip(".,;:!?") if m else None


def _first_url(el: html.HtmlElement, page_url: str | None) -> str | None:
    for a in el.iter("a"):
        url = safe_url(a.get("href"), page_url)
        if url:
            return url
    return None
