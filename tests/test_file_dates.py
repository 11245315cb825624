"""A plain file (.txt, .md) with no date of its own takes an ISO date in its file name as its published date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.config import Settings
from briefgen.ingest import read_inputs
from briefgen.pipeline import build_brief
from briefgen.render import render_markdown

BODY = "Flood waters rose across the Riverton valley on Tuesday, officials said.\n\nThe district agency opened three relief camps."


@pytest.mark.parametrize(
    ("name", "content", "published"),
    [
        ("outlet_2016-10-12_slug.txt", BODY, "2016-10-12"),
        ("2024-03-05-floods.md", BODY, "2024-03-05"),
        ("outlet_2016-10-12_slug.md", f"---\ndate: 2024-01-02\n---\n{BODY}", "2024-01-02"),  # its own date wins
        ("outlet_2016-13-40_slug.txt", BODY, None),  # not a date
        ("report-20161012-1.txt", BODY, None),  # only the ISO form with hyphens is read
        ("floods.txt", BODY, None),
    ],
)
def test_date_in_file_name(tmp_path, name, content, published):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.published == published


def test_article_list_shows_the_date_from_the_file_name(tmp_path):
    path = tmp_path / "tribune_2016-10-12_floods.txt"
    path.write_text(BODY, encoding="utf-8")
    articles = list(read_inputs([str(path)]))
    settings = Settings(date=dt.date(2016, 10, 13), use_cache=False, out_dir=tmp_path / "out")
    markdown = render_markdown(build_brief(articles, [], settings), settings)
    assert "unknown publisher, 2016-10-12" in markdown
