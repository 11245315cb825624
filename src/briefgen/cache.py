"""The analysis cache: one SQLite file in the output folder.

An article's ArticleBrief is stored under a key made of everything that
shapes it: the article (text and metadata), the model and its version,
briefgen's version, the gazetteer files and the extraction settings. Re-running
a day with a few new articles analyses only those. Rendered outputs are
remembered too, so an unchanged PDF is not typeset again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .model import Article, ArticleBrief, from_dict, to_dict

CACHE_NAME = ".briefgen-cache.sqlite"


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def file_digest(paths: Iterable[str | Path]) -> str:
    """A fingerprint of files' names and contents (gazetteers, theme files), however their folder was written."""
    return _digest([(Path(p).name, hashlib.sha256(Path(p).read_bytes()).hexdigest()) for p in paths])


class AnalysisCache:
    """ArticleBriefs by key, and the fingerprints of rendered outputs."""

    def __init__(self, folder: Path, context: dict):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_NAME
        self.context = {**context, "briefgen": __version__}
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, brief TEXT NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS outputs (name TEXT PRIMARY KEY, source TEXT NOT NULL, output TEXT NOT NULL)")

    def key(self, article: Article, reference_date: str) -> str:
        return _digest([self.context, asdict(article), reference_date])

    def get(self, key: str) -> ArticleBrief | None:
        row = self.db.execute("SELECT brief FROM articles WHERE key = ?", (key,)).fetchone()
        return from_dict(ArticleBrief, json.loads(row[0])) if row else None

    def put(self, key: str, brief: ArticleBrief) -> None:
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (key, json.dumps(to_dict(brief), ensure_ascii=False)))

    def outputs_current(self, name: str, fingerprint: str, paths: Iterable[Path]) -> bool:
        """True when the outputs remembered as ``name`` were made from ``fingerprint`` and are
        exactly these files, as they are now. Outputs live beside the cache: they are known by file name,
        so "out" and "/home/me/out" are the same build."""
        row = self.db.execute("SELECT source, output FROM outputs WHERE name = ?", (name,)).fetchone()
        if not row or row[0] != fingerprint:
            return False
        recorded = json.loads(row[1])
        paths = list(paths)
        return sorted(recorded) == sorted(p.name for p in paths) and all(
            p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == recorded[p.name] for p in paths
        )

    def remember_outputs(self, name: str, fingerprint: str, paths: Iterable[Path]) -> None:
        """Remember the files just written from ``fingerprint`` under ``name``."""
        hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
        self.db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", (name, fingerprint, json.dumps(hashes)))

    def fingerprint(self, *parts: object) -> str:
        """A key for outputs: this cache's context and everything else that shapes them."""
        return _digest([self.context, *parts])

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()
