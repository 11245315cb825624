"""A brief's files change as one set: a build killed between its renames never shows briefgen a mixed set
(new brief.md, old brief.json) once briefgen runs on the folder again."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.config import Settings
from briefgen.pipeline import build_and_write, build_brief, read_articles
from briefgen.publish.mail import build_message
from briefgen.publish.site import publish
from briefgen.render import write_brief
from briefgen.render.files import JOURNAL_NAME, finish_renames

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
FORMATS = ("md", "html", "json")
NAMES = ("brief.md", "brief.html", "brief.json")


class Killed(BaseException):
    """The process dying at this point (nothing after it runs, no cleanup)."""


def _settings(out: Path) -> Settings:
    return Settings(out_dir=out, date=dt.date(2025, 3, 10), formats=FORMATS, quiet=True, use_cache=False)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """Two briefs of the same day that differ in every file (their titles)."""
    settings = _settings(tmp_path_factory.mktemp("unused"))
    brief = build_brief(*read_articles([str(EXAMPLES)], settings), settings)
    return replace(brief, title="Brief A"), replace(brief, title="Brief B")


def _titles(folder: Path) -> set[str]:
    """The brief's title as each file gives it: one title when the set is consistent."""
    markdown = (folder / "brief.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    html = (folder / "brief.html").read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
    return {markdown, html.strip(), json.loads((folder / "brief.json").read_text(encoding="utf-8"))["title"]}


def _kill_after_renames(monkeypatch, count: int) -> None:
    """os.replace dies after ``count`` renames of the brief's own files."""
    real, done = os.replace, []

    def replace_then_die(source, target, *args, **kwargs):
        if Path(target).name in NAMES:
            if len(done) == count:
                raise Killed
            done.append(target)
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace_then_die)


def _read_through_briefgen(reader: str, out: Path, site: Path) -> set[str]:
    """Run briefgen on the folder again; the titles of the set it reads."""
    if reader == "publish":
        return _titles(publish(out, site))
    if reader == "mail":
        message = build_message(out)
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        return {str(message["Subject"]).removesuffix(" (2025-03-10)"), text.splitlines()[0].removeprefix("# ")} | {
            title for title in ("Brief A", "Brief B") if title in html}
    finish_renames(out)
    return _titles(out)


@pytest.mark.parametrize("reader", ["publish", "mail", "finish_renames"])
@pytest.mark.parametrize("renamed", [1, 2])
def test_killed_between_renames_shows_the_new_set(briefs, tmp_path, monkeypatch, reader, renamed):
    old, new = briefs
    out = tmp_path / "out"
    write_brief(old, _settings(out))
    with monkeypatch.context() as patch:
        _kill_after_renames(patch, renamed)
        with pytest.raises(Killed):
            write_brief(new, _settings(out))
    assert _read_through_briefgen(reader, out, tmp_path / "site") == {"Brief B"}
    assert _titles(out) == {"Brief B"} and not (out / JOURNAL_NAME).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)  # no temporary left


def test_killed_before_the_set_is_committed_keeps_the_old_set(briefs, tmp_path, monkeypatch):
    old, new = briefs
    out = tmp_path / "out"
    write_brief(old, _settings(out))
    real, calls = os.fsync, []

    def fsync_then_fail(handle):
        calls.append(handle)
        if len(calls) == 2:  # while the second file is written
            raise OSError(28, "No space left on device")
        return real(handle)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", fsync_then_fail)
        with pytest.raises(OSError, match="No space left"):
            write_brief(new, _settings(out))
    finish_renames(out)
    assert _titles(out) == {"Brief A"}
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)


def test_a_reader_killed_while_finishing_is_finished_by_the_next(briefs, tmp_path, monkeypatch):
    old, new = briefs
    out = tmp_path / "out"
    write_brief(old, _settings(out))
    with monkeypatch.context() as patch:
        _kill_after_renames(patch, 1)
        with pytest.raises(Killed):
            write_brief(new, _settings(out))
    with monkeypatch.context() as patch:
        _kill_after_renames(patch, 1)
        with pytest.raises(Killed):
            finish_renames(out)
    assert _read_through_briefgen("mail", out, tmp_path / "site") == {"Brief B"}


def test_the_next_build_finishes_the_set_before_its_shortcut_reads_brief_json(briefs, tmp_path, monkeypatch):
    """A build killed mid-renames, then the same build again: it reads the finished set (or rebuilds), never
    the half-replaced one."""
    out = tmp_path / "out"
    settings = replace(_settings(out), use_cache=True, title="Brief B")
    articles, rejected = read_articles([str(EXAMPLES)], settings)
    write_brief(briefs[0], settings)
    with monkeypatch.context() as patch:
        _kill_after_renames(patch, 1)
        with pytest.raises(Killed):
            build_and_write(articles, rejected, settings)
    brief, paths = build_and_write(articles, rejected, settings)
    assert brief.title == "Brief B" and _titles(out) == {"Brief B"}
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".briefgen-cache")) == sorted(NAMES)


@pytest.mark.parametrize("journal", ['[["../outside", "brief.md"]]', '[[".x.tmp", "/etc/passwd"]]', "{broken", '{"a": 1}'])
def test_a_journal_briefgen_did_not_write_moves_nothing(briefs, tmp_path, journal, caplog):
    out = tmp_path / "out"
    write_brief(briefs[0], _settings(out))
    (tmp_path / "outside").write_text("not a brief")
    (out / JOURNAL_NAME).write_text(journal)
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        finish_renames(out)
    assert "not a journal briefgen wrote" in caplog.text
    assert _titles(out) == {"Brief A"} and (tmp_path / "outside").read_text() == "not a brief"
    assert not (out / JOURNAL_NAME).exists()

