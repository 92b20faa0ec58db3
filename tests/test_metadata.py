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


def _published(body: str, head: str = "") -> tuple[str | None, str | None]:
    root = html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    metadata, _ = extract_metadata(root, None, today=TODAY)
    return metadata.published, metadata.sources.get("published")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a theme that prints the date alone under the title, with no byline class
        (
            "<main><h1>Understanding knee injections</h1><p class='text-muted'>December 15, 2024</p>"
            "<p>Hyaluronic acid injections cushion the joint for months at a time, and most people feel"
            " the difference within weeks.</p></main>",
            ("2024-12-15", "dateline"),
        ),
        (
            "<main><h1>Understanding knee injections</h1><div><span>Published on Oct 21, 2024</span>"
            "<span>5 min read</span></div><p>Text.</p></main>",
            ("2024-10-21", "dateline"),
        ),
        # the date an update label stands beside is no publication date
        (
            "<main><h1>Understanding knee injections</h1><div><div>Last updated on:</div>"
            "<div>October 1, 2024</div></div><p>Text.</p></main>",
            (None, None),
        ),
        # a line that gives both dates: the one before the update label is the publication's
        (
            "<main><h1>Understanding knee injections</h1><p><span>August 16, 2019</span>"
            "<span> - Updated July 9, 2024</span></p><p>Text.</p></main>",
            ("2019-08-16", "dateline"),
        ),
        (
            "<main><h1>Knee injections</h1><p class='post-meta'>By Ana Ruiz · March 2, 2024 · Updated"
            " May 5, 2025</p><p>Text.</p></main>",
            ("2024-03-02", "byline"),
        ),
        (
            "<main><h1>Knee injections</h1><p class='post-meta'>Updated May 5, 2024</p><p>Text.</p></main>",
            (None, None),
        ),
        # a date in the post's text, past its first paragraph, is not the post's
        (
            "<main><h1>Understanding knee injections</h1><p>Hyaluronic acid injections cushion the"
            " joint for months at a time, and most people feel the difference.</p>"
            "<p>Open day: May 3, 2024</p></main>",
            (None, None),
        ),
    ],
)
def test_a_date_line_under_the_title_is_the_publication_date(
    body: str, expected: tuple[str | None, str | None]
) -> None:
    assert _published(body) == expected


@pytest.mark.parametrize(
    ("name", "field"),
    [("published", "published"), ("citation_publication_date", "published"), ("last-updated", "modified")],
)
def test_meta_names_publishers_give_dates(name: str, field: str) -> None:
    root = html.document_fromstring(
        f"<html><head><meta name='{name}' content='July 17, 2024'></head><body><h1>Tools</h1></body></html>"
    )
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert getattr(metadata, field) == "2024-07-17"


def test_a_page_builder_widget_is_no_sidebar_widget() -> None:
    # Elementor wraps every element in elementor-widget-container; WordPress's sidebar
    # widgets are named "widget"
    body = (
        "<div class='elementor-widget elementor-widget-post-info'><div class='elementor-widget-container'>"
        "<time>July 27, 2024</time></div></div><h1>Dental implants</h1><p>Text.</p>"
        "<aside><div class='widget widget_recent_entries'><time>May 1, 2024</time></div></aside>"
    )
    assert _published(body) == ("2024-07-27", "time-element")


def test_microdata_outside_any_item_describes_the_page() -> None:
    # Squarespace writes the post's date and author as itemprops in <head>, in no item
    head = (
        "<meta itemprop='author' content='Linny Park'>"
        "<meta itemprop='datePublished' content='2020-12-23T11:48:54-0800'>"
    )
    root = html.document_fromstring(f"<html><head>{head}</head><body><h1>Tokyo</h1></body></html>")
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert (metadata.published, metadata.authors) == ("2020-12-23", ("Linny Park",))
    # inside an item, a property is the item's (a review's date is not the page's)
    body = (
        "<div itemscope itemtype='https://schema.org/Review'>"
        "<meta itemprop='datePublished' content='2021-01-02'></div>"
    )
    assert _published(body) == (None, None)


def test_an_abbr_whose_title_is_a_date_gives_its_microdata_value() -> None:
    """Blogger's post footer dates its BlogPosting with an <abbr> whose title is the date
    and whose text is only the hour (the microformats' datetime pattern); the URL's month
    is no more than a last resort."""
    post = (
        "<div class='post hentry' itemprop='blogPost' itemscope itemtype='http://schema.org/BlogPosting'>"
        "<h3 class='post-title' itemprop='name'>Kreuzband-OP</h3><div class='post-body'>Text.</div>"
        "<div class='post-footer'>um <abbr class='published' itemprop='datePublished' "
        "title='2024-02-20T09:30:00+01:00'>09:30</abbr></div></div>"
    )
    assert _published(post) == ("2024-02-20", "microdata")
    # an abbr whose title is no date (a region, a unit) keeps its text
    worded = "<abbr itemprop='datePublished' title='soon'>x</abbr>"
    assert _published(f"<p itemscope itemtype='https://schema.org/Article'>{worded}</p>") == (None, None)


@pytest.mark.parametrize(
    ("body", "authors"),
    [
        # a class that names the author's name, a leading "By", a date run on after it
        (
            "<main><h1>Knee pain</h1><div class='text__author'>By Shauna Mitchell</div></main>",
            ("Shauna Mitchell",),
        ),
        ("<main><h1>Knee pain</h1><p class='author'>Luke Kim December 3, 2024</p></main>", ("Luke Kim",)),
        # each author once; a label is no name
        (
            "<main><h1>Knee pain</h1><p class='byline'>By Jane Roe</p>"
            "<div class='post-author'>Jane Roe →</div><div class='author-name'>Written By</div></main>",
            ("Jane Roe",),
        ),
        # five names under 'author' classes: a list of reviewers, not the post's byline
        (
            "<main><h1>Knee pain</h1>"
            + "".join(
                f"<p class='review-author'>{n}</p>" for n in ("Ann Li", "Bo Ray", "Cy Oh", "Di Fox", "Ed Poe")
            )
            + "</main>",
            (),
        ),
        # a "by" inside a sentence of a meta line is no byline; particles are parts of names
        (
            "<main><h1>Selling a clinic</h1><p class='post-meta'>Buyers are driven by looking for"
            " companies with less risk.</p><p class='byline'>By Maria de la Cruz</p></main>",
            ("Maria de la Cruz",),
        ),
        # what structured data states is taken as stated, less a leading "By" and a role
        (
            '<script type=\'application/ld+json\'>{"@type": "BlogPosting", "author": [{"name":'
            ' "kirstin boatto"}, {"name": "By Lauren Baines"}, {"name": "David Jackson - Editorial'
            ' Team"}]}</script><h1>Knee pain</h1>',
            ("kirstin boatto", "Lauren Baines", "David Jackson"),
        ),
    ],
)
def test_bylines_name_the_authors(body: str, authors: tuple[str, ...]) -> None:
    root = html.document_fromstring(f"<html><body>{body}</body></html>")
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert metadata.authors == authors


@pytest.mark.parametrize(
    ("line", "reviewer"),
    [
        (
            "<span class='blog-post__reviewed'>Medizinisch geprüft von Dr. Jan Petersen</span>",
            "Dr. Jan Petersen",
        ),
        (
            "<p class='post-meta'>Medical director review: Dr. Renee Castillo, MD · Updated May 6, 2026</p>",
            "Dr. Renee Castillo, MD",
        ),
        ("<p class='byline'>Revisionato da Dott.ssa Giulia Neri</p>", "Dott.ssa Giulia Neri"),
    ],
)
def test_review_lines_in_other_wordings_name_the_reviewer(line: str, reviewer: str) -> None:
    root = html.document_fromstring(f"<html><body><main><h1>Knee pain</h1>{line}</main></body></html>")
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert metadata.reviewed_by == (reviewer,)


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


def test_the_posts_own_margin_and_utility_classes_are_not_elsewhere() -> None:
    # an <aside> inside the post's <article> holds its date; a Tailwind value naming a
    # sidebar width names no sidebar
    aside = (
        "<article><h1>AI in clinics</h1><aside><time datetime='2024-08-30'>Aug 30</time></aside></article>"
    )
    assert _published(aside) == ("2024-08-30", "time-element")
    utility = (
        "<main><div class='lg:mr-[--sidebar-width] w-full'><h1>Cloud providers</h1>"
        "<p class='date'>Published on Oct 21, 2024</p></div></main>"
    )
    assert _published(utility)[0] == "2024-10-21"


def test_the_pages_body_classes_and_hubspots_widget_spans_name_no_block() -> None:
    # WordPress body classes name the layout ("right-sidebar", "has-menu"); HubSpot wraps
    # every module in widget-span; a footer inside the post's <article> is its own
    body = (
        "<div class='span12 widget-span widget-type-blog_content'><h1>Writing a clinic bio</h1>"
        "<p class='meta-date'>May 18, 2023</p></div><p>Text.</p>"
    )
    head = "<head><title>Writing a clinic bio | Studio</title></head>"
    root = html.document_fromstring(
        f"<html>{head}<body class='single right-sidebar has-menu'>{body}</body></html>"
    )
    metadata, _ = extract_metadata(root, None, today=TODAY)
    assert (metadata.sources["title"], metadata.published) == ("text", "2023-05-18")
    footer = (
        "<article><h1>Sleep apnea</h1><p>Text.</p>"
        "<footer><time datetime='2024-08-12'>Aug</time></footer></article>"
    )
    assert _published(footer) == ("2024-08-12", "time-element")
