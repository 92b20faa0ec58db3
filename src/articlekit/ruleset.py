"""Loading the heuristics kept as data (``rules/*.toml``) into compiled, frozen rules.

Three bundled files: ``containers.toml`` (where CMSs put the post body),
``boilerplate.toml`` (what is taken out of it, and promo phrasings) and
``taxonomy.toml`` (section categories and their cues). A user file passed in
``Options.rules`` may hold any of their tables; an entry whose ``id`` is already
known replaces the bundled one, a new id is added.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml.cssselect import CSSSelector

from .errors import RulesError

_BUNDLED = ("containers.toml", "boilerplate.toml", "taxonomy.toml")


@dataclass(frozen=True, slots=True)
class ContainerRule:
    id: str
    selector: CSSSelector
    reason: str


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A container taken out of the article, recognised by class/id names or CSS."""

    id: str
    kind: str
    tokens: re.Pattern[str] | None
    classes: frozenset[str]
    selector: CSSSelector | None
    reason: str


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A text pattern: a promo phrasing or a teaser heading."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    category: str
    languages: frozenset[str]
    where: str
    pattern: re.Pattern[str]
    weight: float

    def applies_to(self, language: str) -> bool:
        return "any" in self.languages or language in self.languages


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    health_aspect: str | None


@dataclass(frozen=True, slots=True)
class Rules:
    containers: tuple[ContainerRule, ...]
    blocks: tuple[BlockRule, ...]
    teaser_headings: tuple[PatternRule, ...]
    promos: tuple[PatternRule, ...]
    noise: tuple[PatternRule, ...]
    categories: Mapping[str, Category]
    cues: tuple[Cue, ...]


def load_rules(extra: Iterable[Path] = ()) -> Rules:
    """The bundled rules, with the entries of ``extra`` files added or replacing them."""
    return _load(tuple(Path(p) for p in extra))


@lru_cache(maxsize=16)
def _load(extra: tuple[Path, ...]) -> Rules:
    merged: dict[str, dict[str, dict[str, Any]]] = {}
    for name in _BUNDLED:
        text = resources.files("articlekit").joinpath("rules").joinpath(name).read_text("utf-8")
        _merge(merged, _parse_toml(text, name))
    for path in extra:
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise RulesError(f"cannot read rules file {path}: {exc}") from exc
        _merge(merged, _parse_toml(text, str(path)))
    return _compile(merged)


def raw_rule_tables() -> dict[str, list[dict[str, Any]]]:
    """The bundled rule entries as written (for tests that run each rule's examples)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in _BUNDLED:
        text = resources.files("articlekit").joinpath("rules").joinpath(name).read_text("utf-8")
        for table, entries in _parse_toml(text, name).items():
            if isinstance(entries, list):
                tables.setdefault(table, []).extend(entries)
    return tables


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{name}: not valid TOML: {exc}") from exc


def _merge(merged: dict[str, dict[str, dict[str, Any]]], data: Mapping[str, Any]) -> None:
    for table, entries in data.items():
        bucket = merged.setdefault(table, {})
        if table == "categories":
            for key, value in entries.items():
                bucket[key] = {"id": key, **value}
            continue
        if not isinstance(entries, list):
            raise RulesError(f"table {table!r} must be an array of tables ([[{table}]])")
        for entry in entries:
            if "id" not in entry:
                raise RulesError(f"an entry of [[{table}]] has no id: {entry!r}")
            bucket[entry["id"]] = entry


def _compile(merged: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> Rules:
    try:
        categories = {
            key: Category(key, str(v.get("label", key)), v.get("health_aspect"))
            for key, v in merged.get("categories", {}).items()
        }
        cues = tuple(_cue(e) for e in merged.get("cue", {}).values())
        unknown = {c.category for c in cues} - categories.keys()
        if unknown:
            raise RulesError(f"cues name unknown categories: {sorted(unknown)}")
        return Rules(
            containers=tuple(
                ContainerRule(e["id"], CSSSelector(e["css"]), e.get("reason", ""))
                for e in merged.get("container", {}).values()
            ),
            blocks=tuple(_block(e) for e in merged.get("block", {}).values()),
            teaser_headings=tuple(_pattern(e, "related") for e in merged.get("teaser_heading", {}).values()),
            promos=tuple(_pattern(e, e.get("kind", "offer")) for e in merged.get("promo", {}).values()),
            noise=tuple(_pattern(e, e.get("kind", "meta")) for e in merged.get("noise", {}).values()),
            categories=categories,
            cues=cues,
        )
    except (KeyError, re.error, TypeError, ValueError) as exc:
        if isinstance(exc, RulesError):
            raise
        raise RulesError(f"malformed rule: {exc!r}") from exc


_SIMPLE_SELECTOR = re.compile(r"^[.#]([\w-]+)$")


def _block(e: Mapping[str, Any]) -> BlockRule:
    # Plain ".class" / "#id" selectors become name lookups: far faster than XPath over
    # the whole page. Only the rest stay CSS.
    parts = [p.strip() for p in str(e.get("css", "")).split(",") if p.strip()]
    simple = [m.group(1).lower() for p in parts if (m := _SIMPLE_SELECTOR.match(p))]
    complex_css = ", ".join(p for p in parts if not _SIMPLE_SELECTOR.match(p))
    return BlockRule(
        id=e["id"],
        kind=e["kind"],
        tokens=_token_pattern(e.get("tokens", ())),
        classes=frozenset([*(c.lower() for c in e.get("classes", ())), *simple]),
        selector=CSSSelector(complex_css) if complex_css else None,
        reason=e.get("reason", ""),
    )


def _pattern(e: Mapping[str, Any], kind: str) -> PatternRule:
    return PatternRule(e["id"], kind, re.compile(e["pattern"], re.IGNORECASE), e.get("reason", ""))


def _cue(e: Mapping[str, Any]) -> Cue:
    if e["where"] not in ("heading", "body"):
        raise RulesError(f"cue {e['id']}: where must be heading or body")
    return Cue(
        id=e["id"],
        category=e["category"],
        languages=frozenset(x.strip() for x in str(e.get("lang", "any")).split(",")),
        where=e["where"],
        pattern=re.compile(e["pattern"], re.IGNORECASE),
        weight=float(e["weight"]),
    )


def _token_pattern(tokens: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any token as whole '-'/'_'-separated parts of a class name."""
    alternatives = [r"[-_]".join(re.escape(p) for p in re.split(r"[-_]", t.lower())) for t in tokens]
    if not alternatives:
        return None  # an empty alternation would match every name
    return re.compile(rf"(?:^|[-_])(?:{'|'.join(alternatives)})(?:$|[-_])")
