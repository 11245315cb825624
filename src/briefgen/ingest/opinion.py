"""Opinion pieces: columns, op-eds, editorials and letters, told from their labels.

A piece is opinion when its headline starts with a label ("Opinion: ...", "Editorial | ..."), its URL has an
opinion section as a path segment (``/opinion/``, ``/letters-to-the-editor/``), or its first or last paragraph
carries a marker ("The views expressed are the author's own", "X is a columnist"). The markers are in
``data/opinion_markers.json``. Opinion is labelled in the brief and gives none of the day's incidents.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..lexicons import lexicon


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, frozenset[str], re.Pattern]:
    markers = lexicon("opinion_markers")
    labels = "|".join(re.escape(label) for label in sorted(markers["headline_labels"], key=len, reverse=True))
    headline = re.compile(rf"^\s*(?:{labels})\s*[:|\-–—]", re.IGNORECASE)
    body = re.compile("|".join(re.escape(marker) for marker in markers["body_markers"]), re.IGNORECASE)
    return headline, frozenset(markers["url_sections"]), body


def is_opinion(title: str | None, url: str | None, text: str) -> bool:
    """Whether the article is an opinion piece by its headline label, URL section or first or last paragraph."""
    headline, sections, body = _patterns()
    if title and headline.match(title):
        return True
    if url and any(segment.lower() in sections for segment in urlsplit(url).path.split("/")):
        return True
    paragraphs = text.split("\n\n")
    return any(body.search(paragraph) for paragraph in {paragraphs[0], paragraphs[-1]})
