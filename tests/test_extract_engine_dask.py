"""briefgen extract --engine dask: on a LocalCluster and on a scheduler with two workers started here on
127.0.0.1, the stored analyses are the local engine's; a worker killed mid-run loses no article and duplicates none;
a re-run after an interrupted run analyses only the partitions it did not store.

The tests whose workers are processes (each loads spaCy: about a minute here) are marked slow: ``pytest -m slow``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

import briefgen.extract.article as extract_module
from briefgen.cli import main
from briefgen.engines import dask_engine
from briefgen.engines.extraction import extract_to
from test_extract_engine import ARTICLES, DATE, ROOT, Recording, reference_lines, settings_for, stored_lines

WORKERS = 2
START_SECONDS = 180  # the workers load spaCy on a shared 2-core machine


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory) -> list[str]:
    return reference_lines(tmp_path_factory.mktemp("reference"))


def test_a_local_cluster_in_this_process_stores_the_local_engine_analyses(reference, tmp_path):
    # One worker thread: spaCy's pipeline is shared by the threads of a process.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = extract_to([str(ARTICLES)], settings_for(tmp_path, engine="dask", scheduler=cluster.scheduler_address))
    assert stored_lines(tmp_path) == reference
    assert (report.articles, report.analysed) == (6, 3)


def test_a_partition_analysed_in_chunks_is_stored_in_input_order(reference, monkeypatch, tmp_path):
    # One partition of six articles, one analysis task each: the storing task gathers all six, in input order.
    monkeypatch.setattr(dask_engine, "CHUNK_ARTICLES", 1)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = extract_to([str(ARTICLES)], settings_for(tmp_path, engine="dask", scheduler=cluster.scheduler_address, partition_articles=6))
    assert stored_lines(tmp_path) == reference
    assert (report.articles, report.analysed) == (6, 1)


def test_a_rerun_after_an_interrupted_dask_run_completes_only_what_was_missing(reference, tmp_path):
    # Ctrl-C after the first stored partition; closing the cluster lets a task already running finish its partition.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        interrupted = Recording(stop_after=1, run=partial(dask_engine.run_dask, scheduler=cluster.scheduler_address))
        with pytest.raises(KeyboardInterrupt):
            extract_to([str(ARTICLES)], settings_for(tmp_path), engine=interrupted)
    complete = {p.name.removesuffix(".jsonl") for p in tmp_path.glob("part-*.jsonl")}
    assert 1 <= len(complete) < 3 and not (tmp_path / "manifest.json").exists()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        rerun = Recording(run=partial(dask_engine.run_dask, scheduler=cluster.scheduler_address))
        report = extract_to([str(ARTICLES)], settings_for(tmp_path), engine=rerun)
    assert set(rerun.names).isdisjoint(complete) and len(rerun.names) == 3 - len(complete)
    assert (report.analysed, report.skipped) == (3 - len(complete), len(complete))
    assert stored_lines(tmp_path) == reference


def test_on_a_dask_worker_a_slow_article_is_rejected_alone(nlp, monkeypatch, tmp_path):
    """Tasks run in a worker's thread, where SIGALRM cannot reach: the budget's timer thread stops the article."""
    real = extract_module.extract_article
    slow = sorted(ARTICLES.iterdir())[0].name

    def extract(article, doc, settings, title=None):
        if article.source.endswith(slow):
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                time.sleep(0.01)
        return real(article, doc, settings, title)

    monkeypatch.setattr(extract_module, "extract_article", extract)
    started = time.monotonic()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = extract_to([str(ARTICLES)], settings_for(tmp_path, engine="dask", scheduler=cluster.scheduler_address, article_seconds=1))
    assert time.monotonic() - started < 40
    assert [(Path(r.source).name, r.reason) for r in report.rejected] == [(slow, "took longer than 1 s to analyse")]
    assert report.articles == 5


@pytest.mark.slow
def test_the_command_starts_a_cluster_of_this_machine(reference, tmp_path, capsys):
    code = main(["extract", str(ARTICLES), "--engine", "dask", "--out", str(tmp_path), "--partition-size", "2", "--date", DATE.isoformat()])
    assert code == 0, capsys.readouterr().err
    assert stored_lines(tmp_path) == reference


def _environment() -> dict[str, str]:
    """The workers import briefgen from this checkout."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers (no nanny: a killed worker stays dead), Dask's own commands on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("cluster")
    address_file = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    scheduler = subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(address_file)],
                                 env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        deadline = time.monotonic() + START_SECONDS
        while not address_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        workers = [subprocess.Popen([*dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                     "--death-timeout", "60"], env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for _ in range(WORKERS)]
        with Client(address) as client:
            client.wait_for_workers(WORKERS, timeout=START_SECONDS)
        yield address, workers
    finally:
        for process in [*workers, scheduler]:
            process.kill()
            process.wait(timeout=30)


@pytest.mark.slow
def test_a_scheduler_with_two_workers_stores_the_local_engine_analyses(reference, cluster, tmp_path):
    address, _ = cluster
    report = extract_to([str(ARTICLES)], settings_for(tmp_path, engine="dask", scheduler=address))
    assert stored_lines(tmp_path) == reference
    assert (report.articles, report.analysed) == (6, 3)


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_article_and_duplicates_none(reference, cluster, tmp_path):
    """Run last in this module: it leaves the cluster one worker."""
    address, workers = cluster
    complete_when_killed: list[int] = []

    def kill_after_the_first_partition():
        while not list(tmp_path.glob("part-*.jsonl")):
            time.sleep(0.01)
        workers[0].send_signal(signal.SIGKILL)
        complete_when_killed.append(len(list(tmp_path.glob("part-*.jsonl"))))

    killer = threading.Thread(target=kill_after_the_first_partition, daemon=True)
    killer.start()
    # One article per partition: both workers hold partitions when one dies.
    report = extract_to([str(ARTICLES)], settings_for(tmp_path, engine="dask", scheduler=address, partition_articles=1))
    killer.join(timeout=10)
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    assert complete_when_killed and complete_when_killed[0] < 6, "the worker died after the run's last partition"
    assert stored_lines(tmp_path) == reference
    assert (report.articles, report.analysed, report.rejected) == (6, 6, [])
