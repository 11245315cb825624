"""The site's Atom feed (RFC 4287): one entry per brief, newest first.

Links are absolute under the site's base URL when it has one, else relative to
feed.xml (which Atom allows). Ids must be permanent: the day's absolute URL, or
without a base URL a name-based UUID of the site title and the date.
ElementTree writes the XML, so every title and story is escaped.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from .site import Day, SiteOptions

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _identifier(options: SiteOptions, path: str) -> str:
    if options.base_url:
        return options.base_url + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:{options.title}:{path}").urn


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _entry(feed: ET.Element, day: Day, options: SiteOptions) -> None:
    base = options.base_url or ""
    entry = _add(feed, "entry")
    _add(entry, "id", _identifier(options, f"{day.date}/"))
    _add(entry, "title", day.title if day.date in day.title else f"{day.date} · {day.title}")  # the date once
    _add(entry, "updated", _timestamp(day.updated))
    _add(entry, "link", rel="alternate", type="text/html", href=f"{base}{day.date}/index.html")
    if any(name == "brief.pdf" for _, name in day.downloads):
        _add(entry, "link", rel="enclosure", type="application/pdf", href=f"{base}{day.date}/brief.pdf")
    summary = f"{day.articles} article{'s' if day.articles != 1 else ''}."
    if day.stories:
        summary += " Top stories:\n" + "\n".join(f"- {story}" for story in day.stories)
    _add(entry, "summary", summary, type="text")


def atom_feed(days: Sequence[Day], options: SiteOptions) -> bytes:
    """The Atom document for ``days`` (newest first), as UTF-8 bytes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": options.lang})
    base = options.base_url or ""
    _add(feed, "id", _identifier(options, ""))
    _add(feed, "title", options.title)
    _add(feed, "updated", _timestamp(max((day.updated for day in days), default=EPOCH)))
    _add(_add(feed, "author"), "name", options.organisation or "briefgen")
    _add(feed, "generator", "briefgen")
    if base:
        _add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}feed.xml")
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base}index.html")
    for day in days[:FEED_ENTRIES]:
        _entry(feed, day, options)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
