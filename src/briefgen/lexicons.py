"""Word lists and lexicons shipped in ``briefgen/data``: the one place they are read.

Plain lists are ``data/NAME.txt`` (one entry a line, ``#`` comments); richer
lexicons are ``data/NAME.json``. Both are cached, so extractors can call these
on every Doc.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _data_file(filename: str):
    return resources.files("briefgen") / "data" / filename


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Entries of ``data/NAME.txt``, in file order, without blanks and comments."""
    lines = _data_file(f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@cache
def word_set(name: str) -> frozenset[str]:
    """``word_list`` as a lower-cased set, for membership tests."""
    return frozenset(entry.lower() for entry in word_list(name))


@cache
def lexicon(name: str) -> Any:
    """The parsed ``data/NAME.json``."""
    return json.loads(_data_file(f"{name}.json").read_text(encoding="utf-8"))
