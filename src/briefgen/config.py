"""Settings: every knob of a build in one place, filled from the command line.

The CLI builds a ``Settings`` and hands it to the library; library code reads
settings only from here, never from ``argparse`` or the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("md", "html", "pdf", "json")
DEFAULT_MAX_BYTES = 5_000_000


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
    since: Path | None = None  # a previous brief.json: stories new since then are marked

    @property
    def brief_title(self) -> str:
        return self.title or f"Daily brief {self.date.isoformat()}"
