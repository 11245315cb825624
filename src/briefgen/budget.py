"""The per-article budget: how long one article's analysis may take, and how much memory a worker process may use.

Time: ``within_budget`` runs one article's analysis under a timer and turns its
expiry into that article's Rejection. In the main thread on POSIX the timer is
an interval timer (``setitimer`` + SIGALRM), which also interrupts a blocking
call. Only the main thread may handle signals, so elsewhere (the threads a Dask
worker runs its tasks in, Windows) a timer thread raises the same exception in
the analysing thread (``PyThreadState_SetAsyncExc``): Python raises it at that
thread's next bytecode, once a running C call (one parse) returns.

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
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .model import Rejection

Result = TypeVar("Result")


class _OutOfTime(BaseException):
    """The article's time is up. A BaseException, so an extractor's own ``except Exception`` cannot swallow it."""


def _expire(signum, frame):
    raise _OutOfTime


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """Raise _OutOfTime in this block after ``seconds``, from a timer thread; never after the block."""
    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    running = [True]

    def expire() -> None:
        with lock:
            if running[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(_OutOfTime))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            running[0] = False
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)  # drops one set as the block ended, not yet raised


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _OutOfTime in this block after ``seconds``; in the main thread by SIGALRM, whose old handler is restored after."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds):
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
