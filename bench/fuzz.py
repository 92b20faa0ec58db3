"""Fuzz articlekit for as long as you like (issue 8): hypothesis with a large budget.

Runs the properties of ``tests/hostile_fuzz.py`` — only documented errors, schema-valid
output, nothing invented, no unsafe URL or script text — on generated pages and on
mutated fixture pages, at random (not derandomized like the test suite), and prints how
many inputs were tried, how each ended, and the failing input hypothesis shrank to.

    .venv/bin/python bench/fuzz.py                       # 2,000 generated + 500 mutated
    .venv/bin/python bench/fuzz.py --examples 50000 --mutated 10000 --seed 7

A failure is saved (as the shrunk input) under ``bench/results/fuzz-failures/``; add it
to ``tests/test_hostile.py`` with the fix.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_fuzz import check, html_pages, mutated_fixtures  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FAILURES = ROOT / "bench" / "results" / "fuzz-failures"


def run(name: str, strategy: st.SearchStrategy[Any], examples: int, rng_seed: int | None) -> bool:
    outcomes: collections.Counter[str] = collections.Counter()
    last: list[Any] = []

    def probe(data: str | bytes) -> None:
        last[:] = [data]
        article = check(data)
        outcomes["article" if article is not None else "documented error"] += 1

    test: Callable[[], None] = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(given(strategy)(probe))
    if rng_seed is not None:
        test = seed(rng_seed)(test)
    start = time.monotonic()
    try:
        test()
        ok = True
    except Exception:
        ok = False
        traceback.print_exc()
        _save(name, last[0] if last else b"")
    tried = sum(outcomes.values())
    print(
        f"{name}: {tried} inputs in {time.monotonic() - start:.0f} s — "
        + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
        + ("" if ok else " — FAILED (shrunk input saved)"),
        flush=True,
    )
    return ok


def _save(name: str, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    FAILURES.mkdir(parents=True, exist_ok=True)
    path = FAILURES / f"{name}-{hashlib.sha1(raw).hexdigest()[:10]}.html"
    path.write_bytes(raw)
    print(f"failing input: {path}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="generated pages to try")
    parser.add_argument("--mutated", type=int, default=500, help="mutated fixture pages to try")
    parser.add_argument("--seed", type=int, default=None, help="fix the random seed to replay a run")
    args = parser.parse_args(argv)
    ok = run("generated", html_pages(), args.examples, args.seed)
    ok &= run("mutated", mutated_fixtures(), args.mutated, args.seed)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
