"""RSS and Atom feeds: one article per entry, nothing fetched, bad feeds rejected."""

from __future__ import annotations

import io
import socket

import pytest

from briefgen.ingest import read_inputs
from briefgen.model import Article, Rejection

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Times</title>
  <entry>
    <title>Bridge reopens after repairs</title>
    <link href="https://example.org/bridge"/>
    <updated>2025-03-09T10:00:00Z</updated>
    <author><name>Staff reporter</name></author>
    <content type="html">&lt;p&gt;The old bridge over the river reopened on Sunday after six months of repairs, the district administration said.&lt;/p&gt;
      &lt;p&gt;Traders welcomed the move.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second entry</title>
    <link href="https://example.org/second"/>
    <summary>Only a summary here: police said two men were arrested in the town on Saturday evening.</summary>
  </entry>
</feed>
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("briefgen tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_atom_entries_become_articles(tmp_path):
    path = tmp_path / "valley.atom"
    path.write_text(ATOM)
    first, second = list(read_inputs([str(path)]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Bridge reopens after repairs" and first.publisher == "Valley Times"
    assert first.published == "2025-03-09" and first.url == "https://example.org/bridge"
    assert first.text.split("\n\n") == [
        "The old bridge over the river reopened on Sunday after six months of repairs, the district administration said.",
        "Traders welcomed the move.",
    ]
    assert second.text.startswith("Only a summary here") and second.source.endswith("valley.atom:2")


def test_feed_on_stdin_is_sniffed():
    (article,) = [a for a in read_inputs(["-"], stdin=io.BytesIO(ATOM.encode())) if a.title == "Bridge reopens after repairs"]
    assert article.source == "-:1"


@pytest.mark.parametrize("content", ["/etc/passwd", "https://example.org/feed.xml", "<rss><channel></channel></rss>", "<feed"])
def test_feed_file_that_is_not_a_feed_is_rejected_without_reading_elsewhere(tmp_path, content):
    path = tmp_path / "feed.xml"
    path.write_text(content)
    (result,) = list(read_inputs([str(path)]))
    assert isinstance(result, Rejection) and "feed" in result.reason
