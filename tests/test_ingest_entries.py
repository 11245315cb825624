"""One bad entry of a file of many (a .jsonl line, a JSON list item, a feed entry) is rejected alone."""

from __future__ import annotations

import json
from datetime import date

import pytest

import briefgen.ingest.records
from briefgen.errors import BriefgenError
from briefgen.extract.dates import resolve_date
from briefgen.ingest import read_inputs
from briefgen.ingest.dates import normalize_date
from briefgen.ingest.errors import Unusable
from briefgen.model import Rejection

TEXT = (
    "Le ministre a déclaré à la presse que la situation à Genève était très préoccupante. "
    "Les élèves ont été évacués vers l'école voisine, a précisé la mairie."
)
LONG_NUMBER = "7" * 5000  # beyond Python's int digit limit: json.loads raises a plain ValueError


def summary(results):
    return [(type(result).__name__, result.source.rsplit("/", 1)[-1],
             result.reason if isinstance(result, Rejection) else result.published) for result in results]


def read(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return summary(read_inputs([str(path)]))


def test_a_jsonl_line_with_a_huge_number_is_rejected_alone(tmp_path):
    lines = [json.dumps({"text": TEXT}), '{"text": "x", "count": ' + LONG_NUMBER + "}", json.dumps({"text": TEXT})]
    results = read(tmp_path, "a.jsonl", "\n".join(lines))
    assert [kind for kind, _, _ in results] == ["Article", "Rejection", "Article"]
    assert results[1][1:] == ("a.jsonl:2", "unreadable JSON: Exceeds the limit (4300 digits) for integer string conversion")


def test_a_json_file_with_a_huge_number_gets_a_json_reason(tmp_path):
    content = "[" + json.dumps({"text": TEXT}) + ', {"text": "x", "n": ' + LONG_NUMBER + "}]"
    assert read(tmp_path, "a.json", content) == [
        ("Rejection", "a.json", "unreadable JSON: Exceeds the limit (4300 digits) for integer string conversion")]


@pytest.mark.parametrize(("name", "content"), [
    ("a.json", json.dumps([{"text": TEXT}, {"text": "BOOM " + TEXT}, {"text": TEXT}])),
    ("a.jsonl", "\n".join(json.dumps({"text": text}) for text in (TEXT, "BOOM " + TEXT, TEXT))),
])
def test_a_record_whose_reading_fails_is_rejected_alone(tmp_path, monkeypatch, name, content):
    real = briefgen.ingest.records.body_text

    def failing(text):  # stands for any bug a hostile record could hit
        if text.startswith("BOOM"):
            raise KeyError("boom")
        return real(text)

    monkeypatch.setattr(briefgen.ingest.records, "body_text", failing)
    assert read(tmp_path, name, content) == [
        ("Article", f"{name}:1", None), ("Rejection", f"{name}:2", "could not be read (KeyError: 'boom')"), ("Article", f"{name}:3", None)]


def atom(*entries):
    return '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>' + "".join(
        f"<entry><title>E{number}</title>{entry}</entry>" for number, entry in enumerate(entries, 1)) + "</feed>"


@pytest.mark.parametrize(("entry", "expected"), [
    # feedparser hands year 0 through; date(0, 1, 1) raised and dropped the whole feed
    (f"<updated>0000-01-01T00:00:00Z</updated><summary>{TEXT}</summary>", ("Article", "a.atom:2", None)),
    (f"<updated>0001-01-01T00:00:00Z</updated><summary>{TEXT}</summary>", ("Article", "a.atom:2", None)),
    ("<updated>2024-05-01T00:00:00Z</updated>", ("Rejection", "a.atom:2", "no article text found")),  # no summary
])
def test_one_bad_feed_entry_does_not_drop_the_feed(tmp_path, entry, expected):
    results = read(tmp_path, "a.atom", atom(f"<summary>{TEXT}</summary>", entry, f"<summary>{TEXT}</summary>"))
    assert results == [("Article", "a.atom:1", None), expected, ("Article", "a.atom:3", None)]


def test_a_control_character_in_an_rss_entry_keeps_the_feed(tmp_path):
    items = "".join(f"<item><title>T{number}</title><description>{text}</description></item>"
                    for number, text in enumerate((TEXT, TEXT + " \x01\x1b bad", TEXT), 1))
    results = read(tmp_path, "a.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>')
    assert [kind for kind, _, _ in results] == ["Article", "Article", "Article"]


@pytest.mark.parametrize(("value", "expected"), [
    ("0001-01-01", None),
    ("9999-12-31", None),
    ("1799-12-31", None),
    ("1800-01-01", "1800-01-01"),
    ("2024-05-01", "2024-05-01"),
    ("January 1, 0001", None),
    (-62135596800, None),  # Unix seconds of 0001-01-01
])
def test_implausible_published_years_are_no_date(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize(("text", "reference", "written"), [
    ("The attack happened yesterday.", date(1, 1, 1), "yesterday"),
    ("The raid was on Sunday.", date(1, 1, 1), "on Sunday"),
    ("Shelling began 3 days ago.", date(1, 1, 2), "3 days ago"),
    ("It began 99999999999 days ago.", date(2024, 5, 1), "99999999999 days ago"),
])
def test_relative_dates_off_the_calendar_are_no_date(text, reference, written):
    assert resolve_date(text, reference) == (None, written)


def test_unusable_is_a_briefgen_error():
    assert issubclass(Unusable, BriefgenError)
    assert issubclass(Unusable, ValueError)
