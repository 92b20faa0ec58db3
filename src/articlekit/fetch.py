"""Polite, safe HTTP fetching of clinic pages.

One URL is fetched in this order (each step can end it with a :class:`FetchError`):

1. the URL must be absolute ``http``/``https``;
2. the site's robots.txt must allow it (fetched once per site, cached; its
   Crawl-delay raises the per-host delay);
3. the host must not resolve to a private, loopback, link-local or metadata address
   (checked when the connection is opened, so a DNS answer cannot change in between,
   and again for every redirect), unless ``allow_private_hosts``;
4. the request waits for its host's turn (per-host delay and concurrency) and a
   global slot, carries a conditional header when the cache holds the URL, and is
   retried with exponential backoff and jitter on connection errors, 429 and 5xx,
   honouring ``Retry-After``;
5. a redirect goes back to step 2 for its target, up to ``max_redirects``;
6. the Content-Type must be a page (HTML, XHTML, plain text); the body is streamed,
   inflated in bounded pieces and refused as soon as it passes ``max_bytes``;
   a 304 serves the cached body.

:class:`Fetcher` holds what is shared between fetches (connections, robots rules,
host turns, the cache); :func:`fetch` and :func:`fetch_many` make one for a call.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import json
import os
import random
import socket
import tempfile
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from .errors import (
    BlockedHost,
    ContentDecodingError,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    ResponseTooLarge,
    RobotsDisallowed,
    TooManyRedirects,
    UnsupportedContentType,
)
from .options import FetchOptions

if TYPE_CHECKING:
    from .model import Article, Failure
    from .options import Options

# Media types accepted as pages; a response without a Content-Type is sniffed later by decode.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Statuses worth retrying: rate limited, or a server error that may pass.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# The token robots.txt rules are matched against.
ROBOTS_AGENT = "articlekit"
# Bytes read from the socket, and inflated, at a time.
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched page.

    ``url`` is the URL asked for, ``final_url`` the one that answered after redirects;
    ``headers`` have lower-case names; ``charset`` is the Content-Type's charset
    parameter, if any; ``fetched_at`` is ISO 8601 UTC; ``from_cache`` is true when
    the server answered 304 and the cached body was served.
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    charset: str | None
    fetched_at: str
    from_cache: bool = False

    @property
    def content_type(self) -> str | None:
        return _media_type(self.headers.get("content-type"))


def fetch(url: str, options: FetchOptions | None = None) -> Page:
    """Fetch one page (see the module docstring for the steps and their errors)."""
    with Fetcher(options) as fetcher:
        return fetcher.fetch(url)


def fetch_many(urls: Iterable[str], options: FetchOptions | None = None) -> Iterator[Page | FetchError]:
    """Fetch many pages concurrently; yields, in input order, a Page or the FetchError of each URL."""
    with Fetcher(options) as fetcher:
        yield from ordered_map(fetcher.fetch_or_error, urls, workers=fetcher.options.concurrency)


T = TypeVar("T")
R = TypeVar("R")


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int) -> Iterator[R]:
    """``map(fn, items)`` on a thread pool, in input order, with a bounded window of work ahead."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="articlekit") as pool:
        window: deque[Future[R]] = deque()
        for item in items:
            window.append(pool.submit(fn, item))
            if len(window) >= workers * 2:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


class Fetcher:
    """Fetches URLs sharing connections, robots rules, per-host turns and the cache.

    Thread-safe: ``fetch_many`` and ``crawl`` call one Fetcher from many threads.
    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, options: FetchOptions | None = None) -> None:
        from . import __version__

        self.options = options or FetchOptions()
        self.user_agent = (
            self.options.user_agent or f"articlekit/{__version__} (+https://pypi.org/project/articlekit/)"
        )
        self._client = httpx.Client(
            transport=_guarded_transport(self.options),
            headers={"user-agent": self.user_agent, "accept-encoding": "gzip, deflate"},
            follow_redirects=False,
            trust_env=False,
        )
        self._hosts = _HostTurns(self.options.host_concurrency)
        self._slots = threading.BoundedSemaphore(self.options.concurrency)
        self._robots = _RobotsRules()
        self.cache = HTTPCache(self.options.cache_dir) if self.options.cache_dir else None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, *, accept: Collection[str] | None = PAGE_TYPES) -> Page:
        """Fetch a URL; ``accept`` lists the media types allowed (``None``: any)."""
        deadline = time.monotonic() + self.options.total_timeout
        current = _checked_url(url)
        seen = [current]
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(current, deadline)
            result = self._request(current, deadline, accept)
            if isinstance(result, Page):
                return replace(result, url=url)
            current = _checked_url(result)
            if current in seen:
                raise TooManyRedirects(f"redirect loop: {' -> '.join([*seen, current])}", url=url)
            seen.append(current)
        raise TooManyRedirects(f"more than {self.options.max_redirects} redirects", url=url)

    def fetch_or_error(self, url: str) -> Page | FetchError:
        """:meth:`fetch`, returning the error instead of raising it (for concurrent maps)."""
        try:
            return self.fetch(url)
        except FetchError as exc:
            exc.url = url
            return exc

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets articlekit fetch ``url`` (always, with obey_robots off)."""
        try:
            self._check_robots(_checked_url(url), time.monotonic())
        except RobotsDisallowed:
            return False
        return True

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap lines of the robots.txt of ``url``'s site."""
        origin = _origin(url)
        rules = self._robots.rules_for(origin, lambda u: self._robots_text(u))
        return [urljoin(origin + "/", s) for s in rules.sitemaps] if rules is not None else []

    # -- robots.txt ---------------------------------------------------------------------------

    def _check_robots(self, url: str, deadline: float) -> None:
        if not self.options.obey_robots:
            return
        rules = self._robots.rules_for(_origin(url), lambda u: self._robots_text(u))
        if rules is not None and not rules.can_fetch(url, ROBOTS_AGENT):
            raise RobotsDisallowed(f"robots.txt of {_origin(url)} disallows {url}", url=url)

    def _robots_text(self, robots_url: str) -> str | None:
        """robots.txt as text; ``""`` (allow all) when missing, None when the site is unreachable."""
        try:
            page = self.fetch_unchecked(robots_url)
        except HTTPStatusError as exc:
            # RFC 9309: a 4xx means no rules; a 5xx means the site cannot say, so nothing is allowed.
            return "" if exc.status < 500 else None
        except (ResponseTooLarge, UnsupportedContentType):
            return ""
        except BlockedHost:
            raise
        except FetchError:
            return None
        return page.content[:500_000].decode("utf-8", "replace")

    def fetch_unchecked(self, url: str) -> Page:
        """Fetch without the robots check and with any content type (robots.txt itself)."""
        deadline = time.monotonic() + self.options.total_timeout
        current = _checked_url(url)
        for _ in range(self.options.max_redirects + 1):
            result = self._request(current, deadline, None)
            if isinstance(result, Page):
                return replace(result, url=url)
            current = _checked_url(result)
        raise TooManyRedirects(f"more than {self.options.max_redirects} redirects", url=url)

    def _delay(self, url: str) -> float:
        crawl_delay = self._robots.crawl_delay(_origin(url)) if self.options.obey_robots else None
        if crawl_delay is None:
            return self.options.delay
        return max(self.options.delay, min(crawl_delay, self.options.max_crawl_delay))

    # -- one hop, with retries -----------------------------------------------------------------

    def _request(self, url: str, deadline: float, accept: Collection[str] | None) -> Page | str:
        """One hop: a Page, or the (absolute) URL a redirect points to."""
        cached = self.cache.load(url) if self.cache else None
        headers = cached.conditional_headers() if cached else {}
        for attempt in range(self.options.retries + 1):
            outcome = self._attempt(url, headers, deadline, accept, cached)
            if not isinstance(outcome, _Retry):
                return outcome
            if attempt == self.options.retries:
                raise outcome.error
            wait = outcome.wait if outcome.wait is not None else self._backoff(attempt)
            if wait > self.options.max_retry_wait or time.monotonic() + wait > deadline:
                raise outcome.error
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        wait: float = self.options.backoff * 2**attempt * random.uniform(0.5, 1.5)
        return min(wait, self.options.max_retry_wait)

    def _attempt(
        self,
        url: str,
        headers: dict[str, str],
        deadline: float,
        accept: Collection[str] | None,
        cached: _Cached | None,
    ) -> Page | str | _Retry:
        with self._hosts.turn(_origin(url), self._delay(url)), self._slots:
            timeout = self._timeout(deadline, url)
            try:
                with self._client.stream("GET", url, headers=headers, timeout=timeout) as response:
                    return self._answer(url, response, deadline, accept, cached)
            except httpx.TimeoutException as exc:
                return _Retry(FetchTimeout(f"{url} timed out ({_describe(exc)})", url=url))
            except httpx.TransportError as exc:  # BlockedHost is not one: it passes through
                return _Retry(FetchConnectionError(f"cannot reach {url}: {_describe(exc)}", url=url))

    def _timeout(self, deadline: float, url: str) -> httpx.Timeout:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchTimeout(f"{url} took over {self.options.total_timeout} s in all", url=url)
        connect = min(self.options.connect_timeout, left)
        read = min(self.options.read_timeout, left)
        return httpx.Timeout(connect=connect, read=read, write=read, pool=left)

    def _answer(
        self,
        url: str,
        response: httpx.Response,
        deadline: float,
        accept: Collection[str] | None,
        cached: _Cached | None,
    ) -> Page | str | _Retry:
        status = response.status_code
        location = response.headers.get("location")
        if status in REDIRECT_STATUSES and location:
            target: str = urljoin(url, str(location).strip())
            return target
        if status == 304 and cached is not None:
            return replace(cached.page, fetched_at=_now(), from_cache=True)
        if status in RETRY_STATUSES:
            error = HTTPStatusError(f"{url} answered {status}", status=status, url=url)
            return _Retry(error, _retry_after(response.headers.get("retry-after")))
        if status >= 400 or status in REDIRECT_STATUSES:
            raise HTTPStatusError(f"{url} answered {status}", status=status, url=url)
        media_type = _media_type(response.headers.get("content-type"))
        if accept is not None and media_type is not None and media_type not in accept:
            raise UnsupportedContentType(f"{url} is {media_type}, not a web page", url=url)
        content = _read_body(response, self.options.max_bytes, deadline, url)
        page = Page(
            url=url,
            final_url=url,
            status=status,
            headers=dict(response.headers.items()),
            content=content,
            charset=_charset(response.headers.get("content-type")),
            fetched_at=_now(),
        )
        if self.cache is not None:
            self.cache.store(page)
        return page


@dataclass(frozen=True, slots=True)
class _Retry:
    """An attempt that may succeed if tried again; ``wait`` is the server's Retry-After."""

    error: FetchError
    wait: float | None = None


# -- safe hosts ----------------------------------------------------------------------------------


def _checked_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise InvalidURL(f"not a URL: {url!r}", url=url) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidURL(f"only absolute http:// and https:// URLs can be fetched, not {url!r}", url=url)
    return parts._replace(fragment="").geturl()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def is_public_address(address: str) -> bool:
    """True for a globally routable address: not private, loopback, link-local (cloud
    metadata at 169.254.169.254 / fd00:ec2::254), carrier-grade NAT, multicast or reserved."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _GuardedBackend(httpcore.SyncBackend):
    """Opens connections only to public addresses, checked on the resolved address itself."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = [str(info[4][0]) for info in infos]
        blocked = [a for a in addresses if not is_public_address(a)]
        if blocked or not addresses:
            shown = blocked[0] if blocked else "nothing"
            raise BlockedHost(
                f"{host} resolves to a private, loopback or link-local address ({shown}); "
                "pass allow_private_hosts=True to fetch intranet hosts"
            )
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def _guarded_transport(options: FetchOptions) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(
        trust_env=False,
        limits=httpx.Limits(
            max_connections=options.concurrency, max_keepalive_connections=options.concurrency
        ),
    )
    # httpx offers no public hook for the network backend: the connection pool's is replaced.
    transport._pool._network_backend = _GuardedBackend(options.allow_private_hosts)
    return transport


# -- politeness ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Host:
    slots: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0


class _HostTurns:
    """Per-host concurrency, and the least time between two requests' starts to one host."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    @contextmanager
    def turn(self, origin: str, delay: float) -> Iterator[None]:
        with self._lock:
            host = self._hosts.setdefault(origin, _Host(threading.Semaphore(self.per_host)))
        with host.slots:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + delay
            if start > now:
                time.sleep(start - now)
            yield


class _RobotsRules:
    """robots.txt per site, fetched once; None rules mean "allow everything"."""

    _DISALLOW_ALL = "User-agent: *\nDisallow: /\n"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, Protego | None] = {}

    def rules_for(self, origin: str, load: Callable[[str], str | None]) -> Protego | None:
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                text = load(origin + "/robots.txt")
                text = self._DISALLOW_ALL if text is None else text
                self._rules[origin] = Protego.parse(text) if text.strip() else None
            return self._rules[origin]

    def crawl_delay(self, origin: str) -> float | None:
        rules = self._rules.get(origin)
        delay = rules.crawl_delay(ROBOTS_AGENT) if rules is not None else None
        return float(delay) if delay is not None else None


# -- the body ------------------------------------------------------------------------------------


def _read_body(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    """The body, inflated in bounded pieces; refused once it passes max_bytes."""
    encoding = (response.headers.get("content-encoding") or "identity").strip().lower()
    length = response.headers.get("content-length", "")
    if encoding == "identity" and length.isdigit() and int(length) > max_bytes:
        raise ResponseTooLarge(f"{url} is {int(length):,} bytes, over the limit of {max_bytes:,}", url=url)
    parts: list[bytes] = []
    total = 0
    try:
        for piece in inflate(response.iter_raw(CHUNK), encoding):
            total += len(piece)
            if total > max_bytes:
                raise ResponseTooLarge(f"{url} is over the limit of {max_bytes:,} bytes", url=url)
            if time.monotonic() > deadline:
                raise FetchTimeout(f"{url} took too long to download", url=url)
            parts.append(piece)
    except zlib.error as exc:
        raise ContentDecodingError(f"{url}: corrupt {encoding} body ({exc})", url=url) from exc
    return b"".join(parts)


def inflate(chunks: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    """Decompress a gzip/deflate stream into pieces of at most CHUNK bytes each.

    However small the compressed input, no piece is larger than CHUNK, so a caller
    that counts the pieces stops a decompression bomb after max_bytes.
    """
    if encoding in ("identity", ""):
        yield from chunks
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ContentDecodingError(f"unsupported content-encoding {encoding!r}")
    wbits = 32 + zlib.MAX_WBITS  # gzip or zlib header, detected
    inflater = zlib.decompressobj(wbits)
    for chunk in chunks:
        data = chunk
        while data:
            out = inflater.decompress(data, CHUNK)
            if out:
                yield out
            if inflater.eof:  # a further gzip member may follow
                data = inflater.unused_data
                if data:
                    inflater = zlib.decompressobj(wbits)
            else:
                data = inflater.unconsumed_tail
    tail = inflater.flush()
    if tail:
        yield tail


def inflate_all(data: bytes, max_bytes: int) -> bytes:
    """Gunzip ``data`` (a ``.xml.gz`` sitemap), refusing more than max_bytes of output."""
    parts: list[bytes] = []
    total = 0
    try:
        for piece in inflate([data], "gzip"):
            total += len(piece)
            if total > max_bytes:
                raise ResponseTooLarge(f"decompressed data is over the limit of {max_bytes:,} bytes")
            parts.append(piece)
    except zlib.error as exc:
        raise ContentDecodingError(f"corrupt gzip data ({exc})") from exc
    return b"".join(parts)


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- the cache -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cached:
    page: Page
    etag: str | None
    last_modified: str | None

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["if-none-match"] = self.etag
        if self.last_modified:
            headers["if-modified-since"] = self.last_modified
        return headers


class HTTPCache:
    """An on-disk cache of pages that carry a validator (ETag or Last-Modified).

    One ``<sha256 of URL>.json`` (status, headers, when) and ``.body`` per URL, written
    atomically; a page is served from here only after the server answers 304 to a
    conditional request, so the cache never serves stale content.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = self.directory / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def load(self, url: str) -> _Cached | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            if meta.get("url") != url or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
                return None
            headers = {str(k): str(v) for k, v in meta["headers"].items()}
            page = Page(
                url=url,
                final_url=url,
                status=int(meta["status"]),
                headers=headers,
                content=body,
                charset=meta.get("charset"),
                fetched_at=str(meta["fetched_at"]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return _Cached(page, headers.get("etag"), headers.get("last-modified"))

    def store(self, page: Page) -> None:
        headers = page.headers
        if not (headers.get("etag") or headers.get("last-modified")):
            return
        if "no-store" in headers.get("cache-control", "").lower():
            return
        meta = {
            "url": page.final_url,
            "status": page.status,
            "headers": dict(headers),
            "charset": page.charset,
            "fetched_at": page.fetched_at,
            "sha256": hashlib.sha256(page.content).hexdigest(),
        }
        meta_path, body_path = self._paths(page.final_url)
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, page.content)
            _write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError:
            return  # a cache that cannot be written only costs a download next time


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extract_url(
    url: str, options: Options | None = None, fetch_options: FetchOptions | None = None
) -> Article | Failure:
    """Fetch one URL and extract it: :func:`articlekit.web.extract_url` (the hook ``batch`` calls)."""
    from .web import extract_url as fetch_and_extract

    return fetch_and_extract(url, options, fetch_options)
