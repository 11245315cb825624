"""Settings: every knob of a build in one place (and of ``briefgen fetch``, FetchSettings), filled from briefgen.toml and the command line.

``settings_from`` is the one way from options (briefgen.toml's settings with the
command-line flags on top, by option name) to ``Settings``; the CLI calls it for
every command and hands the result to the library. Library code reads settings
only from here, never from ``argparse``, briefgen.toml or the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .gazetteer import read_gazetteer_file

FORMATS = ("md", "html", "pdf", "json")
# The PDF variants a brief can be written as (WeasyPrint's names); without one the PDF is tagged, with XMP metadata.
PDF_VARIANTS = ("pdf/a-2b", "pdf/a-2u", "pdf/a-2a", "pdf/a-3b", "pdf/a-3u", "pdf/a-3a", "pdf/ua-1", "pdf/ua-2")
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_ARTICLE_SECONDS = 60.0  # one article's parse and extraction; longer is a Rejection
DEFAULT_WORKER_MEMORY_MB = 4096  # a worker's address space: parsing 100,000 characters peaks near 1.3 GB
DEFAULT_PARTITION_ARTICLES = 50  # briefgen extract --out: articles per stored partition (one task of an engine; small enough to balance two workers)
ENGINES = ("local", "dask")
DEFAULT_FETCH_SECONDS = 20.0  # one HTTP request of briefgen fetch, connection to last byte
DEFAULT_FETCH_DELAY = 1.0  # between the starts of two requests to one host


def parse_formats(value: str) -> tuple[str, ...]:
    """``"md,pdf"`` as a tuple of known formats (an argparse type: raises ArgumentTypeError)."""
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"formats are {','.join(FORMATS)}; got {value!r}")
    return chosen


@dataclass
class Settings:
    out_dir: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    date: dt.date = field(default_factory=dt.date.today)
    title: str | None = None
    organisation: str | None = None  # shown under the title
    classification: str | None = None  # a banner on the brief ("Unclassified", "Internal")
    pdf_variant: str | None = None  # one of PDF_VARIANTS: the PDF declares it (PDF/A, PDF/UA)
    templates_dir: Path | None = None
    model: str | None = None
    gazetteers: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    quiet: bool = False
    summary_sentences: int = 3
    summary_max_words: int = 75
    batch_size: int = 32
    processes: int | None = None  # worker processes (spaCy, PDF typesetting); None: by the articles and cores
    use_cache: bool = True
    # An outlet's name as file names or folders write it ("nyt") -> its publisher ("The New York Times"), for plain files.
    publishers: dict[str, str] = field(default_factory=dict)
    article_seconds: float = DEFAULT_ARTICLE_SECONDS
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB
    # briefgen extract --out: which engine analyses the partitions, and on which Dask scheduler (None: a LocalCluster)
    engine: str = "local"
    scheduler: str | None = None
    partition_articles: int = DEFAULT_PARTITION_ARTICLES

    @property
    def brief_title(self) -> str:
        return self.title or f"Daily brief {self.date.isoformat()}"


# option name (a command-line flag's dest, a flat briefgen.toml key) -> Settings field
_OPTION_FIELDS = {
    "out": "out_dir", "format": "formats", "date": "date", "title": "title", "organisation": "organisation",
    "classification": "classification", "pdf_variant": "pdf_variant", "templates": "templates_dir", "model": "model", "gazetteer": "gazetteers",
    "max_bytes": "max_bytes", "quiet": "quiet", "summary_sentences": "summary_sentences",
    "article_seconds": "article_seconds", "worker_memory_mb": "worker_memory_mb", "publishers": "publishers",
    "engine": "engine", "scheduler": "scheduler", "partition_size": "partition_articles",
}


def _check(values: Mapping[str, Any]) -> None:
    """Refuse a value no build can use, before any input is read (UsageError, one line)."""
    for name, flag in (("max_bytes", "--max-bytes"), ("summary_sentences", "--summary-sentences"), ("worker_memory_mb", "worker_memory_mb"),
                       ("partition_articles", "--partition-size")):
        if name in values and values[name] < 1:
            raise UsageError(f"{flag} must be at least 1; got {values[name]}")
    if values.get("article_seconds", 1) <= 0:
        raise UsageError(f"article_seconds must be more than 0; got {values['article_seconds']}")
    for path in values.get("gazetteers", ()):
        read_gazetteer_file(Path(path))  # a bad file stops the run here, before any input is read
    if values.get("scheduler") and values.get("engine") != "dask":
        raise UsageError("--scheduler needs --engine dask")
    templates = values.get("templates_dir")
    if templates is not None and not Path(templates).is_dir():
        raise UsageError(f"templates folder {templates} not found")


def settings_from(options: Mapping[str, object]) -> Settings:
    """The Settings of ``options``: briefgen.toml's settings with the flags given on top; an option absent or None keeps its default.

    Raises UsageError for a value no build can use (a size or count below 1, a templates folder that is not there).
    """
    values: dict[str, Any] = {name: options[key] for key, name in _OPTION_FIELDS.items() if options.get(key) is not None}
    _check(values)
    if "out_dir" in values:
        values["out_dir"] = Path(values["out_dir"])
    for name in ("formats", "gazetteers"):
        if name in values:
            values[name] = tuple(values[name])
    return Settings(**values, use_cache=not options.get("no_cache"))


@dataclass
class FetchSettings:
    """Every knob of ``briefgen fetch`` (and of the fetch that starts ``briefgen daily``)."""

    timeout: float = DEFAULT_FETCH_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES  # a response body, counted after decompression
    allow_private: bool = False  # loopback, private and link-local addresses too (a test server, an intranet)
    delay: float = DEFAULT_FETCH_DELAY
    seen: Path | None = None  # the seen-URL store; None: .briefgen-fetch.json in the folder fetched into
    quiet: bool = False


# option name -> FetchSettings field (the same names in briefgen.toml's flat settings and on the command line)
_FETCH_OPTIONS = ("timeout", "max_bytes", "allow_private", "delay", "seen", "quiet")


def fetch_settings_from(options: Mapping[str, object]) -> FetchSettings:
    """The FetchSettings of ``options`` (briefgen.toml's settings with the flags given on top); UsageError for an unusable value."""
    values: dict[str, Any] = {name: options[name] for name in _FETCH_OPTIONS if options.get(name) is not None}
    for name, flag in (("timeout", "--timeout"), ("delay", "--delay"), ("max_bytes", "--max-bytes")):
        if name in values and not values[name] > 0:
            raise UsageError(f"{flag} must be more than 0; got {values[name]}")
    if "seen" in values:
        values["seen"] = Path(values["seen"])
    return FetchSettings(**values)
