"""URLs to records and ``articlekit crawl``, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakesite import GZIP_POSTS, SITEMAP_POSTS, FakeSite, serve_site

import articlekit
from articlekit.cli import main

FAST = articlekit.FetchOptions(allow_private_hosts=True, delay=0, backoff=0.01, read_timeout=2)
CRAWL_FLAGS = ["--delay", "0", "--allow-private-hosts", "--no-cache", "-q"]


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    with serve_site() as fake:
        yield fake


def test_extract_url_records_where_and_when(site: FakeSite) -> None:
    url = f"{site.url}/blog/wp-gutenberg-iv-hydration/"
    record = articlekit.extract_url(url, fetch_options=FAST)
    assert isinstance(record, articlekit.Article)
    source = record.source
    assert (source.input, source.url, source.final_url, source.http_status) == ("url", url, url, 200)
    assert source.fetched_at and source.fetched_at.endswith("Z")
    assert source.encoding == "utf-8"
    assert record.title and record.word_count > 100
    assert record.to_dict()["source"]["input"] == "url"


def test_a_wrong_declared_charset_does_not_garble_the_text(site: FakeSite) -> None:
    body = (
        "<html><head><title>Thérapie IV</title></head><body><article><h1>La thérapie IV à la clinique</h1>"
        + "<p>Notre équipe médicale prépare chaque perfusion après une évaluation complète. </p>" * 8
        + "</article></body></html>"
    )
    site.serve("/blog/charset-lies/", body.encode("utf-8"), "text/html; charset=iso-8859-1")
    record = articlekit.extract_url(f"{site.url}/blog/charset-lies/", fetch_options=FAST)
    assert isinstance(record, articlekit.Article)
    assert "équipe médicale" in record.text and "Ã" not in record.text


def test_a_page_in_latin1_declared_in_the_header_is_decoded(site: FakeSite) -> None:
    body = "<html><body><article><h1>Épilation laser</h1>" + "<p>Séance rapide et efficace. </p>" * 12
    data = (body + "</article></body></html>").encode("latin-1")
    site.serve("/blog/latin1/", data, "text/html; charset=latin-1")
    record = articlekit.extract_url(f"{site.url}/blog/latin1/", fetch_options=FAST)
    assert isinstance(record, articlekit.Article)
    assert "Séance rapide" in record.text
    assert record.source.encoding_source == "http-header"


@pytest.mark.parametrize(
    ("path", "error", "status"),
    [
        ("/blog/deleted-post/", "HTTPStatusError", 404),
        ("/private/seed-wordpress-classic/", "RobotsDisallowed", None),
    ],
)
def test_fetch_failures_are_records(site: FakeSite, path: str, error: str, status: int | None) -> None:
    record = articlekit.extract_url(site.url + path, fetch_options=FAST)
    assert isinstance(record, articlekit.Failure)
    assert (record.type, record.stage, record.source.http_status) == (error, "fetch", status)
    data = record.to_dict()
    assert data["error"]["type"] == error and data["source"]["url"] == site.url + path


def test_a_pdf_url_is_an_error_record(site: FakeSite) -> None:
    site.serve("/blog/price-list.pdf", b"%PDF-1.7\n", "application/pdf")
    record = articlekit.extract_url(f"{site.url}/blog/price-list.pdf", fetch_options=FAST)
    assert isinstance(record, articlekit.Failure) and record.type == "UnsupportedContentType"


def test_crawl_command_gives_one_record_per_post(tmp_path: Path) -> None:
    out = tmp_path / "posts.jsonl"
    with serve_site() as fake:
        code = main(["crawl", fake.url, "-o", str(out), *CRAWL_FLAGS])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({r["source"]["url"] for r in records}) == len(records)
    assert len(records) == 8
    errors = {r["source"]["url"].removeprefix(fake.url): r["error"]["type"] for r in records if "error" in r}
    assert errors == {"/blog/deleted-post/": "HTTPStatusError"}
    flaky = next(r for r in records if r["source"]["url"].endswith("/flaky-prp-post/"))
    assert flaky["source"]["http_status"] == 200 and flaky["article"]["word_count"] > 50
    assert all(r["source"]["input"] == "url" for r in records)
    assert code == 1  # one post failed, and has its record


def test_crawl_include_exclude_limit(site: FakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    select = ["--include", "/blog/", "--exclude", "deleted|flaky", "--limit", "3"]
    code = main(["crawl", site.url, *select, *CRAWL_FLAGS])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    urls = [json.loads(line)["source"]["url"] for line in lines]
    assert urls == [f"{site.url}/blog/{s}/" for s in SITEMAP_POSTS]
    assert all(s not in " ".join(urls) for s in GZIP_POSTS)


@pytest.mark.parametrize(
    "argv",
    [
        ["crawl", "ftp://x/"],
        ["crawl", "https://x/", "--limit", "0"],
        ["crawl", "https://x/", "--include", "("],
        ["crawl", "https://x/", "--concurrency", "0"],
    ],
)
def test_crawl_usage_errors(argv: list[str]) -> None:
    assert main(argv) == 2


def test_extract_command_takes_urls_and_refuses_private_hosts(
    site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", f"{site.url}/blog/elementor-botox/", "--workers", "0", "-q"])
    record = json.loads(capsys.readouterr().out)
    assert code == 1
    assert record["error"]["type"] == "BlockedHost" and record["source"]["input"] == "url"
