"""Benchmark ``briefgen extract --out``: articles per second with the local engine and with Dask, in the same run.

    python benchmarks/bench_engines.py --articles 100 1000 10000

For each size, a synthetic corpus from ``bench_build.make_corpus`` (the sample articles and the texts in
../shared, rewritten by other outlets, a quarter syndicated copies) is stored by ``briefgen extract --out`` in a
fresh process with the local engine (two worker processes) and with ``--engine dask`` (a LocalCluster of one
worker per core: two on this machine), back to back in each round so that both run under the same load, the
order swapped every other round. Times
are wall-clock, start-up included (interpreter, worker processes, each loading the model and the GeoNames
index). Prints, per size and engine, the median seconds and articles per second, Dask's throughput over the
local engine's (median of the rounds' ratios, their range in brackets), and the cost per article against the next smaller size (flat
cost: 1.00). Then the scheduler's overhead per task (a LocalCluster running no-op tasks) and what it means for a
cluster of N machines. Never run as a test.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench_build import make_corpus
from briefgen.engines.dask_engine import CHUNK_ARTICLES

ENGINES = ("local", "dask")
NO_OP_TASKS = 2000
FILE_ARTICLES = 250


def extract_seconds(corpus: Path, out: Path, engine: str, partition: int) -> float:
    """Wall-clock seconds of one ``briefgen extract --out`` in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "extract", str(corpus), "--out", str(out), "--engine", engine,
         "--partition-size", str(partition), "--date", "2025-03-10", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"briefgen extract --engine {engine} failed with exit code {done.returncode}: {done.stderr.strip()}")
    return seconds


def task_overhead_ms() -> float:
    """Milliseconds the scheduler and two workers spend per task, measured on no-op tasks."""
    from distributed import Client, LocalCluster

    # Logs silenced: a worker's last heartbeat may race the scheduler's shutdown and log a harmless error.
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.gather(client.map(abs, range(100)))  # warm-up
        start = time.perf_counter()
        client.gather(client.map(abs, range(1, NO_OP_TASKS + 1)))
        return (time.perf_counter() - start) / NO_OP_TASKS * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=1, help="rounds of both engines (default 1)")
    parser.add_argument("--partition-size", type=int, default=50, help="articles per partition (default 50, briefgen's default)")
    args = parser.parse_args()

    results: dict[tuple[int, str], list[float]] = {}
    for n in args.articles:
        rows = make_corpus(n)
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "archive"  # files of FILE_ARTICLES articles, each within the default --max-bytes
            corpus.mkdir()
            for start in range(0, n, FILE_ARTICLES):
                lines = "".join(json.dumps(r) + "\n" for r in rows[start : start + FILE_ARTICLES])
                (corpus / f"feed-{start // FILE_ARTICLES:04d}.jsonl").write_text(lines, encoding="utf-8")
            for round_ in range(args.repeat):
                # every other round the other engine first, so that neither always runs on a machine the other warmed or tired
                for engine in ENGINES if round_ % 2 == 0 else ENGINES[::-1]:
                    seconds = extract_seconds(corpus, Path(folder) / f"{engine}{round_}", engine, args.partition_size)
                    results.setdefault((n, engine), []).append(seconds)
                print(f"N={n} round {round_ + 1}: " + ", ".join(f"{e} {results[(n, e)][-1]:.1f} s" for e in ENGINES), file=sys.stderr)
            stored = [json.loads(line)["id"] for p in sorted((Path(folder) / "dask0").glob("part-*.jsonl")) for line in p.open()]
            assert len(stored) == len(set(stored)), "an article was stored twice"
        print(f"N={n} done", file=sys.stderr)

    print(f"{os.cpu_count()} cores; partitions of {args.partition_size} articles; medians of {args.repeat} round(s), wall-clock, start-up included.\n")
    print("| articles | engine | seconds | articles/s | dask / local throughput | cost per article vs the size before |")
    print("|---|---|---|---|---|---|")
    for before, n in zip([None, *args.articles[:-1]], args.articles, strict=True):
        for engine in ENGINES:
            seconds = median(results[(n, engine)])
            ratios = [local / dask for local, dask in zip(results[(n, "local")], results[(n, "dask")], strict=True)]
            spread = f" ({min(ratios):.2f}-{max(ratios):.2f})" if len(ratios) > 1 else ""
            cost = f"{(seconds / n) / (median(results[(before, engine)]) / before):.2f} (vs {before})" if before else "-"
            print(f"| {n} | {engine} | {seconds:.1f} | {n / seconds:.1f} | {median(ratios):.2f}{spread} | {cost} |")

    overhead = task_overhead_ms()
    largest = args.articles[-1]
    per_worker = largest / median(results[(largest, "dask")]) / (os.cpu_count() or 1)
    task_seconds = CHUNK_ARTICLES / per_worker
    print(f"\nScheduler overhead: {overhead:.2f} ms per task ({NO_OP_TASKS} no-op tasks, LocalCluster of 2 workers).")
    print(f"Per-worker throughput at {largest} articles: {per_worker:.1f} articles/s, so a task of {CHUNK_ARTICLES} articles "
          f"takes about {task_seconds:.1f} s on a worker against {overhead:.2f} ms of scheduling: N machines of W workers should "
          f"reach about N x W x {per_worker:.1f} articles/s until the scheduler's {1000 / overhead:.0f} tasks/s are a limit "
          f"(about {1000 / overhead * task_seconds:.0f} workers busy at once), the shared folder's writes aside.")


if __name__ == "__main__":
    main()
