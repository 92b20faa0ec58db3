"""URLs to records: fetch a page, then extract it; a whole site: discover, fetch, extract.

Every URL gives exactly one record: an :class:`Article` whose ``source`` says where
and when it was fetched (``input`` "url", ``url``, ``final_url``, ``http_status``,
``fetched_at``, ``encoding``), or a :class:`Failure` saying why not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .decode import decode
from .discover import discover
from .errors import ArticlekitError, FetchError, HTTPStatusError
from .extract import extract
from .fetch import Fetcher, Page, ordered_map
from .model import Article, Failure, Source
from .options import FetchOptions, Options


def extract_url(
    url: str,
    options: Options | None = None,
    fetch_options: FetchOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> Article | Failure:
    """Fetch ``url`` and extract its article; never raises for a bad page or URL.

    Pass ``fetcher`` to share robots rules, per-host turns and the cache between URLs.
    """
    if fetcher is None:
        with Fetcher(fetch_options) as own:
            return extract_url(url, options, fetcher=own)
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        status = exc.status if isinstance(exc, HTTPStatusError) else None
        source = Source(url=url, input="url", http_status=status)
        return Failure.of(source, exc)
    return extract_page(page, options or Options())


def extract_page(page: Page, options: Options) -> Article | Failure:
    """Extract a fetched page, decoding it with the charset of its Content-Type."""
    source = Source(
        url=page.url,
        final_url=page.final_url,
        input="url",
        http_status=page.status,
        fetched_at=page.fetched_at,
    )
    if options.input_format == "auto" and page.content_type == "text/plain":
        options = replace(options, input_format="text")
    try:
        decoded = decode(page.content, http_charset=page.charset, max_bytes=options.max_bytes)
        article = extract(decoded.text, url=page.final_url, options=options)
    except ArticlekitError as exc:
        return Failure.of(source, exc)
    except RecursionError:
        return Failure(source, "RecursionError", "page is nested too deeply to process", "extract")
    except Exception as exc:  # a bug of ours must not end a crawl: record it and go on
        return Failure(source, "InternalError", f"{type(exc).__name__}: {exc}", "extract")
    source = replace(
        source,
        format=article.source.format,
        encoding=decoded.encoding,
        encoding_source=decoded.encoding_source,
    )
    return replace(article, source=source)


def select_urls(
    urls: Iterable[str],
    *,
    include: str | None = None,
    exclude: str | None = None,
    limit: int | None = None,
) -> list[str]:
    """URLs matching ``include`` (a regex searched in the URL), not ``exclude``, at most ``limit``."""
    keep = re.compile(include) if include else None
    drop = re.compile(exclude) if exclude else None
    chosen = [u for u in urls if (keep is None or keep.search(u)) and (drop is None or not drop.search(u))]
    return chosen if limit is None else chosen[:limit]


def extract_urls(
    urls: Iterable[str],
    options: Options | None = None,
    *,
    fetcher: Fetcher,
) -> Iterator[Article | Failure]:
    """:func:`extract_url` over many URLs, concurrently (``FetchOptions.concurrency``), in input order."""
    run: Callable[[str], Article | Failure] = lambda url: extract_url(url, options, fetcher=fetcher)  # noqa: E731
    return ordered_map(run, urls, workers=fetcher.options.concurrency)


def crawl(
    site_url: str,
    options: Options | None = None,
    fetch_options: FetchOptions | None = None,
    *,
    limit: int | None = None,
    include: str | None = None,
    exclude: str | None = None,
) -> Iterator[Article | Failure]:
    """Every blog post of a site (see :func:`articlekit.discover`) as a record, in discovery order."""
    with Fetcher(fetch_options) as fetcher:
        urls = select_urls(discover(site_url, fetcher=fetcher), include=include, exclude=exclude, limit=limit)
        yield from extract_urls(urls, options, fetcher=fetcher)
