"""Which sentences can stand in a summary, and where their real text starts.

Page furniture that survives cleaning (bylines, timestamps, photo credits,
captions, comment prompts, teasers cut off with an ellipsis, question
sub-headings) is never summary material. The patterns live in
``data/summary_boilerplate.json``; prompts, teasers and "Related stories"
headings are recognised by the cleaner's own line rules, as text that reaches
the summarizer uncleaned (an evaluation set, a plain-text input) may hold them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span

from ..ingest.clean import line_kind
from ..lexicons import lexicon

TERMINAL = re.compile(r"[.!?]\s*[\"'\u201d\u2019)\]]*\s*$")
ELLIPSIS = re.compile(r"(?:\u2026|\.\.\.)[\"'\u201d\u2019)\]]*\s*$")
QUESTION = re.compile(r"\?[\"'\u201d\u2019)\]]*\s*$")
WORD = re.compile(r"\S*[^\W_]\S*")  # a whitespace-separated word holding a letter or digit
MIN_WORDS = 5  # shorter lines are fragments: a heading, a label, a stray name
HEADING_WORDS = 12  # an unpunctuated line up to this long reads as a heading
CLEANER_FURNITURE = frozenset({"boilerplate", "section", "teaser"})  # kinds of ingest.clean.line_kind
# Rejections that hold only where the article has prose to offer instead: a
# text that is one headline or one question is its own summary.
ONLY_BESIDE_PROSE = frozenset({"question", "caption_or_heading"})


class Boilerplate(NamedTuple):
    prefixes: tuple[re.Pattern, ...]
    lines: tuple[tuple[str, re.Pattern], ...]
    caption_cues: re.Pattern


def _alternatives(patterns: list[str]) -> re.Pattern:
    """One pattern matching any of ``patterns`` (a leading "(?i)" stays with its own pattern)."""
    groups = (f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})" for p in patterns)
    return re.compile("|".join(groups))


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    data = lexicon("summary_boilerplate")
    return Boilerplate(
        prefixes=tuple(re.compile(p) for p in data["prefixes"]),
        lines=tuple((kind, _alternatives(patterns)) for kind, patterns in data["lines"].items()),
        caption_cues=re.compile(data["caption_cues"]),
    )


def content_bounds(sent: Span) -> tuple[int, int]:
    """Character range of the sentence without leading bylines, timestamps and datelines,
    and without furniture lines the sentence splitter ran into it (an unpunctuated byline or caption)."""
    text = sent.text
    start, end = 0, len(text.rstrip())
    trimmed = True
    while trimmed:
        trimmed = False
        for prefix in boilerplate().prefixes:
            match = prefix.match(text, start, end)
            if match and match.end() > start:
                start, trimmed = match.end(), True
        first_break, last_break = text.find("\n", start, end), text.rfind("\n", start, end)
        if first_break >= 0 and hard_rejection(text[start:first_break]):
            start, trimmed = first_break + 1, True
        elif last_break >= 0 and hard_rejection(text[last_break + 1 : end]):
            end, trimmed = last_break, True
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end = start + len(text[start:end].rstrip())
    return sent.start_char + start, sent.start_char + end


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def hard_rejection(text: str) -> str | None:
    """Why ``text`` is page furniture rather than article prose, or None."""
    if not text.strip():
        return "empty"
    cleaner_kind = line_kind(text)
    if cleaner_kind in CLEANER_FURNITURE:
        return cleaner_kind
    for kind, pattern in boilerplate().lines:
        if pattern.search(text):
            return kind
    if ELLIPSIS.search(text):
        return "cut_off"
    if QUESTION.search(text):
        return "question"
    if not TERMINAL.search(text) and (boilerplate().caption_cues.search(text) or word_count(text) <= HEADING_WORDS):
        return "caption_or_heading"
    return None


def soft_rejection(text: str) -> str | None:
    """Why ``text`` is too slight for a summary of a longer article, or None."""
    if word_count(text) < MIN_WORDS:
        return "fragment"
    # Unpunctuated: a caption, or a sentence the splitter cut in two.
    return None if TERMINAL.search(text) else "unpunctuated"
