"""The local engine: briefgen's own worker pool (``pipeline.analysis_pool``), one pool for the whole run."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..model import ArticleBrief, Rejection
from ..pipeline import analysis_pool
from .partitions import Partition
from .store import PartitionSummary, write_partition


def run_local(partitions: Iterable[Partition], folder: Path, settings: Settings) -> Iterator[PartitionSummary]:
    """Analyse and store each partition in turn, on one worker process per core (two at most, as ``build``).

    The next partition's batches are queued before the current one's results are collected, so no worker
    waits at a partition's end while another finishes its last batch; two partitions at most are held."""
    processes = settings.processes or min(2, os.cpu_count() or 1)
    with analysis_pool(settings, processes) as analyse_articles:
        queued: tuple[Partition, Iterator[ArticleBrief | Rejection]] | None = None
        for partition in partitions:
            following = partition, analyse_articles(partition.articles)
            if queued:
                yield write_partition(folder, queued[0].name, list(queued[1]))
            queued = following
        if queued:
            yield write_partition(folder, queued[0].name, list(queued[1]))
