"""Which boilerplate rule, if any, an element of one page matches."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html

from .dom import names_of, select
from .ruleset import BlockRule, Rules

_PARTS = re.compile(r"[-_]")


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

    @classmethod
    def for_page(cls, root: html.HtmlElement, rules: Rules) -> BoilerplateMatcher:
        hits: dict[html.HtmlElement, BlockRule] = {}
        for rule in rules.blocks:
            if rule.selector is not None:
                for el in select(rule.selector, root):
                    hits.setdefault(el, rule)
        return cls(rules.blocks, hits)

    def rule_for(self, el: html.HtmlElement) -> BlockRule | None:
        hit = self.css_hits.get(el)
        if hit is not None:
            return hit
        names = names_of(el)
        if not names:
            return None
        for rule in self.rules:
            if any(name in rule.classes for name in names):
                return rule
            if rule.tokens and any(_has_parts(name, rule.tokens) for name in names):
                return rule
        return None


def _has_parts(name: str, tokens: tuple[tuple[str, ...], ...]) -> bool:
    parts = _PARTS.split(name)
    for token in tokens:
        n = len(token)
        for i in range(len(parts) - n + 1):
            if tuple(parts[i : i + n]) == token:
                return True
    return False
