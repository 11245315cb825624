"""Reader for plain text (.txt), and the headline rule shared with Markdown.

A first line that reads like a headline (short, no sentence end, not a lone word or a byline) standing
as a paragraph of its own is the title, and is removed from the text. Many archives end every headline
with a period: a short first line with a final period and no sentence inside it is a headline too (shown
without the period), unless it says when ("on Tuesday", "today"), as a lead sentence does and a headline
does not. A "headline; " line followed by a subheadline line (USA Today) is titled by the part before "; ",
and the subheadline opens the text.
A plain file has no date of its own: an ISO date in its file name is its published date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from functools import cache

from ..lexicons import lexicon
from ..model import Article, Rejection
from .article import build_article, slug
from .clean import line_kind, normalize
from .dates import date_in_name

TITLE_MIN_WORDS = 2  # a lone word ("ISLAMABAD") is a dateline, not a headline
FINAL_PERIOD = re.compile(r"(?<!\.)\.([\"'”’]?)$")  # one period, perhaps inside a closing quote
SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")  # "make history. Again"; not "Mary J. Blige"
HEADLINE_WITH_DECK = re.compile(r"(?P<headline>[^\n]+?);[^\S\n]*\n(?P<deck>[^\n]+)")


def read_text(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    title, body = split_headline(normalize(text))
    yield build_article(source=source, id=slug(stem), text=body, title=title, published=date_in_name(stem))


@cache
def _day_words() -> re.Pattern:
    words = [*lexicon("date_words")["days"], *(day.lower() for day in calendar.day_name)]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def headline_of(line: str) -> str | None:
    """``line`` as a headline (a final period dropped), or None when it does not read as one."""
    if len(line.split()) < TITLE_MIN_WORDS:
        return None
    if line_kind(line) == "headline":
        return line
    bare = FINAL_PERIOD.sub(r"\1", line)
    if bare != line and line_kind(bare) == "headline" and not SENTENCE_INSIDE.search(bare) and not _day_words().search(bare):
        return bare
    return None


def split_headline(text: str) -> tuple[str | None, str]:
    """A headline-like first paragraph of one line (or a headline and its deck), and the rest; (None, text) when there is none."""
    first, separator, rest = text.partition("\n\n")
    if not separator or not rest.strip():
        return None, text
    with_deck = HEADLINE_WITH_DECK.fullmatch(first)
    if with_deck:
        title = headline_of(with_deck["headline"].strip())
        return (title, f"{with_deck['deck'].strip()}\n\n{rest}") if title else (None, text)
    if "\n" in first:
        return None, text
    title = headline_of(first)
    return (title, rest) if title else (None, text)
