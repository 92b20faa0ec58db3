"""The per-page time limit, enforced: a pathological page is abandoned, not waited for.

:func:`time_limit` arms a real-time interval timer (``SIGALRM``) when it can — on
Unix, in the main thread, when no other code owns ``SIGALRM`` — so that a page
stuck in a Python-level loop (a runaway regex over a huge text node, a deep tree
walk) is interrupted wherever it is. The handler raises :class:`_Expired`, a
``BaseException``, so that no ``except Exception`` inside the pipeline or a
third-party library can swallow it; :func:`time_limit` turns it into
:class:`~articlekit.ExtractionTimeout` at its own boundary.

Where the timer cannot be armed (Windows, a worker thread such as a threaded
Dask worker), the limit is cooperative only: the pipeline's checks between
stages still raise. Code that never returns to the interpreter (a C call that
runs for minutes) cannot be interrupted by any in-process means; the batch
worker pool (:mod:`articlekit.workers`) kills and replaces such a worker.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from types import FrameType
from typing import ParamSpec, TypeVar

from .errors import ExtractionTimeout
from .options import Options

P = ParamSpec("P")
R = TypeVar("R")


class _Expired(BaseException):
    """Raised by the alarm handler; a BaseException so that nothing in between catches it."""


# The deadline of the innermost active time_limit in this (main) thread, if any.
_active_deadline: float | None = None


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Expired


def _can_arm() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    current = signal.getsignal(signal.SIGALRM)
    return current in (signal.SIG_DFL, signal.SIG_IGN, None, _on_alarm)


@contextmanager
def time_limit(seconds: float | None, *, stage: str = "extract") -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` if the block runs for longer than ``seconds``.

    Nested limits are allowed: the earliest deadline wins and the outer timer is
    restored on exit. ``None`` means no limit.
    """
    global _active_deadline
    if seconds is None or not _can_arm():
        yield
        return
    outer = _active_deadline
    deadline = time.monotonic() + seconds
    if outer is not None and outer <= deadline:
        yield  # an enclosing limit expires first and is already armed
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _active_deadline = deadline
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        if outer is not None and time.monotonic() >= outer:
            raise  # the enclosing limit's turn to report it
        message = f"extraction took over {seconds:g} s and was abandoned"
        raise ExtractionTimeout(message, stage=stage) from None
    finally:
        _active_deadline = outer
        signal.signal(signal.SIGALRM, previous)
        if outer is not None:
            signal.setitimer(signal.ITIMER_REAL, max(outer - time.monotonic(), 1e-3))


def limited(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` under :func:`time_limit` of its ``options`` keyword argument's ``timeout``."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        options = kwargs.get("options")
        seconds = options.timeout if isinstance(options, Options) else Options().timeout
        with time_limit(seconds):
            return func(*args, **kwargs)

    return wrapper
