"""Which rules match which elements of one parsed page.

One pass over the page's elements answers, for every element, the first boilerplate
rule it matches (by class/id name, class-name token, tag, or CSS) and collects the
elements each container rule names. Class names repeat within and across pages, so
the rules remember the answer for each name (``Rules.block_rule_index``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html

from .dom import names_of, select, tag_of
from .ruleset import BlockRule, ContainerRule, Rules

_NO_RULE = 1_000_000


@dataclass(frozen=True, slots=True)
class BoilerplateMatcher:
    """Answers ``rule_for(element)`` and ``containers(rule)`` for one parsed page.

    CSS hits and container matches are keyed by the element proxies themselves, which
    keeps them alive: lxml hands out the same proxy for a node while one is referenced.
    """

    ruleset: Rules
    css_hits: dict[html.HtmlElement, int]
    container_hits: dict[str, list[html.HtmlElement]]
    related_candidates: tuple[html.HtmlElement, ...]

    @property
    def rules(self) -> tuple[BlockRule, ...]:
        return self.ruleset.blocks

    @classmethod
    def for_page(cls, root: html.HtmlElement, rules: Rules) -> BoilerplateMatcher:
        css_hits: dict[html.HtmlElement, int] = {}
        for index, rule in enumerate(rules.blocks):
            if rule.selector is not None:
                for el in select(rule.selector, root):
                    css_hits.setdefault(el, index)
        containers, related = _name_index(root, rules)
        related_css = [el for el, i in css_hits.items() if rules.blocks[i].kind == "related"]
        return cls(rules, css_hits, containers, (*related, *related_css))

    def related_elements(self) -> list[html.HtmlElement]:
        """The page's teaser blocks (elements whose first matching rule is a "related"
        one), in document order."""
        found = [el for el in self.related_candidates if (r := self.rule_for(el)) and r.kind == "related"]
        order = {el: i for i, el in enumerate(found)}
        return sorted(dict.fromkeys(found), key=lambda el: (_document_position(el), order[el]))

    def containers(self, rule: ContainerRule) -> list[html.HtmlElement]:
        """The elements of the page that a container rule names, in document order."""
        return self.container_hits.get(rule.id, [])

    def rule_for(self, el: html.HtmlElement) -> BlockRule | None:
        """The first rule, in file order, that the element matches."""
        best = self.css_hits.get(el, _NO_RULE)
        tag = tag_of(el)
        for index, rule in enumerate(self.rules[:best]):
            if tag in rule.tags:
                best = index
                break
        for name in names_of(el):
            by_name = self.ruleset.block_rule_index(name)
            if by_name is not None and by_name < best:
                best = by_name
        return self.rules[best] if best < _NO_RULE else None


def _name_index(
    root: html.HtmlElement, rules: Rules
) -> tuple[dict[str, list[html.HtmlElement]], list[html.HtmlElement]]:
    """One pass over the named elements: the elements each container rule names, and
    the elements some teaser ("related") rule names."""
    by_name: dict[str, list[str]] = {}
    for rule in rules.containers:
        for name in rule.names:
            by_name.setdefault(name, []).append(rule.id)
    hits: dict[str, list[html.HtmlElement]] = {}
    related: list[html.HtmlElement] = []
    for el in root.iter():
        if el.get("class") is None and el.get("id") is None:
            continue
        names = names_of(el)
        for name in names:
            for rule_id in by_name.get(name, ()):
                hits.setdefault(rule_id, []).append(el)
        if any(_is_related(rules, rules.block_rule_index(name)) for name in names):
            related.append(el)
    for rule in rules.containers:
        if rule.selector is not None:
            hits.setdefault(rule.id, []).extend(select(rule.selector, root))
    return hits, related


def _is_related(rules: Rules, index: int | None) -> bool:
    return index is not None and rules.blocks[index].kind == "related"


def _document_position(el: html.HtmlElement) -> tuple[int, ...]:
    """The element's path of child indexes from the root: sorts into document order."""
    path = []
    node = el
    while (parent := node.getparent()) is not None:
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))
