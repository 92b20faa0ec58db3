"""``articlekit extract``: many inputs, parallel workers, ordered output, resume, progress.

:mod:`articlekit.cli` owns the parser and delegates the ``extract`` subcommand here.
Exit status: 0 when every input has an extraction, 1 when some have error records,
2 on a usage error, 130 when interrupted (resume with ``--resume``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterator
from typing import IO

from .batch import (
    InputRef,
    Outcome,
    OutputFormat,
    Resumed,
    ResumeError,
    Summary,
    expand_inputs,
    resume_from,
    run_batch,
    write_outcomes,
)
from .options import Options
from .progress import Progress

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``extract`` options that concern batches."""
    parser.add_argument(
        "-w",
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 0: extract in this process)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run from its -o file: keep its records, redo a torn last one",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, failure lines or summary")
    parser.add_argument(
        "--timeout",
        type=float,
        default=Options().timeout,
        metavar="SECONDS",
        help="time limit per page; a page over it gets an ExtractionTimeout record",
    )


def run_extract(args: argparse.Namespace, options: Options) -> int:
    """The ``extract`` subcommand; ``options`` already carry the page options."""
    if args.workers is not None and args.workers < 0:
        return _usage("--workers must be 0 or more")
    if args.resume and not args.output:
        return _usage("--resume needs -o FILE: the output of the run to continue")
    if args.resume and args.format not in (None, "jsonl"):
        return _usage("--resume works on JSON lines output only")
    try:
        refs = expand_inputs(args.inputs, max_bytes=options.max_bytes)
        first = list(itertools.islice(refs, 2))
    except (ImportError, OSError) as exc:
        return _usage(str(exc))
    if not first:
        return _usage("no inputs found")
    fmt: OutputFormat = args.format or ("json" if len(first) == 1 and not args.resume else "jsonl")
    pending: Iterator[InputRef] = itertools.chain(first, refs)
    resumed = Resumed(0, 0, 0)
    if args.resume:
        try:
            resumed = resume_from(args.output, pending)
        except ResumeError as exc:
            return _usage(exc.message)
    return _run(args, options, fmt, pending, resumed)


def _run(
    args: argparse.Namespace, options: Options, fmt: OutputFormat, refs: Iterator[InputRef], resumed: Resumed
) -> int:
    summary = Summary(skipped=resumed.done, skipped_failed=resumed.failed)
    progress = Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty(), already_done=resumed.done)
    if not any(name in ("-", "@-") for name in args.inputs):
        progress.count_in_background(lambda: expand_inputs(args.inputs, max_bytes=options.max_bytes))
    if resumed.done or resumed.torn_bytes:
        _say(
            args,
            progress,
            f"articlekit: resuming after {resumed.done} records"
            + (f" (cut a torn last line of {resumed.torn_bytes} bytes)" if resumed.torn_bytes else ""),
        )

    def on_each(outcome: Outcome) -> None:
        summary.add(outcome)
        if outcome.failed:
            _say(args, progress, f"articlekit: {outcome.key}: {outcome.error}")
        progress.update(failed=outcome.failed)

    start = time.monotonic()
    outcomes = run_batch(refs, options, workers=args.workers, fmt=fmt)
    try:
        with open_output(args.output, append=args.resume) as out:
            write_outcomes(outcomes, out, on_each)
    except KeyboardInterrupt:
        progress.clear()
        interrupted = " -- interrupted; continue with --resume"
        _say(args, progress, summary.line(time.monotonic() - start) + interrupted)
        return EXIT_INTERRUPTED
    except (ImportError, OSError) as exc:  # a WARC reader missing, an unwritable output...
        progress.clear()
        return _usage(str(exc))
    progress.clear()
    _say(args, progress, summary.line(time.monotonic() - start))
    return EXIT_FAILURES if summary.failed or summary.skipped_failed else EXIT_OK


def _say(args: argparse.Namespace, progress: Progress, text: str) -> None:
    if not args.quiet:
        progress.message(text)


def _usage(message: str) -> int:
    print(f"articlekit: {message}", file=sys.stderr)
    return EXIT_USAGE


class open_output:
    """stdout, or a file opened for writing (or appending, to resume), as a context manager."""

    def __init__(self, path: str | None, *, append: bool = False) -> None:
        self.path = path
        self.mode = "a" if append else "w"
        self.handle: IO[str] = sys.stdout

    def __enter__(self) -> IO[str]:
        if self.path and self.path != "-":
            self.handle = open(self.path, self.mode, encoding="utf-8", newline="\n")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not sys.stdout:
            self.handle.close()
