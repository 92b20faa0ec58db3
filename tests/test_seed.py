"""Acceptance on the canonical seed post: the plain text and its WordPress rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

import articlekit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SEED_PAGES = [FIXTURES / "seed-text" / "page.txt", FIXTURES / "seed-wordpress-classic" / "page.html"]
TITLE = "Depression Treatment with Ketamine IV Therapy from a Medical Professional"
CATEGORIES = [
    (None, "overview"),
    ("The essentials of ketamine infusion as a treatment for depression", "overview"),
    ("How ketamine IV therapy works", "how_it_works"),
    ("The benefits of ketamine infusion", "benefits"),
    ("Potential side effects", "side_effects"),
    ("How the patient responds", "response"),
    ("Non-addictive treatment", "safety"),
    ("Ketamine IV therapy is an effective treatment for depression", "conclusion"),
]
SIDE_EFFECTS = [
    "high blood pressure",
    "liver problems",
    "vomiting",
    "nausea",
    "blurry vision",
    "extra stimulation",
    "out-of-body experiences",
]
TEASER_STARTS = [
    "Lumecca IPL treatment",
    "BodyTite is",
    "Low testosterone treatment",
    "Many people researching",
]


@pytest.fixture(params=SEED_PAGES, ids=["text", "wordpress"])
def seed(request: pytest.FixtureRequest) -> articlekit.Article:
    return articlekit.extract_file(request.param)


def test_title(seed: articlekit.Article) -> None:
    assert seed.title == TITLE


def test_intro_and_seven_sections_with_their_categories(seed: articlekit.Article) -> None:
    assert [(s.heading, s.category) for s in seed.sections] == CATEGORIES
    assert all(s.evidence for s in seed.sections)


def test_side_effect_items(seed: articlekit.Article) -> None:
    side = next(s for s in seed.sections if s.category == "side_effects")
    assert list(side.items) == SIDE_EFFECTS


def test_promotions_are_kept_out_of_the_text(seed: articlekit.Article) -> None:
    assert [p.kind for p in seed.promotions] == ["contact", "reviews"]
    assert seed.promotions[0].url is not None and "omgwellnessmd.com" in seed.promotions[0].url
    assert "Get more information" not in seed.text
    assert "Yelp" not in seed.text


def test_teasers_are_kept_with_excerpts_and_out_of_the_text(seed: articlekit.Article) -> None:
    # The post's own "Related Posts" block comes first; a page may also list recent
    # posts in its sidebar (kept too, under their own rule id).
    own = [t for t in seed.related_posts if t.rule != "recent-posts-widgets"]
    assert len(own) == 4
    for teaser, start in zip(own, TEASER_STARTS, strict=True):
        assert teaser.excerpt is not None and teaser.excerpt.startswith(start)
        assert start not in seed.text
    assert "Related Posts" not in seed.text


def test_aspects_answer_the_first_questions(seed: articlekit.Article) -> None:
    assert seed.aspects["side_effects"].status == "section"
    assert seed.aspects["benefits"].status == "section"
    assert seed.aspects["cost"].status in ("absent", "mentioned")
