"""Which reader reads what: by file extension, or by sniffing the content of stdin."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..model import Article, Rejection
from .errors import Unusable
from .feed import FEED_START, read_feed
from .html import read_html
from .markdown import TITLE_HEADING, read_markdown
from .records import parse_json, read_json, read_jsonl
from .text import read_text

Reader = Callable[[str, str, str], Iterator[Article | Rejection]]  # (text, source, stem)

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
HTML_START = re.compile(r"<(!doctype|!--|\?xml|[a-z][a-z0-9]*[\s/>])", re.IGNORECASE)


def reader_for(suffix: str) -> Reader:
    """The reader for a file extension; raises Unusable for an unsupported one."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise Unusable(f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)")
    return reader


def sniff(text: str) -> Reader:
    """The reader for content of unknown type: JSON, JSON lines, a feed, HTML, Markdown with a title, else text."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith(("{", "[")):
        if _is_json(start):
            return read_json
        first_line = start.split("\n", 1)[0]
        if _is_json(first_line):
            return read_jsonl
    if FEED_START.search(start[:2000]):
        return read_feed
    if HTML_START.match(start):
        return read_html
    if TITLE_HEADING.fullmatch(start.split("\n", 1)[0].strip()):
        return read_markdown
    return read_text


def _is_json(text: str) -> bool:
    try:
        parse_json(text)
    except Unusable:
        return False
    return True
