"""The ``articlekit`` command: ``extract``, ``explain``, ``crawl`` and ``schema``.

Data goes to stdout (or ``-o``), diagnostics to stderr. Exit status: 0 when every
input was extracted, 1 when some failed (each still has an error record), 2 on a
usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .batch import expand_inputs, run_one
from .batch_command import add_batch_arguments, run_extract
from .crawl_command import add_crawl_command
from .errors import ArticlekitError
from .model import Article, Failure
from .options import Options
from .ruleset import load_rules, rule_reasons
from .separate import MECHANISM_REASONS
from .serialize import schema_text

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    try:
        options = Options(
            input_format=getattr(args, "input_format", "auto"),
            rules=tuple(Path(p) for p in getattr(args, "rules", None) or ()),
            language=getattr(args, "language", None),
            timeout=getattr(args, "timeout", Options().timeout),
        )
    except ArticlekitError as exc:
        print(f"articlekit: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    command: int = args.handler(args, options)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlekit",
        description="Extract clinic blog posts into clean, sectioned, labelled JSON.",
    )
    parser.add_argument("--version", action="version", version=f"articlekit {__version__}")
    sub = parser.add_subparsers(dest="command")

    ext = sub.add_parser("extract", help="extract articles from files, directories or stdin")
    ext.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="file, directory, glob, URL, WARC file, @list of paths/URLs (@- reads it from stdin), "
        "or - for one page on stdin",
    )
    ext.add_argument("-o", "--output", help="write here instead of stdout")
    ext.add_argument(
        "--format",
        choices=("json", "jsonl", "markdown", "text"),
        default=None,
        help="output format (default: json for one input, jsonl for several)",
    )
    _common(ext)
    add_batch_arguments(ext)
    ext.set_defaults(handler=run_extract)

    exp = sub.add_parser("explain", help="show why each section got its label and what was removed")
    exp.add_argument("inputs", nargs=1, metavar="FILE")
    _common(exp)
    exp.set_defaults(handler=_explain)

    _common(add_crawl_command(sub))

    sch = sub.add_parser("schema", help="print the JSON Schema of the output")
    sch.set_defaults(handler=_schema)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--input-format",
        choices=("auto", "html", "text"),
        default="auto",
        help="treat inputs as HTML or plain text (default: sniff)",
    )
    p.add_argument(
        "--rules",
        "--taxonomy",
        action="append",
        metavar="FILE",
        help="extra rules or taxonomy TOML file: adds or overrides entries by id (repeatable)",
    )
    p.add_argument("--language", help="page language for section cues (default: from the page)")


def _explain(args: argparse.Namespace, options: Options) -> int:
    record = run_one(next(expand_inputs(args.inputs)), options)
    if isinstance(record, Failure):
        print(f"articlekit: {record.type}: {record.message}", file=sys.stderr)
        return EXIT_FAILURES
    print(explain(record, {**rule_reasons(load_rules(options.rules)), **MECHANISM_REASONS}))
    return EXIT_OK


def explain(article: Article, reasons: dict[str, str] | None = None) -> str:
    """A human-readable account of the labels and removals of one extraction;
    ``reasons`` maps rule ids to why the rule exists."""
    reasons = reasons or {}
    lines = [
        f"title: {article.title}",
        f"located by: {article.located_by} (confidence {article.confidence})",
        "",
        "sections:",
    ]
    for section in article.all_sections():
        rules = ", ".join(section.evidence) or "no rule fired"
        lines.append(
            f"  {section.id:<4} {section.category:<13} {section.confidence:.2f}  "
            f"{section.heading or '(intro)'}  [{rules}]"
        )
        if section.items:
            lines.append(f"       items: {'; '.join(section.items)}")
    lines += ["", "removed:"]
    for removal in article.removals:
        lines.append(f"  {removal.kind:<11} {removal.rule:<24} {removal.text[:70]!r}")
    used = dict.fromkeys(r.rule for r in article.removals)
    lines += ["", "why those rules exist:"]
    lines += [f"  {rule}: {reasons[rule]}" for rule in used if rule in reasons]
    lines += ["", "related posts:"]
    lines += [f"  {r.title or (r.excerpt or '')[:60]!r} -> {r.url}" for r in article.related_posts]
    lines += ["", "promotions:"]
    lines += [f"  {p.kind:<10} {p.text[:70]!r} -> {p.url}" for p in article.promotions]
    return "\n".join(lines)


def _schema(args: argparse.Namespace, options: Options) -> int:
    sys.stdout.write(schema_text())
    return EXIT_OK
