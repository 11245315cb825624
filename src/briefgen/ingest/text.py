"""Reader for plain text (.txt), and the headline rule shared with Markdown.

A first line that reads like a headline (short, no sentence end, not a lone
word or a byline) standing as a paragraph of its own is the title, and is removed from the text.
A plain file has no date of its own: an ISO date in its file name is its published date.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Article, Rejection
from .article import build_article, slug
from .clean import line_kind, normalize
from .dates import date_in_name

TITLE_MIN_WORDS = 2  # a lone word ("ISLAMABAD") is a dateline, not a headline


def read_text(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    title, body = split_headline(normalize(text))
    yield build_article(source=source, id=slug(stem), text=body, title=title, published=date_in_name(stem))


def split_headline(text: str) -> tuple[str | None, str]:
    """A headline-like first paragraph of one line, and the rest; (None, text) when there is none."""
    first, separator, rest = text.partition("\n\n")
    if (separator and rest.strip() and "\n" not in first and len(first.split()) >= TITLE_MIN_WORDS
            and line_kind(first) == "headline"):
        return first, rest
    return None, text
