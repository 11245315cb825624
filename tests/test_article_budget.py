"""The per-article budget: an article too slow to analyse, or too big for a worker's memory, is rejected alone."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

import briefgen.extract.article as extract_module
from briefgen.budget import within_budget
from briefgen.config import DEFAULT_ARTICLE_SECONDS, DEFAULT_WORKER_MEMORY_MB, settings_from
from briefgen.config_file import ConfigError, load_config
from briefgen.errors import UsageError
from briefgen.model import Article, ArticleBrief, Rejection
from briefgen.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
QUETTA = (ROOT / "examples" / "articles" / "quetta-protest.txt").read_text(encoding="utf-8")


def _articles() -> list[Article]:
    """Three short articles; the one from "bad" is the one the tests make misbehave."""
    paragraphs = QUETTA.split("\n\n")[1:4]
    return [Article(id=name, title=name, url=None, publisher=None, published=None, source=name, text=text)
            for name, text in zip(("first", "bad", "last"), paragraphs, strict=True)]


def _misbehave_on_bad(monkeypatch, misbehave) -> None:
    real = extract_module.extract_article

    def extract(article, doc, settings, title=None):
        if article.source == "bad":
            misbehave()
        return real(article, doc, settings, title)

    monkeypatch.setattr(extract_module, "extract_article", extract)


def _hang() -> None:
    """Far slower than any budget here, and yet finite, so the old code ends (slowly) too."""
    _busy(30)


@pytest.mark.parametrize("processes", [None, 2], ids=["in-process", "worker-pool"])
def test_slow_article_is_rejected_and_the_others_kept(nlp, monkeypatch, processes):
    _misbehave_on_bad(monkeypatch, _hang)
    settings = settings_from({"article_seconds": 1.5})
    settings.processes = processes
    started = time.monotonic()
    first, bad, last = analyse(_articles(), settings)
    assert time.monotonic() - started < 20
    assert bad == Rejection("bad", "took longer than 1.5 s to analyse")
    assert isinstance(first, ArticleBrief) and isinstance(last, ArticleBrief)


def test_worker_memory_is_capped(nlp, monkeypatch):
    # calloc'ed pages are not touched: without the cap this "succeeds" at once on the test machine too
    _misbehave_on_bad(monkeypatch, lambda: bytearray(2 * DEFAULT_WORKER_MEMORY_MB * 1024 * 1024))
    settings = settings_from({})
    settings.processes = 2
    first, bad, last = analyse(_articles(), settings)
    assert bad == Rejection("bad", "ran out of memory")
    assert isinstance(first, ArticleBrief) and isinstance(last, ArticleBrief)


def test_memory_error_in_process_rejects_only_that_article(nlp, monkeypatch):
    def exhaust():
        raise MemoryError

    _misbehave_on_bad(monkeypatch, exhaust)
    first, bad, last = analyse(_articles(), settings_from({}))
    assert bad == Rejection("bad", "ran out of memory")
    assert isinstance(first, ArticleBrief) and isinstance(last, ArticleBrief)


def test_the_old_alarm_handler_is_restored():
    def previous(signum, frame):
        pass

    old = signal.signal(signal.SIGALRM, previous)
    try:
        assert within_budget("a", 5, lambda: "done") == "done"
        assert signal.getsignal(signal.SIGALRM) is previous
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, old)


def _in_a_thread(work) -> list:
    results: list = []
    thread = threading.Thread(target=lambda: results.append(work()))
    thread.start()
    thread.join(timeout=20)
    return results


def test_outside_the_main_thread_a_slow_analysis_is_rejected_too():
    started = time.monotonic()
    assert _in_a_thread(lambda: within_budget("a", 0.2, _hang)) == [Rejection("a", "took longer than 0.2 s to analyse")]
    assert time.monotonic() - started < 5


def _busy(seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.01)
    return "done"


def test_threads_keep_their_own_budgets():
    # the long budget starts first: the shorter one that follows must still be kept
    results: dict[str, object] = {}
    long = threading.Thread(target=lambda: results.update(long=within_budget("long", 10, lambda: _busy(1.5))))
    long.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert _in_a_thread(lambda: within_budget("short", 0.2, _hang)) == [Rejection("short", "took longer than 0.2 s to analyse")]
    assert time.monotonic() - started < 1
    long.join(timeout=20)
    assert results == {"long": "done"}


def test_outside_the_main_thread_a_timely_analysis_keeps_its_result_and_nothing_fires_after():
    def timely_then_busy():
        result = within_budget("a", 0.2, lambda: "done")
        _busy(0.5)  # past the budget: a deadline left behind would raise here
        return result

    assert _in_a_thread(timely_then_busy) == ["done"]


def test_budget_settings_from_briefgen_toml(tmp_path):
    assert (settings_from({}).article_seconds, settings_from({}).worker_memory_mb) == (DEFAULT_ARTICLE_SECONDS, DEFAULT_WORKER_MEMORY_MB)
    config = tmp_path / "briefgen.toml"
    config.write_text("article_seconds = 20\nworker_memory_mb = 2048\n", encoding="utf-8")
    settings = settings_from(load_config(config))
    assert (settings.article_seconds, settings.worker_memory_mb) == (20.0, 2048)


@pytest.mark.parametrize(
    ("line", "message"),
    [("article_seconds = true", "article_seconds must be a number of seconds"), ("worker_memory_mb = 1.5", "worker_memory_mb must be a whole number")],
)
def test_bad_budget_settings_are_refused(tmp_path, line, message):
    config = tmp_path / "briefgen.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def test_no_time_at_all_is_a_usage_error():
    with pytest.raises(UsageError, match="article_seconds must be more than 0"):
        settings_from({"article_seconds": 0})
