"""robots.txt: fetched once per origin (through the same client and limits), honoured for every URL and redirect hop.

Parsed with the standard library's ``urllib.robotparser``. As RFC 9309 says: a
robots.txt that is missing (4xx) allows everything; one that cannot be read
(5xx, a network failure, refused) allows nothing on that origin.
"""

from __future__ import annotations

import threading
from urllib.robotparser import RobotFileParser

from .client import USER_AGENT, Client
from .errors import FetchError
from .urls import origin

ROBOTS_MAX_BYTES = 500_000  # RFC 9309: a crawler may ignore what follows the first 500 KiB
PRODUCT_TOKEN = USER_AGENT.split("/", 1)[0]  # "briefgen", the name robots.txt groups are written for
DISALLOWED = "disallowed by robots.txt"


class Robots:
    """``robots.refusal(url)``: why robots.txt forbids ``url``, or None."""

    def __init__(self, client: Client):
        self.client = client
        self._parsers: dict[str, RobotFileParser] = {}
        self._unreadable: dict[str, str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def refusal(self, url: str) -> str | None:
        site = origin(url)
        with self._lock:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # the first request to an origin reads its robots.txt; the others wait for it
            if site not in self._parsers and site not in self._unreadable:
                self._read(site)
        if site in self._unreadable:
            return f"robots.txt could not be read ({self._unreadable[site]}), so nothing on {site} is fetched"
        return None if self._parsers[site].can_fetch(PRODUCT_TOKEN, url) else DISALLOWED

    def _read(self, site: str) -> None:
        parser = RobotFileParser(f"{site}/robots.txt")
        try:
            response = self.client.get(f"{site}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as error:
            self._unreadable[site] = str(error)
            return
        if response.status >= 500:
            self._unreadable[site] = f"HTTP {response.status}"
            return
        # a robots.txt that is missing (4xx, or no usable answer) has no rules: everything is allowed
        rules = response.body.decode("utf-8", errors="replace").splitlines() if 200 <= response.status < 300 else []
        parser.parse(rules)
        self._parsers[site] = parser
