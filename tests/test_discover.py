"""Discovery of a clinic's blog posts against a real HTTP server on 127.0.0.1; the URL rules' examples."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator

import pytest
from fakesite import (
    FEED_ONLY_POST,
    GZIP_POSTS,
    INDEX_ONLY_POST,
    SITEMAP_POSTS,
    FakeSite,
    serve_site,
)

import articlekit
from articlekit.discover import _xml, normalize_url, url_rules

FAST = articlekit.FetchOptions(allow_private_hosts=True, delay=0, backoff=0.01, read_timeout=2)


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    with serve_site() as fake:
        yield fake


def test_discovers_posts_from_sitemap_index_gzip_and_feed(site: FakeSite) -> None:
    urls = articlekit.discover(site.url + "/", FAST)
    expected = [f"{site.url}/blog/{s}/" for s in SITEMAP_POSTS]
    expected += [f"{site.url}/blog/flaky-prp-post/", f"{site.url}/blog/deleted-post/"]
    expected += [f"{site.url}/blog/{s}/" for s in GZIP_POSTS]
    expected += [f"{site.url}/blog/{FEED_ONLY_POST}/"]
    assert urls == expected  # sitemap order, then the feed; deduplicated, robots-disallowed dropped
    assert not any("/private/" in u or "/category/" in u or "/services/" in u for u in urls)
    assert site.hits.get("/category-sitemap.xml") is None  # taxonomy sitemaps are never read
    assert site.hits.get("/page-sitemap.xml") is None  # nor page sitemaps when only posts are asked for


def test_all_pages_includes_site_pages_but_not_archives(site: FakeSite) -> None:
    urls = articlekit.discover(site.url, FAST, posts_only=False)
    assert f"{site.url}/services/botox/" in urls
    assert f"{site.url}/contact/" in urls
    assert f"{site.url}/category/botox/" not in urls
    assert f"{site.url}/" not in urls


def test_without_sitemaps_the_paginated_blog_index_is_read() -> None:
    with serve_site(sitemaps=False) as fake:
        urls = articlekit.discover(fake.url, FAST)
    assert f"{fake.url}/blog/{INDEX_ONLY_POST}/" in urls  # only on /blog/page/2/, behind "Older posts"
    assert set(urls) == {f"{fake.url}/blog/{s}/" for s in [*SITEMAP_POSTS, INDEX_ONLY_POST]}


def test_wordpress_core_sitemap_and_atom_feed() -> None:
    with serve_site(sitemaps=False) as fake:
        base = fake.url
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        fake.serve(
            "/wp-sitemap.xml",
            f"<sitemapindex {ns}>"
            f"<sitemap><loc>{base}/wp-sitemap-posts-post-1.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/wp-sitemap-users-1.xml</loc></sitemap></sitemapindex>",
            "application/xml",
        )
        post = f"<url><loc>{base}/2024/05/iv-hydration/</loc></url>"
        fake.serve("/wp-sitemap-posts-post-1.xml", f"<urlset {ns}>{post}</urlset>", "application/xml")
        fake.serve(
            "/feed/",
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            f'<link rel="alternate" href="{base}/2024/06/ketamine/"/></entry></feed>',
            "application/atom+xml",
        )
        urls = articlekit.discover(base, FAST)
        assert urls == [f"{base}/2024/05/iv-hydration/", f"{base}/2024/06/ketamine/"]
        assert "/wp-sitemap-users-1.xml" not in fake.hits


def test_a_plain_sitemap_keeps_only_blog_urls() -> None:
    with serve_site(sitemaps=False) as fake:
        base = fake.url
        locs = "".join(
            f"<url><loc>{base}{p}</loc></url>"
            for p in ("/", "/botox/", "/blog/what-is-prp/", "/about-us/", "/blog/tag/prp/")
        )
        fake.serve("/sitemap.xml", f"<urlset>{locs}</urlset>", "text/xml")
        fake.serve("/feed/", "nothing", status=404)
        assert articlekit.discover(base, FAST) == [f"{base}/blog/what-is-prp/"]


def test_discovery_is_polite_by_default_delay(site: FakeSite) -> None:
    start = time.monotonic()
    articlekit.discover(site.url, FAST)
    assert time.monotonic() - start < 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Clinic.Example:80/blog/post/#top", "http://clinic.example/blog/post/"),
        (
            "https://clinic.example/blog/post/?utm_source=x&id=3&fbclid=y",
            "https://clinic.example/blog/post/?id=3",
        ),
        ("https://clinic.example", "https://clinic.example/"),
        ("https://clinic.example:8443//blog//x", "https://clinic.example:8443/blog/x"),
        ("mailto:info@clinic.example", None),
        ("javascript:void(0)", None),
    ],
)
def test_normalize_url(url: str, expected: str | None) -> None:
    assert normalize_url(url) == expected


def test_xml_is_parsed_without_entity_expansion() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
        + b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + b"<urlset><url><loc>&lol9;&xxe;</loc></url></urlset>"
    )
    start = time.monotonic()
    tree = _xml(bomb)
    assert time.monotonic() - start < 1
    text = "".join(tree.itertext()) if tree is not None else ""
    assert "root:" not in text and len(text) < 1000


def test_a_gzip_bomb_sitemap_is_bounded() -> None:
    with serve_site(sitemaps=False, robots_extra="Sitemap: /sitemap.xml.gz\n") as fake:
        bomb = gzip.compress(b"<urlset>" + b" " * 20_000_000 + b"</urlset>", compresslevel=9)
        fake.serve("/sitemap.xml.gz", bomb, "application/x-gzip")
        opts = articlekit.FetchOptions(allow_private_hosts=True, delay=0, max_bytes=1_000_000)
        urls = articlekit.discover(fake.url, opts)  # the sitemap is refused, discovery goes on
        assert fake.hits["/sitemap.xml.gz"] == 1
        assert f"{fake.url}/blog/{INDEX_ONLY_POST}/" in urls


RULES = url_rules()


@pytest.mark.parametrize("rule", RULES.excludes + RULES.posts + RULES.sitemaps, ids=lambda r: r.id)
def test_url_rule_examples(rule: object) -> None:
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("articlekit").joinpath("rules/urls.toml").read_text())
    entry = next(e for table in data.values() for e in table if e["id"] == rule.id)  # type: ignore[attr-defined]
    assert entry["reason"] and entry["examples"]
    for example in entry["examples"]:
        assert rule.pattern.search(example), example  # type: ignore[attr-defined]
    for counter in entry.get("counter_examples", []):
        assert not rule.pattern.search(counter), counter  # type: ignore[attr-defined]
