"""Where articlekit's time goes: milliseconds per page in each stage of ``extract``.

    python bench/stages.py                  # article-extraction-benchmark
    python bench/stages.py --corpus wcxb --limit 300

Each stage function that ``articlekit.extract`` calls (and the boilerplate matcher it builds)
is wrapped in a CPU-time counter in this process; the pages get one warm-up pass and one
counted pass, as in ``speed.py``. The stages are the ones DESIGN.md names, in pipeline order;
their sum falls short of the total by the glue between them. ``lxml-walk`` is the cost of one
Python pass over every element (tag, class, id, text, tail), for scale: a pure-Python stage
that looks at every element costs at least that.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from _corpora import CORPUS_NAMES, load, shared_root
from _extractors import run_lxml_parse, run_lxml_walk
from _report import heading, num, table
from _runner import source_of, subsample

# In pipeline order; each is looked up on articlekit.extract, which calls it by that name.
STAGES = (
    "decode",
    "parse_html",
    "extract_metadata",
    "locate",
    "separate_region",
    "html_blocks",
    "separate_blocks",
    "segment",
    "classify",
    "with_items",
    "aspects_of",
    "confidence",
)
MATCHER = "BoilerplateMatcher.for_page"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="aeb", choices=CORPUS_NAMES)
    parser.add_argument("--limit", type=int, default=None, help="pages (spread evenly)")
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    args = parser.parse_args(argv)
    pages = subsample(load(args.corpus, shared_root(args.shared)), args.limit)
    sources = [source_of(p) for p in pages if not p.is_text]
    spent = _instrument()
    extract = importlib.import_module("articlekit").extract

    def whole(source: Any) -> None:
        extract(source.html, url=source.url)

    _run(whole, sources)  # warm-up: rules, caches
    spent.clear()
    total = _run(whole, sources)
    floors = {"lxml-parse": _run(run_lxml_parse, sources), "lxml-walk": _run(run_lxml_walk, sources)}
    n = max(1, len(sources))
    rows = [[name, num(1000 * s / n, 2), num(100 * s / total, 0)] for name, s in spent.items()]
    rows.append(["**extract (total)**", num(1000 * total / n, 2), "100"])
    rows += [[name, num(1000 * s / n, 2), num(100 * s / total, 0)] for name, s in floors.items()]
    print(heading(f"articlekit stages — {args.corpus} ({n} pages, CPU time, one process)", 2))
    print()
    print(table(["stage", "ms/page", "% of extract"], rows))
    return 0


def _run(function: Callable[[Any], object], sources: Sequence[Any]) -> float:
    started = time.process_time()
    for source in sources:
        function(source)
    return time.process_time() - started


def _instrument() -> dict[str, float]:
    """Wrap each stage where ``articlekit.extract`` looks it up; return the running totals."""
    pipeline = importlib.import_module("articlekit.extract")
    spent: dict[str, float] = {}

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return wrapper

    for name in STAGES:
        setattr(pipeline, name, counted(name, getattr(pipeline, name)))
    matcher = pipeline.BoilerplateMatcher
    matcher.for_page = classmethod(counted(MATCHER, matcher.for_page.__func__))
    return spent


if __name__ == "__main__":
    raise SystemExit(main())
