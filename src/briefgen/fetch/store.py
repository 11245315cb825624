"""The seen-URL store: which articles were saved (by canonical URL) and each feed's validators (ETag, Last-Modified).

One JSON file, by default ``.briefgen-fetch.json`` in the folder fetched into
(hidden, so ``briefgen build DIR`` does not read it), rewritten atomically
after each saved article: a run that is stopped half-way still remembers what
it saved. A store that cannot be read is set aside with a warning and a new
one started, as the analysis cache is: it is never a reason for a run to fail.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from ..atomic_write import write_atomic
from .urls import canonical

STORE_NAME = ".briefgen-fetch.json"
log = logging.getLogger(__name__)


class SeenStore:
    """Thread-safe; keys are canonical URLs (``urls.canonical``)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._pages: dict[str, str] = {}  # canonical URL -> the saved file's name
        self._feeds: dict[str, dict[str, str]] = {}  # canonical feed URL -> {"etag": ..., "last_modified": ...}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            pages, feeds = data["pages"], data["feeds"]
            if not isinstance(pages, dict) or not isinstance(feeds, dict):
                raise ValueError("not a store")
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            log.warning("the seen-URL store %s is not usable (%s); set aside as %s, starting a new one", self.path, error, aside.name)
            self.path.replace(aside)
            return
        self._pages = {str(url): str(name) for url, name in pages.items()}
        self._feeds = {str(url): {str(k): str(v) for k, v in validators.items()} for url, validators in feeds.items()
                       if isinstance(validators, dict)}

    def seen(self, url: str) -> bool:
        with self._lock:
            return canonical(url) in self._pages

    def add(self, urls: list[str], saved_as: str) -> None:
        """Remember that the article at ``urls`` (as requested, after redirects, its own canonical link) is saved."""
        with self._lock:
            for url in urls:
                self._pages[canonical(url)] = saved_as
            self._write()

    def validators(self, feed_url: str) -> dict[str, str]:
        with self._lock:
            return dict(self._feeds.get(canonical(feed_url), {}))

    def set_validators(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        kept = {name: value for name, value in (("etag", etag), ("last_modified", last_modified)) if value}
        with self._lock:
            self._feeds[canonical(feed_url)] = kept
            self._write()

    def _write(self) -> None:
        data = {"pages": dict(sorted(self._pages.items())), "feeds": dict(sorted(self._feeds.items()))}
        write_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
