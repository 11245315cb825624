"""Saving a fetched article where ``briefgen build DIR`` reads it.

Each article is one ``.json`` record of the form ingest already reads
(``ingest.records``: text, title, url, publisher, published, author), its text
and metadata extracted from the page at fetch time by the very function that
reads a saved ``.html`` page (``ingest.html.extract``). The page as received is
kept beside it in the hidden folder ``.raw/`` (hidden, so a build does not read
the article twice) for re-extraction later: ``briefgen build DIR/.raw`` reads
those pages directly. Both files are written atomically.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic_write import write_atomic

RAW_FOLDER = ".raw"
NOT_NAME = re.compile(r"[^a-z0-9]+")
MAX_STEM = 80
_save_lock = threading.Lock()


@dataclass
class SavedArticle:
    """A record as ``briefgen build`` reads it, plus where it came from."""

    url: str
    title: str | None
    publisher: str | None
    published: str | None
    author: str | None
    text: str
    fetched_from: str  # the URL requested (credentials and secrets masked)
    fetched_at: str  # ISO 8601, UTC
    raw: str = ""  # the page as received, relative to the record's folder; set by save_article


def save_article(folder: Path, record: SavedArticle, raw_page: bytes) -> Path:
    """Write ``record`` and the raw page under a file name made from its URL that no record in ``folder`` has yet;
    the record's path. One save at a time, so two threads never take the same name."""
    parts = urlsplit(record.url)
    base = NOT_NAME.sub("-", f"{parts.hostname or ''} {parts.path}".lower()).strip("-")[:MAX_STEM].rstrip("-") or "article"
    with _save_lock:
        stem, number = base, 1
        while (folder / f"{stem}.json").exists() or (folder / RAW_FOLDER / f"{stem}.html").exists():
            number += 1
            stem = f"{base}-{number}"
        raw = Path(RAW_FOLDER) / f"{stem}.html"
        write_atomic(folder / raw, raw_page)
        record.raw = raw.as_posix()
        path = folder / f"{stem}.json"
        write_atomic(path, json.dumps(asdict(record), indent=1, ensure_ascii=False).encode("utf-8"))
    return path
