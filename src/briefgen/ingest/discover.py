"""Expand the inputs a user gave into the files to read: files, directories (recursively), "-" for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import NamedTuple

from ..model import Rejection

STDIN = "-"


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
            found = sorted(directory_files(path, suffixes), key=lambda relative: relative.parts)
            if not found:
                yield Rejection(given, "no supported files in this directory")
            for relative in found:
                yield Input(os.path.join(given, relative), path / relative)
        elif path.is_file():
            yield Input(given, path)
        elif path.exists():
            yield Rejection(given, "not a regular file")
        else:
            yield Rejection(given, "no such file or directory")


def directory_files(directory: Path, suffixes: Set[str]) -> Iterator[Path]:
    """Paths (relative to ``directory``) of its regular, non-hidden files with a supported suffix."""
    # os.walk does not follow symlinked directories, so a link loop cannot trap us.
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.suffix.lower() in suffixes and path.is_file():
                yield path.relative_to(directory)
