"""One settings path (robustness items 11 and 14): briefgen.toml under the flags for build and daily, and clean failures.

Every test runs ``briefgen.cli.main`` in-process on the example articles, building only md and json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen import cli, pipeline

ROOT = Path(__file__).resolve().parents[1]
QUETTA = ROOT / "examples" / "articles" / "quetta-protest.txt"
BORDER = ROOT / "examples" / "articles" / "border-post-attack.md"
QUICK = ("--format", "md,json", "--date", "2024-03-12", "-q")


def _brief(out: Path) -> dict:
    return json.loads((out / "brief.json").read_text(encoding="utf-8"))


def _stderr_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.fixture
def analysed(monkeypatch) -> list[int]:
    """How many articles each call of the analysis parsed (the batches that really ran the model)."""
    calls: list[int] = []
    real = pipeline._analyse_batch

    def counting(articles, settings):
        calls.append(len(articles))
        return real(articles, settings)

    monkeypatch.setattr(pipeline, "_analyse_batch", counting)
    return calls


# --- item 14: daily takes the build's flags; build reads briefgen.toml ---------------------------------------------


def test_daily_honours_organisation_and_classification(tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["daily", str(QUETTA), "--site", str(tmp_path / "site"), "--out", str(out), *QUICK,
                     "--organisation", "Example Desk", "--classification", "Internal"])
    assert code == 0, capsys.readouterr().err
    brief = _brief(out)
    assert (brief["organisation"], brief["classification"]) == ("Example Desk", "Internal")


def test_daily_marks_stories_new_since_a_previous_brief(tmp_path, capsys):
    site = str(tmp_path / "site")
    assert cli.main(["daily", str(QUETTA), "--site", site, "--out", str(tmp_path / "day1"), *QUICK]) == 0
    day2 = tmp_path / "day2"
    code = cli.main(["daily", str(QUETTA), str(BORDER), "--site", site, "--out", str(day2), *QUICK,
                     "--since", str(tmp_path / "day1" / "brief.json")])
    assert code == 0, capsys.readouterr().err
    brief = _brief(day2)
    sources = {a["id"]: a["source"] for a in brief["articles"]}
    status = {Path(sources[s["articles"][0]]).name: s["status"] for s in brief["stories"]}
    assert status == {"quetta-protest.txt": None, "border-post-attack.md": "new"}


def test_daily_no_cache_analyses_again(tmp_path, analysed, capsys):
    argv = ["daily", str(QUETTA), "--site", str(tmp_path / "site"), "--out", str(tmp_path / "out"), *QUICK]
    assert cli.main(argv) == 0
    assert analysed == [1]
    assert cli.main(argv) == 0
    assert analysed == [1], "an unchanged day is read from the cache"
    assert cli.main([*argv, "--no-cache"]) == 0, capsys.readouterr().err
    assert analysed == [1, 1]


def _write_config(path: Path) -> Path:
    path.write_text('title = "Desk brief"\norganisation = "Example Desk"\nclassification = "Internal"\nformats = ["md", "json"]\n',
                    encoding="utf-8")
    return path


def test_build_honours_briefgen_toml_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _write_config(tmp_path / "briefgen.toml")
    assert cli.main(["build", str(QUETTA), "--out", "out", "--date", "2024-03-12", "-q"]) == 0, capsys.readouterr().err
    brief = _brief(tmp_path / "out")
    assert (brief["title"], brief["organisation"], brief["classification"]) == ("Desk brief", "Example Desk", "Internal")
    assert sorted(p.name for p in (tmp_path / "out").glob("brief.*")) == ["brief.json", "brief.md"]


def test_build_honours_config_file_and_flags_win(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no ./briefgen.toml here: only --config is read
    config = _write_config(tmp_path / "elsewhere.toml")
    out = tmp_path / "out"
    code = cli.main(["build", str(QUETTA), "--out", str(out), "--date", "2024-03-12", "-q", "--config", str(config),
                     "--title", "Flag title", "--format", "json"])
    assert code == 0, capsys.readouterr().err
    brief = _brief(out)
    assert (brief["title"], brief["organisation"], brief["classification"]) == ("Flag title", "Example Desk", "Internal")
    assert [p.name for p in out.glob("brief.*")] == ["brief.json"]


@pytest.mark.parametrize("text", ['title = "unclosed\n', "title = 3\n", 'colour = "red"\n', 'formats = ["md", "docx"]\n'])
def test_build_with_a_bad_briefgen_toml_is_one_line(tmp_path, monkeypatch, capsys, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text(text, encoding="utf-8")
    assert cli.main(["build", str(QUETTA), "--out", "out", *QUICK]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and "briefgen.toml" in lines[0], lines
    assert not (tmp_path / "out").exists()
