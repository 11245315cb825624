"""The Dask engine: partitions analysed on a Dask cluster, the only module that imports Dask (``briefgen[dask]``).

Without a scheduler address it starts a ``distributed.LocalCluster`` of one single-threaded worker process per
core, each capped at ``worker_memory_mb``. A worker plugin loads the model and the gazetteer once per worker,
when it joins. A partition is analysed by several tasks of ``CHUNK_ARTICLES`` articles each, with the same code
as the local engine, so that at the end of a run no worker waits long for another's last partition; one more
task gathers their results in order and writes the partition into the folder (on a cluster, a folder every
worker and the client see at the same path), so only a small summary travels back to the client. At most two
partitions per worker are in flight, so the client holds a bounded part of the archive however large it is.
When a worker dies, the scheduler runs its tasks again elsewhere (the analyses it held too, for the partition
that needs them); a partition is written whole under a name of its own, so a task that runs twice writes the
same file once. A partition that kills its workers too often (Dask's ``allowed-failures``) is reported as
rejected articles and not written, so the next run tries it again.

Tasks run in worker threads, where each article keeps its time budget (``budget``: a watchdog thread, as SIGALRM
reaches the main thread only) and the worker's memory limit bounds it.

The LocalCluster runs with some of Dask's defaults changed (``CLUSTER_CONFIG``). Two slow a worker that parses
text by a fifth: the sampling profiler, which walks the task's stack every 10 ms, and
``MALLOC_TRIM_THRESHOLD_=65536``, which makes glibc return memory to the system after every large free. Two more
wake every process of the cluster (scheduler and nannies in the client, each worker) for diagnostics: the event
loop's health check every 20 ms and the system monitor (CPU, memory, network and disk counters for the
dashboard) every 500 ms; every 1 s and 2 s instead, an idle 2-worker cluster uses 3-3.5 % of a core instead of 6-8 %,
time taken from the analysis on a machine whose cores the workers fill. The memory monitor (100 ms) that
enforces the workers' memory limit is kept. The README gives the same settings for workers started with
``dask worker``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import Settings
from ..errors import UsageError
from ..model import Article, ArticleBrief, Rejection
from ..nlp import load_pipeline
from ..pipeline import analysis_pool
from .partitions import Partition
from .store import PartitionSummary, write_partition

try:
    import dask
    from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed
except ImportError:
    raise UsageError('--engine dask needs Dask: pip install "briefgen[dask]"') from None

# Dask settings for the LocalCluster: no sampling profiler, glibc's own trim threshold, rarer diagnostics.
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
IN_FLIGHT_PER_WORKER = 2  # partitions submitted and not yet done, per worker: one running, one waiting
CHUNK_ARTICLES = 10  # articles per analysis task: about a second of a worker's time, against ~2 ms of scheduling


class LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline, the gazetteer and the GeoNames index once on each worker, as it joins."""

    name = "briefgen-pipeline"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        from ..extract.article import prepare_extractors

        load_pipeline(self.settings.model, self.settings.gazetteers)
        prepare_extractors(self.settings)


def analyse_chunk(articles: list[Article], settings: Settings) -> list[ArticleBrief | Rejection]:
    """A task: analyse some articles of a partition on this worker (the model is already loaded)."""
    with analysis_pool(settings, 1) as analyse_articles:
        return list(analyse_articles(articles))


def store_partition(folder: str, name: str, *chunks: list[ArticleBrief | Rejection]) -> PartitionSummary:
    """A task: write a partition from its chunks' results, in order."""
    return write_partition(Path(folder), name, [result for chunk in chunks for result in chunk])


def _submit(client: Client, folder: str, partition: Partition, settings: Settings) -> Future:
    """The partition's analysis tasks and the task storing it, whose future stands for the partition."""
    articles = partition.articles
    chunks = [
        client.submit(analyse_chunk, articles[start : start + CHUNK_ARTICLES], settings, key=f"briefgen-{partition.name}-{start}")
        for start in range(0, len(articles), CHUNK_ARTICLES)
    ]
    return client.submit(store_partition, folder, partition.name, *chunks, key=f"briefgen-{partition.name}")


@contextmanager
def _client(scheduler: str | None, settings: Settings) -> Iterator[Client]:
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        dask.config.set(CLUSTER_CONFIG),
        LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, memory_limit=f"{settings.worker_memory_mb}MiB",
                     dashboard_address=None, silence_logs=logging.CRITICAL) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _summary(future: Future, partition: Partition) -> PartitionSummary:
    """The stored partition's summary; its articles rejected when no worker could finish it."""
    try:
        return future.result()
    except KilledWorker as error:
        reason = f"its partition {partition.name} stopped every worker that analysed it ({error})"
        return PartitionSummary(partition.name, 0, [Rejection(a.source, reason) for a in partition.articles])


def run_dask(partitions: Iterable[Partition], folder: Path, settings: Settings, scheduler: str | None = None) -> Iterator[PartitionSummary]:
    """Analyse and store every partition on the cluster at ``scheduler`` (None: a LocalCluster of this machine);
    summaries come back as partitions complete, in any order."""
    with _client(scheduler, settings) as client:
        client.register_plugin(LoadPipeline(settings))
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        running = as_completed()
        in_flight: dict[Future, Partition] = {}
        target = str(folder.resolve())
        for partition in partitions:
            future = _submit(client, target, partition, settings)
            in_flight[future] = partition
            running.add(future)
            if running.count() >= window:
                future = next(running)
                yield _summary(future, in_flight.pop(future))
        for future in running:
            yield _summary(future, in_flight.pop(future))
