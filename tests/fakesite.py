"""A fake clinic website on 127.0.0.1, served by a real HTTP server, built from fixtures/pages.

Layout (``site.url`` is ``http://127.0.0.1:PORT``)::

    /robots.txt                 Disallow: /private/, Sitemap: /sitemap_index.xml
    /sitemap_index.xml          -> post-sitemap.xml, post-sitemap2.xml.gz, page-sitemap.xml,
                                   category-sitemap.xml
    /post-sitemap.xml           4 posts (one under /private/, one that fails twice, one 404)
    /post-sitemap2.xml.gz       2 posts, gzipped
    /page-sitemap.xml           home, services, contact
    /feed/                      RSS: 2 posts, one of them only in the feed
    /blog/, /blog/page/2/       a paginated index ("Older posts")
    /blog/<slug>/               the posts: fixture pages
    /test/...                   the hostile endpoints of test_fetch.py

A second layout (``sitemaps=False``) has no sitemaps and no feed, so discovery
falls back to the paginated blog index.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"

# Slugs of fixture pages served as blog posts.
SITEMAP_POSTS = ["wp-gutenberg-iv-hydration", "elementor-botox", "divi-dental-implants"]
GZIP_POSTS = ["webflow-bodytite", "hugo-spravato"]
FEED_ONLY_POST = "squarespace-testosterone"
INDEX_ONLY_POST = "wix-physical-therapy"
PRIVATE_POST = "seed-wordpress-classic"


def page_html(slug: str) -> bytes:
    return (PAGES / slug / "page.html").read_bytes()


@dataclass
class FakeSite:
    server: HTTPServer
    hits: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    def count(self, path: str) -> None:
        self.hits[path] = self.hits.get(path, 0) + 1

    def serve(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handler(request: Request) -> Response:
            self.count(path)
            return Response(data, status=status, content_type=content_type, headers=headers)

        self.server.expect_request(path).respond_with_handler(handler)


@contextmanager
def serve_site(*, sitemaps: bool = True, robots_extra: str = "") -> Iterator[FakeSite]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404  # an unknown path is missing, not a server error
    server.start()
    try:
        site = FakeSite(server)
        _build(site, sitemaps=sitemaps, robots_extra=robots_extra)
        yield site
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def _urlset(site: FakeSite, paths: list[str]) -> str:
    locs = "".join(f"<url><loc>{site.url}{p}</loc><lastmod>2024-05-01</lastmod></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'


def _build(site: FakeSite, *, sitemaps: bool, robots_extra: str) -> None:
    base = site.url
    robots = "User-agent: *\nDisallow: /private/\n" + robots_extra
    if sitemaps:
        robots += f"Sitemap: {base}/sitemap_index.xml\n"
    site.serve("/robots.txt", robots, "text/plain")
    for slug in [*SITEMAP_POSTS, *GZIP_POSTS, FEED_ONLY_POST, INDEX_ONLY_POST]:
        site.serve(f"/blog/{slug}/", page_html(slug))
    site.serve(f"/private/{PRIVATE_POST}/", page_html(PRIVATE_POST))
    _flaky(site, "/blog/flaky-prp-post/", page_html("elementor-accordion-prp"), failures=2)
    site.serve("/blog/deleted-post/", "<h1>Not found</h1>", status=404)
    site.serve(
        "/",
        "<html><head><title>Clinic</title>"
        f'<link rel="alternate" type="application/rss+xml" href="{base}/feed/"></head>'
        "<body><a href='/blog/'>Blog</a></body></html>",
    )
    site.serve("/services/botox/", "<h1>Botox</h1>")
    _blog_index(site)
    if not sitemaps:
        return
    index = "".join(
        f"<sitemap><loc>{base}/{name}</loc></sitemap>"
        for name in ("post-sitemap.xml", "post-sitemap2.xml.gz", "page-sitemap.xml", "category-sitemap.xml")
    )
    site.serve(
        "/sitemap_index.xml",
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{index}</sitemapindex>",
        "application/xml",
    )
    posts = [f"/blog/{s}/" for s in SITEMAP_POSTS]
    posts += [
        f"/private/{PRIVATE_POST}/",
        "/blog/flaky-prp-post/",
        "/blog/deleted-post/",
        "/blog/wp-gutenberg-iv-hydration/?utm_source=sitemap#top",
    ]
    site.serve("/post-sitemap.xml", _urlset(site, posts), "application/xml")
    gz = gzip.compress(_urlset(site, [f"/blog/{s}/" for s in GZIP_POSTS]).encode())
    site.serve("/post-sitemap2.xml.gz", gz, "application/x-gzip")
    site.serve("/page-sitemap.xml", _urlset(site, ["/", "/services/botox/", "/contact/"]), "application/xml")
    site.serve("/category-sitemap.xml", _urlset(site, ["/category/botox/"]), "application/xml")
    items = "".join(
        f"<item><title>{s}</title><link>{base}/blog/{s}/</link></item>"
        for s in (SITEMAP_POSTS[0], FEED_ONLY_POST)
    )
    site.serve(
        "/feed/",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Clinic</title>{items}</channel></rss>',
        "application/rss+xml",
    )


def _blog_index(site: FakeSite) -> None:
    first = "".join(f'<article><h2><a href="/blog/{s}/">{s}</a></h2></article>' for s in SITEMAP_POSTS)
    site.serve(
        "/blog/",
        f"<html><body><main>{first}"
        '<a href="/category/botox/">Botox</a><a href="/tag/iv/">IV</a>'
        '<div class="nav-links"><a class="next" href="/blog/page/2/">Older posts</a></div>'
        "</main></body></html>",
    )
    second = f'<article><h2><a href="/blog/{INDEX_ONLY_POST}/">Back pain</a></h2></article>'
    site.serve(
        "/blog/page/2/", f'<html><body><main>{second}<a href="/blog/">Newer posts</a></main></body></html>'
    )


def _flaky(site: FakeSite, path: str, body: bytes, *, failures: int) -> None:
    def handler(request: Request) -> Response:
        site.count(path)
        if site.hits[path] <= failures:
            return Response("busy", status=500)
        return Response(body, content_type="text/html; charset=utf-8")

    site.server.expect_request(path).respond_with_handler(handler)


def slow(site: FakeSite, path: str, seconds: float) -> None:
    def handler(request: Request) -> Response:
        site.count(path)
        time.sleep(seconds)
        return Response("<p>late</p>", content_type="text/html")

    site.server.expect_request(path).respond_with_handler(handler)


def endless(site: FakeSite, path: str, total: int, *, length_header: bool) -> None:
    """A body of ``total`` bytes produced lazily; ``site.hits[path + '#chunks']`` counts chunks sent."""
    chunk = b"<p>" + b"a" * (64 * 1024 - 7) + b"</p>\n"

    def body() -> Iterator[bytes]:
        sent = 0
        while sent < total:
            site.count(path + "#chunks")
            sent += len(chunk)
            yield chunk

    def handler(request: Request) -> Response:
        site.count(path)
        headers = {"Content-Length": str(total)} if length_header else None
        return Response(body(), content_type="text/html", headers=headers, direct_passthrough=True)

    site.server.expect_request(path).respond_with_handler(handler)
