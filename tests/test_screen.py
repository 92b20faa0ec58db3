"""The literal screen in front of rule regexes never changes an answer (screen.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from articlekit.dom import SENTENCE_BREAK
from articlekit.ruleset import load_rules, raw_rule_tables
from articlekit.screen import Screened, first_literals, screen_literals, split_alternatives

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
    ("alternative", "literals"),
    [
        (r"\b(we|the) (doctor|provider) will\b", ("doctor", "provider")),
        (r"\b\d+% off\b", ("% off",)),
        (r"\bcall (us|our [\w ]{0,30}(clinic|office)) (at|on)\b", ("call ",)),
        (r"(\d{1,2} )?(january|february)", ("january", "february")),
        (r"\bsessions?\b.*\bneed", ("session",)),
        (r"\b(a|b)c{2,3}dd", ("dd",)),
        (r"\d+", None),
    ],
)
def test_screen_literals_pick_the_most_telling_required_part(
    alternative: str, literals: tuple[str, ...] | None
) -> None:
    assert screen_literals(alternative) == literals
