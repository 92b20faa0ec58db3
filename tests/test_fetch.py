"""Fetching against a real HTTP server on 127.0.0.1 (no network mocks)."""

from __future__ import annotations

import gzip
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakesite import FakeSite, endless, page_html, serve_site, slow
from werkzeug import Request, Response

import articlekit
from articlekit.fetch import is_public_address

# Fast settings: the server is local, so tests need no politeness delay.
FAST = articlekit.FetchOptions(
    allow_private_hosts=True, delay=0, backoff=0.01, connect_timeout=2, read_timeout=2, total_timeout=10
)


def opts(**changes: object) -> articlekit.FetchOptions:
    from dataclasses import replace

    return replace(FAST, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    with serve_site() as fake:
        yield fake


def test_fetches_a_page_with_headers_charset_and_user_agent(site: FakeSite) -> None:
    page = articlekit.fetch(f"{site.url}/blog/elementor-botox/", FAST)
    assert page.status == 200
    assert page.content == page_html("elementor-botox")
    assert page.charset == "utf-8"
    assert page.content_type == "text/html"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", page.fetched_at)
    request = next(r for r, _ in site.server.log if r.path == "/blog/elementor-botox/")
    assert request.headers["User-Agent"].startswith(f"articlekit/{articlekit.__version__}")


def test_slow_page_times_out(site: FakeSite) -> None:
    slow(site, "/test/slow/", 3)
    start = time.monotonic()
    with pytest.raises(articlekit.FetchTimeout) as info:
        articlekit.fetch(f"{site.url}/test/slow/", opts(read_timeout=0.3, retries=0))
    assert isinstance(info.value, TimeoutError)
    assert time.monotonic() - start < 2


def test_total_timeout_bounds_retries(site: FakeSite) -> None:
    slow(site, "/test/slow-total/", 0.4)
    start = time.monotonic()
    with pytest.raises(articlekit.FetchTimeout):
        articlekit.fetch(f"{site.url}/test/slow-total/", opts(read_timeout=0.2, retries=10, total_timeout=1))
    assert time.monotonic() - start < 2


def test_500_twice_then_success_is_retried(site: FakeSite) -> None:
    page = articlekit.fetch(f"{site.url}/blog/flaky-prp-post/", FAST)
    assert page.status == 200
    assert site.hits["/blog/flaky-prp-post/"] == 3


def test_persistent_500_gives_up_after_retries(site: FakeSite) -> None:
    site.serve("/test/down/", "down", status=503)
    with pytest.raises(articlekit.HTTPStatusError) as info:
        articlekit.fetch(f"{site.url}/test/down/", opts(retries=2))
    assert info.value.status == 503
    assert site.hits["/test/down/"] == 3


def test_404_is_not_retried(site: FakeSite) -> None:
    with pytest.raises(articlekit.HTTPStatusError) as info:
        articlekit.fetch(f"{site.url}/blog/deleted-post/", FAST)
    assert info.value.status == 404
    assert site.hits["/blog/deleted-post/"] == 1


def test_429_honours_retry_after(site: FakeSite) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<p>ok</p>", content_type="text/html")

    site.server.expect_request("/test/rate-limited/").respond_with_handler(handler)
    page = articlekit.fetch(f"{site.url}/test/rate-limited/", FAST)
    assert page.status == 200
    assert calls[1] - calls[0] >= 0.95


def test_429_with_a_too_long_retry_after_fails_at_once(site: FakeSite) -> None:
    site.serve("/test/go-away/", "later", status=429, headers={"Retry-After": "3600"})
    start = time.monotonic()
    with pytest.raises(articlekit.HTTPStatusError) as info:
        articlekit.fetch(f"{site.url}/test/go-away/", FAST)
    assert info.value.status == 429
    assert time.monotonic() - start < 1


def test_redirects_are_followed_and_loops_refused(site: FakeSite) -> None:
    site.serve("/test/moved/", "", status=301, headers={"Location": "/blog/elementor-botox/"})
    page = articlekit.fetch(f"{site.url}/test/moved/", FAST)
    assert page.url == f"{site.url}/test/moved/"
    assert page.final_url == f"{site.url}/blog/elementor-botox/"
    site.serve("/test/loop-a/", "", status=302, headers={"Location": "/test/loop-b/"})
    site.serve("/test/loop-b/", "", status=302, headers={"Location": "/test/loop-a/"})
    with pytest.raises(articlekit.TooManyRedirects, match="loop"):
        articlekit.fetch(f"{site.url}/test/loop-a/", FAST)
    for i in range(4):
        site.serve(f"/test/chain-{i}/", "", status=302, headers={"Location": f"/test/chain-{i + 1}/"})
    with pytest.raises(articlekit.TooManyRedirects):
        articlekit.fetch(f"{site.url}/test/chain-0/", opts(max_redirects=2))


def test_a_50_mb_body_is_aborted_while_streaming(site: FakeSite) -> None:
    endless(site, "/test/huge/", 50_000_000, length_header=False)
    start = time.monotonic()
    with pytest.raises(articlekit.ResponseTooLarge):
        articlekit.fetch(f"{site.url}/test/huge/", opts(max_bytes=1_000_000))
    assert time.monotonic() - start < 3
    # The server produced far fewer than the 763 chunks of the whole body. What it wrote
    # after the client stopped reading sits in loopback's socket buffers (several MiB, and
    # more chunks on a loaded machine: 113 were seen), so the bound is half the body.
    time.sleep(0.2)
    assert site.hits["/test/huge/#chunks"] < 763 // 2


def test_a_declared_50_mb_body_is_refused_before_reading(site: FakeSite) -> None:
    endless(site, "/test/huge-declared/", 50_000_000, length_header=True)
    with pytest.raises(articlekit.ResponseTooLarge, match="50,000,000"):
        articlekit.fetch(f"{site.url}/test/huge-declared/", opts(max_bytes=1_000_000))


def test_a_gzip_bomb_is_stopped_at_max_bytes(site: FakeSite) -> None:
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    site.serve("/test/bomb/", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(articlekit.ResponseTooLarge):
        articlekit.fetch(f"{site.url}/test/bomb/", opts(max_bytes=1_000_000))


def test_gzip_encoding_is_inflated(site: FakeSite) -> None:
    zipped = gzip.compress(page_html("hugo-spravato"))
    site.serve("/test/zipped/", zipped, headers={"Content-Encoding": "gzip"})
    assert articlekit.fetch(f"{site.url}/test/zipped/", FAST).content == page_html("hugo-spravato")


def test_corrupt_gzip_is_a_decoding_error(site: FakeSite) -> None:
    site.serve("/test/corrupt/", b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"})
    with pytest.raises(articlekit.ContentDecodingError):
        articlekit.fetch(f"{site.url}/test/corrupt/", FAST)


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/test/brochure.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("/test/logo.png", b"\x89PNG\r\n", "image/png"),
    ],
)
def test_pdf_and_images_are_refused(site: FakeSite, path: str, body: bytes, content_type: str) -> None:
    site.serve(path, body, content_type)
    with pytest.raises(articlekit.UnsupportedContentType, match=content_type):
        articlekit.fetch(f"{site.url}{path}", FAST)


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "/blog/x/", "http://"])
def test_only_http_and_https_urls(url: str) -> None:
    with pytest.raises(articlekit.InvalidURL):
        articlekit.fetch(url, FAST)


def test_private_hosts_are_refused_by_default(site: FakeSite) -> None:
    with pytest.raises(articlekit.BlockedHost, match=r"127\.0\.0\.1"):
        articlekit.fetch(f"{site.url}/blog/elementor-botox/", opts(allow_private_hosts=False))
    with pytest.raises(articlekit.BlockedHost):
        articlekit.fetch(f"http://localhost:{site.server.port}/", opts(allow_private_hosts=False))


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.100.100.200", False),  # Alibaba metadata, carrier-grade NAT
        ("fd00:ec2::254", False),  # AWS metadata over IPv6
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_robots_txt_is_obeyed(site: FakeSite) -> None:
    url = f"{site.url}/private/seed-wordpress-classic/"
    with pytest.raises(articlekit.RobotsDisallowed):
        articlekit.fetch(url, FAST)
    assert articlekit.fetch(url, opts(obey_robots=False)).status == 200


def test_crawl_delay_and_host_delay_space_requests() -> None:
    with serve_site(sitemaps=False, robots_extra="Crawl-delay: 0.3\n") as fake:
        slugs = ("elementor-botox", "hugo-spravato", "webflow-bodytite")
        urls = [f"{fake.url}/blog/{slug}/" for slug in slugs]
        start = time.monotonic()
        results = list(articlekit.fetch_many(urls, opts(concurrency=4)))
        elapsed = time.monotonic() - start
    assert [r.url for r in results if isinstance(r, articlekit.Page)] == urls
    assert elapsed >= 0.55  # three pages, 0.3 s apart


def test_fetch_many_keeps_order_and_returns_errors(site: FakeSite) -> None:
    urls = [f"{site.url}/blog/elementor-botox/", f"{site.url}/blog/deleted-post/", "ftp://x/", f"{site.url}/"]
    results = list(articlekit.fetch_many(urls, opts(concurrency=3, host_concurrency=2)))
    assert isinstance(results[0], articlekit.Page) and results[0].url == urls[0]
    assert isinstance(results[1], articlekit.HTTPStatusError) and results[1].url == urls[1]
    assert isinstance(results[2], articlekit.InvalidURL)
    assert isinstance(results[3], articlekit.Page)


def test_unreachable_server_is_a_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(articlekit.FetchConnectionError):
        articlekit.fetch(f"http://127.0.0.1:{port}/", opts(retries=1, obey_robots=False))


def test_cache_revalidates_with_etag_and_serves_304(site: FakeSite, tmp_path: Path) -> None:
    served: list[str] = []

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            served.append("304")
            return Response(status=304, headers={"ETag": '"v1"'})
        served.append("200")
        return Response(
            page_html("hugo-spravato"),
            content_type="text/html; charset=utf-8",
            headers={"ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"},
        )

    site.server.expect_request("/test/cached/").respond_with_handler(handler)
    cached = opts(cache_dir=tmp_path)
    first = articlekit.fetch(f"{site.url}/test/cached/", cached)
    second = articlekit.fetch(f"{site.url}/test/cached/", cached)
    assert served == ["200", "304"]
    assert not first.from_cache and second.from_cache
    assert second.content == first.content and second.charset == "utf-8"
    articlekit.fetch(f"{site.url}/test/cached/", FAST)  # no cache: a full download
    assert served[-1] == "200"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"read_timeout": 0},
        {"retries": -1},
        {"max_bytes": 0},
        {"concurrency": 0},
        {"delay": -1},
        {"user_agent": " "},
    ],
)
def test_bad_fetch_options_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(articlekit.OptionsError):
        articlekit.FetchOptions(**kwargs)  # type: ignore[arg-type]
