"""One frozen, keyword-only options object; validated on construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import OptionsError

InputFormat = Literal["auto", "html", "text"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How :func:`articlekit.extract` behaves.

    Attributes:
        input_format: ``"auto"`` sniffs HTML or plain text; ``"html"`` / ``"text"`` force one.
        language: the page language (``"en"``, ``"es"``...) used to pick section cues;
            ``None`` takes it from the page.
        rules: extra rule files (TOML) whose entries add to or override the bundled ones:
            containers, boilerplate patterns, and the section taxonomy.
        max_bytes: inputs larger than this raise :class:`~articlekit.InputTooLarge`.
        max_elements: parsed pages with more elements than this raise InputTooLarge.
        timeout: seconds one page may take; ``None`` for no limit.
        min_article_words: a located region with fewer words is treated as not found.
    """

    input_format: InputFormat = "auto"
    language: str | None = None
    rules: tuple[Path, ...] = field(default_factory=tuple)
    max_bytes: int = 20_000_000
    max_elements: int = 500_000
    timeout: float | None = 30.0
    min_article_words: int = 25

    def __post_init__(self) -> None:
        if self.input_format not in ("auto", "html", "text"):
            raise OptionsError(f"input_format must be auto, html or text, not {self.input_format!r}")
        if self.max_bytes <= 0 or self.max_elements <= 0:
            raise OptionsError("max_bytes and max_elements must be positive")
        if self.timeout is not None and self.timeout <= 0:
            raise OptionsError("timeout must be positive or None")
        if self.min_article_words < 0:
            raise OptionsError("min_article_words must not be negative")
        object.__setattr__(self, "rules", tuple(Path(p) for p in self.rules))


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How :func:`articlekit.fetch`, :func:`articlekit.discover` and ``crawl`` use the network.

    Attributes:
        connect_timeout: seconds to open a connection.
        read_timeout: seconds to wait for each chunk of the answer.
        total_timeout: seconds one URL may take in all, retries and waits included.
        retries: how many times a connection error, a 429 or a 5xx is retried.
        backoff: the first retry waits about this many seconds, doubling each time (with
            jitter); a ``Retry-After`` header is honoured instead when the server sends one.
        max_retry_wait: the longest single wait before a retry; a longer ``Retry-After``
            ends the fetch with the error.
        max_redirects: redirects followed before :class:`~articlekit.TooManyRedirects`.
        max_bytes: the largest body accepted, counted after decompression while streaming.
        user_agent: the User-Agent header; ``None`` names articlekit and its version.
        obey_robots: fetch only what the site's robots.txt allows (and honour Crawl-delay).
        delay: the least number of seconds between two requests to one host.
        max_crawl_delay: a robots.txt Crawl-delay above this is capped to it.
        host_concurrency: requests in flight to one host at once.
        concurrency: requests in flight in all (threads of ``fetch_many`` and ``crawl``).
        cache_dir: a directory for the HTTP cache (ETag / Last-Modified revalidation);
            ``None`` for no cache.
        allow_private_hosts: allow hosts on private, loopback and link-local addresses
            (intranets, tests). Off by default so that a URL from a page or a user cannot
            reach internal services or a cloud metadata endpoint.
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_wait: float = 60.0
    max_redirects: int = 10
    max_bytes: int = 10_000_000
    user_agent: str | None = None
    obey_robots: bool = True
    delay: float = 1.0
    max_crawl_delay: float = 30.0
    host_concurrency: int = 1
    concurrency: int = 8
    cache_dir: Path | None = None
    allow_private_hosts: bool = False

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} must be positive")
        for name in ("retries", "backoff", "max_retry_wait", "max_redirects", "delay", "max_crawl_delay"):
            if getattr(self, name) < 0:
                raise OptionsError(f"{name} must not be negative")
        for name in ("max_bytes", "host_concurrency", "concurrency"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} must be positive")
        if self.user_agent is not None and not self.user_agent.strip():
            raise OptionsError("user_agent must not be empty")
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
