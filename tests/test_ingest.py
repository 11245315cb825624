"""read_inputs on well-formed inputs: every format, metadata, ids, sources and order."""

from __future__ import annotations

import io
import json

import pytest

from briefgen.ingest import read_inputs
from briefgen.ingest.dates import normalize_date
from briefgen.model import Article, Rejection

BODY = (
    "Flood waters rose across the Riverton valley on Tuesday, officials said.\n"
    "The district agency opened three relief camps for displaced families."
)
PAGE = """<!doctype html><html><head><title>Floods hit Riverton | Daily Example</title>
<meta property="og:title" content="Floods hit Riverton">
<meta property="og:site_name" content="Daily Example"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://example.org/news/floods"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Floods hit Riverton</h1>
<p>Flood waters rose across the Riverton valley on Tuesday, officials said, and hundreds of families left home.</p>
<p>The district agency opened three relief camps and asked residents to stay away from the river banks.</p>
<p>"We are doing everything we can," the district commissioner said, adding that teams worked all night.</p>
</article><footer>About us | Contact | Careers</footer></body></html>"""


def read_all(*inputs, **options):
    return list(read_inputs([str(given) for given in inputs], **options))


def test_text_file(tmp_path):
    path = tmp_path / "Riverton Floods.txt"
    path.write_text(BODY, encoding="utf-8")
    [article] = read_all(path)
    assert article == Article(id="riverton-floods", text=BODY.replace("\n", "\n\n"), source=str(path))


def test_markdown_heading_is_title(tmp_path):
    path = tmp_path / "floods.md"
    path.write_text(f"# Floods hit Riverton\n\n{BODY}\n", encoding="utf-8")
    [article] = read_all(path)
    assert article.title == "Floods hit Riverton"
    assert article.text.startswith("Flood waters rose") and "Floods hit Riverton" not in article.text


def test_markdown_front_matter_and_inline_markup(tmp_path):
    path = tmp_path / "fm.md"
    path.write_text(
        "---\ntitle: \"Floods: the toll rises\"\ndate: 2024-03-06T09:00:00Z\nid: rv-9\nlayout: post\n---\n"
        "# Ignored heading\n\nFlood waters rose, [the agency](https://example.org/a) said on **Tuesday**.\n\n"
        "![a flooded road](road.jpg)\n\n## What next\n\nRelief camps opened on Wednesday.\n",
        encoding="utf-8")
    [article] = read_all(path)
    assert (article.id, article.title, article.published) == ("rv-9", "Floods: the toll rises", "2024-03-06")
    assert article.text == "Flood waters rose, the agency said on Tuesday.\n\nWhat next\n\nRelief camps opened on Wednesday."


@pytest.mark.parametrize(("name", "content", "title"), [
    ("plain.txt", f"Floods hit Riverton\n\n{BODY}", "Floods hit Riverton"),
    ("plain.md", f"\n\nFloods hit Riverton\n\n{BODY}", "Floods hit Riverton"),
    ("lead.txt", f"Flood waters rose across the valley on Tuesday.\n\n{BODY}", None),
    ("dateline.txt", f"RIVERTON:\n\n{BODY}", None),
    ("dateline2.txt", f"RIVERTON\n\n{BODY}", None),
    ("byline.txt", f"By Jane Roe\n\n{BODY}", None),
    ("only.txt", "Floods hit Riverton", None),
])
def test_headline_first_line_is_title(tmp_path, name, content, title):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [article] = read_all(path)
    assert article.title == title
    assert (title is None) or not article.text.startswith(title)


def test_html_text_and_metadata(tmp_path):
    path = tmp_path / "floods.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_all(path)
    assert article.title == "Floods hit Riverton"
    assert (article.published, article.author, article.publisher, article.url) == (
        "2024-03-05", "Jane Roe", "Daily Example", "https://example.org/news/floods")
    assert article.text.startswith("Flood waters rose")
    assert "Home" not in article.text and "Careers" not in article.text
    assert len(article.text.split("\n\n")) == 3


def test_html_byline_date_is_not_an_author(tmp_path):
    path = tmp_path / "byline.html"
    path.write_text(PAGE.replace('<meta name="author" content="Jane Roe">', "").replace(
        "<h1>Floods hit Riverton</h1>", '<h1>Floods hit Riverton</h1><div class="byline">By Jane Roe | March 5, 2024</div>'),
        encoding="utf-8")
    [article] = read_all(path)
    assert article.author == "Jane Roe"  # trafilatura reports "Jane Roe; March 5"


def test_json_record_id_and_metadata_carried_through(tmp_path):
    record = {"id": "AP-2024/77", "text": BODY, "title": "Floods", "url": "https://example.org/f",
              "published": "2024-03-05T10:00:00+05:00", "publisher": "Example Wire"}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    [article] = read_all(path)
    assert (article.id, article.title, article.url, article.published, article.publisher, article.source) == (
        "AP-2024/77", "Floods", "https://example.org/f", "2024-03-05", "Example Wire", str(path))


def test_json_list_and_jsonl_sources_and_ids(tmp_path):
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps([{"text": BODY}, {"text": BODY, "id": "x1"}]), encoding="utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text(json.dumps({"text": BODY}) + "\n\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    articles = read_all(listing, lines)
    assert [(a.id, a.source) for a in articles] == [
        ("list-1", f"{listing}:1"), ("x1", f"{listing}:2"), ("feed-1", f"{lines}:1"), ("feed-3", f"{lines}:3")]


def test_json_record_with_html_body_becomes_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    body = "<p>Flood waters rose on <b>Tuesday</b>.</p><script>steal()</script><p>Camps opened.</p>"
    path.write_text(json.dumps({"text": body}) + "\n" + json.dumps({"text": "<script>steal()</script>"}), encoding="utf-8")
    article, rejection = read_all(path)
    assert article.text == "Flood waters rose on Tuesday.\n\nCamps opened."
    assert rejection == Rejection(f"{path}:2", "no article text found")


def test_duplicate_ids_get_a_suffix(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps({"id": "same", "text": BODY}) for _ in range(3)), encoding="utf-8")
    assert [a.id for a in read_all(path)] == ["same", "same-2", "same-3"]


def test_directory_recursive_sorted_hidden_and_unsupported_skipped(tmp_path):
    for relative in ["b.txt", "a/z.md", "a/b.txt", "c.html", ".hidden.txt", ".git/x.txt", "notes.csv", "A.TXT"]:
        path = tmp_path / "in" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE if relative.endswith("html") else BODY, encoding="utf-8")
    given = str(tmp_path / "in")
    sources = [result.source for result in read_all(given)]
    assert sources == [f"{given}/{name}" for name in ["A.TXT", "a/b.txt", "a/z.md", "b.txt", "c.html"]]


def test_inputs_keep_the_order_given(tmp_path):
    first, second = tmp_path / "z.txt", tmp_path / "a.txt"
    for path in (first, second):
        path.write_text(BODY, encoding="utf-8")
    assert [a.source for a in read_all(first, second)] == [str(first), str(second)]


@pytest.mark.parametrize(("data", "expected"), [
    (BODY.encode(), {"text": BODY.replace("\n", "\n\n"), "title": None}),
    (b"# A title\n" + BODY.encode(), {"title": "A title"}),
    (json.dumps({"text": BODY, "id": "s1"}).encode(), {"id": "s1"}),
    ((json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY, "id": "s2"})).encode(), {"id": "s2"}),
    (PAGE.encode(), {"publisher": "Daily Example"}),
])
def test_stdin_is_sniffed(data, expected):
    *_, article = read_all("-", stdin=io.BytesIO(data))
    assert isinstance(article, Article) and article.source.startswith("-")
    assert {key: getattr(article, key) for key in expected} == expected


def test_stdin_jsonl_lines_have_line_sources():
    data = (json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY})).encode()
    assert [(a.id, a.source) for a in read_all("-", stdin=io.BytesIO(data))] == [("stdin-1", "-:1"), ("stdin-2", "-:2")]


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-04-07", "2024-04-07"),
    ("2024-04-07T23:10:00Z", "2024-04-07"),
    ("2024-4-7 10:00", "2024-04-07"),
    ("April 7, 2024", "2024-04-07"),
    ("7 Apr 2024", "2024-04-07"),
    ("Sun, 07 Apr 2024 10:00:00 GMT", "2024-04-07"),
    ("2024/04/07", "2024-04-07"),
    (1712448000, "2024-04-07"),
    ("2024-02-30", None),
    ("07/04/2024", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (["2024-04-07"], None),
    (True, None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_rejections_are_not_articles(tmp_path):
    assert all(isinstance(r, Rejection) for r in read_all(tmp_path / "missing.txt"))
