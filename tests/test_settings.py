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


@pytest.mark.parametrize("text", ['title = "unclosed\n', "title = 3\n", 'colour = "red"\n', 'formats = ["md", "docx"]\n',
                                  "a = " + "[" * 100_000 + "]" * 100_000],
                         ids=["bad-toml", "wrong-type", "unknown-key", "unknown-format", "deeply-nested"])
def test_build_with_a_bad_briefgen_toml_is_one_line(tmp_path, monkeypatch, capsys, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text(text, encoding="utf-8")
    assert cli.main(["build", str(QUETTA), "--out", "out", *QUICK]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and "briefgen.toml" in lines[0], lines
    assert not (tmp_path / "out").exists()


# --- item 11: clean failures ----------------------------------------------------------------------------------------


@pytest.fixture
def no_model(monkeypatch):
    """Loading the spaCy model fails the test: what must stop before any analysis proves it did."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the model was loaded")

    import briefgen.nlp

    monkeypatch.setattr(pipeline, "load_pipeline", refuse)
    monkeypatch.setattr(briefgen.nlp, "load_pipeline", refuse)


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("{not json", "not valid JSON"),
    ('{"title": "a brief?"}', "not a brief.json"),
    ("[1, 2, 3]", "not a brief.json"),
    ("null", "not a brief.json"),
    ("[" * 100_000 + "]" * 100_000, "--since"),  # nested past Python's recursion limit
], ids=["missing", "not-json", "no-brief-fields", "a-list", "null", "deeply-nested"])
@pytest.mark.parametrize("command", ["build", "daily"])
def test_a_bad_since_file_stops_before_any_analysis(tmp_path, capsys, no_model, command, content, message):
    since = tmp_path / "previous.json"
    if content is not None:
        since.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main([command, str(QUETTA), "--out", str(out), "--site", str(tmp_path / "site"), *QUICK, "--since", str(since)]
                    if command == "daily" else [command, str(QUETTA), "--out", str(out), *QUICK, "--since", str(since)])
    assert code == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and message in lines[0] and "--since" in lines[0], lines
    assert not out.exists()


def _raise(error: BaseException):
    def fail(*_args, **_kwargs):
        raise error

    return fail


def test_exit_1_only_when_inputs_are_rejected(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert cli.main(["build", str(QUETTA), "--out", str(tmp_path / "a"), *QUICK]) == 0
    assert cli.main(["build", str(QUETTA), str(empty), "--out", str(tmp_path / "b"), *QUICK]) == 1
    assert "empty.txt" in capsys.readouterr().err
    # a failure is 2 even when some inputs were also rejected, never 1
    assert cli.main(["build", str(QUETTA), str(empty), "--out", str(tmp_path / "c"), *QUICK, "--since", str(tmp_path / "none.json")]) == 2
    # an exception escaping main would make the interpreter exit 1, as if inputs had been rejected
    monkeypatch.setattr(pipeline, "build_brief", _raise(RuntimeError("boom")))
    assert cli.main(["build", str(QUETTA), str(empty), "--out", str(tmp_path / "d"), *QUICK]) == 2


def test_an_unexpected_error_is_one_line_pointing_at_debug(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "build_brief", _raise(RuntimeError("boom")))
    assert cli.main(["build", str(QUETTA), "--out", str(tmp_path / "out"), *QUICK]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefgen: internal error") and "RuntimeError: boom" in lines[0] and "--debug" in lines[0]


@pytest.mark.parametrize("where", [["--debug", "build"], ["build", "--debug"]])
def test_debug_shows_the_traceback(tmp_path, monkeypatch, capsys, where):
    monkeypatch.setattr(pipeline, "build_brief", _raise(RuntimeError("boom")))
    assert cli.main([*where, str(QUETTA), "--out", str(tmp_path / "out"), *QUICK]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: boom" in err


def _interrupt_rendering(monkeypatch, reached: list) -> None:
    import briefgen.render as render

    def interrupted(_brief):
        reached.append(True)
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "render_json", interrupted)


def _interrupt_writing(monkeypatch, reached: list) -> None:
    """The interrupt comes after one of the new files is on disk under its temporary name."""
    from briefgen import atomic_write

    real = atomic_write.write_temporary

    def interrupted_after_one(path, data):
        if reached:
            raise KeyboardInterrupt
        reached.append(path)
        return real(path, data)

    monkeypatch.setattr(atomic_write, "write_temporary", interrupted_after_one)


@pytest.mark.parametrize("interrupt", [_interrupt_rendering, _interrupt_writing])
def test_an_interrupt_exits_130_and_leaves_the_outputs_as_they_were(tmp_path, monkeypatch, capsys, interrupt):
    out = tmp_path / "out"
    assert cli.main(["build", str(QUETTA), "--out", str(out), *QUICK]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    reached: list = []
    interrupt(monkeypatch, reached)
    capsys.readouterr()
    try:  # a new title, so the brief is built and written again
        code = cli.main(["build", str(QUETTA), "--out", str(out), *QUICK, "--title", "Another"])
    except KeyboardInterrupt:
        code = "KeyboardInterrupt escaped"
    assert reached, "the interrupt came while the brief was being made"
    assert code == 130
    assert _stderr_lines(capsys) == ["briefgen: interrupted"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_broken_cache_warning_is_one_line_on_stderr(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".briefgen-cache.sqlite").write_bytes(b"not a database" * 100)
    assert cli.main(["build", str(QUETTA), "--out", str(out), *QUICK]) == 0
    lines = _stderr_lines(capsys)
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefgen: cache ") and "set aside" in lines[0]


def test_module_logger_warnings_are_one_line_on_stderr(tmp_path, monkeypatch, capsys):
    import logging

    real = pipeline.build_brief

    def warning_first(*args, **kwargs):
        logging.getLogger("briefgen.pipeline").warning("something odd in %s", "folder\nwith a newline")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_brief", warning_first)
    assert cli.main(["build", str(QUETTA), "--out", str(tmp_path / "out"), *QUICK]) == 0
    assert _stderr_lines(capsys) == ["briefgen: something odd in folder\\nwith a newline"]


def test_an_error_naming_a_path_with_a_newline_is_one_line(tmp_path, capsys, no_model):
    since = tmp_path / "day\none" / "brief.json"
    assert cli.main(["build", str(QUETTA), "--out", str(tmp_path / "out"), *QUICK, "--since", str(since)]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and "cannot read" in lines[0], lines


@pytest.mark.parametrize(("flags", "message"), [
    (["--max-bytes", "0"], "--max-bytes"),
    (["--max-bytes", "-5"], "--max-bytes"),
    (["--summary-sentences", "0"], "--summary-sentences"),
    (["--summary-sentences", "-1"], "--summary-sentences"),
    (["--templates", "no-such-folder"], "no-such-folder"),
])
def test_an_unusable_setting_is_one_line_before_anything_is_read(tmp_path, monkeypatch, capsys, no_model, flags, message):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline, "read_inputs", _raise(AssertionError("the inputs were read")))
    assert cli.main(["build", str(QUETTA), "--out", "out", *QUICK, *flags]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and message in lines[0] and "internal error" not in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_templates_folder_in_briefgen_toml_must_exist(tmp_path, monkeypatch, capsys, no_model):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.toml").write_text('templates = "theme"\n', encoding="utf-8")
    assert cli.main(["build", str(QUETTA), "--out", "out", *QUICK]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1 and "theme" in lines[0], lines
