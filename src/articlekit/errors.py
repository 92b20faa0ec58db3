"""The exception tree of articlekit.

Every failure articlekit reports is an :class:`ArticlekitError`; where a builtin
exception means the same thing, the error subclasses it too, so ``except
ValueError`` keeps working for callers who do not know articlekit::

    ArticlekitError
    ├── OptionsError (ValueError)          an Options field is out of range
    ├── RulesError (ValueError)            a rules/taxonomy file is malformed
    ├── InputError (ValueError)            the input cannot be read as a page
    │   ├── EmptyInput                     nothing but whitespace
    │   ├── BinaryInput                    an image, a PDF, or other bytes that are not text
    │   └── InputTooLarge                  over Options.max_bytes / max_elements
    ├── ExtractionError                    the page was read but holds no article
    │   └── NoContentFound
    ├── ExtractionTimeout (TimeoutError)   over Options.timeout seconds
    └── FetchError                         a URL could not be fetched (stage "fetch")
        ├── InvalidURL (ValueError)        not an absolute http(s) URL
        ├── BlockedHost                    resolves to a private, loopback, link-local
        │                                  or cloud-metadata address
        ├── RobotsDisallowed               the site's robots.txt forbids the URL
        ├── FetchTimeout (TimeoutError)    over a connect, read or total timeout
        ├── FetchConnectionError (ConnectionError)
        ├── HTTPStatusError                a 4xx/5xx answer (after retries); has .status
        ├── TooManyRedirects               over FetchOptions.max_redirects
        ├── ResponseTooLarge               body over FetchOptions.max_bytes (checked while
        │                                  streaming, after decompression)
        ├── UnsupportedContentType         a PDF, an image... not a page
        └── ContentDecodingError           a corrupt gzip/deflate body

Every error carries ``stage``: the pipeline stage that raised it (``decode``,
``parse``, ``locate``, ...), which batch error records report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Metadata


class ArticlekitError(Exception):
    """Root of every error articlekit raises."""

    stage: str = "extract"

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        if stage is not None:
            self.stage = stage

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class OptionsError(ArticlekitError, ValueError):
    """An :class:`~articlekit.Options` value is invalid."""

    stage = "options"


class RulesError(ArticlekitError, ValueError):
    """A rules or taxonomy file could not be loaded."""

    stage = "rules"


class InputError(ArticlekitError, ValueError):
    """The input cannot be read as a web page or as text."""

    stage = "decode"


class EmptyInput(InputError):
    """The input is empty or only whitespace."""


class BinaryInput(InputError):
    """The input is binary data (an image, a PDF, compressed bytes...)."""


class InputTooLarge(InputError):
    """The input is over the size limits set in Options."""


class ExtractionError(ArticlekitError):
    """The page was parsed, but no article could be extracted from it. ``metadata`` is
    what was read of the page before that (its title, ``page_type``…), or None."""

    stage = "locate"
    metadata: Metadata | None = None


class NoContentFound(ExtractionError):
    """No main content region with text was found."""


class ExtractionTimeout(ArticlekitError, TimeoutError):
    """Extraction ran over the time limit in Options."""


class FetchError(ArticlekitError):
    """A URL could not be fetched; ``url`` is the URL asked for."""

    stage = "fetch"

    def __init__(self, message: str, *, url: str | None = None, stage: str | None = None) -> None:
        super().__init__(message, stage=stage)
        self.url = url


class InvalidURL(FetchError, ValueError):
    """The URL is not an absolute ``http://`` or ``https://`` URL."""


class BlockedHost(FetchError):
    """The host resolves to a private, loopback, link-local or metadata address."""


class RobotsDisallowed(FetchError):
    """The site's robots.txt does not allow articlekit to fetch the URL."""


class FetchTimeout(FetchError, TimeoutError):
    """Connecting, reading, or the whole fetch took longer than allowed."""


class FetchConnectionError(FetchError, ConnectionError):
    """The server could not be reached, or dropped the connection."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    def __init__(self, message: str, *, status: int, url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class TooManyRedirects(FetchError):
    """More redirects than ``FetchOptions.max_redirects``, or a redirect loop."""


class ResponseTooLarge(FetchError):
    """The body (after decompression) is over ``FetchOptions.max_bytes``."""


class UnsupportedContentType(FetchError):
    """The response is not a page (HTML, XHTML or plain text): a PDF, an image..."""


class ContentDecodingError(FetchError):
    """The body's gzip/deflate compression is corrupt or unsupported."""
