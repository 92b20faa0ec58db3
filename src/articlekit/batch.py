"""Many inputs to one record each: the extraction, or an error record. Never lost.

The pieces, each usable on its own:

* :func:`expand_inputs` turns command-line names into :class:`InputRef` s, lazily and
  in a deterministic order: files, directories (recursed, sorted), glob patterns,
  ``@list`` files of paths and URLs (``@-``: the list on stdin), ``-`` (one page on
  stdin), URLs, and WARC files (one input per HTML response record);
* :func:`run_one` is the pure function of one input: an :class:`Article` or a
  :class:`Failure`, never an exception. It is what Dask or Spark run, too;
* :func:`run_batch` runs it over many inputs in worker processes
  (:mod:`articlekit.workers`) and yields :class:`Outcome` s, rendered, in input order;
* :func:`resume_from` reads what an interrupted run wrote, cuts a torn last line,
  checks that the records are the first inputs, and says how many to skip.

Every record carries a stable input key (:func:`record_key`): the file path, the
URL, ``-`` for stdin, or the WARC path with ``source.record_offset``.
"""

from __future__ import annotations

import glob
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, cast

from .errors import ArticlekitError, InputTooLarge
from .extract import extract, extract_file
from .model import Article, Failure, Source
from .options import Options
from .warc import is_warc, iter_warc_pages
from .workers import LossReason, ordered_map

# File endings read from directories (WARC files are read too, record by record).
PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt", ".xhtml"})
InputKind = Literal["file", "stdin", "url", "warc"]
OutputFormat = Literal["json", "jsonl", "markdown", "text"]
# Seconds a worker may run over Options.timeout before it is killed and replaced
# (the in-process limit should have fired; this catches code stuck in C).
HARD_TIMEOUT_GRACE = 0.25
HARD_TIMEOUT_MIN_GRACE = 1.0


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input of a batch: a file path, a URL, ``-`` for stdin, or one WARC record.

    ``content`` holds the bytes of inputs read by the batch's parent process (stdin,
    WARC records); file inputs are read by the worker that extracts them.
    """

    name: str
    kind: InputKind = "file"
    offset: int | None = None
    url: str | None = None
    fetched_at: str | None = None
    http_status: int | None = None
    content: bytes | None = None
    too_large: bool = False

    @property
    def is_stdin(self) -> bool:
        return self.kind == "stdin"

    @property
    def key(self) -> str:
        """A stable identifier of the input: what resume compares records by."""
        if self.kind == "warc":
            return f"warc:{self.name}#{self.offset}"
        return f"{self.kind}:{self.name}"


def expand_inputs(
    names: Iterable[str], *, stdin: BinaryIO | None = None, max_bytes: int | None = None
) -> Iterator[InputRef]:
    """Command-line names to inputs, lazily, in a deterministic order."""
    for name in input_names(names, stdin=stdin):
        if name == "-":
            yield InputRef("-", "stdin", content=(stdin or sys.stdin.buffer).read())
        elif _is_url(name):
            yield InputRef(name, "url", url=name)
        elif is_warc(name) and os.path.isfile(name):
            yield from _warc_refs(name, max_bytes)
        else:
            yield InputRef(name)  # a missing file becomes an error record, not a usage error


def input_names(names: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[str]:
    """Names expanded to files, URLs, WARC files and ``-``, without opening any file.

    ``@list`` files (``@-``: on stdin) give one name a line, blank lines and ``#``
    comments skipped; directories give their pages and WARC files, depth first,
    each directory's names sorted; patterns that name no file are globbed.
    """
    for name in names:
        if name.startswith("@"):
            yield from input_names(_list_lines(name[1:], stdin))
        elif name == "-" or _is_url(name):
            yield name
        elif os.path.isdir(name):
            yield from _walk(name)
        elif not os.path.exists(name) and glob.has_magic(name):
            for match in sorted(glob.iglob(name, recursive=True)):
                yield from (_walk(match) if os.path.isdir(match) else (match,))
        else:
            yield name


def _list_lines(source: str, stdin: BinaryIO | None) -> Iterator[str]:
    stream = (stdin or sys.stdin.buffer) if source == "-" else open(source, "rb")  # noqa: SIM115
    try:
        for raw in stream:
            line = raw.decode("utf-8", "replace").strip()
            if line and not line.startswith(("#", "@")) and line != "-":
                yield line
    finally:
        if source != "-":
            stream.close()


def _is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _walk(directory: str) -> Iterator[str]:
    """Pages and WARC files under a directory, depth first, each directory's names sorted.

    Only one directory's names are held at a time, not the whole tree's.
    """
    with os.scandir(directory) as scan:
        entries = sorted((e.name, e.is_dir()) for e in scan)
    for entry_name, is_dir in entries:
        path = os.path.join(directory, entry_name)
        if is_dir:
            yield from _walk(path)
        elif is_warc(entry_name) or Path(entry_name).suffix.lower() in PAGE_SUFFIXES:
            yield path


def _warc_refs(path: str, max_bytes: int | None) -> Iterator[InputRef]:
    for page in iter_warc_pages(path, max_bytes=max_bytes):
        yield InputRef(
            page.path,
            "warc",
            offset=page.offset,
            url=page.url,
            fetched_at=page.date,
            http_status=page.http_status,
            content=page.content,
            too_large=page.too_large,
        )


# ------------------------------------------------------------------ one input
def run_one(ref: InputRef, options: Options, fetch_options: object | None = None) -> Article | Failure:
    """Extract one input; any failure becomes a Failure record saying what went wrong."""
    source = source_of(ref)
    try:
        return _extract_ref(ref, source, options, fetch_options)
    except ArticlekitError as exc:
        return Failure.of(source, exc)
    except OSError as exc:
        return Failure(source, type(exc).__name__, f"cannot read {ref.name}: {exc.strerror or exc}", "read")
    except RecursionError:
        return Failure(source, "RecursionError", "page is nested too deeply to process", "extract")
    except MemoryError:
        return Failure(source, "MemoryError", "page needs more memory than is available", "extract")
    except Exception as exc:  # a bug of ours must not end a batch: record it and go on
        return Failure(source, "InternalError", f"{type(exc).__name__}: {exc}", "extract")


def source_of(ref: InputRef) -> Source:
    """The ``source`` of an input's record, as known before extraction."""
    return Source(
        url=ref.url,
        final_url=ref.url if ref.kind == "warc" else None,
        input=ref.kind,
        path=ref.name if ref.kind in ("file", "warc") else None,
        http_status=ref.http_status,
        fetched_at=ref.fetched_at,
        record_offset=ref.offset,
    )


def _extract_ref(
    ref: InputRef, source: Source, options: Options, fetch_options: object | None
) -> Article | Failure:
    if ref.kind == "url":
        return _extract_url(ref.name, source, options, fetch_options)
    if ref.kind == "file":
        size = os.stat(ref.name).st_size
        if size > options.max_bytes:
            raise InputTooLarge(f"file is {size} bytes, over max_bytes {options.max_bytes}", stage="read")
        return extract_file(ref.name, options=options)
    if ref.too_large:
        raise InputTooLarge(f"record is over max_bytes {options.max_bytes}", stage="read")
    article = extract(ref.content or b"", url=ref.url, options=options)
    kept = replace(source, encoding=article.source.encoding, encoding_source=article.source.encoding_source)
    return replace(article, source=replace(kept, format=article.source.format))


def _extract_url(
    url: str, source: Source, options: Options, fetch_options: object | None
) -> Article | Failure:
    """A URL input, through :func:`articlekit.fetch.extract_url` when it is available."""
    try:
        fetch = importlib.import_module("articlekit.fetch")
        extract_url = cast(Callable[..., Article | Failure], fetch.extract_url)
    except (ImportError, AttributeError):
        return Failure(source, "FetchUnavailable", "fetching URLs is not available in this build", "fetch")
    return extract_url(url, options, fetch_options)


def records_of(names: Iterable[str], options: Options | None = None) -> Iterator[dict[str, Any]]:
    """The JSON record of every input the names expand to, in order, in this process.

    The pure function that Dask partitions and Spark's ``mapPartitions`` run: names
    in (paths, URLs, WARC files, directories), plain dicts out, nothing raised.
    """
    options = options or Options()
    for ref in expand_inputs(names, max_bytes=options.max_bytes):
        yield run_one(ref, options).to_dict()


# ------------------------------------------------------------------ many inputs
@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's record, rendered, with what the summary and progress need."""

    key: str
    text: str
    failed: bool
    error: str | None = None


def render(record: Article | Failure, fmt: OutputFormat) -> str:
    """A record as written to the output: JSON lines end in a newline."""
    if fmt == "json":
        return record.to_json(indent=2) + "\n"
    if fmt == "jsonl" or isinstance(record, Failure):
        return record.to_json(indent=None) + "\n"
    if fmt == "markdown":
        return record.to_markdown()
    return record.to_text()


def outcome_of(
    ref: InputRef, options: Options, fmt: OutputFormat = "jsonl", fetch_options: object | None = None
) -> Outcome:
    """:func:`run_one`, rendered: the task each batch worker runs."""
    record = run_one(ref, options, fetch_options)
    if isinstance(record, Failure):
        return Outcome(ref.key, render(record, fmt), True, f"{record.type}: {record.message}")
    return Outcome(ref.key, render(record, fmt), False)


def lost_outcome(fmt: OutputFormat, ref: InputRef, reason: LossReason, detail: str) -> Outcome:
    """The error record of an input whose worker was killed, died, or failed to answer."""
    kind = {"timeout": "ExtractionTimeout", "crash": "WorkerCrashed", "error": "InternalError"}[reason]
    failure = Failure(source_of(ref), kind, detail, "worker")
    return Outcome(ref.key, render(failure, fmt), True, f"{kind}: {detail}")


def run_batch(
    refs: Iterable[InputRef],
    options: Options,
    *,
    workers: int | None = None,
    fmt: OutputFormat = "jsonl",
    fetch_options: object | None = None,
) -> Iterator[Outcome]:
    """One :class:`Outcome` per input, in input order, computed in ``workers`` processes.

    ``workers`` defaults to the number of cores; ``0`` runs in this process. A worker
    that runs past ``options.timeout`` (plus a grace) is killed and replaced, and its
    input gets an ``ExtractionTimeout`` record.
    """
    count = (os.cpu_count() or 1) if workers is None else workers
    hard = None
    if options.timeout is not None:
        hard = options.timeout + max(HARD_TIMEOUT_MIN_GRACE, HARD_TIMEOUT_GRACE * options.timeout)
    task = partial(outcome_of, options=options, fmt=fmt, fetch_options=fetch_options)
    return ordered_map(task, refs, workers=count, on_lost=partial(lost_outcome, fmt), hard_timeout=hard)


# ------------------------------------------------------------------ resume
def record_key(record: dict[str, Any]) -> str:
    """The input key of a written record (see :attr:`InputRef.key`)."""
    source = record.get("source") or {}
    kind = source.get("input")
    if kind == "warc":
        return f"warc:{source.get('path')}#{source.get('record_offset')}"
    if kind == "file":
        return f"file:{source.get('path')}"
    if kind == "url":
        return f"url:{source.get('url')}"
    return "stdin:-"


class ResumeError(ArticlekitError, ValueError):
    """The output file of an earlier run does not belong to these inputs."""

    stage = "resume"


@dataclass(frozen=True, slots=True)
class Resumed:
    """What an earlier run already wrote: records kept, how many failed, bytes cut."""

    done: int
    failed: int
    torn_bytes: int


def resume_from(output: str | Path, refs: Iterator[InputRef]) -> Resumed:
    """Check an interrupted run's JSONL output against the inputs and skip what it holds.

    Advances ``refs`` past the inputs that already have a record. A torn last line
    (no newline, or not JSON: the run died while writing it) is cut off, so that
    its input is done again. Raises :class:`ResumeError` if a record's key differs
    from its input's, or the file holds more records than there are inputs.
    """
    path = Path(output)
    if not path.exists():
        return Resumed(0, 0, 0)
    done = failed = 0
    good_end = 0
    with open(path, "rb") as stream:
        for line in stream:
            record = _complete_record(line)
            if record is None:
                break
            ref = next(refs, None)
            if ref is None:
                raise ResumeError(f"{path} holds more records than there are inputs")
            if record_key(record) != ref.key:
                raise ResumeError(
                    f"record {done + 1} of {path} is for {record_key(record)}, but input {done + 1} "
                    f"is {ref.key}: these are not the inputs of that run"
                )
            done += 1
            failed += "error" in record
            good_end += len(line)
        rest = stream.read()
    if rest and _complete_record(rest.split(b"\n", 1)[0] + b"\n") is not None:
        raise ResumeError(f"{path} has a damaged record before its end; not resuming")
    size = path.stat().st_size
    if size > good_end:
        os.truncate(path, good_end)
    return Resumed(done, failed, size - good_end)


def _complete_record(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


# ------------------------------------------------------------------ summary
@dataclass(slots=True)
class Summary:
    """Counts of a batch: ``ok + failed + skipped`` is the number of inputs."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    skipped_failed: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.failed + self.skipped

    def add(self, outcome: Outcome) -> None:
        if outcome.failed:
            self.failed += 1
        else:
            self.ok += 1

    def line(self, seconds: float) -> str:
        rate = (self.ok + self.failed) / seconds if seconds > 0 else 0.0
        skipped = f", {self.skipped} skipped (already done" + (
            f", {self.skipped_failed} of them failed)" if self.skipped_failed else ")"
        )
        return (
            f"articlekit: {self.total} inputs: {self.ok} ok, {self.failed} failed"
            f"{skipped if self.skipped else ''} in {seconds:.1f} s ({rate:.1f}/s)"
        )


def write_outcomes(outcomes: Iterable[Outcome], out: IO[str], on_each: Callable[[Outcome], None]) -> None:
    """Write each outcome as soon as it is in order, flushed: a crash loses only pages in flight."""
    for outcome in outcomes:
        out.write(outcome.text)
        out.flush()
        on_each(outcome)
