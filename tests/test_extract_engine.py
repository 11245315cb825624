"""briefgen extract --out DIR with the local engine: every article stored once, as extract prints it, in bounded
partitions; a re-run skips complete partitions, and after an interrupted run analyses only the missing ones."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from briefgen.assemble import finish_article
from briefgen.cli import main
from briefgen.config import Settings
from briefgen.engines.extraction import extract_to
from briefgen.engines.local import run_local
from briefgen.engines.store import read_manifest
from briefgen.model import Rejection, to_dict
from briefgen.pipeline import analyse, read_articles

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
DATE = dt.date(2025, 3, 10)
PARTITION = 2  # the six sample articles make three partitions


def settings_for(folder: Path, **changes) -> Settings:
    """Analysis in this process (the session's model), small partitions."""
    return Settings(**{"out_dir": folder, "date": DATE, "processes": 1, "partition_articles": PARTITION, **changes})


def reference_lines(folder: Path) -> list[str]:
    """What ``briefgen extract`` prints for the sample articles: one article object per line."""
    settings = settings_for(folder)
    articles, _ = read_articles([str(ARTICLES)], settings)
    return [json.dumps(to_dict(finish_article(r)), ensure_ascii=False) for r in analyse(articles, settings) if not isinstance(r, Rejection)]


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory) -> list[str]:
    return reference_lines(tmp_path_factory.mktemp("reference"))


def stored_lines(folder: Path) -> list[str]:
    """The analyses of every partition the manifest lists, in its order; no other partition file is left."""
    manifest = read_manifest(folder)
    listed = [entry["file"] for entry in manifest["partitions"]]
    present = sorted(p.name for p in folder.glob("part-*.jsonl"))
    assert present == sorted(listed)
    assert not list(folder.glob(".part-*")), "a temporary file was left"
    lines = [line for name in listed for line in (folder / name).read_text(encoding="utf-8").splitlines()]
    assert manifest["articles"] == len(lines)
    return lines


class Recording:
    """An engine that runs another (``run``: the local one by default) and records the partitions it was given;
    ``stop_after`` summaries, it raises KeyboardInterrupt, as Ctrl-C would."""

    def __init__(self, stop_after: int | None = None, run=run_local):
        self.names: list[str] = []
        self.stop_after = stop_after
        self.run = run

    def __call__(self, partitions, folder, settings):
        def recorded():
            for partition in partitions:
                self.names.append(partition.name)
                yield partition

        for done, summary in enumerate(self.run(recorded(), folder, settings), start=1):
            yield summary
            if done == self.stop_after:
                raise KeyboardInterrupt


def test_every_article_is_stored_once_as_extract_prints_it_in_bounded_partitions(reference, tmp_path):
    report = extract_to([str(ARTICLES)], settings_for(tmp_path))
    assert stored_lines(tmp_path) == reference
    assert (report.articles, report.analysed, report.skipped, report.rejected) == (6, 3, 0, [])
    assert [entry["articles"] for entry in read_manifest(tmp_path)["partitions"]] == [2, 2, 2]
    assert len({json.loads(line)["id"] for line in reference}) == 6


def test_a_rerun_skips_complete_partitions(reference, tmp_path):
    extract_to([str(ARTICLES)], settings_for(tmp_path))
    engine = Recording()
    report = extract_to([str(ARTICLES)], settings_for(tmp_path), engine=engine)
    assert engine.names == []
    assert (report.analysed, report.skipped) == (0, 3)
    assert stored_lines(tmp_path) == reference


def test_a_rerun_after_an_interrupted_run_completes_only_what_was_missing(reference, tmp_path):
    with pytest.raises(KeyboardInterrupt):
        extract_to([str(ARTICLES)], settings_for(tmp_path), engine=Recording(stop_after=1))
    complete = sorted(p.name.removesuffix(".jsonl") for p in tmp_path.glob("part-*.jsonl"))
    assert len(complete) == 1 and not (tmp_path / "manifest.json").exists()
    (tmp_path / f".{complete[0]}.jsonl.x1y2.tmp").write_text('{"half": ', encoding="utf-8")  # a write cut short by a crash
    engine = Recording()
    report = extract_to([str(ARTICLES)], settings_for(tmp_path), engine=engine)
    assert len(engine.names) == 2 and complete[0] not in engine.names
    assert (report.analysed, report.skipped) == (2, 1)
    assert stored_lines(tmp_path) == reference


def test_partitions_of_other_inputs_or_another_date_are_replaced(reference, tmp_path):
    fewer = tmp_path / "fewer"
    shutil.copytree(ARTICLES, fewer)
    (fewer / "wire-feed.rss").unlink()
    store = tmp_path / "store"
    extract_to([str(fewer)], settings_for(store))
    before = stored_lines(store)
    extract_to([str(ARTICLES)], settings_for(store))
    assert stored_lines(store) == reference
    assert len(before) < len(reference)
    # Undated articles resolve "on Sunday" against the run's date: another date analyses them again.
    report = extract_to([str(ARTICLES)], settings_for(store, date=DATE + dt.timedelta(days=7)))
    assert (report.analysed, report.skipped) == (2, 1)  # the partition of dated articles is kept
    assert len(stored_lines(store)) == len(reference)


def test_the_command_stores_the_analyses_and_prints_the_manifest(reference, tmp_path, capsys):
    code = main(["extract", str(ARTICLES), "--out", str(tmp_path), "--partition-size", "4", "--date", DATE.isoformat()])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.strip() == str(tmp_path / "manifest.json")
    assert "6 articles stored, 0 rejected; 2 partitions analysed, 0 already complete" in err
    assert stored_lines(tmp_path) == reference


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--engine", "dask"], "give --out DIR"),
        (["--partition-size", "3"], "give --out DIR"),
        (["--out", "OUT", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["--out", "OUT", "--partition-size", "0"], "--partition-size must be at least 1"),
    ],
)
def test_options_that_cannot_work_are_usage_errors(arguments, message, tmp_path, capsys):
    arguments = [str(tmp_path / "out") if a == "OUT" else a for a in arguments]
    assert main(["extract", str(ARTICLES), *arguments]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_folder_inside_an_input_folder_is_refused(tmp_path, capsys):
    """A re-run would read the stored partitions (.jsonl) as articles."""
    inbox = tmp_path / "inbox"
    shutil.copytree(ARTICLES, inbox)
    assert main(["extract", str(inbox), "--out", str(inbox / "analyses"), "--quiet"]) == 2
    assert "is inside the input folder" in capsys.readouterr().err
    assert not (inbox / "analyses").exists()
