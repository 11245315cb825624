"""Readers for plain text (.txt) and Markdown (.md), whose first "# heading" is the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Rejection
from .article import build_article, slug

TITLE_HEADING = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*")


def read_text(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    yield build_article(source=source, id=slug(stem), text=text)


def read_markdown(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    title, body = split_title(text)
    yield build_article(source=source, id=slug(stem), text=body, title=title)


def split_title(text: str) -> tuple[str | None, str]:
    """The first line's level-1 heading and the text without it; (None, text) when it has none."""
    lines = text.lstrip("\ufeff").lstrip().split("\n", 1)
    heading = TITLE_HEADING.fullmatch(lines[0].strip())
    if not heading:
        return None, text
    return heading["title"], lines[1] if len(lines) > 1 else ""
