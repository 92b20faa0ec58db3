"""Many inputs to one record each: the extraction, or an error record. Never lost."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ArticlekitError
from .extract import extract, extract_file
from .model import Article, Failure, Source
from .options import Options

# File endings read from directories.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xhtml"})


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input of a batch: a file path, or ``-`` for standard input."""

    name: str

    @property
    def is_stdin(self) -> bool:
        return self.name == "-"


def expand_inputs(names: Iterable[str]) -> Iterator[InputRef]:
    """Files as given, directories recursed (``.html``, ``.htm``, ``.txt``) in sorted order."""
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in PAGE_SUFFIXES:
                    yield InputRef(str(child))
        else:
            yield InputRef(name)


def run_one(ref: InputRef, options: Options) -> Article | Failure:
    """Extract one input; any failure becomes a Failure record saying what went wrong."""
    source = Source(input="stdin" if ref.is_stdin else "file", path=None if ref.is_stdin else ref.name)
    try:
        if ref.is_stdin:
            article = extract(sys.stdin.buffer.read(), options=options)
            return replace(article, source=replace(article.source, input="stdin"))
        return extract_file(ref.name, options=options)
    except ArticlekitError as exc:
        return Failure(source, type(exc).__name__, exc.message, exc.stage)
    except OSError as exc:
        return Failure(source, type(exc).__name__, f"cannot read {ref.name}: {exc.strerror or exc}", "read")
    except RecursionError:
        return Failure(source, "RecursionError", "page is nested too deeply to process", "extract")
    except Exception as exc:  # a bug of ours must not end a batch: record it and go on
        return Failure(source, "InternalError", f"{type(exc).__name__}: {exc}", "extract")
