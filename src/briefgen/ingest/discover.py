"""Expand the inputs a user gave into the files to read: files, directories (recursively), "-" for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import NamedTuple

from ..model import Rejection

STDIN = "-"
OUTSIDE = "a symlink to outside the input folder"
BROKEN = "a broken symlink (its target is missing or a loop)"


class Input(NamedTuple):
    source: str  # as the user gave it (a file found in a directory: the directory as given joined with its path)
    path: Path | None  # None for stdin


def discover(inputs: Iterable[str], suffixes: Set[str]) -> Iterator[Input | Rejection]:
    """Inputs in the order given; a directory's files with one of ``suffixes`` in sorted path order."""
    for given in inputs:
        if given == STDIN:
            yield Input(STDIN, None)
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(directory_files(path, suffixes), key=lambda entry: entry[0].parts)
            if not found:
                yield Rejection(given, "no supported files in this directory")
            for relative, reason in found:
                source = os.path.join(given, relative)
                yield Input(source, path / relative) if reason is None else Rejection(source, reason)
        elif path.is_file():
            yield Input(given, path)
        elif path.exists():
            yield Rejection(given, "not a regular file")
        else:
            yield Rejection(given, "no such file or directory")


def directory_files(directory: Path, suffixes: Set[str]) -> Iterator[tuple[Path, str | None]]:
    """(path relative to ``directory``, None) for its regular, non-hidden files with a supported suffix;
    (path, reason) for a symlink there that leads outside ``directory`` or nowhere.

    A directory's contents are not the user's choice file by file, so a link in it must not
    bring in e.g. /etc/passwd; a link that stays inside may be read.
    """
    root = directory.resolve()
    # os.walk does not follow symlinked directories, so a link loop cannot trap us; one
    # that stays inside leads to files the walk reaches anyway.
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in subfolders:
            path = Path(folder, name)
            if path.is_symlink() and (reason := _link_problem(path, root)):
                yield path.relative_to(directory), reason
        for name in files:
            path = Path(folder, name)
            if name.startswith(".") or path.suffix.lower() not in suffixes:
                continue
            if path.is_symlink() and (reason := _link_problem(path, root)):
                yield path.relative_to(directory), reason
            elif path.is_file():
                yield path.relative_to(directory), None


def _link_problem(link: Path, root: Path) -> str | None:
    """Why the symlink ``link`` must not be read, or None when it resolves to a place inside ``root``."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python < 3.13
        return BROKEN
    return None if target.is_relative_to(root) else OUTSIDE
