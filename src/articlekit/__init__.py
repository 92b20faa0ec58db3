"""articlekit — clinic and health-provider blog posts as clean, sectioned, labelled JSON.

>>> import articlekit
>>> article = articlekit.extract(html, url="https://clinic.example/blog/post/")
>>> article.title, [s.category for s in article.sections]
"""

from .errors import (
    ArticlekitError,
    BinaryInput,
    EmptyInput,
    ExtractionError,
    ExtractionTimeout,
    InputError,
    InputTooLarge,
    NoContentFound,
    OptionsError,
    RulesError,
)
from .extract import extract, extract_file
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
from .options import Options
from .serialize import schema

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticlekitError",
    "Aspect",
    "BinaryInput",
    "Block",
    "EmptyInput",
    "ExtractionError",
    "ExtractionTimeout",
    "Failure",
    "InputError",
    "InputTooLarge",
    "Mention",
    "Metadata",
    "NoContentFound",
    "Options",
    "OptionsError",
    "Organization",
    "Promotion",
    "RelatedPost",
    "Removal",
    "RulesError",
    "SCHEMA_VERSION",
    "Section",
    "Source",
    "__version__",
    "extract",
    "extract_file",
    "schema",
]
