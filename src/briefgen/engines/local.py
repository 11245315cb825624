"""The local engine: briefgen's own worker pool (``pipeline.analysis_pool``), one pool for the whole run."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..pipeline import analysis_pool
from .partitions import Partition
from .store import PartitionSummary, write_partition


def run_local(partitions: Iterable[Partition], folder: Path, settings: Settings) -> Iterator[PartitionSummary]:
    """Analyse and store each partition in turn, on one worker process per core (two at most, as ``build``)."""
    processes = settings.processes or min(2, os.cpu_count() or 1)
    with analysis_pool(settings, processes) as analyse_articles:
        for partition in partitions:
            yield write_partition(folder, partition.name, list(analyse_articles(partition.articles)))
