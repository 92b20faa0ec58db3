"""Stage 9 — what each section lists (``items``) and what the article covers (``aspects``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .dom import SENTENCE_BREAK
from .model import Aspect, Mention, Section
from .ruleset import Cue, Enumerations, Rules

# Categories whose sections enumerate things a researcher wants one by one.
ITEM_CATEGORIES = frozenset({"benefits", "side_effects", "risks", "conditions"})
# Categories that are about the page's form, not a health aspect.
_NOT_ASPECTS = frozenset({"other"})
ITEM_MAX_WORDS = 7
MIN_ENUMERATED = 3
MAX_MENTIONS = 5


def with_items(section: Section, lists: Enumerations) -> Section:
    """The section (and its subsections) with ``items`` filled for list-like categories."""
    children = tuple(with_items(c, lists) for c in section.subsections)
    items: tuple[str, ...] = ()
    if section.category in ITEM_CATEGORIES:
        items = _list_items(section) or _enumerated(section.text, lists)
    return replace(section, subsections=children, items=items)


def _list_items(section: Section) -> tuple[str, ...]:
    return tuple(item for b in section.blocks if b.type == "list" for item in b.items)


def _enumerated(text: str, lists: Enumerations) -> tuple[str, ...]:
    found: list[str] = []
    for sentence in SENTENCE_BREAK.split(text):
        found.extend(enumeration(sentence, lists))
    return tuple(dict.fromkeys(found))


def enumeration(sentence: str, lists: Enumerations) -> list[str]:
    """The items of an enumeration inside a sentence ("A, B, and C"), or []."""
    sentence = sentence.strip().rstrip(".!?…")
    comma = sentence.find(",")
    if comma < 0:
        return []
    intro_end = 0
    for m in lists.intro.finditer(sentence[:comma]):
        intro_end = m.end()
    parts = [p.strip(" ;") for p in lists.split.split(sentence[intro_end:]) if p.strip(" ;")]
    if len(parts) < MIN_ENUMERATED or any(len(p.split()) > ITEM_MAX_WORDS for p in parts):
        return []
    return parts


def aspects_of(sections: Iterable[Section], rules: Rules, cues: Iterable[Cue]) -> dict[str, Aspect]:
    """For every category: a section about it, sentences that mention it, or absent."""
    flat = [s for top in sections for s in top.walk()]
    body_cues = [c for c in cues if c.where == "body"]
    aspects: dict[str, Aspect] = {}
    for category in rules.categories:
        if category in _NOT_ASPECTS:
            continue
        ids = tuple(s.id for s in flat if s.category == category)
        if ids:
            aspects[category] = Aspect("section", sections=ids)
            continue
        mentions = _mentions(flat, [c for c in body_cues if c.category == category])
        aspects[category] = Aspect("mentioned", mentions=mentions) if mentions else Aspect("absent")
    return aspects


def _mentions(flat: list[Section], cues: list[Cue]) -> tuple[Mention, ...]:
    """Sentences that a category's body cues fire in, in the sections where classify saw
    one of them fire."""
    found: list[Mention] = []
    ids = {c.id for c in cues}
    for section in flat:
        if ids.isdisjoint(section.body_cues):
            continue
        for sentence in SENTENCE_BREAK.split(section.text):
            lower = sentence.lower()  # lowered once for all the cues
            if any(c.pattern.search(sentence, lower) for c in cues):
                found.append(Mention(sentence.strip(), section.id))
                if len(found) >= MAX_MENTIONS:
                    return tuple(found)
    return tuple(found)
