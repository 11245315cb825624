"""The analyses folder: partitions of JSON Lines written whole or not at all, their summaries, the manifest.

For each partition ``part-<index>-<digest>``:

- ``<name>.summary.json``: its article count, its rejected articles (source and reason) and the span of its
  articles' published dates; written first;
- ``<name>.jsonl``: one ArticleBrief JSON object per line (the article object of ``briefgen extract``), in input
  order; written last. Its presence is what makes the partition complete.

Both are written to a temporary file, fsynced and renamed into place, so a partition is complete or absent,
and a task that runs twice (a worker died, Dask ran it again) writes the same bytes under the same name.
``manifest.json``, written when a run ends, lists the run's partitions in input order, the inputs that could
not be read and every rejected article; a reader trusts only the partitions it lists. It replaces the previous
run's manifest only once every partition of the new run is there, then partitions of earlier runs that the
new one does not list are removed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..assemble import finish_article
from ..atomic_write import write_atomic
from ..errors import BriefgenError
from ..model import ArticleBrief, Rejection, from_dict, to_dict

MANIFEST_NAME = "manifest.json"
FORMAT = "briefgen-analyses/1"


class AnalysesError(BriefgenError):
    """A folder that does not hold a complete set of stored analyses (one line)."""


@dataclass
class PartitionSummary:
    """What a complete partition holds, without reading it."""

    name: str
    articles: int
    rejected: list[Rejection] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # its earliest and latest published date; empty when none is dated

    @property
    def file(self) -> str:
        return f"{self.name}.jsonl"


def _summary_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.summary.json"


def write_partition(folder: Path, name: str, results: Sequence[ArticleBrief | Rejection]) -> PartitionSummary:
    """Store one partition's results: its summary, then its analyses; returns the summary."""
    briefs = [finish_article(r) for r in results if isinstance(r, ArticleBrief)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    dates = sorted(b.published for b in briefs if b.published)
    summary = PartitionSummary(name, len(briefs), rejected, [dates[0], dates[-1]] if dates else [])
    write_atomic(_summary_path(folder, name), json.dumps(to_dict(summary), ensure_ascii=False).encode())
    lines = "".join(json.dumps(to_dict(b), ensure_ascii=False) + "\n" for b in briefs)
    write_atomic(folder / summary.file, lines.encode())
    return summary


def completed(folder: Path, name: str) -> PartitionSummary | None:
    """The summary of partition ``name`` when it is complete in ``folder``, else None."""
    if not (folder / f"{name}.jsonl").is_file():
        return None
    try:
        return from_dict(PartitionSummary, json.loads(_summary_path(folder, name).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None  # analysed again: it is rewritten whole


def write_manifest(folder: Path, summaries: Sequence[PartitionSummary], unread: Sequence[Rejection], context: dict) -> Path:
    """The run's manifest (partitions in input order), then the files of partitions it does not list are removed."""
    manifest = {
        "format": FORMAT,
        "context": context,
        "articles": sum(s.articles for s in summaries),
        "rejected": to_dict([*unread, *(r for s in summaries for r in s.rejected)]),
        "partitions": [{"file": s.file, "articles": s.articles, "rejected": len(s.rejected), "published": s.published} for s in summaries],
    }
    path = folder / MANIFEST_NAME
    write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    listed = {s.name for s in summaries}
    for stale in folder.glob("part-*"):
        if stale.name.split(".", 1)[0] not in listed:
            stale.unlink()
    for temporary in folder.glob(".part-*.tmp"):  # left by a run or a worker stopped mid-write
        temporary.unlink()
    return path


def read_manifest(folder: Path) -> dict:
    """The manifest of ``folder``; AnalysesError when there is none (no run finished there) or it is not one."""
    path = folder / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnalysesError(f"{folder} holds no {MANIFEST_NAME}: store analyses there first (briefgen extract INPUT... --out {folder})") from None
    except (OSError, ValueError) as error:
        raise AnalysesError(f"{path}: not a manifest of stored analyses ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise AnalysesError(f"{path}: not a manifest of stored analyses (format {FORMAT} expected)")
    return manifest


def _overlaps(published: Sequence[str], period: tuple[dt.date, dt.date] | None) -> bool:
    if period is None:
        return True
    return bool(published) and published[0] <= period[1].isoformat() and published[1] >= period[0].isoformat()


def read_analyses(folder: Path, period: tuple[dt.date, dt.date] | None = None) -> Iterator[ArticleBrief]:
    """The stored analyses of ``folder`` in input order; with ``period`` (first and last day), only the
    articles published within it (an undated article is outside every period). Partitions whose articles
    all lie outside the period are not read."""
    first, last = (period[0].isoformat(), period[1].isoformat()) if period else ("", "")
    for entry in read_manifest(folder)["partitions"]:
        if not _overlaps(entry["published"], period):
            continue
        path = folder / entry["file"]
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise AnalysesError(f"{path}: listed in the manifest but cannot be read ({error.strerror or error})") from None
        if len(lines) != entry["articles"]:
            raise AnalysesError(f"{path}: holds {len(lines)} analyses, the manifest says {entry['articles']}")
        for line in lines:
            brief = from_dict(ArticleBrief, json.loads(line))
            if period is None or (brief.published and first <= brief.published <= last):
                yield brief
