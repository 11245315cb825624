"""The publisher of a plain file (.txt, .md), which has none of its own, from the user's ``[publishers]`` table.

Archives name files and folders by outlet (``nyt_2016-09-19_slug.txt``, ``inbox/dawn/story.txt``). The table of
briefgen.toml maps such names to publishers (``nyt = "The New York Times"``). The candidates, in order: the file
name's first part (up to the first ``_``), then the names of the folders holding the file, nearest first; the
first the table holds (case aside) is the publisher. Without a match the article keeps no publisher.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

PLAIN_SUFFIXES = (".txt", ".md", ".markdown")


def publisher_named(path: Path, publishers: Mapping[str, str]) -> str | None:
    """The publisher ``publishers`` (keys lower-cased) gives the outlet named in ``path``'s file name or folders."""
    candidates = [path.stem.split("_", 1)[0], *(folder.name for folder in path.parents)]
    return next((publishers[name.lower()] for name in candidates if name.lower() in publishers), None)
