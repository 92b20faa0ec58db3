"""articlekit — clinic and health-provider blog posts as clean, sectioned, labelled JSON.

>>> import articlekit
>>> article = articlekit.extract(html, url="https://clinic.example/blog/post/")
>>> article.title, [s.category for s in article.sections]
"""

from .discover import discover
from .errors import (
    ArticlekitError,
    BinaryInput,
    BlockedHost,
    ContentDecodingError,
    EmptyInput,
    ExtractionError,
    ExtractionTimeout,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InputError,
    InputTooLarge,
    InvalidURL,
    NoContentFound,
    OptionsError,
    ResponseTooLarge,
    RobotsDisallowed,
    RulesError,
    TooManyRedirects,
    UnsupportedContentType,
)
from .extract import extract, extract_file
from .fetch import Fetcher, Page, fetch, fetch_many
from .model import (
    SCHEMA_VERSION,
    Article,
    Aspect,
    Block,
    Failure,
    Mention,
    Metadata,
    Organization,
    Promotion,
    RelatedPost,
    Removal,
    Section,
    Source,
)
from .options import FetchOptions, Options
from .serialize import schema
from .web import crawl, extract_url

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticlekitError",
    "Aspect",
    "BinaryInput",
    "Block",
    "BlockedHost",
    "ContentDecodingError",
    "EmptyInput",
    "ExtractionError",
    "ExtractionTimeout",
    "Failure",
    "FetchConnectionError",
    "FetchError",
    "FetchOptions",
    "FetchTimeout",
    "Fetcher",
    "HTTPStatusError",
    "InputError",
    "InputTooLarge",
    "InvalidURL",
    "Mention",
    "Metadata",
    "NoContentFound",
    "Options",
    "OptionsError",
    "Organization",
    "Page",
    "Promotion",
    "RelatedPost",
    "Removal",
    "ResponseTooLarge",
    "RobotsDisallowed",
    "RulesError",
    "SCHEMA_VERSION",
    "Section",
    "Source",
    "TooManyRedirects",
    "UnsupportedContentType",
    "__version__",
    "crawl",
    "discover",
    "extract",
    "extract_file",
    "extract_url",
    "fetch",
    "fetch_many",
    "schema",
]
