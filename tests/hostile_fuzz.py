"""Property-based checks of articlekit on generated and mutated HTML (issue 8).

``check(data)`` extracts one input and asserts what must hold for *every* input:

* it returns an Article or raises a documented :class:`~articlekit.ArticlekitError`;
* the Article validates against the JSON Schema;
* nothing is invented: every word of the article text, the teasers and the
  promotions is a word of the page's text (script and style content excluded);
* the output is safe: every URL field is absolute http(s) (or mailto/tel), no
  ``javascript:``/``vbscript:``/``data:`` URL anywhere, no script or style text.

The strategies build small pages from clinic-blog vocabulary, the class names the
rules look for, and hostile attributes and links; ``mutated_fixtures`` damages the
real fixture pages byte by byte. ``tests/test_hostile_fuzz.py`` runs them with a
small budget on every test run; ``bench/fuzz.py`` runs them for as long as you like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import strategies as st
from lxml import html

import articlekit
from articlekit import errors
from articlekit.decode import decode
from articlekit.dom import SKIP_TAGS
from articlekit.parse import parse_html

URL = "https://clinic.example/blog/post/"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
DOCUMENTED = tuple(
    cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.ArticlekitError)
)
# Words that appear only inside <script> and <style>: they must never reach the output.
SCRIPT_WORD, STYLE_WORD = "zqscriptonly", "zqstyleonly"
_VALIDATOR = jsonschema.Draft202012Validator(articlekit.schema())
_WORD = re.compile(r"\w+")
_UNSAFE = re.compile(r"(?:java|vb)script:|data:", re.IGNORECASE)
_SAFE_SCHEMES = re.compile(r"(?:https?://|mailto:|tel:|sms:)", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


# -- the checks ------------------------------------------------------------------------


def check(data: str | bytes, url: str | None = URL) -> articlekit.Article | None:
    """Extract ``data`` and assert every invariant; None when a documented error was raised."""
    try:
        article = articlekit.extract(data, url=url, options=articlekit.Options(timeout=None))
    except DOCUMENTED:
        return None
    record = article.to_dict()
    _VALIDATOR.validate(record)
    visible = visible_text(data, article)
    assert_nothing_invented(visible, article)
    assert_safe(record, absolute=url is not None, page=visible)
    return article


def page_text(data: str | bytes) -> str:
    """The page's text (not its scripts and styles), casefolded, without any whitespace:
    twice, as read with and without the elements articlekit never reads (<noscript>...)."""
    root = parse_html(decode(data, max_bytes=10**9).text, max_elements=10**7)
    for el in list(root.iter("script", "style")):
        el.text = None
    full = _squeezed(root)
    for el in list(root.iter(*SKIP_TAGS)):
        el.text = None
        for child in list(el):
            el.remove(child)
    return full + "\x00" + _squeezed(root)


def visible_text(data: str | bytes, article: articlekit.Article) -> str:
    """What a reader of the input sees, casefolded, without whitespace (``page_text``);
    an input read as plain text is its text."""
    if article.source.format == "text":
        return re.sub(r"\s+", "", _normal(decode(data, max_bytes=10**9).text))
    return page_text(data)


def assert_nothing_invented(text: str, article: articlekit.Article) -> None:
    """Every word of the output is on the page (``text``: its ``visible_text``). Words are
    compared as substrings of the page's text without spaces, as
    "Ketamine<script>…</script>IV" reads "KetamineIV"."""
    outputs = [article.text]
    outputs += [t for r in article.related_posts for t in (r.title, r.excerpt) if t]
    outputs += [p.text for p in article.promotions]
    for output in outputs:
        invented = {w for w in _words(output) if w not in text}
        assert not invented, f"words not on the page: {sorted(invented)[:10]} in {output[:200]!r}"


def _squeezed(root: html.HtmlElement) -> str:
    return re.sub(r"\s+", "", _normal("".join(root.itertext())))


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def assert_safe(record: dict[str, Any], *, absolute: bool = True, page: str | None = None) -> None:
    """No script URL anywhere, every URL field safe (and absolute when the page URL is
    known), no script or style text. ``page``: the page's visible text (``page_text``)."""
    for url in record_urls(record):
        if url is not None and (absolute or _HAS_SCHEME.match(url)):
            assert _SAFE_SCHEMES.match(url), url
    for text in record_strings({k: v for k, v in record.items() if k != "source"}):
        # No value is a script or data URL ("javascript:" inside a text or a path is text,
        # and so is a paragraph of the page that reads "javascript:" — URL fields are
        # checked above).
        if _UNSAFE.match(re.sub(r"[\x00-\x20]", "", text)):
            assert page is not None and re.sub(r"\s+", "", _normal(text)) in page, text[:300]
        assert SCRIPT_WORD not in text and STYLE_WORD not in text, text[:300]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(_normal(text)))


def record_urls(record: dict[str, Any]) -> Iterator[str | None]:
    yield record["metadata"]["canonical_url"]
    yield record["metadata"]["image"]
    yield record["organization"]["url"]
    for field in ("related_posts", "promotions"):
        for item in record[field]:
            yield item["url"]


def record_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from record_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from record_strings(v)


# -- generated pages ---------------------------------------------------------------------

WORDS = (
    "Ketamine infusion therapy helps patients with depression and chronic pain . "
    "Potential side effects include nausea , dizziness and high blood pressure . "
    "Benefits of BodyTite : tighter skin , less downtime . How it works ? What to expect "
    "Related Posts You may also like Read more … Book your consultation today Call us "
    "Get more information about Optimal Medical Group in Fresno at https://omgwellnessmd.com "
    "Check out what others are saying about our services on Yelp Share Facebook Twitter "
    "Subscribe to our newsletter Leave a comment Posted by Dr. Smith on May 2 , 2023 FAQ "
    "Cost and insurance Recovery and aftercare Who is a good candidate ? © 2024 Menu Home"
).split()
# Not <xmp> or <plaintext>: they show markup as text, so a script in one *is* visible text.
TAGS = (
    "p div span a b strong i em h1 h2 h3 h4 ul ol li article section main nav aside footer header "
    "table tr td th blockquote pre br hr img figure figcaption form button label input details summary "
    "noscript template iframe svg math noframes noembed dl dt dd font center time"
).split()
CLASSES = (
    "entry-content post-content article-body related-posts yarpp-related jp-relatedposts share "
    "sharedaddy social sidebar widget comments comment-respond newsletter cta elementor-widget "
    "wp-block-group et_pb_text accordion toggle tab byline post-meta breadcrumb"
).split()
HREFS = (
    "/blog/other-post/",
    "other-post/",
    "../up/",
    "https://clinic.example/book/",
    "https://www.yelp.com/biz/clinic",
    "mailto:front@clinic.example",
    "tel:+15595550100",
    "#top",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#10;script:alert(1)",
    "&#106;avascript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "http://[broken",
    "//cdn.example/x",
    "",
)


def _text() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
    noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
    entities = st.sampled_from(["&amp;", "&lt;", "&nbsp;", "&#8230;", "&#x2014;", "&bogus;", "&#0;", "&"])
    return st.one_of(words, words, words, noise, entities).map(lambda t: t.replace("<", "&lt;"))


def _attributes() -> st.SearchStrategy[str]:
    attribute = st.one_of(
        st.sampled_from(CLASSES).map(lambda c: f'class="{c}"'),
        st.sampled_from(CLASSES).map(lambda c: f'id="{c}"'),
        st.sampled_from(HREFS).map(lambda h: f'href="{h}"'),
        st.sampled_from(HREFS).map(lambda h: f'src="{h}"'),
        st.just('onclick="alert(1)"'),
        st.just('onmouseover="alert(2)" style="color: red"'),
        st.just('role="navigation"'),
        st.just('aria-expanded="false"'),
        st.just('itemprop="articleBody"'),
    )
    return st.lists(attribute, max_size=3).map(lambda a: (" " + " ".join(a)) if a else "")


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(_attributes())
        inner = "".join(draw(st.lists(children, max_size=6)))
        closed = draw(st.booleans()) or draw(st.booleans())  # a quarter left unclosed
        return f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else "")

    return build()


_SCRIPTS = st.sampled_from(
    [
        f"<script>var {SCRIPT_WORD} = '<p>{SCRIPT_WORD}</p>'; alert(1)</script>",
        f"<style>p {{ color: red }} .{STYLE_WORD} {{}}</style>",
        f'<script type="application/ld+json">{{"@type": "BlogPosting", "headline": "{SCRIPT_WORD}"</script>',
        "<script type='application/ld+json'>"
        '{"@type": "MedicalClinic", "url": "javascript:alert(1)"}</script>',
    ]
)
_HEAD = st.lists(
    st.sampled_from(
        [
            "<title>Ketamine infusion therapy | Clinic</title>",
            '<base href="https://cdn.example/site/">',
            "<base href='javascript:alert(1)//'>",
            '<link rel="canonical" href="javascript:alert(1)">',
            '<link rel="canonical" href="/blog/post/">',
            '<meta property="og:image" content="data:image/png;base64,AAAA">',
            '<meta property="og:url" content="vbscript:x">',
            '<meta charset="shift_jis">',
        ]
    ),
    max_size=4,
).map("".join)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A small page: a head of hostile tags, and a body of random, partly unclosed elements."""
    node = st.recursive(_text(), lambda children: st.one_of(_element(children), _SCRIPTS), max_leaves=40)
    body = "".join(draw(st.lists(node, min_size=1, max_size=8)))
    head = draw(_HEAD)
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# -- mutated fixtures --------------------------------------------------------------------

_SNIPPETS = [
    b"<div>" * 300,
    b"</div></div></article>",
    b"<script>",
    b"<!--",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"<title>",
    b"<noframes>",
    b"<template>",
    b"<base href='javascript:alert(1)//'>",
    b"<a href='java\tscript:alert(1)'>Book your consultation</a>",
    b'<script type="application/ld+json">' + b"[" * 5000 + b"</script>",
    b"<table><tr><td>",
    b"&#0;&#xD800;&#99999999;",
]


@cache
def fixture_pages() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in sorted(FIXTURES.glob("*/page.html")))


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> bytes:
    """A real fixture page, damaged by up to five byte-level mutations."""
    data = bytearray(draw(st.sampled_from(fixture_pages())))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "flip"]))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(_SNIPPETS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 5000))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 5000))]
        elif kind == "truncate":
            del data[at:]
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)
