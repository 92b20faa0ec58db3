"""Throughput, latency and memory of articlekit and its peers, printed as a markdown table.

    python bench/speed.py                          # article-extraction-benchmark, all extractors
    python bench/speed.py --limit 50 --only articlekit,trafilatura --no-memory

All pages are read and decoded before timing starts; each extractor then gets a warm-up pass
and a timed pass in this one process, sequentially. ``lxml-parse`` (``document_fromstring``
alone) is the floor; ``lxml-walk`` adds one Python pass that reads each element's tag, class,
id, text and tail — the least any pure-Python pipeline over lxml does, once. Every extractor,
articlekit included, gets the same decoded ``str`` unless ``--articlekit-bytes`` is given.
Peak memory is measured separately, one fresh child process per extractor (the growth of its
peak RSS over the RSS after loading the pages and importing the extractor), because
tracemalloc does not see libxml2's or resiliparse's native allocations.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from _corpora import CORPUS_NAMES, load, shared_root
from _extractors import (
    EXTRACTORS,
    FLOOR,
    Source,
    article_output,
    articlekit_module,
    available,
    resolve,
    version,
)
from _output import Output
from _report import DASH, heading, num, table
from _runner import source_of, subsample

FLOOR_NAME = "lxml-parse"
WALK_NAME = "lxml-walk"
BASELINE_PEER = "trafilatura"


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    latencies: tuple[float, ...]
    errors: int

    @property
    def total(self) -> float:
        return sum(self.latencies)

    @property
    def pages_per_second(self) -> float:
        return len(self.latencies) / self.total if self.total else math.inf

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sources = load_sources(args)
    if args.memory_probe:
        print(json.dumps(memory_probe(args.memory_probe, sources, args.articlekit_bytes)))
        return 0
    wanted = [*resolve(args.only), FLOOR_NAME, WALK_NAME]
    names = [n for n in dict.fromkeys(wanted) if available(n)]  # each floor once
    timings = [time_extractor(n, sources, args.warmup, args.articlekit_bytes) for n in names]
    memory = {} if args.no_memory else {n: probe_in_child(n, argv_for_child(args)) for n in names}
    print(report(timings, memory, args, len(sources)))
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="aeb", choices=CORPUS_NAMES)
    parser.add_argument("--limit", type=int, default=None, help="pages (spread evenly)")
    parser.add_argument("--only", default=None, help="comma-separated extractors (default: all)")
    parser.add_argument("--warmup", type=int, default=None, help="warm-up pages (default: all)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-RSS probes")
    parser.add_argument("--articlekit-bytes", action="store_true", help="give articlekit bytes")
    parser.add_argument("--shared", default=None, help="shared data root (or ARTICLEKIT_SHARED)")
    parser.add_argument("--fixtures", default=None, help="fixture pages directory")
    parser.add_argument("--memory-probe", default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def argv_for_child(args: argparse.Namespace) -> list[str]:
    argv = ["--corpus", args.corpus]
    for flag, value in (("--limit", args.limit), ("--shared", args.shared)):
        if value is not None:
            argv += [flag, str(value)]
    if args.fixtures:
        argv += ["--fixtures", args.fixtures]
    if args.articlekit_bytes:
        argv.append("--articlekit-bytes")
    return argv


def load_sources(args: argparse.Namespace) -> list[Source]:
    fixtures = Path(args.fixtures) if args.fixtures else None
    pages = subsample(load(args.corpus, shared_root(args.shared), fixtures), args.limit)
    return [source_of(page) for page in pages if not page.is_text]


def runner(name: str, articlekit_bytes: bool) -> Callable[[Source], Output]:
    if name == "articlekit" and not articlekit_bytes:
        module = articlekit_module()
        assert module is not None
        return lambda source: article_output(module.extract(source.html, url=source.url))
    return EXTRACTORS.get(name) or FLOOR[name]


def time_extractor(
    name: str, sources: Sequence[Source], warmup: int | None, articlekit_bytes: bool
) -> Timing:
    run = runner(name, articlekit_bytes)
    for source in sources[:warmup]:
        _attempt(run, source)
    gc.collect()
    latencies, errors = [], 0
    for source in sources:
        started = time.perf_counter()
        ok = _attempt(run, source)
        latencies.append(time.perf_counter() - started)
        errors += not ok
    print(f"{name}: {len(sources) / sum(latencies):.1f} pages/s", file=sys.stderr)
    return Timing(name=name, latencies=tuple(latencies), errors=errors)


def _attempt(run: Callable[[Source], Output], source: Source) -> bool:
    try:
        run(source)
    except Exception:  # a failing page is timed like any other and counted
        return False
    return True


_TINY_PAGE = Source(
    raw=b"<html><body><article><p>Warm.</p></article></body></html>",
    html="<html><body><article><p>Warm.</p></article></body></html>",
    url=None,
    language="en",
    is_text=False,
)
_PROC_STATUS = Path("/proc/self/status")
_PROC_CLEAR_REFS = Path("/proc/self/clear_refs")


def rss_mib(field: str) -> float | None:
    """``VmRSS`` (now) or ``VmHWM`` (peak) from ``/proc/self/status``, in MiB (Linux only)."""
    if not _PROC_STATUS.exists():
        return None
    for line in _PROC_STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux >= 4.0), so loading the pages does not count."""
    try:
        _PROC_CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def ru_maxrss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def memory_probe(name: str, sources: Sequence[Source], articlekit_bytes: bool) -> dict[str, float]:
    """Peak RSS growth over the RSS after loading pages and importing the extractor."""
    run = runner(name, articlekit_bytes)
    _attempt(run, _TINY_PAGE)  # imports and lazy set-up are not working memory
    gc.collect()
    exact = reset_peak() and rss_mib("VmRSS") is not None
    baseline = rss_mib("VmRSS") if exact else ru_maxrss_mib()
    for source in sources:
        _attempt(run, source)
    peak = rss_mib("VmHWM") if exact else ru_maxrss_mib()
    assert baseline is not None and peak is not None
    return {"baseline_mib": baseline, "peak_growth_mib": peak - baseline}


def probe_in_child(name: str, child_argv: list[str]) -> float | None:
    command = [sys.executable, __file__, *child_argv, "--memory-probe", name]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"memory probe of {name} failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    growth: float = json.loads(done.stdout.strip().splitlines()[-1])["peak_growth_mib"]
    return growth


def report(
    timings: Sequence[Timing],
    memory: dict[str, float | None],
    args: argparse.Namespace,
    pages: int,
) -> str:
    rows = [
        [
            t.name,
            num(t.pages_per_second, 1),
            num(1000 * t.total / max(1, len(t.latencies)), 1),
            num(1000 * t.percentile(0.95), 1),
            num(1000 * max(t.latencies, default=0.0), 1),
            str(t.errors),
            num(memory.get(t.name), 1) if memory else DASH,
        ]
        for t in timings
    ]
    headers = ["extractor", "pages/s", "mean ms", "p95 ms", "max ms", "errors", "peak RSS +MiB"]
    seen = dict.fromkeys(t.name.removesuffix("-precision") for t in timings)
    versions = ", ".join(f"{n} {version(n)}" for n in seen)
    return "\n\n".join(
        [
            heading(f"articlekit speed — {args.corpus} ({pages} pages, one process)", 2),
            f"Versions: {versions}; Python {'.'.join(map(str, sys.version_info[:3]))}. "
            f"articlekit input: {'bytes' if args.articlekit_bytes else 'str'}.",
            table(headers, rows),
            ratios(timings),
        ]
    )


def ratios(timings: Sequence[Timing]) -> str:
    speed = {t.name: t.pages_per_second for t in timings}
    if "articlekit" not in speed:
        return "_articlekit was not measured; no ratios._"
    lines = []
    for other, label in (
        (BASELINE_PEER, "trafilatura default"),
        (FLOOR_NAME, "lxml-parse floor"),
        (WALK_NAME, "lxml-walk floor"),
    ):
        if other in speed:
            lines.append(f"* articlekit / {label} throughput: {speed['articlekit'] / speed[other]:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
