"""Hostile and broken input (issue 8): never crash, never hang, never leak.

Every case of ``hostile_corpus.CASES`` must give an Article that validates against the
schema, or a documented ArticlekitError, within the time limit; the batch command
must write a record for each and go on. Each fix made for this issue has its own test
below the corpus tests.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hostile_corpus import ARTICLE, CASES, LARGE, PARAGRAPH, SECRET, page, xxe_page
from hostile_fuzz import record_strings, record_urls
from lxml import html

import articlekit
from articlekit import errors
from articlekit.blocks import safe_url
from articlekit.dom import ElementPaths
from articlekit.parse import MAX_DEPTH, parse_html

VALIDATOR = jsonschema.Draft202012Validator(articlekit.schema())
# Every error articlekit may raise: the classes errors.py documents.
DOCUMENTED = tuple(
    cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.ArticlekitError)
)
# Generous: the point is "no hang", on a loaded CI machine.
SECONDS_PER_PAGE = 30.0
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

_UNSAFE = re.compile(r"(?:java|vb)\s*script\s*:|\bdata\s*:", re.IGNORECASE)


def extract_or_error(data: bytes | str, **kwargs: Any) -> articlekit.Article | articlekit.ArticlekitError:
    """The article, or the documented error; anything else fails the test."""
    start = time.monotonic()
    try:
        result: articlekit.Article | articlekit.ArticlekitError = articlekit.extract(data, **kwargs)
    except articlekit.ArticlekitError as exc:
        assert isinstance(exc, DOCUMENTED)
        result = exc
    assert time.monotonic() - start < SECONDS_PER_PAGE
    if isinstance(result, articlekit.Article):
        VALIDATOR.validate(result.to_dict())
    return result


@pytest.fixture(scope="session")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET, "utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_bad_input_gives_an_article_or_a_documented_error(name: str) -> None:
    result = extract_or_error(CASES[name](), url="https://clinic.example/blog/post/")
    if isinstance(result, articlekit.Article):
        assert SECRET not in result.to_json()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("empty", articlekit.EmptyInput),
        ("whitespace", articlekit.EmptyInput),
        ("png", articlekit.BinaryInput),
        ("pdf", articlekit.BinaryInput),
        ("random-bytes", articlekit.BinaryInput),
        ("only-nul", articlekit.BinaryInput),
        ("fifty-megabytes", articlekit.InputTooLarge),
        ("million-siblings", articlekit.InputTooLarge),
        ("deep-nesting", articlekit.InputTooLarge),
    ],
)
def test_unusable_inputs_raise_the_error_that_names_the_problem(
    name: str, error: type[articlekit.ArticlekitError]
) -> None:
    with pytest.raises(error):
        articlekit.extract(CASES[name]())


@pytest.mark.parametrize(
    "name",
    [
        "nul-bytes",
        "invalid-utf8",
        "utf16-le-no-bom",
        "utf16-be-no-bom",
        "wrong-charset",
        "mixed-encodings",
        "svg-mathml",
        "billion-laughs",
        "external-dtd",
        "json-ld-malformed",
        "json-ld-hostile-types",
        "long-attribute",
        "iframes",
        "frameset",
        "unclosed-tags",
    ],
)
def test_damaged_pages_still_give_their_article(name: str) -> None:
    article = articlekit.extract(CASES[name]())
    assert "treatment resistant depression" in article.text


def test_external_entities_are_never_resolved(secret_file: Path) -> None:
    """Not in the output, and libxml2 never opens the file: no entity is loaded at all."""
    article = articlekit.extract(xxe_page(secret_file))
    assert SECRET not in article.to_json()
    assert "treatment resistant depression" in article.text


def test_external_dtds_and_entities_cause_no_network_access(secret_file: Path) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        port = server.getsockname()[1]
        doc = (
            f'<?xml version="1.0"?>\n<!DOCTYPE html SYSTEM "http://127.0.0.1:{port}/x.dtd" '
            f'[<!ENTITY net SYSTEM "http://127.0.0.1:{port}/e.txt">]>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body><article>{ARTICLE} &net;</article>'
            "</body></html>"
        )
        articlekit.extract(doc)
        with pytest.raises(TimeoutError):
            server.accept()


def test_a_billion_laughs_is_not_expanded() -> None:
    article = articlekit.extract(CASES["billion-laughs"]())
    assert article.to_json().count("lol") < 100


# -- safe output -------------------------------------------------------------------------


def assert_safe(record: dict[str, Any]) -> None:
    """No script URL anywhere, every URL field absolute http(s), no script or style text."""
    for url in record_urls(record):
        assert url is None or re.match(r"https?://", url), url
    for text in record_strings({k: v for k, v in record.items() if k != "source"}):
        assert not _UNSAFE.search(text.replace("\t", "").replace("\n", "")), text
        assert "alert(" not in text and "color: red" not in text, text


def test_unsafe_links_never_reach_the_output() -> None:
    record = articlekit.extract(CASES["unsafe-links"](), url="https://clinic.example/blog/post/").to_dict()
    assert_safe(record)
    urls = [r["url"] for r in record["related_posts"]]
    # <base href="https://clinic.example/blog/"> is honoured for relative links
    assert "https://clinic.example/other-post/" in urls


def test_unsafe_metadata_urls_are_dropped() -> None:
    record = articlekit.extract(CASES["unsafe-links"](), url="https://clinic.example/blog/post/").to_dict()
    assert record["metadata"]["canonical_url"] is None
    assert record["metadata"]["image"] is None


def test_relative_metadata_urls_are_resolved_against_the_base_url() -> None:
    head = (
        '<base href="https://cdn.example/site/"><link rel="canonical" href="post/">'
        '<meta property="og:image" content="img/a.png">'
    )
    record = articlekit.extract(
        page(f"<article>{ARTICLE}</article>", head=head), url="https://clinic.example/b/"
    )
    assert record.metadata.canonical_url in (
        "https://cdn.example/site/post/",
        "https://clinic.example/b/post/",
    )
    assert (record.metadata.image or "").startswith("https://")


@pytest.mark.parametrize(
    "href",
    [
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:,x",
    ],
)
def test_safe_url_reads_urls_as_browsers_do(href: str) -> None:
    """Browsers drop tabs and newlines anywhere in a URL and controls at its ends."""
    assert safe_url(href, "https://clinic.example/blog/") is None
    assert safe_url(href, None) is None


def test_safe_url_refuses_broken_urls_instead_of_raising() -> None:
    assert safe_url("http://[not-ipv6", "https://clinic.example/") is None
    assert safe_url("/ok", "https://clinic.example/blog/") == "https://clinic.example/ok"


def test_obfuscated_script_links_in_promotions_and_teasers_are_dropped() -> None:
    body = (
        f"<article>{ARTICLE}<p>Get more information about our clinic at "
        "<a href='java&#9;script:alert(1)'>our site</a>.</p>"
        "<p>Book your consultation <a href='http://[broken'>today</a>.</p>"
        "<h3>Related Posts</h3><ul><li><a href='\x01javascript:alert(2)'>Lumecca IPL explained</a></li>"
        "<li><a href='/ok/'>BodyTite what to expect</a></li></ul></article>"
    )
    record = articlekit.extract(page(body), url="https://clinic.example/blog/post/").to_dict()
    assert_safe(record)


@pytest.mark.parametrize("base", ["javascript:alert(1)//", "http://[broken/", "data:text/html,x"])
def test_an_unusable_base_href_is_ignored(base: str) -> None:
    teasers = "<h3>Related Posts</h3><ul><li><a href='/p/'>BodyTite what to expect</a></li></ul>"
    body = f"<article>{ARTICLE}{teasers}</article>"
    article = articlekit.extract(page(body, head=f"<base href='{base}'>"), url="https://clinic.example/blog/")
    assert [r.url for r in article.related_posts] == ["https://clinic.example/p/"]


# -- parse.py: bounded trees --------------------------------------------------------------


def _depth(root: html.HtmlElement) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in el)
    return deepest


@pytest.mark.parametrize("tag", ["div", "span", "blockquote", "section", "li", "table"])
def test_deep_nesting_is_flattened_and_the_article_after_it_kept(tag: str) -> None:
    """libxml2's default limit stopped the parse at 256 levels and lost the rest of the page."""
    deep = f"<{tag}>" * 1500 + "deep text" + f"</{tag}>" * 1500
    text = page(deep + f"<article>{ARTICLE}</article>")
    root = parse_html(text, max_elements=500_000)
    assert _depth(root) <= MAX_DEPTH
    assert "deep text" in root.text_content()
    article = articlekit.extract(text)
    assert "treatment resistant depression" in article.text


def test_flattening_keeps_words_apart_and_drops_scripts() -> None:
    deep = (
        "<div>" * (MAX_DEPTH + 5)
        + "<p>one</p><p>two</p><script>alert(1)</script>"
        + "</div>" * (MAX_DEPTH + 5)
    )
    root = parse_html(page(deep), max_elements=500_000)
    text = root.text_content()
    assert "one two" in " ".join(text.split())
    assert "alert" not in text


def test_nesting_past_the_parsers_limit_is_refused_not_truncated() -> None:
    with pytest.raises(articlekit.InputTooLarge, match="2,048"):
        parse_html(page("<div>" * 3000 + "x" + f"<article>{ARTICLE}</article>"), max_elements=500_000)


def test_a_huge_attribute_does_not_cut_the_page() -> None:
    """libxml2's default 10 MB limit on one attribute stopped the parse there."""
    image = "<img src='data:image/png;base64," + "A" * 11_000_000 + "'>"
    article = articlekit.extract(page(f"<article>{image}{ARTICLE}</article>"))
    assert "treatment resistant depression" in article.text
    assert "AAAA" not in article.to_json()


def test_a_huge_text_node_does_not_cut_the_page() -> None:
    filler = "<p>" + "word " * 2_200_000 + "</p>"
    root = parse_html(page(f"<article>{filler}<p>the end</p></article>"), max_elements=500_000)
    assert root.text_content().endswith("the end")


def test_frameset_fallback_content_is_read_as_html() -> None:
    article = articlekit.extract(CASES["frameset"]())
    assert "<p>" not in article.text and "<body>" not in article.text
    assert "treatment resistant depression" in article.text


# -- blocks / separate: no quadratic work -----------------------------------------------


def test_element_paths_are_those_of_getpath() -> None:
    for page_file in sorted(FIXTURES.glob("*/page.html")):
        root = parse_html(page_file.read_bytes().decode("utf-8", "replace"), max_elements=500_000)
        paths, tree = ElementPaths(), root.getroottree()
        for el in root.iter():
            if isinstance(el.tag, str):
                assert paths.path(el) == tree.getpath(el)


def test_element_paths_are_linear_over_many_siblings() -> None:
    """getpath() counts earlier siblings on every call: about a minute for 200,000 <p>."""
    root = parse_html(page("<p>x</p>" * 200_000), max_elements=500_000)
    paths = ElementPaths()
    start = time.monotonic()
    last = [paths.path(p) for p in root.iter("p")][-1]
    assert last == "/html/body/p[200000]"
    assert time.monotonic() - start < 5


# -- the batch command, as a real process -----------------------------------------------


def test_the_batch_command_writes_a_record_for_every_bad_input_and_goes_on(
    tmp_path: Path, secret_file: Path
) -> None:
    names = [n for n in sorted(CASES) if n not in LARGE or n in ("deep-nesting", "million-siblings")]
    files = []
    for name in names:
        path = tmp_path / f"{name}.html"
        path.write_bytes(CASES[name]())
        files.append(path)
    xxe = tmp_path / "xxe.xhtml"
    xxe.write_bytes(xxe_page(secret_file))
    files.append(xxe)
    good = FIXTURES / "seed-wordpress-classic" / "page.html"
    files.append(good)
    proc = subprocess.run(
        [sys.executable, "-m", "articlekit", "extract", "--format", "jsonl", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == len(files)
    assert SECRET not in proc.stdout
    for path, record in zip(files, records, strict=True):
        VALIDATOR.validate(record)
        assert record["source"]["path"] == str(path)
        if "error" in record:
            assert record["error"]["type"] in {cls.__name__ for cls in DOCUMENTED}, record["error"]
        else:
            assert_safe(record)
    assert "article" in records[-1]


@pytest.mark.parametrize("url", [None, "https://clinic.example/blog/post/"])
def test_a_script_url_in_json_ld_is_not_the_organization_url(url: str | None) -> None:
    ld = '{"@type": "MedicalClinic", "name": "Clinic", "url": " JavaScript:alert(1)"}'
    head = f'<script type="application/ld+json">{ld}</script>'
    article = articlekit.extract(page(f"<article>{ARTICLE}</article>", head=head), url=url)
    assert article.organization.name == "Clinic"
    assert article.organization.url is None


def test_json_ld_nested_past_the_recursion_limit_is_skipped() -> None:
    article = articlekit.extract(CASES["json-ld-deep-arrays"]())
    assert "treatment resistant depression" in article.text


def test_unclosed_noframes_markup_never_becomes_text() -> None:
    """Found by the fuzz run: the parsed <noframes> serialised back to escaped markup."""
    text = f"<html><body><p>{PARAGRAPH}</p><noframes>Ketamine<script>alert(1)</script></body></html>"
    article = articlekit.extract(text)
    assert "<" not in article.text and "alert" not in article.text


def test_a_script_inside_pre_is_not_code_text() -> None:
    """Found by the fuzz run: <pre> blocks took their text with itertext(), scripts included."""
    text = page(f"<article>{ARTICLE}<pre>npm install<script>alert(1)</script>\n  done</pre></article>")
    article = articlekit.extract(text)
    assert "alert" not in article.text
    assert "npm install\n  done" in article.text


@pytest.mark.parametrize("tag", ["noframes", "noembed", "xmp"])
def test_raw_text_elements_survive_the_readability_round_trip(tag: str) -> None:
    """Found by the fuzz run: "&" in a raw-text element came out as "&amp;amp;"."""
    article = articlekit.extract(page(f"Ketamine therapy <{tag}>Fish &amp; chips & peas A&B</{tag}>"))
    assert "Fish" in article.text and "amp;amp;" not in article.text
    assert tag == "xmp" or "amp;" not in article.text  # <xmp> shows "&amp;" as typed


def test_removed_boilerplate_still_parts_the_words_around_it() -> None:
    """Found by the fuzz run: "a<p role=navigation>…</p>b" gave the word "ab"."""
    article = articlekit.extract(page(f"{PARAGRAPH}<p role='navigation'>Home Menu</p>Ketamine"))
    assert "sessions.Ketamine" not in article.text


def test_nested_noframes_never_leave_markup_as_text() -> None:
    """Found by the fuzz run: a <noframes> inside a <noframes> stayed raw text."""
    nested = "<noframes>Ketamine" * 50 + "<script>alert(1)</script>"
    article = articlekit.extract(f"<html><body><p>{PARAGRAPH}</p>{nested}</body></html>")
    assert "<" not in article.text and "alert" not in article.text


def test_a_body_whose_text_is_a_teaser_heading_does_not_crash_locate() -> None:
    """Found by bench/fuzz.py: <body> had no mass entry and locate raised KeyError."""
    text = page("Ketamine<div>Ketamine Ketamine Ketamine</div><h2><a href='/blog/other-post/'>Ketamine</a>")
    assert "Ketamine" in articlekit.extract(text).text
