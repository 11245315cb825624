"""briefgen build --from-analyses DIR [--period START..END]: a brief over a period from stored analyses, with no
spaCy model loaded (checked in a fresh process where loading one fails)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest

from briefgen.cli import main
from briefgen.engines.extraction import extract_to
from briefgen.engines.partitions import analysis_context
from briefgen.engines.store import read_analyses, write_manifest, write_partition
from test_extract_engine import ARTICLES, ROOT, settings_for

FIRST_DAY = dt.date(2026, 10, 28)  # 36 days of stored analyses, one article a day, around November 2026
DAYS = 36
PER_PARTITION = 6

# Runs briefgen in a process where loading a spaCy model fails, and checks afterwards that none was imported.
WITHOUT_MODEL = """
import sys
import spacy
import briefgen.nlp

def refuse(*args, **kwargs):
    raise SystemExit("a spaCy model was loaded")

spacy.load = refuse
briefgen.nlp._load_model = refuse
from briefgen.cli import main

code = main(sys.argv[1:])
assert not [name for name in sys.modules if name.startswith("en_core_web")], "a spaCy model was imported"
sys.exit(code)
"""


@pytest.fixture(scope="module")
def month(nlp, tmp_path_factory):
    """Stored analyses of 36 consecutive days: the sample articles' analyses, one a day, each under its day's id and date."""
    samples = tmp_path_factory.mktemp("samples")
    extract_to([str(ARTICLES)], settings_for(samples))
    analyses = list(read_analyses(samples))
    folder = tmp_path_factory.mktemp("month")
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range(DAYS)]
    stored = [dataclasses.replace(analyses[n % len(analyses)], id=f"{analyses[n % len(analyses)].id}-{day}", published=day.isoformat())
              for n, day in enumerate(days)]
    summaries = [write_partition(folder, f"part-{i:06d}-test", stored[start : start + PER_PARTITION])
                 for i, start in enumerate(range(0, DAYS, PER_PARTITION))]
    write_manifest(folder, summaries, [], analysis_context(settings_for(folder)))
    return folder, stored


def run_without_model(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_MODEL, *arguments], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, cwd=ROOT)


def test_a_monthly_brief_is_built_from_stored_analyses_without_a_model(month, tmp_path):
    folder, stored = month
    out = tmp_path / "november"
    done = run_without_model("build", "--from-analyses", str(folder), "--period", "2026-11-01..2026-11-30", "--out", str(out), "--format", "md,json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(out / "brief.md"), str(out / "brief.json")]
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert (brief["title"], brief["date"]) == ("Brief 2026-11-01 to 2026-11-30", "2026-11-30")
    november = [a.id for a in stored if a.published.startswith("2026-11")]
    assert len(november) == 30
    assert [a["id"] for a in brief["articles"]] == november
    assert brief["stories"] and brief["timeline"]
    assert brief["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Brief 2026-11-01 to 2026-11-30")
    byline = markdown.splitlines()[2]
    assert byline.startswith("2026-11-01 to 2026-11-30 · ") and "## What mattered\n" in markdown
    assert "today" not in markdown


def test_partitions_outside_the_period_are_not_read(month, tmp_path):
    folder, stored = month
    week = tmp_path / "week"
    copy = tmp_path / "store"
    copy.mkdir()
    for path in folder.iterdir():
        copy.joinpath(path.name).write_bytes(path.read_bytes())
    (copy / "part-000000-test.jsonl").unlink()  # Oct 28 - Nov 2: outside the week
    assert main(["build", "--from-analyses", str(copy), "--period", "2026-11-09..2026-11-15", "--out", str(week), "--format", "json", "--quiet"]) == 0
    brief = json.loads((week / "brief.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in brief["articles"]] == [a.id for a in stored if "2026-11-09" <= a.published <= "2026-11-15"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2026-11-01..2026-11-30"], "--period needs --from-analyses DIR"),
        (["--from-analyses", "MONTH", str(ARTICLES)], "give no INPUT"),
        (["--from-analyses", "MONTH", "--period", "2027-01-01..2027-01-31"], "no stored analysis in the period"),
        (["--from-analyses", "EMPTY"], "holds no manifest.json"),
        ([], "give INPUT... or --from-analyses DIR"),
    ],
)
def test_a_build_from_analyses_that_cannot_work_is_refused(month, tmp_path, capsys, arguments, message):
    folder, _ = month
    arguments = [str(folder) if a == "MONTH" else str(tmp_path) if a == "EMPTY" else a for a in arguments]
    assert main(["build", *arguments, "--out", str(tmp_path / "out"), "--format", "json"]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "brief.json").exists()
