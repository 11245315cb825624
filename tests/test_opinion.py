"""Opinion pieces (columns, op-eds, editorials, letters) are labelled and give none of the day's incidents."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.ingest.article import build_article
from briefgen.ingest.opinion import is_opinion

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
NEWS = "Gunmen killed three guards at a checkpoint in Peshawar on Sunday, police said.\n\nThe road was closed for hours."
COLUMN = (
    "Gunmen killed three guards at a checkpoint in Peshawar on Sunday, and the city shrugged.\n\n"
    "We have learned to live with this, and we should not.\n\n"
    "Sara Khan is a columnist for the Valley Times."
)


@pytest.mark.parametrize("title, url, text", [
    ("Opinion: The city shrugged again", None, NEWS),
    ("EDITORIAL | A checkpoint too far", None, NEWS),
    ("Letters to the editor – Readers on the checkpoint attack", None, NEWS),
    ("Op-Ed: We should not get used to this", None, NEWS),
    ("The city shrugged", "https://news.example.org/opinion/2025/03/the-city-shrugged", NEWS),
    ("The city shrugged", "https://news.example.org/letters-to-the-editor/the-city-shrugged", NEWS),
    ("The city shrugged", None, COLUMN),
    ("The city shrugged", None, NEWS + "\n\nThe views expressed in this piece are the author's own."),
])
def test_opinion_is_told_by_its_labels(title, url, text):
    assert is_opinion(title, url, text)


@pytest.mark.parametrize("last", [
    "Rudy Giuliani is the former mayor of New York City.",  # an author's line: a position held somewhere
    "Aaron Kall is director of debate at the University of Michigan.",
    "Maria Lopez, a former ambassador, is a senior fellow at the Atlantic Institute.",
    "John Weinbrecht.",  # readers' letters are signed
    "@reader2016.",
])
def test_an_author_line_or_a_signature_closes_opinion(last):
    assert is_opinion("The city shrugged", None, NEWS + "\n\n" + last)


@pytest.mark.parametrize("last", [
    "Ahmed Khan is expected to appear in court on Monday.",  # news closing on a person
    "Ahmed Khan was charged with murder at the Peshawar court.",
    "Ahmed Khan is a suspect in the case.",
    "Peshawar Police Chief Ali Shah is leading the investigation of the attack.",
    "By John Smith",
    "Khan is the third official of the district killed this year. Police said more were threatened.",
])
def test_news_closing_on_a_person_is_not_opinion(last):
    assert not is_opinion("Guards killed", None, NEWS + "\n\n" + last)


@pytest.mark.parametrize("title, url, text", [
    ("Three guards killed at Peshawar checkpoint", "https://news.example.org/world/2025/03/checkpoint", NEWS),
    ("Opinion poll shows the governor ahead", None, NEWS),  # a label must be followed by a separator
    ("Columns of smoke rose over the market: three killed", None, NEWS),
    ("Analysis: why the checkpoint was attacked", None, NEWS),  # news analysis is not opinion
    ("Guards killed", "https://views.example.org/world/checkpoint", NEWS),  # a host name is no section
    ("Guards killed", None, "The columnist's home was among those searched, police said.\n\nThree guards were killed."),
])
def test_news_is_not_opinion(title, url, text):
    assert not is_opinion(title, url, text)


def test_an_article_built_from_an_opinion_input_says_so():
    article = build_article(source="x.json", id="x", text=NEWS, title="Opinion: The city shrugged")
    assert article.opinion
    assert not build_article(source="y.json", id="y", text=NEWS, title="Guards killed in Peshawar").opinion


def test_an_opinion_piece_is_labelled_and_gives_no_incident_of_the_day(tmp_path):
    (tmp_path / "news.txt").write_text((EXAMPLES / "quetta-protest.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "column.txt").write_text("Opinion: The city shrugged\n\n" + COLUMN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path), "--out", str(out), "--format", "md,json", "--date", "2025-03-10", "-q"]) == 0
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    column = next(a for a in brief["articles"] if a["opinion"])
    assert column["title"].startswith("Opinion") and column["incidents"]  # extracted, kept in the JSON
    story_of = {s["id"]: s for s in brief["stories"]}
    assert story_of[column["story"]]["opinion"] and not story_of[column["story"]]["incidents"]
    assert all(not story["opinion"] and story["incidents"] for story in brief["stories"] if story["id"] != column["story"])
    assert all(entry["article"] != column["id"] for entry in brief["timeline"])
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    assert "*(opinion)*" in markdown and "**OPINION**" in markdown
    # the contents list one story a line, the opinion label included ("1. [...](#story-1)2. [...]" ran together)
    contents = markdown.split("## Contents", 1)[1].split("\n## ", 1)[0]
    entries = [line for line in contents.splitlines() if line.strip()]
    assert len(entries) == len(brief["stories"]) and all(line.startswith(f"{i}. [") for i, line in enumerate(entries, 1))
    assert dt.date.fromisoformat(brief["date"]) == dt.date(2025, 3, 10)
