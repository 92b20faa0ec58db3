"""An ordered, bounded, self-healing process pool for batch extraction.

:func:`ordered_map` runs ``task(item)`` for every item in worker processes and yields
the results **in input order**, exactly one per item:

* each worker holds one task at a time, so the parent always knows which item a
  worker is on and since when;
* a worker that runs past ``hard_timeout`` on one item is killed and replaced, and
  the item gets ``on_lost(item, "timeout", detail)``; a worker that dies (a crash in
  C code, the out-of-memory killer) is replaced too, and its item gets
  ``on_lost(item, "crash", detail)``; the other items go on;
* at most ``window`` items are taken from the input iterator ahead of the oldest
  unfinished one, so memory stays flat however many items there are (a slow item
  holds back output, never memory).

``workers=0`` runs the tasks in this process, in order (no isolation; for debugging
and for environments that cannot start processes).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")
LossReason = Literal["timeout", "crash", "error"]

# Items taken ahead of the oldest unfinished one, per worker (bounds memory and reordering).
WINDOW_PER_WORKER = 8
# How long a worker that was asked to stop may take before it is killed.
STOP_GRACE_SECONDS = 2.0


def default_context() -> BaseContext:
    """``forkserver`` where available: workers are forked from a clean, single-threaded server."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(
    task: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int,
    on_lost: Callable[[T, LossReason, str], R],
    hard_timeout: float | None = None,
    context: BaseContext | None = None,
) -> Iterator[R]:
    """``task(item)`` for every item, computed in ``workers`` processes, yielded in order."""
    if workers <= 0:
        yield from map(task, items)
        return
    pool = _Pool(task, workers, on_lost, hard_timeout, context or default_context())
    try:
        yield from pool.run(iter(items))
    finally:
        pool.close()


@dataclass
class _Job(Generic[T]):
    seq: int
    item: T
    started: float


@dataclass
class _Worker(Generic[T]):
    process: BaseProcess
    conn: Connection
    job: _Job[T] | None = None


@dataclass
class _Pool(Generic[T, R]):
    task: Callable[[T], R]
    size: int
    on_lost: Callable[[T, LossReason, str], R]
    hard_timeout: float | None
    context: BaseContext
    workers: list[_Worker[T]] = field(default_factory=list)
    done: dict[int, R] = field(default_factory=dict)

    def run(self, items: Iterator[T]) -> Iterator[R]:
        self.workers = [self._spawn() for _ in range(self.size)]
        window = max(16, WINDOW_PER_WORKER * self.size)
        next_in = next_out = 0
        exhausted = False
        while True:
            for worker in self.workers:
                if worker.job is None and not exhausted and next_in < next_out + window:
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    self._send(worker, _Job(next_in, item, time.monotonic()))
                    next_in += 1
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.job is not None]
            if exhausted and not busy and next_out == next_in:
                return
            self._collect(busy)

    def _send(self, worker: _Worker[T], job: _Job[T]) -> None:
        worker.job = job
        try:
            worker.conn.send((job.seq, job.item))
        except (BrokenPipeError, EOFError, OSError):
            self._lose(worker, "crash", "the worker process was gone before it got the input")

    def _collect(self, busy: list[_Worker[T]]) -> None:
        waits: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(waits, timeout=self._wait_seconds(busy))) if waits else set()
        for worker in busy:
            if worker.job is None:
                continue
            if worker.conn in ready or worker.process.sentinel in ready:
                self._receive(worker)
            elif self.hard_timeout is not None and time.monotonic() - worker.job.started > self.hard_timeout:
                self._lose(
                    worker,
                    "timeout",
                    f"no result after {self.hard_timeout:g} s; the worker was killed and replaced",
                )

    def _receive(self, worker: _Worker[T]) -> None:
        assert worker.job is not None
        try:
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(0.5)
            code = worker.process.exitcode
            self._lose(worker, "crash", f"the worker process died (exit code {code}) on this input")
            return
        if status == "ok":
            self.done[worker.job.seq] = payload
        else:
            self.done[worker.job.seq] = self.on_lost(worker.job.item, "error", str(payload))
        worker.job = None

    def _lose(self, worker: _Worker[T], reason: LossReason, detail: str) -> None:
        """Give the worker's item a substitute result, and replace the worker."""
        assert worker.job is not None
        self.done[worker.job.seq] = self.on_lost(worker.job.item, reason, detail)
        _stop(worker, kill=True)
        index = self.workers.index(worker)
        self.workers[index] = self._spawn()

    def _wait_seconds(self, busy: list[_Worker[T]]) -> float:
        if self.hard_timeout is None:
            return 1.0
        now = time.monotonic()
        left = [w.job.started + self.hard_timeout - now for w in busy if w.job is not None]
        return max(0.01, min([1.0, *left]))

    def _spawn(self) -> _Worker[T]:
        parent, child = self.context.Pipe()
        start: Any = self.context.Process  # type: ignore[attr-defined]  # not on BaseContext in typeshed
        process: BaseProcess = start(target=_worker_main, args=(child, self.task), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def close(self) -> None:
        for worker in self.workers:
            _stop(worker, kill=worker.job is not None)
        self.workers = []


def _stop(worker: _Worker[Any], *, kill: bool) -> None:
    if kill:
        worker.process.kill()
    else:
        with contextlib.suppress(BrokenPipeError, EOFError, OSError):
            worker.conn.send(None)
    worker.process.join(STOP_GRACE_SECONDS)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(STOP_GRACE_SECONDS)
    worker.conn.close()


def _worker_main(conn: Connection, task: Callable[[Any], Any]) -> None:
    """A worker: run tasks one at a time until told to stop (``None``) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        _seq, item = message
        try:
            result = ("ok", task(item))
        except BaseException as exc:  # reported to the parent, which records it for this item
            result = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return  # the parent is gone (killed); its successor redoes this input on --resume
