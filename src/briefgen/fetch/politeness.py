"""Politeness towards each host: at most two requests at a time, and a delay between the starts of two requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

PER_HOST = 2


@dataclass
class _Host:
    slots: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(PER_HOST))
    next_start: float = 0.0  # time.monotonic() before which no request to the host starts


class HostGate:
    """``with gate.turn(host):`` waits for one of the host's two slots and for its delay, then holds the slot."""

    def __init__(self, delay: float):
        self.delay = delay
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            state = self._hosts.setdefault(host, _Host())
        with state.slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, state.next_start)
                state.next_start = start + self.delay
            time.sleep(start - now)
            yield
