"""Run extractors over pages, two processes by default, one page (all extractors) per task."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from _corpora import Page, decode_html, html_language, read_bytes
from _extractors import PAGE_TIMEOUT_SECONDS, Source, safe_run
from _output import Output

Outputs = dict[str, dict[str, Output]]  # extractor -> page id -> output
_CHUNK = 4


def source_of(page: Page) -> Source:
    raw = read_bytes(page)
    html = raw.decode("utf-8", "replace") if page.is_text else decode_html(raw)
    return Source(
        raw=raw,
        html=html,
        url=page.url,
        language=page.language or html_language(raw),
        is_text=page.is_text,
    )


def extract_page(
    page: Page, names: Sequence[str], timeout: int = PAGE_TIMEOUT_SECONDS
) -> tuple[str, dict[str, Output]]:
    """All extractors on one page; only articlekit takes plain-text pages."""
    source = source_of(page)
    runnable = [n for n in names if n == "articlekit" or not source.is_text]
    return page.id, {name: safe_run(name, source, timeout) for name in runnable}


def subsample(pages: Sequence[Page], limit: int | None) -> list[Page]:
    """``limit`` pages spread evenly over the (sorted) corpus, so every page type shows up."""
    if limit is None or limit >= len(pages):
        return list(pages)
    return [pages[i * len(pages) // limit] for i in range(limit)]


def run_pages(
    pages: Sequence[Page],
    names: Sequence[str],
    workers: int = 2,
    label: str = "",
    timeout: int = PAGE_TIMEOUT_SECONDS,
) -> Outputs:
    outputs: Outputs = {name: {} for name in names}
    task = partial(extract_page, names=tuple(names), timeout=timeout)
    started = time.perf_counter()
    for done, (page_id, per_extractor) in enumerate(_map(task, pages, workers), start=1):
        for name, output in per_extractor.items():
            outputs[name][page_id] = output
        _progress(label, done, len(pages), started)
    print(file=sys.stderr)
    return outputs


def _map(
    task: partial[tuple[str, dict[str, Output]]], pages: Sequence[Page], workers: int
) -> Iterable[tuple[str, dict[str, Output]]]:
    if workers <= 1:
        yield from map(task, pages)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(task, pages, chunksize=_CHUNK)


def _progress(label: str, done: int, total: int, started: float) -> None:
    if done == total or done % 25 == 0:
        elapsed = time.perf_counter() - started
        print(f"\r{label}: {done}/{total} pages, {elapsed:.0f}s", end="", file=sys.stderr)
