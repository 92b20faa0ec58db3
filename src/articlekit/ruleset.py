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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml.cssselect import CSSSelector

from .errors import RulesError
from .screen import Screened, ScreenIndex

_BUNDLED = ("containers.toml", "boilerplate.toml", "taxonomy.toml", "languages.toml", "pages.toml")


# A simple selector answered by a lookup: (tag or None, attribute, value); the attribute
# "class" means one of the element's class names.
AttrTest = tuple[str | None, str, str]


@dataclass(frozen=True, slots=True)
class ContainerRule:
    """Where a CMS puts the post body: class/id names, attribute tests, or a CSS
    selector for the rest."""

    id: str
    names: frozenset[str]
    attrs: frozenset[AttrTest]
    selector: CSSSelector | None
    reason: str
    # The class names each alternative of ``selector`` needs: a page lacking them all
    # is not searched with it.
    selector_needs: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens that a class or id name holds as whole '-'/'_'-separated parts (a BEM
    double separator counts as one: "accordion-header" is in "cmp-accordion__header").
    Set lookups, not a regex: names are many, and most hold no token."""

    runs: frozenset[str]  # each token's parts joined by "-"
    starts: frozenset[str]  # each token's first part

    @classmethod
    def of(cls, tokens: Iterable[str]) -> Tokens:
        runs = frozenset("-".join(_name_parts(t)) for t in tokens)
        return cls(runs, frozenset(r.split("-")[0] for r in runs))

    def held_by(self, name: str) -> bool:
        """Whether some run of the name's parts is a token."""
        return bool(self.runs) and next(self.runs_in(_name_parts(name)), None) is not None

    def runs_in(self, parts: list[str]) -> Iterator[str]:
        """The tokens that are runs of ``parts`` (a name's parts)."""
        for i, part in enumerate(parts):
            if part not in self.starts:
                continue
            run = part
            if run in self.runs:
                yield run
            for following in parts[i + 1 :]:
                run = f"{run}-{following}"
                if run in self.runs:
                    yield run


NO_TOKENS = Tokens(frozenset(), frozenset())


def _name_parts(name: str) -> list[str]:
    """A class name's '-'/'_'-separated parts (a run of separators counts as one)."""
    return [p for p in name.lower().replace("_", "-").split("-") if p]


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A container taken out of the article, recognised by class/id names or CSS."""

    id: str
    kind: str
    tokens: Tokens
    classes: frozenset[str]
    tags: frozenset[str]
    attrs: frozenset[AttrTest]
    selector: CSSSelector | None
    reason: str
    # When above zero, the rule takes the box around the element with it: its largest
    # ancestor of at most this many words (the heading and phone line of a form band).
    box_words: int = 0
    # Exceptions: a class/id name holding one of ``except_tokens`` or equal to one of
    # ``except_classes`` is not matched by this rule (answered per name, so memoised
    # with the rest); an element whose tag is in ``except_tags`` is not matched at all.
    except_tokens: Tokens = field(default_factory=lambda: NO_TOKENS)
    except_classes: frozenset[str] = frozenset()
    except_tags: frozenset[str] = frozenset()
    # An element is not matched when it stands inside an element of one of these tags
    # (a <header> inside an <article> heads the article, not the page) and, when
    # ``except_holding`` is given, holds an element of one of those tags (a div.x-header
    # inside <main> that holds a subheading heads a part of the page).
    except_inside: frozenset[str] = frozenset()
    except_holding: frozenset[str] = frozenset()
    # An element that has, or stands inside an element that has, one of these class
    # names is not matched by this rule (a page builder's panels named "widget").
    except_within: frozenset[str] = frozenset()
    # When set, an element the rule names is taken only when its first link leads to
    # another page of the page's own site (a link-preview card of another post is a
    # teaser; one of another site's page is a reference the author cites).
    same_site: bool = False
    # "[attr*='text']" selectors (attribute value holding a text), tested in the
    # matcher's pass like ``attrs``
    attrs_holding: frozenset[AttrTest] = frozenset()

    def matches_name(self, name: str) -> bool:
        """Whether a class or id name is one this rule names (its exceptions applied)."""
        if name not in self.classes and not self.tokens.held_by(name):
            return False
        return name not in self.except_classes and not self.except_tokens.held_by(name)


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A text pattern: a promo phrasing or a teaser heading."""

    id: str
    kind: str
    pattern: Screened
    reason: str


@dataclass(frozen=True, slots=True)
class PatternGroup:
    """Pattern rules tried in order (searched together: see ScreenIndex)."""

    rules: tuple[PatternRule, ...]
    index: ScreenIndex = field(compare=False, repr=False)

    @classmethod
    def of(cls, rules: Iterable[PatternRule]) -> PatternGroup:
        rules = tuple(rules)
        return cls(rules, ScreenIndex.of(r.pattern for r in rules))

    def first_match(self, text: str) -> PatternRule | None:
        first = self.index.first(text)
        return None if first is None else self.rules[first]


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    category: str
    languages: frozenset[str]
    where: str
    pattern: Screened
    weight: float
    # Sentences of a section that must match before the cue counts (``min_sentences``).
    min_sentences: int = 1

    def applies_to(self, language: str) -> bool:
        return "any" in self.languages or language in self.languages


@dataclass(frozen=True, slots=True)
class Language:
    """The words of one language that the stages read (rules/languages.toml)."""

    id: str
    stopwords: frozenset[str]
    list_intro: tuple[str, ...]
    conjunctions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Enumerations:
    """How a sentence lists things, in every language at once: the words after which
    the list starts (or a colon), and the separators between items."""

    intro: re.Pattern[str]
    split: re.Pattern[str]

    @classmethod
    def of(cls, languages: Iterable[Language]) -> Enumerations:
        langs = list(languages)
        intro = _words_pattern(w for lang in langs for w in lang.list_intro)
        joins = _words_pattern(w for lang in langs for w in lang.conjunctions)
        return cls(
            re.compile(rf"\b{intro}\b\s+|:\s*", re.IGNORECASE),
            re.compile(rf"\s*,\s*(?:{joins}\s+)?|\s+{joins}\s+"),
        )


def _words_pattern(words: Iterable[str]) -> str:
    """Whole words or phrases, longest first; (?!) (matches nothing) when there are none."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")" if unique else "(?!)"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    health_aspect: str | None


@dataclass(frozen=True, slots=True)
class Lookups:
    """The simple selectors of all block and container rules, keyed for the matcher's
    one pass over a page. Attribute tests map attribute → value → [(tag or None, rule)];
    the attribute "class" is tested against each class name."""

    block_tags: Mapping[str, int]
    block_attrs: Mapping[str, Mapping[str, tuple[tuple[str | None, int], ...]]]
    # attribute → [(text its value holds, tag or None, rule)]
    block_attrs_holding: Mapping[str, tuple[tuple[str, str | None, int], ...]]
    container_names: Mapping[str, tuple[str, ...]]
    container_attrs: Mapping[str, Mapping[str, tuple[tuple[str | None, str], ...]]]

    @classmethod
    def of(cls, containers: tuple[ContainerRule, ...], blocks: tuple[BlockRule, ...]) -> Lookups:
        block_tags: dict[str, int] = {}
        block_attrs: dict[str, dict[str, list[tuple[str | None, int]]]] = {}
        holding: dict[str, list[tuple[str, str | None, int]]] = {}
        for index, rule in enumerate(blocks):
            for tag in rule.tags - rule.except_tags:
                block_tags.setdefault(tag, index)
            for tag_or_none, attr, value in rule.attrs:
                block_attrs.setdefault(attr, {}).setdefault(value, []).append((tag_or_none, index))
            for tag_or_none, attr, text in sorted(rule.attrs_holding, key=str):
                holding.setdefault(attr, []).append((text, tag_or_none, index))
        names: dict[str, list[str]] = {}
        container_attrs: dict[str, dict[str, list[tuple[str | None, str]]]] = {}
        for container in containers:
            for name in container.names:
                names.setdefault(name, []).append(container.id)
            for tag_or_none, attr, value in container.attrs:
                container_attrs.setdefault(attr, {}).setdefault(value, []).append((tag_or_none, container.id))
        return cls(
            block_tags,
            {a: {v: tuple(t) for v, t in vs.items()} for a, vs in block_attrs.items()},
            {a: tuple(tests) for a, tests in holding.items()},
            {n: tuple(ids) for n, ids in names.items()},
            {a: {v: tuple(t) for v, t in vs.items()} for a, vs in container_attrs.items()},
        )


@dataclass(frozen=True, slots=True)
class Rules:
    containers: tuple[ContainerRule, ...]
    blocks: tuple[BlockRule, ...]
    teaser_headings: PatternGroup
    # The label before a single teaser link set in the text ("Read also: <title>").
    teaser_labels: PatternGroup
    promos: PatternGroup
    noise: PatternGroup
    link_labels: PatternGroup
    prices: PatternGroup
    # A line that sums up a practice's reviews on a review site ([[review_summary]]).
    review_summaries: PatternGroup
    # What a URL path says the page is (kind: article, service, listing or other).
    page_paths: PatternGroup
    categories: Mapping[str, Category]
    cues: tuple[Cue, ...]
    lookups: Lookups
    languages: Mapping[str, Language]
    # How sentences list things: per language, and under "" for all languages at once
    # (a page whose language is unknown).
    enumerations: Mapping[str, Enumerations]
    # What makes a heading one item of a numbered series ([[numbered]] in
    # taxonomy.toml, all patterns at once; matched at the heading's start).
    numbered: re.Pattern[str] = re.compile(r"(?!)")
    # The name parts of each family of widgets ([[widget]] in boilerplate.toml, by kind).
    widgets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Memo of cues_for: the cues of each language asked for.
    _cues_by_language: dict[str, tuple[Cue, ...]] = field(default_factory=dict, compare=False, repr=False)
    # Memo of the rules a name matches: a pure function of the (immutable) rules and a name.
    _by_name: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    # Every class name of the block rules, and all their tokens: most names match
    # neither, and are answered by a few set lookups.
    _block_union: tuple[Mapping[str, tuple[int, ...]], Tokens] = field(
        default=({}, NO_TOKENS), compare=False, repr=False
    )
    _rules_of_token: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def cues_for(self, language: str | None) -> tuple[Cue, ...]:
        """The cues of ``language`` (English when it has none of its own); the same
        tuple every time for a language."""
        lang = (language or "en").split("-")[0].lower()
        cues = self._cues_by_language.get(lang)
        if cues is None:
            known = lang if any(lang in c.languages for c in self.cues) else "en"
            cues = self._cues_by_language.get(known)
            if cues is None:
                cues = self._cues_by_language[known] = tuple(c for c in self.cues if c.applies_to(known))
            if len(self._cues_by_language) >= _LANGUAGE_MEMO_SIZE:
                self._cues_by_language.clear()  # pages' own language codes would pile up
            # one tuple for all the languages English stands in for: the cue indexes
            # built per tuple (classify._indexed, ~1.5 MiB each) are not built again
            self._cues_by_language[lang] = cues
        return cues

    def enumerations_for(self, language: str | None) -> Enumerations:
        """How sentences of ``language`` list things (all languages' words when it is
        unknown or has no entry)."""
        lang = (language or "").split("-")[0].lower()
        return self.enumerations.get(lang) or self.enumerations[""]

    def block_rule_index(self, name: str, tag: str | None = None) -> int | None:
        """Index of the first block rule that a class or id name matches, if any (on an
        element of ``tag``, when given: rules that except the tag are passed over)."""
        indices = self._by_name.get(name)
        if indices is None:
            if len(self._by_name) >= _NAME_MEMO_SIZE:
                self._by_name.clear()  # pages' own ids ("post-1234") would pile up in a long batch
            indices = self._by_name[name] = self._block_rules(name)
        if not indices:
            return None
        if tag is None:
            return indices[0]
        return next((i for i in indices if tag not in self.blocks[i].except_tags), None)

    def _block_rules(self, name: str) -> tuple[int, ...]:
        by_class, by_token = self._block_union
        found = set(by_class.get(name, ()))
        if by_token.runs:
            for run in by_token.runs_in(_name_parts(name)):
                found.update(self._rules_of_token[run])
        return tuple(i for i in sorted(found) if self.blocks[i].matches_name(name))


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
        blocks = tuple(_block(e) for e in merged.get("block", {}).values())
        containers = tuple(_container(e) for e in merged.get("container", {}).values())
        languages = {key: _language(e) for key, e in merged.get("language", {}).items()}
        return Rules(
            containers=containers,
            blocks=blocks,
            teaser_headings=_group(merged, "teaser_heading", "related"),
            teaser_labels=_group(merged, "teaser_label", "related"),
            promos=_group(merged, "promo", "offer"),
            noise=_group(merged, "noise", "meta"),
            link_labels=_group(merged, "link_label", "label"),
            prices=_group(merged, "price", "price"),
            review_summaries=_group(merged, "review_summary", "testimonials"),
            page_paths=_group(merged, "page_path", "other"),
            categories=categories,
            cues=cues,
            lookups=Lookups.of(containers, blocks),
            languages=languages,
            enumerations={
                "": Enumerations.of(languages.values()),
                **{key: Enumerations.of([lang]) for key, lang in languages.items()},
            },
            numbered=_numbered(merged.get("numbered", {}).values()),
            widgets=_widgets(merged.get("widget", {}).values()),
            _block_union=_block_union(blocks),
            _rules_of_token=_rules_of_token(blocks),
        )
    except (KeyError, re.error, TypeError, ValueError) as exc:
        if isinstance(exc, RulesError):
            raise
        raise RulesError(f"malformed rule: {exc!r}") from exc


_NAME_SELECTOR = re.compile(r"^[.#]([\w-]+)$")
_TAG_SELECTOR = re.compile(r"^[a-z][a-z0-9]*$")
_ATTR_SELECTOR = re.compile(r"""^([a-z][a-z0-9]*)?(?:\.([\w-]+)|\[([\w-]+)=['"]([^'"]*)['"]\])$""")
_HOLDING_SELECTOR = re.compile(r"""^([a-z][a-z0-9]*)?\[([\w-]+)\*=['"]([^'"]+)['"]\]$""")


@dataclass(frozen=True, slots=True)
class _CssParts:
    names: frozenset[str]
    tags: frozenset[str]
    attrs: frozenset[AttrTest]
    selector: CSSSelector | None
    selector_needs: tuple[frozenset[str], ...]
    holding: frozenset[AttrTest] = frozenset()


_CLASS_IN_CSS = re.compile(r"\.([\w-]+)")


def _split_css(css: str, *, holding: bool = False) -> _CssParts:
    """Simple selectors (".class", "#id", "tag", "[attr='v']", "tag[attr='v']",
    "tag.class", and with ``holding`` "[attr*='v']", "tag[attr*='v']" for an attribute
    other than class and id) become lookups made in the matcher's one pass over the
    page, far faster than one XPath over the whole page per rule; only the rest stay CSS."""
    names: set[str] = set()
    tags: set[str] = set()
    attrs: set[AttrTest] = set()
    holds: set[AttrTest] = set()
    rest: list[str] = []
    for part in (p.strip() for p in css.split(",")):
        if not part:
            continue
        if m := _NAME_SELECTOR.match(part):
            names.add(m.group(1).lower())
        elif _TAG_SELECTOR.match(part):
            tags.add(part)
        elif m := _ATTR_SELECTOR.match(part):
            tag, cls, attr, value = m.groups()
            attrs.add((tag, "class", cls.lower()) if cls else (tag, attr.lower(), value))
        elif holding and (m := _HOLDING_SELECTOR.match(part)) and m.group(2).lower() not in ("class", "id"):
            tag, attr, text = m.groups()
            holds.add((tag, attr.lower(), text))
        else:
            rest.append(part)
    selector = CSSSelector(", ".join(rest)) if rest else None
    needs = tuple(frozenset(c.lower() for c in _CLASS_IN_CSS.findall(alt)) for alt in rest)
    return _CssParts(frozenset(names), frozenset(tags), frozenset(attrs), selector, needs, frozenset(holds))


def _container(e: Mapping[str, Any]) -> ContainerRule:
    css = _split_css(str(e["css"]))
    if css.tags:
        raise RulesError(f"container {e['id']}: bare tag selectors are too broad: {sorted(css.tags)}")
    return ContainerRule(e["id"], css.names, css.attrs, css.selector, e.get("reason", ""), css.selector_needs)


def _block(e: Mapping[str, Any]) -> BlockRule:
    css = _split_css(str(e.get("css", "")), holding=True)
    return BlockRule(
        id=e["id"],
        kind=e["kind"],
        tokens=Tokens.of(e.get("tokens", ())),
        classes=frozenset([*(c.lower() for c in e.get("classes", ())), *css.names]),
        tags=css.tags,
        attrs=css.attrs,
        selector=css.selector,
        reason=e.get("reason", ""),
        box_words=int(e.get("box_words", 0)),
        except_tokens=Tokens.of(e.get("except_tokens", ())),
        except_classes=frozenset(c.lower() for c in e.get("except_classes", ())),
        except_tags=frozenset(t.lower() for t in e.get("except_tags", ())),
        except_inside=frozenset(t.lower() for t in e.get("except_inside", ())),
        except_holding=frozenset(t.lower() for t in e.get("except_holding", ())),
        except_within=frozenset(c.lower() for c in e.get("except_within", ())),
        same_site=bool(e.get("same_site", False)),
        attrs_holding=css.holding,
    )


def _group(merged: Mapping[str, Mapping[str, Mapping[str, Any]]], table: str, kind: str) -> PatternGroup:
    return PatternGroup.of(_pattern(e, e.get("kind", kind)) for e in merged.get(table, {}).values())


def _pattern(e: Mapping[str, Any], kind: str) -> PatternRule:
    return PatternRule(e["id"], kind, Screened.compile(e["pattern"]), e.get("reason", ""))


def _widgets(entries: Iterable[Mapping[str, Any]]) -> dict[str, frozenset[str]]:
    """The [[widget]] name parts, joined by kind (lowercased, as ``dom.name_parts`` gives them)."""
    names: dict[str, set[str]] = {}
    for entry in entries:
        names.setdefault(str(entry["kind"]), set()).update(str(n).lower() for n in entry["names"])
    return {kind: frozenset(parts) for kind, parts in names.items()}


def _numbered(entries: Iterable[Mapping[str, Any]]) -> re.Pattern[str]:
    """The [[numbered]] patterns as one, matched at the start of a heading (none:
    a pattern that never matches)."""
    patterns = [f"(?:{e['pattern']})" for e in entries]
    return re.compile("|".join(patterns) or "(?!)", re.IGNORECASE)


def _language(e: Mapping[str, Any]) -> Language:
    return Language(
        id=e["id"],
        stopwords=frozenset(w.lower() for w in e.get("stopwords", ())),
        list_intro=tuple(e.get("list_intro", ())),
        conjunctions=tuple(e.get("conjunctions", ())),
    )


def _cue(e: Mapping[str, Any]) -> Cue:
    if e["where"] not in ("heading", "body", "last", "closing", "series", "series-item"):
        raise RulesError(f"cue {e['id']}: where must be heading, body, last, closing, series or series-item")
    return Cue(
        id=e["id"],
        category=e["category"],
        languages=frozenset(x.strip() for x in str(e.get("lang", "any")).split(",")),
        where=e["where"],
        pattern=Screened.compile(e["pattern"]),
        weight=float(e["weight"]),
        min_sentences=int(e.get("min_sentences", 1)),
    )


# The most class and id names whose rules are remembered (a page has a few hundred).
_NAME_MEMO_SIZE = 50_000
# The most language codes whose cues are remembered (each names a shared tuple).
_LANGUAGE_MEMO_SIZE = 256


def _block_union(blocks: tuple[BlockRule, ...]) -> tuple[Mapping[str, tuple[int, ...]], Tokens]:
    """The block rules that name each class, and all the rules' tokens."""
    by_class: dict[str, list[int]] = {}
    for i, rule in enumerate(blocks):
        for name in rule.classes:
            by_class.setdefault(name, []).append(i)
    return {c: tuple(at) for c, at in by_class.items()}, Tokens.of(
        t for rule in blocks for t in rule.tokens.runs
    )


def _rules_of_token(blocks: tuple[BlockRule, ...]) -> dict[str, tuple[int, ...]]:
    """The block rules that hold each token."""
    by_token: dict[str, list[int]] = {}
    for i, rule in enumerate(blocks):
        for run in rule.tokens.runs:
            by_token.setdefault(run, []).append(i)
    return {t: tuple(at) for t, at in by_token.items()}


def rule_reasons(rules: Rules) -> dict[str, str]:
    """Why each container, block and pattern rule exists, by rule id."""
    named: list[ContainerRule | BlockRule | PatternRule] = [
        *rules.containers,
        *rules.blocks,
        *rules.teaser_headings.rules,
        *rules.teaser_labels.rules,
        *rules.promos.rules,
        *rules.noise.rules,
        *rules.link_labels.rules,
        *rules.prices.rules,
        *rules.review_summaries.rules,
        *rules.page_paths.rules,
    ]
    return {rule.id: rule.reason for rule in named if rule.reason}
