"""Reader for Markdown (.md): front matter and the first "# heading" give metadata; markup becomes plain text.

Front matter is a leading block between "---" lines of ``key: value`` pairs
(the record keys of .json inputs, plus ``date``). The title is the front
matter's, else a first "# heading", else a headline-like first line; the date is the front
matter's, else an ISO date in the file name. Links
keep their words, images and emphasis marks go; everything else (including
template syntax such as ``{{ x }}``) stays literal text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Rejection
from .article import build_article, slug
from .clean import normalize
from .dates import date_in_name, normalize_date
from .text import split_headline

TITLE_HEADING = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*")
FRONT_MATTER = re.compile(r"---\n(?P<block>(?:[^\n]*\n)*?)---(?:\n|$)")
FRONT_MATTER_LINE = re.compile(r"(?P<key>\w+)\s*:\s*(?P<value>.*)")
METADATA_KEYS = {"id", "title", "url", "published", "publisher", "author", "date"}
INLINE_MARKUP = (
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # images
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # links: their words only
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong emphasis
    (re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE), r"\1"),  # sub-headings
)


def read_markdown(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    metadata, text = split_front_matter(normalize(text))
    first_line, _, rest = text.partition("\n")
    heading = TITLE_HEADING.fullmatch(first_line)
    title, body = (heading["title"], rest) if heading else split_headline(text)
    yield build_article(
        source=source, id=metadata.get("id") or slug(stem), text=plain_text(body),
        title=metadata.get("title") or (title and plain_text(title)), url=metadata.get("url"), publisher=metadata.get("publisher"),
        published=normalize_date(metadata.get("published") or metadata.get("date")) or date_in_name(stem), author=metadata.get("author"),
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front matter's known keys (values unquoted) and the text after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    metadata = {}
    for line in match["block"].splitlines():
        pair = FRONT_MATTER_LINE.fullmatch(line.strip())
        if pair and pair["key"].lower() in METADATA_KEYS:
            metadata[pair["key"].lower()] = pair["value"].strip().strip("\"'")
    return metadata, text[match.end():].lstrip("\n")


def plain_text(markdown: str) -> str:
    for pattern, replacement in INLINE_MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown
