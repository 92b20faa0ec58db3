"""The literal screen in front of rule regexes never changes an answer (screen.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from articlekit.dom import SENTENCE_BREAK
from articlekit.ruleset import load_rules, raw_rule_tables
from articlekit.screen import (
    Screened,
    ScreenIndex,
    expand_alternatives,
    first_literals,
    needs_digit,
    required_literals,
    split_alternatives,
)

RULES = load_rules()
PATTERNS = [
    *RULES.promos.rules,
    *RULES.teaser_headings.rules,
    *RULES.noise.rules,
    *RULES.link_labels.rules,
    *RULES.cues,
]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def _texts() -> list[str]:
    """Every rule's examples, and every line and sentence of the fixture pages."""
    texts = [str(x) for entries in raw_rule_tables().values() for e in entries for x in e.get("examples", [])]
    for page in sorted(FIXTURES.glob("*/page.*")):
        raw = page.read_text("utf-8", errors="replace")
        words = re.sub(r"<[^>]+>", "\n", raw)  # markup out: what is left is text and attributes
        for line in words.splitlines():
            line = " ".join(line.split())
            if line:
                texts.append(line)
                texts.extend(SENTENCE_BREAK.split(line))
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("rule", PATTERNS, ids=lambda r: r.id)
def test_screen_answers_as_the_whole_regex(rule: object) -> None:
    screened: Screened = rule.pattern  # type: ignore[attr-defined]
    for text in TEXTS:
        whole = [m.start() for m in screened.regex.finditer(text)]
        assert screened.search(text) == bool(whole), (text, screened.regex.pattern)
        assert set(whole) <= {m.start() for m in screened.finditer(text)}, text


def test_the_fixtures_give_the_screen_something_to_match() -> None:
    hits = sum(1 for text in TEXTS for rule in PATTERNS if rule.pattern.search(text))
    assert hits > 500


@pytest.mark.parametrize(
    ("alternative", "literals"),
    [
        (r"\bcoupon\b", ("coupon",)),
        (r"^(call|contact|reach out) (us|our)\b", ("call", "contact", "reach out")),
        (r"\b(book|schedule)( (your|an?))? (appointment|visit)", ("book", "schedule")),
        (r"\bll[aá]m(a|e)nos\b", ("ll",)),
        (r"\bdr\.? smith", ("dr",)),
        (r"colou?r", ("colo",)),
        (r"(\$\s?\d|\bcosts?\b)", ("$", "cost")),
        (r"\bdr\. smith", ("dr. smith",)),
        (r"\b\d+% off\b", None),
        (r"(\d{1,2} )?(jan|feb)", None),
        (r"(?<!\w)rate us", None),
        (r"^(?:share|delen)\b", ("share", "delen")),
    ],
)
def test_first_literals(alternative: str, literals: tuple[str, ...] | None) -> None:
    assert first_literals(alternative) == literals


def test_alternatives_split_only_at_the_top_level() -> None:
    assert split_alternatives(r"a(b|c)|[|]d|e\|f") == ["a(b|c)", "[|]d", r"e\|f"]


@pytest.mark.parametrize(
    ("alternative", "needs"),
    [
        (
            r"\b(we|the) (doctor|provider) will\b",
            (("we doctor will", "we provider will", "the doctor will", "the provider will"),),
        ),
        (r"\b\d+% off\b", (("% off",),)),
        (r"\bcall (us|our [\w ]{0,30}(clinic|office)) (at|on)\b", (("call us", "call our "), (" at", " on"))),
        (r"(\d{1,2} )?(january|february)", (("january", "february"),)),
        (r"\bsessions?\b.*\bneed", (("session",), ("need",))),
        (r"\b(a|b)c{2,3}dd", (("ac", "bc"), ("dd",))),
        (r"\bn[aã]o (nadar|ir)\b", (("nao nadar", "nao ir", "não nadar", "não ir"),)),
        (r"\bco[sz]ar", (("cosar", "cozar"),)),
        (r"(?<!save )\b\d+\s?(%|per ?cent\b)", (("%", "per"),)),
        (r"\bi[`']m\b(?! not) sure", (("i`m sure", "i'm sure"),)),
        (r"\d+", ()),
    ],
)
def test_required_literals_most_telling_first(alternative: str, needs: tuple[tuple[str, ...], ...]) -> None:
    assert required_literals(alternative) == needs


def test_joined_runs_stay_under_their_size() -> None:
    assert required_literals(r"\b(we|the) (doctor|provider) will\b", 2) == (
        ("doctor will", "provider will"),
        ("we ", "the "),
    )


@pytest.mark.parametrize(
    ("alternative", "needs"),
    [(r"\b\d{1,3}%", True), (r"\d?x", False), (r"(\d)x", False), (r"[\d]", False), (r"\\d", False)],
)
def test_a_digit_outside_groups_is_needed(alternative: str, needs: bool) -> None:
    assert needs_digit(alternative) is needs


def test_a_leading_group_is_searched_branch_by_branch() -> None:
    assert expand_alternatives(r"\b(we|(the|your) nurse) (draws?|numbs?)\b|x") == [
        r"\bwe (draws?|numbs?)\b",
        r"\bthe nurse (draws?|numbs?)\b",
        r"\byour nurse (draws?|numbs?)\b",
        "x",
    ]
    assert expand_alternatives(r"(a|b)?c") == [r"(a|b)?c"]  # an optional group stays whole


GROUPS = {
    "promos": RULES.promos.rules,
    "teaser_headings": RULES.teaser_headings.rules,
    "noise": RULES.noise.rules,
    "link_labels": RULES.link_labels.rules,
    "prices": RULES.prices.rules,
    "review_summaries": RULES.review_summaries.rules,
    **{
        f"cues-{lang}-{where}": [c for c in RULES.cues_for(lang) if c.where == where]
        for lang in ("en", "es", "fr", "nl")
        for where in ("heading", "body", "last")
    },
}


@pytest.mark.parametrize("group", GROUPS, ids=str)
def test_an_index_answers_as_each_whole_regex(group: str) -> None:
    patterns = [r.pattern for r in GROUPS[group]]
    index = ScreenIndex.of(patterns)
    for text in TEXTS:
        found = index.matches(text)
        whole = {i: {m.start() for m in p.regex.finditer(text)} for i, p in enumerate(patterns)}
        assert set(found) == {i for i, starts in whole.items() if starts}, text
        for i, hits in found.items():
            assert whole[i] <= {m.start() for m in hits}, text
        assert index.first(text) == next((i for i, s in whole.items() if s), None), text
