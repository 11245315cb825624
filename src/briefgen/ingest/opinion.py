"""Opinion pieces: columns, op-eds, editorials and letters, told from their labels.

A piece is opinion when its headline starts with a label ("Opinion: ...", "Editorial | ..."), its URL has an
opinion section as a path segment (``/opinion/``, ``/letters-to-the-editor/``), its first or last paragraph
carries a marker ("The views expressed are the author's own", "X is a columnist"), or it ends the way only
opinion ends:

- an author's line: a last paragraph of one short sentence presenting a named person by a position held
  somewhere ("Rudy Giuliani is the former mayor of New York City.", "Aaron Kall is director of debate at the
  University of Michigan."); news does not close on who its writer is ("is expected to", "was charged",
  "is a suspect in the case" are news);
- a signature: a last paragraph that is only a name or a handle ("John Weinbrecht.", "@reader123."), as
  readers' letters end.

The markers are in ``data/opinion_markers.json``. Opinion is labelled in the brief and gives none of the
day's incidents.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..lexicons import lexicon

_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3}"
# "<Name>[, <apposition>,] is|was [a|an|the] <role> at|of|for|with <Institution>.": a position held somewhere; the role is
# no participle ("is expected", "was charged") and names where it is held ("a suspect in the case" is news)
_AUTHOR_LINE = re.compile(
    rf"^{_NAME}(?:,[^,.]{{2,80}},)?\s(?:is|was)\s(?:(?:an?|the)\s)?(?![\w-]+(?:ed|ing|en)\b)"
    r"[^\n]*?\b(?:at|of|for|with)\s(?:the\s)?[A-Z][^\n]*\.$"
)
_SIGNATURE = re.compile(rf"^(?:{_NAME}|@\w+)\.?$")
_FUNCTION_WORDS = frozenset({"By", "The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "I", "In", "On", "At"})
_AUTHOR_LINE_WORDS = 45


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
    paragraphs = [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]
    if not paragraphs:
        return False
    return any(body.search(paragraph) for paragraph in {paragraphs[0], paragraphs[-1]}) or _signs_off(paragraphs[-1])


def _signs_off(last: str) -> bool:
    """Whether the last paragraph is an author's line or a signature (see the module docstring)."""
    if len(last.split()) > _AUTHOR_LINE_WORDS or last.split()[0] in _FUNCTION_WORDS:
        return False
    one_sentence = last.count(". ") == 0
    return bool(_SIGNATURE.match(last) or one_sentence and _AUTHOR_LINE.match(last))
