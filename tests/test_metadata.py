"""Metadata: every field a fixture's labels state is extracted right; the parts, alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from golden import Case, cases, run
from lxml import html

from articlekit.dates import parse_date, url_date
from articlekit.language import guess_language
from articlekit.metadata import extract_metadata
from articlekit.ruleset import load_rules
from articlekit.structured import loads_lenient

LABELLED = [c for c in cases() if "metadata" in c.labels]
TODAY = date(2025, 6, 1)


def stated_fields(case: Case) -> list[tuple[str, Any]]:
    md = dict(case.labels["metadata"])
    org = md.pop("organization", {})
    md.pop("health_markup_types", None)
    return [(f, v) for f, v in md.items()] + [(f"organization.{f}", v) for f, v in org.items()]


def actual(record: dict[str, Any], field: str) -> Any:
    if field.startswith("organization."):
        return record["organization"][field.split(".", 1)[1]]
    return record["metadata"][field]


@pytest.mark.parametrize("case", LABELLED, ids=[c.slug for c in LABELLED])
def test_every_stated_field_is_right(case: Case) -> None:
    record = run(case)
    wrong = {f: (actual(record, f), want) for f, want in stated_fields(case) if actual(record, f) != want}
    assert not wrong
    types = [h["type"] for h in record["metadata"]["health_markup"]]
    assert types == case.labels["metadata"].get("health_markup_types", [])


def test_most_fixtures_state_metadata() -> None:
    assert len(LABELLED) >= 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-14T09:30:00+00:00", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("Posted on 12 February 2024", "2024-02-12"),
        ("9 avril 2024", "2024-04-09"),
        ("20 de septiembre de 2024 a las 18:02", "2024-09-20"),
        ("21 maart 2024", "2024-03-21"),
        ("14.03.2024", "2024-03-14"),
        ("2031-01-01", None),
        ("no date here", None),
    ],
)
def test_dates_are_read_and_never_in_the_future(text: str, expected: str | None) -> None:
    assert parse_date(text, TODAY) == expected


def test_a_url_date_is_read() -> None:
    assert url_date("https://x.com/2022/11/07/slug/", TODAY) == "2022-11-07"
    assert url_date("https://x.com/2099/01/01/slug/", TODAY) is None


def test_malformed_json_ld_is_repaired() -> None:
    text = '<!-- {"a": 1, // note\n "b": "x\ny", /* c */ "c": [1, 2,],} -->'
    assert loads_lenient(text) == [{"a": 1, "b": "x\ny", "c": [1, 2]}]
    assert loads_lenient("{&quot;a&quot;: 1}") == [{"a": 1}]
    assert loads_lenient('{"a": 1}{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert loads_lenient("not json") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The treatment is safe and you can go home on the same day with your family.", "en"),
        ("El tratamiento es seguro y los resultados duran de tres a seis meses para la mayoría.", "es"),
        ("Le traitement est sûr et les résultats durent de trois à six mois pour la plupart.", "fr"),
        ("De behandeling is veilig en het resultaat is bij de meeste patiënten na een week zichtbaar.", "nl"),
        ("Hello", None),
    ],
)
def test_language_guess(text: str, code: str | None) -> None:
    assert guess_language(text) == code


def test_future_json_ld_date_falls_back_and_placeholders_are_skipped() -> None:
    page = html.fromstring(
        '<html><head><script type=\'application/ld+json\'>{"@type":"BlogPosting",'
        '"datePublished":"2031-01-01","author":{"name":"admin"},"url":"https://example.com/x"}</script>'
        "<meta property='article:published_time' content='2023-05-02'></head>"
        "<body><article><h1>A title here</h1><p class='byline'>By Dr. Ann Lee</p></article></body></html>"
    )
    metadata, _ = extract_metadata(page, "https://clinic.test/post/", today=TODAY)
    assert (metadata.published, metadata.sources["published"]) == ("2023-05-02", "opengraph")
    assert (metadata.authors, metadata.sources["authors"]) == (("Dr. Ann Lee",), "byline")
    assert metadata.canonical_url is None


@pytest.mark.parametrize(
    ("document_title", "expected"),
    [
        ("Botox for Migraines | Glow Med Spa", "Botox for Migraines"),
        ("The Benefits of Athletic Compression 🍎 AT Surgical", "The Benefits of Athletic Compression"),
        ("Acupuncture et fertilité : les questions", "Acupuncture et fertilité : les questions"),
    ],
)
def test_the_document_title_is_read_and_cleaned(document_title: str, expected: str) -> None:
    page = html.fromstring(f"<html><head><title>{document_title}</title></head><body><p>A.</p></body></html>")
    metadata, _ = extract_metadata(page, None, today=TODAY)
    assert (metadata.title, metadata.sources["title"]) == (expected, "meta")


_YOAST_PAGE = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage",'
    '"name":"Botox","datePublished":"2024-01-02T10:00:00+00:00"}]}</script>'
)


@pytest.mark.parametrize(
    ("head", "body", "page_type"),
    [
        # a theme that writes og:type "website" on every page, over a dated post
        (
            '<meta property="og:type" content="website">',
            '<p class="byline">By Jane Doe on March 3, 2025</p>',
            "article",
        ),
        (
            '<meta property="og:type" content="website">',
            '<time datetime="2025-03-03">March 3, 2025</time>',
            "article",
        ),
        ('<meta property="og:type" content="website">', "<p>Our Botox treatments.</p>", "service"),
        # an SEO plugin dates every page's WebPage node: that date is no post's
        (
            '<meta property="og:type" content="website">' + _YOAST_PAGE,
            "<p>Our Botox treatments.</p>",
            "service",
        ),
    ],
)
def test_a_page_that_states_a_post_date_is_an_article(head: str, body: str, page_type: str) -> None:
    root = html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert metadata.page_type == page_type


_YOAST_PAGE = (
    '<meta property="og:type" content="article">'
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebPage", "name": "Homeopathy", "datePublished": "2019-12-04T10:00:00+00:00"},'
    '{"@type": "Organization", "name": "Clinic"}]}</script>'
)


@pytest.mark.parametrize(
    ("head", "body", "url", "page_type"),
    [
        # Yoast writes og:type "article" and dates the WebPage node of every page
        (_YOAST_PAGE, "<h1>Homeopathy</h1><p>Text.</p>", None, "other"),
        (_YOAST_PAGE, "<h1>Homeopathy</h1>", "https://clinic.example/our-services/homeopathy/", "service"),
        # ... a post of the same site has its author or a date of its own
        (_YOAST_PAGE, '<h1>New prices</h1><p class="byline">By Ted Lee</p>', None, "article"),
        # the path of the page, or of its canonical URL, names what it is
        ("", "<h1>PRP</h1>", "https://clinic.example/blog/what-is-prp/", "article"),
        ('<link rel="canonical" href="/treatments/prp/">', "<h1>PRP</h1>", None, "service"),
        (
            '<meta property="og:type" content="article">',
            "<h1>PRP</h1>",
            "https://x.example/category/prp/",
            "listing",
        ),
        # a Blog node stands on posts as well as on the blog's index
        (
            '<script type="application/ld+json">{"@type": "Blog", "name": "News"}</script>',
            "<h1>PRP</h1>",
            "https://clinic.example/blog/prp/",
            "article",
        ),
    ],
)
def test_page_type_from_markup_and_path(head: str, body: str, url: str | None, page_type: str) -> None:
    root = html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    metadata, _ = extract_metadata(root, url, today=TODAY, page_paths=load_rules().page_paths)
    assert metadata.page_type == page_type
