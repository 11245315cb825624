"""The per-article budget: how long one article's analysis may take, and how much memory a worker process may use.

Time: ``within_budget`` runs one article's analysis under a timer and turns its
expiry into that article's Rejection. In the main thread on POSIX the timer is
an interval timer (``setitimer`` + SIGALRM), which also interrupts a blocking
call. Only the main thread may handle signals, so elsewhere (the threads a Dask
worker runs its tasks in, Windows) a watchdog thread raises the same exception
in the analysing thread (``PyThreadState_SetAsyncExc``): Python raises it at
that thread's next bytecode, once a running C call (one parse) returns.

Memory: ``limit_worker_memory`` caps a worker process's address space
(RLIMIT_AS, where the ``resource`` module exists), so a pathological article
raises MemoryError in that worker instead of exhausting the machine. Analysis
in the calling process (fewer than ``pipeline.PARALLEL_FROM`` new articles)
has no such cap, as it would bind the whole command: there a MemoryError is
still caught and rejects only that article, but the operating system may stop
the process before Python sees one.
"""

from __future__ import annotations

import ctypes
import math
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .model import Rejection

Result = TypeVar("Result")


class _OutOfTime(BaseException):
    """The article's time is up. A BaseException, so an extractor's own ``except Exception`` cannot swallow it."""


def _expire(signum, frame):
    raise _OutOfTime


class _Watchdog:
    """One daemon thread per process that raises _OutOfTime in every thread past its deadline.

    A thread per article would cost a thread start, and its hand-offs of the GIL, for each of them (13% of a Dask
    worker's time in a run of 1,000 articles); the watchdog sleeps until the earliest deadline it knows, so with
    one budget for all articles it wakes about once per budget, whatever the number of articles."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._deadlines: dict[int, float] = {}  # thread ident -> when its block's time is up
        self._fired: set[int] = set()  # threads given _OutOfTime whose block has not ended
        self._wakes_at = math.inf
        self._pid: int | None = None  # the process the thread runs in (a forked child has none)

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """Raise _OutOfTime in this block after ``seconds``; never after the block."""
        ident = threading.get_ident()
        with self._condition:
            self._deadlines[ident] = deadline = time.monotonic() + seconds
            if self._pid != os.getpid():
                self._pid = os.getpid()
                threading.Thread(target=self._watch, name="briefgen-budget", daemon=True).start()
            elif deadline < self._wakes_at:
                self._condition.notify()
        try:
            yield
        finally:
            with self._condition:
                self._deadlines.pop(ident, None)
                if ident in self._fired:
                    self._fired.discard(ident)
                    _raise_in(ident, None)  # drops one given as the block ended, not yet raised

    def _watch(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                for ident in [i for i, deadline in self._deadlines.items() if deadline <= now]:
                    del self._deadlines[ident]
                    self._fired.add(ident)
                    _raise_in(ident, _OutOfTime)
                self._wakes_at = min(self._deadlines.values(), default=math.inf)
                self._condition.wait(None if self._wakes_at == math.inf else self._wakes_at - now)


def _raise_in(ident: int, exception: type[BaseException] | None) -> None:
    """Have Python raise ``exception`` in thread ``ident`` at its next bytecode (None: take back one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exception) if exception else None)


_watchdog = _Watchdog()


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _OutOfTime in this block after ``seconds``; in the main thread by SIGALRM, whose old handler is restored after."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with _watchdog.limit(seconds):
            yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def within_budget(source: str, seconds: float, analyse: Callable[[], Result]) -> Result | Rejection:
    """``analyse()``, or the Rejection of ``source`` when it takes longer than ``seconds`` or runs out of memory."""
    try:
        with _time_limit(seconds):
            return analyse()
    except _OutOfTime:
        return Rejection(source, f"took longer than {seconds:g} s to analyse")
    except MemoryError:
        return Rejection(source, "ran out of memory")


def limit_worker_memory(megabytes: int) -> None:
    """Cap this process's address space at ``megabytes`` (never above the hard limit); a no-op without ``resource``."""
    try:
        import resource
    except ImportError:  # Windows
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
