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
    └── ExtractionTimeout (TimeoutError)   over Options.timeout seconds

Every error carries ``stage``: the pipeline stage that raised it (``decode``,
``parse``, ``locate``, ...), which batch error records report.
"""

from __future__ import annotations


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
    """The page was parsed, but no article could be extracted from it."""

    stage = "locate"


class NoContentFound(ExtractionError):
    """No main content region with text was found."""


class ExtractionTimeout(ArticlekitError, TimeoutError):
    """Extraction ran over the time limit in Options."""
