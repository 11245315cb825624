"""RSS and Atom feed files: one Article per entry (its content, else its summary).

The feed is handed to feedparser as an in-memory stream: given a string,
feedparser would fetch URLs and open file paths, and an input must never make
briefgen read anything but itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import partial

import feedparser

from ..model import Article, Rejection
from .article import build_article, one_entry, slug
from .dates import normalize_date
from .errors import Unusable
from .html import body_text

FEED_START = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
REPLACEMENT_CHARACTER = "\ufffd"  # what HTML parsers make of a reference to no character


def entry_date(entry) -> str | None:
    # "in" first: feedparser answers a missing published_parsed with updated_parsed, and a DeprecationWarning.
    parsed = (entry["published_parsed"] if "published_parsed" in entry else None) or entry.get("updated_parsed")  # noqa: SIM401 (get() would take the fallback)
    # feedparser passes year 0 through; normalize_date makes it (and any implausible year) no date
    return normalize_date("{:04d}-{:02d}-{:02d}".format(*parsed[:3])) if parsed else None


def parse_feed(text: str):
    """feedparser's result for the feed ``text``, parsed from memory (never a URL or a path)."""
    return feedparser.parse(io.BytesIO(valid_character_references(text).encode("utf-8")))


def read_feed(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    feed = parse_feed(text)
    if not feed.entries:
        raise Unusable("no feed entries found" + (" (not a well-formed feed)" if feed.bozo else ""))
    feed_title = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        entry_source = f"{source}:{number}"
        yield one_entry(entry_source, partial(_entry_article, entry, entry_source, f"{slug(stem)}-{number}", feed_title))


def valid_character_references(text: str) -> str:
    """``text`` with each numeric character reference to no character (a surrogate, beyond U+10FFFF) made U+FFFD:
    feedparser's fallback parser raises on them, which lost every entry of the feed."""

    def valid(match: re.Match) -> str:
        hex_digits, decimal_digits = match.groups()
        digits = (hex_digits or decimal_digits).lstrip("0") or "0"
        code = int(digits, 16 if hex_digits else 10) if len(digits) <= 7 else None
        if code is None or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return REPLACEMENT_CHARACTER
        return match.group(0)

    return CHARACTER_REFERENCE.sub(valid, text)


def _entry_article(entry, source: str, id: str, feed_title: str | None) -> Article | Rejection:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    body = max(contents, key=len) if contents else entry.get("summary", "")
    return build_article(
        source=source,
        id=id,
        text=body_text(body),
        title=entry.get("title"),
        url=entry.get("link"),
        publisher=entry.get("source", {}).get("title") or feed_title,
        published=entry_date(entry),
        author=entry.get("author"),
    )
