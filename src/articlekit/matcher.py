"""Which boilerplate rule, if any, an element of one page matches."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html

from .dom import names_of, select
from .ruleset import BlockRule, Rules


@dataclass(frozen=True, slots=True)
class BoilerplateMatcher:
    """Answers ``rule_for(element)`` for the elements of one parsed page.

    CSS rules are evaluated once over the whole page; token and class rules are
    checked per element against its class names and id. The CSS hits are keyed by
    the element proxies themselves, which keeps them alive: lxml hands out the same
    proxy for a node while one is referenced.
    """

    rules: tuple[BlockRule, ...]
    css_hits: dict[html.HtmlElement, BlockRule]
    # Many elements share one class attribute: answers by (class, id) are memoised.
    _by_names: dict[tuple[str, str], BlockRule | None] = field(default_factory=dict)

    @classmethod
    def for_page(cls, root: html.HtmlElement, rules: Rules) -> BoilerplateMatcher:
        hits: dict[html.HtmlElement, BlockRule] = {}
        for rule in rules.blocks:
            if rule.selector is not None:
                for el in select(rule.selector, root):
                    hits.setdefault(el, rule)
        return cls(rules.blocks, hits)

    def rule_for(self, el: html.HtmlElement) -> BlockRule | None:
        """The first rule, in file order, that the element matches by CSS or by name."""
        by_css = self.css_hits.get(el)
        key = (el.get("class") or "", el.get("id") or "")
        by_names = None
        if key != ("", ""):
            if key not in self._by_names:
                self._by_names[key] = self._rule_for_names(names_of(el))
            by_names = self._by_names[key]
        if by_css is None or by_names is None:
            return by_css or by_names
        return by_css if self.rules.index(by_css) <= self.rules.index(by_names) else by_names

    def _rule_for_names(self, names: list[str]) -> BlockRule | None:
        for rule in self.rules:
            if any(name in rule.classes for name in names):
                return rule
            if rule.tokens is not None and any(rule.tokens.search(name) for name in names):
                return rule
        return None
