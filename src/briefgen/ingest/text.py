"""Readers for plain text (.txt) and Markdown (.md).

The title is a Markdown file's first "# heading", or, in either format, a
first line that reads like a headline (short, no sentence end) standing as a
paragraph of its own. It is removed from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Rejection
from .article import build_article, slug
from .clean import line_kind, normalize

TITLE_HEADING = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*")


def read_text(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    title, body = split_headline(normalize(text))
    yield build_article(source=source, id=slug(stem), text=body, title=title)


def read_markdown(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    text = normalize(text)
    first_line, _, rest = text.partition("\n")
    heading = TITLE_HEADING.fullmatch(first_line)
    title, body = (heading["title"], rest) if heading else split_headline(text)
    yield build_article(source=source, id=slug(stem), text=body, title=title)


def split_headline(text: str) -> tuple[str | None, str]:
    """A headline-like first paragraph of one line, and the rest; (None, text) when there is none."""
    first, separator, rest = text.partition("\n\n")
    if separator and rest.strip() and "\n" not in first and line_kind(first) == "headline":
        return first, rest
    return None, text
