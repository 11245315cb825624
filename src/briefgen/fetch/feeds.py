"""What a fetched response is (an HTML page, an RSS/Atom feed, or neither) and the articles a feed links to.

The kind comes from the Content-Type header, checked before the body is read so
that an image or a PDF is skipped unread; a response without one is sniffed as
ingest sniffs stdin. A feed is parsed from memory with the same function
``briefgen build`` reads a saved feed with (``ingest.feed.parse_feed``); only
its entries' links are fetched, nothing else in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from ..ingest.feed import FEED_START, entry_date, parse_feed
from ..ingest.formats import HTML_START
from ..ingest.html import HTML_ROOT
from .errors import FetchError
from .urls import BadURL, web_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
              "application/xml", "text/xml")
SNIFF_WITHIN = 2000  # characters at the start of an untyped body where a feed or HTML root is looked for


@dataclass
class Entry:
    """An article a feed links to, with what the feed says about it (used when the page says less)."""

    url: str
    title: str | None
    published: str | None
    author: str | None
    feed_title: str | None


def media_type(headers: Mapping[str, str]) -> str:
    """The Content-Type without parameters, lower-case ("" when absent)."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def charset(headers: Mapping[str, str]) -> str | None:
    """The charset the Content-Type names, if any."""
    for parameter in headers.get("content-type", "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def unwanted(headers: Mapping[str, str], feeds_too: bool) -> str | None:
    """Why a response of these headers is skipped unread (not HTML, nor a feed when ``feeds_too``), or None."""
    kind = media_type(headers)
    if not kind or kind in HTML_TYPES or (feeds_too and kind in FEED_TYPES):
        return None
    return f"skipped: {kind} is not HTML{' or a feed' if feeds_too else ''}"


def is_feed(headers: Mapping[str, str], text: str) -> bool:
    """Whether a wanted response is a feed: by its Content-Type, else (none given) by its start."""
    kind = media_type(headers)
    if kind:
        return kind in FEED_TYPES
    start = text.lstrip("\ufeff \t\r\n")[:SNIFF_WITHIN]
    return bool(FEED_START.search(start)) and not HTML_ROOT.search(start)


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text.lstrip("\ufeff \t\r\n")))


def feed_entries(text: str, feed_url: str) -> list[Entry]:
    """The entries of the feed ``text`` that link to an http(s) page (relative links taken from ``feed_url``)."""
    feed = parse_feed(text)
    if not feed.entries and feed.bozo:
        raise FetchError("not a well-formed feed")
    feed_title = feed.feed.get("title") or None
    entries = []
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        try:
            url = web_url(urljoin(feed_url, link))
        except BadURL:
            continue
        entries.append(Entry(url, entry.get("title") or None, entry_date(entry), entry.get("author") or None, feed_title))
    return entries
