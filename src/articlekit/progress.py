"""Batch progress on stderr: counts, rate, ETA and failures, on one redrawn line.

Shown only when the stream is a terminal (and not with ``--quiet``); messages such
as per-input failures are printed above the line. The total may be learned late
(counted in the background) or never: without it there is no ETA.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TextIO

# Seconds between redraws of the progress line.
REDRAW_SECONDS = 0.25


class Progress:
    def __init__(self, stream: TextIO, *, enabled: bool, already_done: int = 0) -> None:
        self.stream = stream
        self.enabled = enabled
        self.start = time.monotonic()
        self.base = already_done
        self.done = self.failed = 0
        self.total: int | None = None
        self._drawn = 0.0
        self._width = 0

    def count_in_background(self, count: Callable[[], Iterable[object]]) -> None:
        """Learn the total by iterating ``count()`` in a daemon thread (for the ETA)."""
        if not self.enabled:
            return

        def run() -> None:
            try:
                self.total = sum(1 for _ in count())
            except Exception:  # the total is a nicety; the batch itself reports real errors
                self.total = None

        threading.Thread(target=run, name="articlekit-count", daemon=True).start()

    def update(self, *, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self._draw(self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        position = self.base + self.done
        text = f"{position:,}"
        if self.total is not None:
            text += f"/{self.total:,}"
        text += f" done, {self.failed:,} failed, {rate:.1f}/s"
        if self.total is not None and rate > 0:
            text += f", ETA {_duration(max(0, self.total - position) / rate)}"
        return text

    def message(self, text: str) -> None:
        """A line of its own (a failure, a warning), above the progress line."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"
