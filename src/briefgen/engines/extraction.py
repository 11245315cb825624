"""One extraction run: the inputs read lazily, cut into partitions, complete ones skipped, the others analysed
and stored by the chosen engine, then the manifest.

A run stopped anywhere (Ctrl-C, a crash, a machine lost) leaves complete partitions and the previous manifest;
the next run on the same inputs and folder analyses only the partitions that are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..errors import UsageError
from ..ingest import read_inputs
from ..model import Article, Rejection
from .local import run_local
from .partitions import Partition, analysis_context, partitions_of
from .store import PartitionSummary, completed, write_manifest

Engine = Callable[[Iterable[Partition], Path, Settings], Iterator[PartitionSummary]]


@dataclass
class ExtractionReport:
    manifest: Path | None  # None when no input held an article
    articles: int  # analyses stored
    rejected: list[Rejection]  # inputs that could not be read, then articles that could not be analysed
    analysed: int  # partitions analysed by this run
    skipped: int  # partitions already complete


def engine_for(settings: Settings) -> Engine:
    """The engine ``settings.engine`` names; Dask is imported only when it is the one."""
    if settings.engine == "dask":
        from .dask_engine import run_dask

        return partial(run_dask, scheduler=settings.scheduler)
    return run_local


def _check_outside(folder: Path, inputs: Sequence[str]) -> None:
    """Refuse a folder inside an input folder: the next run would read its partitions (.jsonl) as articles."""
    for name in inputs:
        if name != "-" and Path(name).is_dir() and folder.resolve().is_relative_to(Path(name).resolve()):
            raise UsageError(f"--out {folder} is inside the input folder {name}: its partitions would be read as articles; store them elsewhere")


def extract_to(inputs: Sequence[str], settings: Settings, stdin: BinaryIO | None = None, engine: Engine | None = None) -> ExtractionReport:
    """Store the analysis of every article of ``inputs`` in ``settings.out_dir`` (see ``store``), once each."""
    folder = Path(settings.out_dir)
    _check_outside(folder, inputs)
    folder.mkdir(parents=True, exist_ok=True)
    unread: list[Rejection] = []
    names: list[str] = []  # every partition of the run, in input order
    summaries: dict[str, PartitionSummary] = {}
    skipped: list[str] = []  # partitions complete before this run

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, max_bytes=settings.max_bytes, stdin=stdin, publishers=settings.publishers):
            if isinstance(item, Rejection):
                unread.append(item)
            else:
                yield item

    def missing() -> Iterator[Partition]:
        for partition in partitions_of(articles(), settings):
            names.append(partition.name)
            done = completed(folder, partition.name)
            if done:
                summaries[partition.name] = done
                skipped.append(partition.name)
            else:
                yield partition

    for summary in (engine or engine_for(settings))(missing(), folder, settings):
        summaries[summary.name] = summary
    ordered = [summaries[name] for name in names]
    manifest = write_manifest(folder, ordered, unread, analysis_context(settings)) if names else None
    rejected = [*unread, *(r for s in ordered for r in s.rejected)]
    return ExtractionReport(manifest, sum(s.articles for s in ordered), rejected, len(names) - len(skipped), len(skipped))
