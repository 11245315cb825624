"""Property-based tests: hostile and random inputs through ingest, extract, assemble and render never crash.

Each stage gets what its callers can hand it: any bytes in a file of any supported
type, any text to analyse, any model records to assemble and render. A crash is
an exception, or, in ingest, a rejection that names an exception (an input's bug
is caught and shown as "could not be read (KeyError: ...)"; see ingest/errors.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.assemble import assemble
from briefgen.config import Settings
from briefgen.extract.article import extract_article
from briefgen.ingest import read_inputs
from briefgen.ingest.formats import READERS
from briefgen.model import (
    Actor,
    Article,
    ArticleBrief,
    Claim,
    Evidence,
    Incident,
    Location,
    Rejection,
    SentenceSpan,
    Source,
    SummarySentence,
)
from briefgen.render import render_json, render_markdown
from briefgen.render.markdown_html import markdown_to_html

BUG_REASON = "could not be read ("
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INJECTED_HEADING = re.compile(r"\s*#+\s*INJECTED")  # a line of article text that became a heading of its own
# Deadlines are generous: a first example may import a reader (trafilatura) or load the gazetteer on a busy machine.
FAST = settings(max_examples=60, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ["<script>alert(1)</script>", "[x](javascript:alert(2))", "line one\n## INJECTED heading", "| a | b |", "# INJECTED", "`code`", "*em*"]

# ---------------------------------------------------------------- ingest


def read_file(name: str, data: bytes) -> list[Article | Rejection]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_inputs([str(path)]))


def check_read(results: list[Article | Rejection]) -> None:
    """Every result is a usable Article or a Rejection for a reason, never for a bug."""
    assert results
    for result in results:
        if isinstance(result, Rejection):
            assert result.reason and "\n" not in result.reason
            assert not result.reason.startswith(BUG_REASON), result.reason
            continue
        assert isinstance(result, Article) and result.text.strip()
        assert result.published is None or ISO_DATE.fullmatch(result.published)
        for line in (result.title, result.publisher, result.author):
            assert line is None or (line.strip() and "\n" not in line)
        assert result.url is None or result.url.lower().startswith(("http://", "https://"))


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(READERS)))
def test_any_bytes_in_any_supported_file_type(data, suffix):
    check_read(read_file(f"input{suffix}", data))


@FAST
@given(text=st.text(max_size=1500), suffix=st.sampled_from(sorted(READERS)))
def test_any_text_in_any_supported_file_type(text, suffix):
    check_read(read_file(f"input{suffix}", text.encode("utf-8", "surrogatepass")))


# HTML bodies as feeds and records carry them: markup mixed with any text (and so any control character).
HTML_PIECES = ["<p>", "</p>", "<div>", "</div>", "<br/>", "<li>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;",
               "&#x110000;", "<svg><title>", "<table><tr><td>", "Police said the road was closed. "]
html_bodies = st.lists(st.sampled_from(HTML_PIECES) | st.text(max_size=10), max_size=30).map("".join)
json_scalars = st.none() | st.booleans() | st.integers(-(10**60), 10**60) | st.floats() | st.text(max_size=200)
json_values = st.recursive(json_scalars, lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
                           max_leaves=20)
record_fields = ["id", "text", "title", "url", "published", "publisher", "author"]
records = st.fixed_dictionaries({}, optional={name: json_values | st.text(max_size=300) | html_bodies for name in record_fields})
json_documents = json_values | records | st.lists(records, max_size=5)


@FAST
@given(document=json_documents, ensure_ascii=st.booleans())
def test_json_shaped_input(document, ensure_ascii):
    check_read(read_file("input.json", json.dumps(document, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")))


@FAST
@given(lines=st.lists(json_documents, min_size=1, max_size=6), ensure_ascii=st.booleans())
def test_json_lines_shaped_input(lines, ensure_ascii):
    text = "\n".join(json.dumps(line, ensure_ascii=ensure_ascii) for line in lines)
    check_read(read_file("input.jsonl", text.encode("utf-8", "surrogatepass")))


feed_dates = st.datetimes(timezones=st.just(dt.UTC)).map(format_datetime) | st.text(max_size=30)
feed_entries = st.lists(st.tuples(st.text(max_size=100), st.text(max_size=500) | html_bodies, feed_dates), max_size=4)


def rss(title: str, entries: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<item><title>{escape(t)}</title><description>{escape(s)}</description><pubDate>{escape(d)}</pubDate></item>" for t, s, d in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>{items}</channel></rss>'


def atom(title: str, entries: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<entry><title>{escape(t)}</title><summary type='html'>{escape(s)}</summary><updated>{escape(d)}</updated></entry>" for t, s, d in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>{items}</feed>'


# Numeric character references, some to no character at all, written into the feed's titles as they are.
REFERENCES = ["", "&#233;", "&#0;", "&#x110000;", "&#xD800;", "&#99999999999999;", "&#x41"]


@FAST
@given(title=st.text(max_size=60), entries=feed_entries, shape=st.sampled_from([(rss, ".rss"), (rss, ".xml"), (atom, ".atom"), (atom, ".xml")]),
       reference=st.sampled_from(REFERENCES))
def test_feed_shaped_input(title, entries, shape, reference):
    build, suffix = shape
    feed = build(title, entries).replace("</title>", f"{reference}</title>")
    check_read(read_file(f"feed{suffix}", feed.encode("utf-8", "surrogatepass")))


# ---------------------------------------------------------------- extract

# Pieces that reach every extractor (claims, sources, incidents, counts, dates, places) mixed with hostile ones.
TEXT_PIECES = [
    "Police said ", "Militants attacked a checkpoint in Bannu ", "killing ", "injuring ", "three ", "dozens of ", "people ",
    "on Monday ", "on 31 February 2025 ", "in Peshawar ", "“", "”", '"', "(TTP) ", "Tehreek-e-Taliban Pakistan ", ", officials said",
    "an official who asked not to be named said ", "?" * 30, "\u202eRTL\u202c ", "مسلح افراد ", "🔥💣 ", "1,000,000 ", "10" * 40,
    "\x00\x07\x1b", "\n\n", ". ",
]
hostile_text = st.text(max_size=400) | st.lists(st.sampled_from(TEXT_PIECES), max_size=40).map("".join)


@settings(max_examples=30, deadline=10_000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_extraction_of_any_text(nlp, text):
    article = Article(id="a1", text=text, source="a1.txt", title="Title", published="2025-03-09")
    brief = extract_article(article, nlp(text), Settings(date=dt.date(2025, 3, 10)))
    for span in brief.sentences:
        assert 0 <= span.start <= span.end <= len(text)
    evidence = [c.evidence for c in brief.claims] + [i.evidence for i in brief.incidents] + [e for a in brief.actors for e in a.evidence]
    for item in evidence:
        assert 0 <= item.sentence < len(brief.sentences) and 0 <= item.start <= item.end <= len(text)
    assert all(0 <= s.sentence < len(brief.sentences) for s in brief.summary)


# ---------------------------------------------------------------- assemble and render

names = st.sampled_from(HOSTILE) | st.text(max_size=40)
counts = st.none() | st.integers(-5, 10**4) | st.sampled_from([10**50, 10**400])
dates = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
KINDS = ["person", "organization", "armed_group", "state", "agency", "media", "group_of_people"]
SOURCE_KINDS = ["named_person", "official", "anonymous", "media", "institution", "document"]
INCIDENT_TYPES = ["attack", "armed_clash", "bombing", "killing", "abduction", "arrest", "protest", "other"]


@st.composite
def article_briefs(draw, number: int) -> ArticleBrief:
    """An ArticleBrief as extraction makes one: every evidence points at one of its sentences."""
    sentences = draw(st.lists(names, min_size=1, max_size=5))
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(SentenceSpan(start, start + len(sentence)))
        start += len(sentence) + 1

    def evidence() -> Evidence:
        index = draw(st.integers(0, len(spans) - 1))
        return Evidence(index, spans[index].start, spans[index].end)

    actors = [Actor(draw(names), draw(st.sampled_from(KINDS)), draw(st.lists(names, max_size=2)), draw(st.integers(0, 10**6)), [evidence()])
              for _ in range(draw(st.integers(0, 3)))]
    claims = [Claim(draw(names), draw(names), draw(st.sampled_from(SOURCE_KINDS)), draw(names), draw(st.booleans()), draw(st.booleans()), evidence())
              for _ in range(draw(st.integers(0, 3)))]
    sources = [Source(draw(names), draw(st.sampled_from(SOURCE_KINDS)), draw(st.booleans()), draw(st.integers(0, 10**6)))
               for _ in range(draw(st.integers(0, 2)))]
    incidents = [
        Incident(draw(st.sampled_from(INCIDENT_TYPES)), draw(dates), draw(st.none() | names),
                 Location(*(draw(st.none() | names) for _ in range(4))), draw(counts), draw(counts), draw(st.lists(names, max_size=2)), evidence())
        for _ in range(draw(st.integers(0, 2)))
    ]
    summary = [SummarySentence(text[spans[i].start : spans[i].end], i, spans[i].start, spans[i].end) for i in range(draw(st.integers(0, len(spans))))]
    return ArticleBrief(
        id=f"a{number}", title=draw(st.none() | names), url=draw(st.none() | st.sampled_from(["https://example.org/x", "javascript:alert(3)"]) | names),
        publisher=draw(st.none() | names), published=draw(dates), source=f"a{number}.txt", text=text, sentences=spans,
        summary=summary, actors=actors, claims=claims, sources=sources, incidents=incidents,
    )


article_lists = st.integers(1, 4).flatmap(lambda count: st.tuples(*(article_briefs(number) for number in range(1, count + 1))))


class LiveMarkup(HTMLParser):
    """What in an HTML document could run or navigate away: script-like tags, event handlers, non-local links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "img", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (name in {"href", "src"} and (value or "").lower().lstrip().startswith("javascript:")):
                self.found.append(f"{tag} {name}={value}")


@settings(max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])  # a Jinja environment per render
@given(articles=article_lists, title=names)
def test_assemble_and_render_any_briefs(articles, title):
    brief = assemble(list(articles), title, "2025-03-10")
    markdown = render_markdown(brief, Settings(date=dt.date(2025, 3, 10)))
    assert json.loads(render_json(brief))["articles"][0]["id"] == "a1"
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)
    assert not [line for line in markdown.splitlines() if INJECTED_HEADING.match(line)]
    assert "<script>" not in markdown
    live = LiveMarkup()
    live.feed(markdown_to_html(markdown))
    assert not live.found


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_stay_text_in_markdown(title):
    """The strings the properties look for, checked on their own: the whole title is in the story's heading line, as text."""
    article = ArticleBrief("a1", title, None, None, "2025-03-09", "a1.txt", "Police said the road was closed.", [SentenceSpan(0, 32)])
    markdown = render_markdown(assemble([article], "Brief", "2025-03-10"), Settings(date=dt.date(2025, 3, 10)))
    [heading] = [line for line in markdown.splitlines() if line.startswith("## 1. ")]
    words = re.findall(r"\w+", title)
    assert re.findall(r"\w+", heading)[1:] == words
    assert not [line for line in markdown.splitlines() if INJECTED_HEADING.match(line)]
    assert "<script>" not in markdown and not re.search(r"(?<!\\)\]\(javascript:", markdown)


# ---------------------------------------------------------------- what the properties found, kept as regular tests


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.json", "[]", "no records (an empty JSON list)"),
    ("spaced.json", " [ ]\n", "no records (an empty JSON list)"),
])
def test_a_file_with_no_records_is_rejected_not_dropped(name, content, reason):
    [result] = read_file(name, content.encode())
    assert isinstance(result, Rejection) and result.source.endswith(name) and result.reason == reason


@pytest.mark.parametrize(("shape", "character"), [
    *(("record", character) for character in ["\x00", "\x08", "\x0c", "\x1b", "\ufffe"]),
    *(("feed", character) for character in ["\x08", "\x0c", "\x1b", "\ufffe"]),  # a NUL makes a file binary, rejected as such
])
def test_a_control_character_in_an_html_body_is_dropped_not_fatal(shape, character):
    body = f"<p>Police said{character} the road was closed.</p>"
    if shape == "record":
        name, content = "record.json", json.dumps({"text": body})
    else:
        name, content = "feed.rss", rss("Feed", [("Road closed", body, "")])
    [result] = read_file(name, content.encode("utf-8"))
    assert isinstance(result, Article) and result.text == "Police said the road was closed."


@pytest.mark.parametrize(("reference", "character"), [
    ("&#x110000;", "\ufffd"), ("&#xD800;", "\ufffd"), ("&#1114112;", "\ufffd"), ("&#99999999999999;", "\ufffd"),
    ("&#x0000000000000041;", "A"),  # a real character, however many zeros lead
])
def test_a_reference_to_no_character_loses_no_feed_entry(reference, character):
    feed = rss("Feed", [("Road closed", "Police said the road was closed.", ""), ("Bridge opened", "The new bridge opened on Monday.", "")])
    results = read_file("feed.rss", feed.replace("Road closed", f"Road {reference} closed").encode("utf-8"))
    assert [(r.title, r.text) for r in results if isinstance(r, Article)] == [
        (f"Road {character} closed", "Police said the road was closed."), ("Bridge opened", "The new bridge opened on Monday."),
    ]
