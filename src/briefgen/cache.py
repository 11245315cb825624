"""The analysis cache: one SQLite file in the output folder.

An article's ArticleBrief is stored under a key made of everything that
shapes it: the article (text and metadata), the model and its version,
a digest of briefgen's own code and data files, the gazetteer files and the
extraction settings. Re-running a day with a few new articles analyses only
those. Rendered outputs are remembered too, so an unchanged PDF is not typeset
again.

The cache is only ever an optimisation, so no fault in it fails a build: a
file that is not a usable cache (truncated, random bytes, a folder or a symlink
in its place, tables of another shape) is set aside as
``.briefgen-cache.sqlite.broken-<UTC time>`` with a one-line warning and a new
one is started; a cache that cannot be written (read-only, disk full) is
dropped for the rest of the build; a row that does not read back as the model
is a miss.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from .model import Article, ArticleBrief, from_dict, to_dict

CACHE_NAME = ".briefgen-cache.sqlite"
PACKAGE_DIR = Path(__file__).resolve().parent
# SQLite's files beside a database: a hot journal must move with the database it belongs to.
SIDE_FILES = ("-journal", "-wal", "-shm")
SCHEMA = {
    "articles": "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, brief TEXT NOT NULL)",
    "outputs": "CREATE TABLE IF NOT EXISTS outputs (name TEXT PRIMARY KEY, source TEXT NOT NULL, output TEXT NOT NULL)",
}
COLUMNS = {"articles": ["key", "brief"], "outputs": ["name", "source", "output"]}
# Error codes that say the file is not a database any more; any other error (read-only, full disk,
# cannot open) says it cannot be used now.
BROKEN_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}

log = logging.getLogger(__name__)
T = TypeVar("T")


class BrokenCache(Exception):
    """The cache file is not a usable cache (internal: it is then set aside)."""


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def file_digest(paths: Iterable[str | Path]) -> str:
    """A fingerprint of files' names and contents (gazetteers, theme files), however their folder was written."""
    return _digest([(Path(p).name, hashlib.sha256(Path(p).read_bytes()).hexdigest()) for p in paths])


@functools.cache
def package_digest(root: Path = PACKAGE_DIR) -> str:
    """A fingerprint of the briefgen package's code and data (every ``*.py`` and ``data/`` file), once per process.

    An upgrade that changes a word list or an extractor changes it, so no analysis made by other code is
    reused (``__version__`` alone stays the same between such releases). The theme is not part of it: it
    shapes only the outputs, whose fingerprint holds it."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and (p.suffix == ".py" or p.relative_to(root).parts[0] == "data"))
    return _digest([(p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files])


def _set_aside(path: Path, reason: str) -> bool:
    """Rename a broken cache (and its journal) out of the way; a symlink is renamed, never followed."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    try:
        os.rename(path, target)
        for suffix in SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if os.path.lexists(side):
                os.rename(side, target.with_name(target.name + suffix))
    except OSError as error:
        log.warning("cache %s is unusable (%s) and cannot be set aside (%s); building without it", path, reason, error.strerror or error)
        return False
    log.warning("cache %s is unusable (%s); set aside as %s, starting a new one", path, reason, target.name)
    return True


def _prepared(path: Path) -> sqlite3.Connection:
    """The cache at ``path`` with its tables; BrokenCache when the file there is not a cache of this shape."""
    if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
        raise BrokenCache("not a regular file")
    db = sqlite3.connect(path)
    try:
        for table, statement in SCHEMA.items():
            db.execute(statement)
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            if columns != COLUMNS[table]:
                raise BrokenCache(f"table {table} has columns {columns}")
        db.commit()
    except sqlite3.DatabaseError as error:
        db.close()
        if getattr(error, "sqlite_errorcode", None) in BROKEN_CODES:
            raise BrokenCache(str(error)) from error
        raise
    except BrokenCache:
        db.close()
        raise
    return db


def _connect(path: Path) -> sqlite3.Connection | None:
    """The cache at ``path``, a new one when the file there was broken, or None when there can be none."""
    try:
        return _prepared(path)
    except BrokenCache as error:
        if not _set_aside(path, str(error)):
            return None
    except sqlite3.Error as error:
        log.warning("cache %s cannot be used (%s); building without it", path, error)
        return None
    try:
        return _prepared(path)
    except (BrokenCache, sqlite3.Error) as error:
        log.warning("cache %s cannot be used (%s); building without it", path, error)
        return None


class AnalysisCache:
    """ArticleBriefs by key, and the fingerprints of rendered outputs.

    Every read that fails is a miss and every write that fails drops the cache (one warning): a build
    never fails because of its cache."""

    def __init__(self, folder: Path, context: dict):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_NAME
        self.context = {**context, "briefgen": package_digest()}
        self.db = _connect(self.path)

    def _guarded(self, action: Callable[[sqlite3.Connection], T]) -> T | None:
        """``action`` on the database; None when there is none or it fails. A file found broken now is set
        aside and a new cache started; any other failure drops the cache for the rest of this build."""
        if self.db is None:
            return None
        try:
            return action(self.db)
        except sqlite3.Error as error:
            # Closing rolls back what was not committed; a failing close has nothing left to lose.
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            if getattr(error, "sqlite_errorcode", None) in BROKEN_CODES and _set_aside(self.path, str(error)):
                self.db = _connect(self.path)
            else:
                log.warning("cache %s failed (%s); building without it", self.path, error)
                self.db = None
            return None

    def key(self, article: Article, reference_date: str) -> str:
        return _digest([self.context, asdict(article), reference_date])

    def get(self, key: str) -> ArticleBrief | None:
        row = self._guarded(lambda db: db.execute("SELECT brief FROM articles WHERE key = ?", (key,)).fetchone())
        if not row:
            return None
        try:
            data = json.loads(row[0])
            brief = from_dict(ArticleBrief, data)
            # A row that does not hold exactly an ArticleBrief (fields missing, renamed or added) is a miss.
            fits = json.loads(json.dumps(to_dict(brief), ensure_ascii=False)) == data
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            log.debug("cache row %s unreadable: %s", key, error)
            return None
        return brief if fits else None

    def put(self, key: str, brief: ArticleBrief) -> None:
        row = (key, json.dumps(to_dict(brief), ensure_ascii=False))
        self._guarded(lambda db: db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", row))

    def outputs_current(self, name: str, fingerprint: str, paths: Iterable[Path]) -> bool:
        """True when the outputs remembered as ``name`` were made from ``fingerprint`` and are
        exactly these files, as they are now. Outputs live beside the cache: they are known by file name,
        so "out" and "/home/me/out" are the same build."""
        row = self._guarded(lambda db: db.execute("SELECT source, output FROM outputs WHERE name = ?", (name,)).fetchone())
        if not row or row[0] != fingerprint:
            return False
        try:
            recorded = dict(json.loads(row[1]))
        except (ValueError, TypeError):
            return False
        paths = list(paths)
        return sorted(recorded) == sorted(p.name for p in paths) and all(
            p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == recorded[p.name] for p in paths
        )

    def remember_outputs(self, name: str, fingerprint: str, paths: Iterable[Path]) -> None:
        """Remember the files just written from ``fingerprint`` under ``name``."""
        hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        self._guarded(lambda db: db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", (name, fingerprint, json.dumps(hashes))))

    def fingerprint(self, *parts: object) -> str:
        """A key for outputs: this cache's context and everything else that shapes them."""
        return _digest([self.context, *parts])

    def commit(self) -> None:
        self._guarded(lambda db: db.commit())

    def close(self) -> None:
        self.commit()
        self._guarded(lambda db: db.close())
        self.db = None
