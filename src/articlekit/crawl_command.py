"""The ``articlekit crawl SITE_URL`` command: discover a site's posts, fetch and extract each.

One JSON line per discovered URL, in discovery order: the extraction, or an error
record. Progress goes to stderr while it is a terminal; a summary line follows
unless ``--quiet``. Exit status: 0 when every post was extracted, 1 when some (or
the discovery) failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from .batch_command import open_output
from .discover import discover
from .errors import ArticlekitError, FetchError, InvalidURL
from .fetch import Fetcher
from .model import Failure
from .options import FetchOptions, Options
from .web import extract_urls, select_urls

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


def add_crawl_command(sub: Any) -> argparse.ArgumentParser:
    """Add the ``crawl`` subcommand to the parser's subparsers; returns its parser."""
    defaults = FetchOptions()
    p: argparse.ArgumentParser = sub.add_parser(
        "crawl", help="find a clinic site's blog posts (sitemaps, feeds, blog index) and extract each"
    )
    p.add_argument("site_url", metavar="SITE_URL", help="the site (https://clinic.example/) or its blog")
    p.add_argument("-o", "--output", help="write JSON lines here instead of stdout")
    p.add_argument("--limit", type=int, metavar="N", help="extract at most N posts")
    p.add_argument("--include", metavar="REGEX", help="only URLs this regex finds a match in")
    p.add_argument("--exclude", metavar="REGEX", help="skip URLs this regex finds a match in")
    p.add_argument("--all-pages", action="store_true", help="the site's other pages too, not only posts")
    p.add_argument(
        "--delay",
        type=float,
        default=defaults.delay,
        metavar="S",
        help=f"least seconds between two requests to the site (default {defaults.delay}; "
        "a larger robots.txt Crawl-delay wins)",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=defaults.concurrency,
        metavar="N",
        help=f"pages fetched and extracted at once (default {defaults.concurrency})",
    )
    p.add_argument("--no-cache", action="store_true", help="do not read or write the HTTP cache")
    p.add_argument("--cache-dir", metavar="DIR", help=f"HTTP cache directory (default {default_cache_dir()})")
    p.add_argument(
        "--allow-private-hosts",
        action="store_true",
        help="allow sites on private or loopback addresses (intranets, local tests)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    p.set_defaults(handler=run_crawl)
    return p


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "articlekit" / "http"


def run_crawl(args: argparse.Namespace, options: Options) -> int:
    try:
        fetch_options = _fetch_options(args)
        for pattern in (args.include, args.exclude):
            if pattern:
                re.compile(pattern)
    except (ArticlekitError, re.error) as exc:
        return _usage(exc.message if isinstance(exc, ArticlekitError) else f"bad regex: {exc}")
    if args.limit is not None and args.limit < 1:
        return _usage("--limit must be 1 or more")
    progress = _Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty())
    start = time.monotonic()
    with Fetcher(fetch_options) as fetcher:
        progress.say(f"discovering the posts of {args.site_url}")
        try:
            found = discover(args.site_url, fetcher=fetcher, posts_only=not args.all_pages)
        except InvalidURL as exc:
            return _usage(exc.message)
        except FetchError as exc:
            print(f"articlekit: {type(exc).__name__}: {exc.message}", file=sys.stderr)
            return EXIT_FAILURES
        urls = select_urls(found, include=args.include, exclude=args.exclude, limit=args.limit)
        if not urls:
            print(f"articlekit: no posts found on {args.site_url}", file=sys.stderr)
            return EXIT_FAILURES
        failed = 0
        with open_output(args.output) as out:
            for done, record in enumerate(extract_urls(urls, options, fetcher=fetcher), 1):
                out.write(record.to_json(indent=None) + "\n")
                out.flush()
                failed += isinstance(record, Failure)
                progress.say(f"{done}/{len(urls)} posts, {failed} failed")
    progress.clear()
    if not args.quiet:
        seconds = time.monotonic() - start
        print(
            f"articlekit: {len(urls)} posts ({len(found)} found): {len(urls) - failed} extracted, "
            f"{failed} failed, in {seconds:.1f} s",
            file=sys.stderr,
        )
    return EXIT_FAILURES if failed else EXIT_OK


def _fetch_options(args: argparse.Namespace) -> FetchOptions:
    cache = None if args.no_cache else Path(args.cache_dir) if args.cache_dir else default_cache_dir()
    return FetchOptions(
        delay=args.delay,
        concurrency=args.concurrency,
        cache_dir=cache,
        allow_private_hosts=args.allow_private_hosts,
    )


def _usage(message: str) -> int:
    print(f"articlekit: {message}", file=sys.stderr)
    return EXIT_USAGE


class _Progress:
    """One redrawn status line on a terminal; nothing otherwise."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream, self.enabled, self.width = stream, enabled, 0

    def say(self, text: str) -> None:
        if self.enabled:
            self.stream.write("\r" + text.ljust(self.width))
            self.stream.flush()
            self.width = len(text)

    def clear(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
