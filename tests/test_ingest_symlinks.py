"""Symlinks in an input folder and hostile file names in the rejection lines on stderr."""

from __future__ import annotations

import os

import pytest

from briefgen.ingest import read_inputs
from briefgen.messages import report_rejections
from briefgen.model import Article, Rejection

TEXT = (
    "Le ministre a déclaré à la presse que la situation à Genève était très préoccupante.\n"
    "Les élèves ont été évacués vers l'école voisine, a précisé la mairie.\n"
)
SECRET = "root:x:0:0:secret account line for the test"


@pytest.fixture
def outside(tmp_path):
    """A folder next to the input folder holding a file the input folder links to."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd.txt").write_text(SECRET + "\n" + TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(TEXT, encoding="utf-8")
    return folder


def by_source(results):
    return {os.path.basename(result.source): result for result in results}


def test_a_symlinked_file_outside_the_folder_is_rejected(folder, outside):
    (folder / "notes.txt").symlink_to(outside / "passwd.txt")
    results = by_source(read_inputs([str(folder)]))
    assert isinstance(results["story.txt"], Article)
    assert results["notes.txt"] == Rejection(str(folder / "notes.txt"), "a symlink to outside the input folder")
    assert not any(SECRET in result.text for result in results.values() if isinstance(result, Article))


def test_a_symlinked_folder_outside_the_folder_is_rejected(folder, outside):
    (folder / "more").symlink_to(outside, target_is_directory=True)
    results = by_source(read_inputs([str(folder)]))
    assert results["more"] == Rejection(str(folder / "more"), "a symlink to outside the input folder")
    assert set(results) == {"story.txt", "more"}


def test_a_relative_link_climbing_out_is_rejected(folder, outside):
    (folder / "up.txt").symlink_to(os.path.join("..", "outside", "passwd.txt"))
    assert by_source(read_inputs([str(folder)]))["up.txt"].reason == "a symlink to outside the input folder"


def test_a_symlink_staying_inside_the_folder_is_read(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "alias.txt").symlink_to(os.path.join("..", "story.txt"))
    results = by_source(read_inputs([str(folder)]))
    assert isinstance(results["alias.txt"], Article)
    assert results["alias.txt"].text == results["story.txt"].text


def test_symlink_loops_do_not_hang(folder):
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    results = by_source(read_inputs([str(folder)]))
    assert isinstance(results["story.txt"], Article)
    assert "loop" not in results  # resolves inside: its files are read through their real path
    assert results["a.txt"].reason.startswith("a broken symlink")


def test_a_file_named_on_the_command_line_is_followed(tmp_path, outside):
    link = tmp_path / "chosen.txt"
    link.symlink_to(outside / "passwd.txt")
    [result] = read_inputs([str(link)])
    assert isinstance(result, Article)
    assert SECRET in result.text


@pytest.mark.parametrize(("source", "shown"), [
    ("in/x.txt\nbriefgen: rejected in/y.txt", r"in/x.txt\nbriefgen: rejected in/y.txt"),
    ("in/\x1b[2J\x1b[31mred.txt", r"in/\x1b[2J\x1b[31mred.txt"),
    ("in/evil\u202etxt.exe", r"in/evil\u202etxt.exe"),
    ("in/a\rb\tc.txt", r"in/a\rb\tc.txt"),
    ("in/Genève 東京 café.txt", "in/Genève 東京 café.txt"),
])
def test_rejection_lines_escape_control_characters(capsys, source, shown):
    report_rejections([Rejection(source, "empty file\x1b[0m")])
    assert capsys.readouterr().err == f"briefgen: rejected {shown}: empty file\\x1b[0m\n"


def test_a_hostile_file_name_in_a_folder_prints_one_line(capsys, folder):
    (folder / "x.txt\nbriefgen: rejected fake.txt").write_bytes(b"")
    report_rejections([result for result in read_inputs([str(folder)]) if isinstance(result, Rejection)])
    assert capsys.readouterr().err.count("\n") == 1
