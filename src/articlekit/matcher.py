"""Which rules match which elements of one parsed page.

One pass over the page's elements answers, for every element, the first boilerplate
rule it matches (by class/id name, class-name token, tag, or CSS) and collects the
elements each container rule names, and the page's headings (so that teaser headings
in sidebars and footers are found without another pass). Class names repeat within and across pages, so
the rules remember the answer for each name (``Rules.block_rule_index``); a rule's
exceptions are part of that answer (``except_tokens``, ``except_classes``) or a test of
the element's tag (``except_tags``), so they cost no extra pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html

from .dom import HEADING_TAGS, select
from .ruleset import BlockRule, ContainerRule, Rules

_NO_RULE = 1_000_000


@dataclass(frozen=True, slots=True)
class BoilerplateMatcher:
    """Answers ``rule_for(element)`` and ``containers(rule)`` for one parsed page.

    Both are worked out once, in :meth:`for_page`, and kept keyed by the element proxies
    themselves, which keeps them alive: lxml hands out the same proxy for a node while
    one is referenced.
    """

    ruleset: Rules
    block_hits: dict[html.HtmlElement, BlockRule]
    container_hits: dict[str, list[html.HtmlElement]]
    related: tuple[html.HtmlElement, ...]
    headings: tuple[html.HtmlElement, ...] = ()

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.ruleset.blocks

    @classmethod
    def for_page(cls, root: html.HtmlElement, rules: Rules) -> BoilerplateMatcher:
        look = rules.lookups
        blocks = rules.blocks
        block_hits: dict[html.HtmlElement, BlockRule] = {}
        container_hits: dict[str, list[html.HtmlElement]] = {}
        related: list[html.HtmlElement] = []
        headings: list[html.HtmlElement] = []
        # the attributes rules name, other than class and id (read with them, below)
        attr_tests = {a: t for a, t in look.block_attrs.items() if a not in ("class", "id")}
        holding_tests = look.block_attrs_holding
        container_tests = {a: t for a, t in look.container_attrs.items() if a not in ("class", "id")}
        css_hits = _css_hits(root, rules)
        seen: set[str] = set()
        named: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag in HEADING_TAGS:
                headings.append(el)
            best = look.block_tags.get(tag, _NO_RULE)
            if best < _NO_RULE and _excepted_inside(el, blocks[best]):
                best = _NO_RULE  # a later rule may still match the element by its names
            if css_hits:
                best = min(best, css_hits.get(el, _NO_RULE))
            classes: str | None = None
            ident: str | None = None
            # one call for all of an element's attributes (most have none or one or two)
            # costs less than asking for each attribute a rule names
            for attr, value in el.items():
                if attr == "class":
                    classes = value
                elif attr == "id":
                    ident = value
                else:
                    if (tests := attr_tests.get(attr)) is not None:
                        best = min(best, _first(tests.get(value, ()), tag, blocks))
                    if (held := holding_tests.get(attr)) is not None:
                        best = min(best, _first_holding(held, value, tag, blocks))
                    if (holders := container_tests.get(attr)) is not None:
                        for rule_id in _all(holders.get(value, ()), tag):
                            container_hits.setdefault(rule_id, []).append(el)
            for value in (classes, ident):
                if not value:
                    continue
                # class strings repeat across a page (menu items, cards): worked out once
                hit = named.get((tag, value))
                if hit is None:
                    names = value.lower().split() if value is classes else [value.lower()]
                    hit = named[(tag, value)] = _name_hits(names, tag, rules)
                    seen.update(names)
                best = min(best, hit[0])
                for rule_id in hit[1]:
                    container_hits.setdefault(rule_id, []).append(el)
            if best < _NO_RULE and _within_named(el, blocks[best].except_within):
                best = _NO_RULE
            if best < _NO_RULE and _excepted_inside(el, blocks[best]):
                best = _NO_RULE
            if best < _NO_RULE:
                rule = blocks[best]
                block_hits[el] = rule
                if rule.kind == "related":
                    related.append(el)
        for container in rules.containers:
            if container.selector is not None and _may_match(container, seen):
                container_hits.setdefault(container.id, []).extend(select(container.selector, root))
        return cls(rules, block_hits, container_hits, tuple(related), tuple(headings))

    def related_elements(self) -> list[html.HtmlElement]:
        """The page's teaser blocks (elements whose first matching rule is a "related"
        one), in document order."""
        return list(self.related)

    def heading_elements(self) -> list[html.HtmlElement]:
        """The page's h1-h6 elements, in document order."""
        return list(self.headings)

    def containers(self, rule: ContainerRule) -> list[html.HtmlElement]:
        """The elements of the page that a container rule names, in document order."""
        return self.container_hits.get(rule.id, [])

    def rule_for(self, el: html.HtmlElement) -> BlockRule | None:
        """The first rule, in file order, that the element matches."""
        return self.block_hits.get(el)


def _name_hits(names: list[str], tag: str, rules: Rules) -> tuple[int, tuple[str, ...]]:
    """The first block rule that class or id names match on a ``tag`` element
    (``_NO_RULE`` if none), and the container rules they name."""
    look = rules.lookups
    class_tests = look.block_attrs.get("class", {})
    best = _NO_RULE
    containers: list[str] = []
    for name in names:
        index = rules.block_rule_index(name, tag)
        if index is not None and index < best:
            best = index
        if name in class_tests:
            best = min(best, _first(class_tests[name], tag, rules.blocks))
        containers.extend(look.container_names.get(name, ()))
    return best, tuple(containers)


def _excepted_inside(el: html.HtmlElement, rule: BlockRule) -> bool:
    """Whether an ancestor of ``el`` is one of the rule's ``except_inside`` tags and
    ``el`` holds one of its ``except_holding`` tags, if it names any (asked only of the
    few elements a rule with ``except_inside`` matches: headers)."""
    if not rule.except_inside or not any(a.tag in rule.except_inside for a in el.iterancestors()):
        return False
    return not rule.except_holding or any(True for _ in el.iterdescendants(*rule.except_holding))


def _within_named(el: html.HtmlElement, names: frozenset[str]) -> bool:
    """Whether ``el`` or an ancestor has one of the class ``names`` (asked only of the
    elements a rule with ``except_within`` matched)."""
    node: html.HtmlElement | None = el if names else None
    while node is not None:
        classes = node.get("class")
        if classes and not names.isdisjoint(classes.lower().split()):
            return True
        node = node.getparent()
    return False


def _first(tests: tuple[tuple[str | None, int], ...], tag: str, blocks: tuple[BlockRule, ...]) -> int:
    return min(
        (
            index
            for want, index in tests
            if (want is None or want == tag) and tag not in blocks[index].except_tags
        ),
        default=_NO_RULE,
    )


def _first_holding(
    tests: tuple[tuple[str, str | None, int], ...], value: str, tag: str, blocks: tuple[BlockRule, ...]
) -> int:
    return min(
        (
            index
            for text, want, index in tests
            if text in value and (want is None or want == tag) and tag not in blocks[index].except_tags
        ),
        default=_NO_RULE,
    )


def _all(tests: tuple[tuple[str | None, str], ...], tag: str) -> list[str]:
    return [rule_id for want, rule_id in tests if want is None or want == tag]


def _css_hits(root: html.HtmlElement, rules: Rules) -> dict[html.HtmlElement, int]:
    """Elements matched by the block rules whose selectors are not simple (descendant
    combinators …): those run as CSS."""
    hits: dict[html.HtmlElement, int] = {}
    for index, rule in enumerate(rules.blocks):
        if rule.selector is not None:
            for el in select(rule.selector, root):
                if el.tag not in rule.except_tags:
                    hits.setdefault(el, index)
    return hits


def _may_match(rule: ContainerRule, names: set[str]) -> bool:
    """False when the page lacks a class name that every alternative of the rule's
    selector needs (which saves an XPath over the whole page)."""
    return any(needs <= names for needs in rule.selector_needs)
