"""Headlines: an input's title or a .txt's headline line is the article's title (and not also its first
sentence); a story is headed by the best of its articles' titles, else a short headline, never cut with "…"."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from briefgen.assemble.headlines import headline_from_sentence, story_headline
from briefgen.config import Settings
from briefgen.ingest import read_inputs
from briefgen.model import Article, ArticleBrief
from briefgen.pipeline import build_brief

BODY = "Flood waters rose across the Riverton valley on Tuesday, officials said.\n\nThe district agency opened three relief camps."
QUAKE = (
    "An earthquake of magnitude 6.1 struck the hill town of Marden on Friday morning, damaging dozens of houses, "
    "the regional disaster agency said. Rescue teams searched collapsed buildings in the old market of Marden through the day. "
    "The agency said schools in Marden would stay closed while engineers inspected them."
)
QUAKE_OTHER = (
    "Dozens of houses were damaged when a magnitude 6.1 earthquake hit Marden on Friday, the disaster agency said. "
    "Rescue teams worked through the collapsed buildings of the Marden market, and schools were closed for inspection."
)


@pytest.mark.parametrize(
    ("content", "title", "text_start"),
    [
        (f"Floods hit Riverton\n\n{BODY}", "Floods hit Riverton", "Flood waters"),
        (json.dumps({"title": "Floods hit Riverton", "text": f"Floods hit Riverton\n\n{BODY}"}), "Floods hit Riverton", "Flood waters"),
        (json.dumps({"title": "Floods hit Riverton", "text": BODY}), "Floods hit Riverton", "Flood waters"),
        (f"Flood waters rose across the Riverton valley on Tuesday.\n\n{BODY}", None, "Flood waters rose across the Riverton valley on Tuesday."),
    ],
)
def test_the_title_is_not_also_the_first_paragraph(tmp_path, content, title, text_start):
    path = tmp_path / ("input.json" if content.startswith("{") else "input.txt")
    path.write_text(content, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.title == title and article.text.startswith(text_start)
    assert article.text.count("Floods hit Riverton") == 0


def _brief(articles: list[Article], tmp_path):
    return build_brief(articles, [], Settings(out_dir=tmp_path, date=dt.date(2025, 3, 8), processes=1, use_cache=False))


def _report(id_: str, text: str, title: str | None) -> ArticleBrief:
    return ArticleBrief(id=id_, title=title, url=None, publisher=None, published=None, source=f"{id_}.txt", text=text)


@pytest.mark.parametrize(
    ("titles", "headline"),
    [
        (["Our reporter's diary", "Earthquake damages houses in Marden"], "Earthquake damages houses in Marden"),
        (["Earthquake damages houses in Marden", "Our reporter's diary"], "Earthquake damages houses in Marden"),
        ([None, "Our reporter's diary"], "Our reporter's diary"),  # any title beats a made-up headline
    ],
)
def test_a_story_of_titled_articles_is_headed_by_the_best_title(titles, headline):
    articles = [_report("quake", QUAKE, titles[0]), _report("quake-2", QUAKE_OTHER, titles[1])]
    assert story_headline(articles, []) == headline


def test_a_story_without_titles_gets_a_short_headline_without_ellipsis(nlp, tmp_path):
    brief = _brief([Article("quake", QUAKE, "quake.txt", publisher="Hill News", published="2025-03-07")], tmp_path)
    [story] = brief.stories
    assert not story.title.endswith("…") and len(story.title.split()) <= 12
    assert story.title.split() == QUAKE.split()[: len(story.title.split())]


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        (QUAKE.split(". ")[0], "An earthquake of magnitude 6.1 struck the hill town of Marden"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party presidential candidate Jill Stein was escorted off the premises of Hofstra "
         "University on Monday afternoon, hours before the debate.", "Green Party presidential candidate Jill Stein was escorted off the premises"),
        ("Police said the bridge had been closed for repairs since the storm of the previous week and would reopen in May.",
         "Police said the bridge had been closed for repairs since the storm"),
        ("Talks resumed.", "Talks resumed"),
    ],
)
def test_headline_from_sentence(sentence, headline):
    assert headline_from_sentence(sentence) == headline


@pytest.mark.parametrize(
    ("first", "title", "text_start"),
    [
        ("Floods hit Riverton.", "Floods hit Riverton", "Flood waters"),
        ("Flynn says Trump 'absolutely right' in saying generals reduced to rubble.",
         "Flynn says Trump 'absolutely right' in saying generals reduced to rubble", "Flood waters"),
        ("Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’",
         "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411’", "Flood waters"),
        # A USA Today headline and its deck: the part before "; " is the title, the deck opens the text.
        ("Candidates vie for vets' support; \nTrump and Clinton point out own credentials.", "Candidates vie for vets' support", "Trump and Clinton"),
        ("Virginian could make history. Again.", None, "Virginian"),  # a sentence inside: not a headline
        ("Flood waters rose across the Riverton valley on Tuesday.", None, "Flood waters rose"),  # says when: a lead sentence
    ],
)
def test_a_short_first_line_with_a_final_period_is_the_title(tmp_path, first, title, text_start):
    path = tmp_path / "nyt_2016-09-08_slug.txt"
    path.write_text(f"{first}\n\n{BODY}", encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert (article.title, article.text[: len(text_start)]) == (title, text_start)


def test_a_story_is_headed_by_a_headline_with_a_final_period(nlp, tmp_path):
    path = tmp_path / "hill-news_2025-03-07_quake.txt"
    path.write_text(f"Earthquake damages houses in Marden, schools shut for inspection.\n\n{QUAKE}", encoding="utf-8")
    [story] = _brief(list(read_inputs([str(path)])), tmp_path).stories
    assert story.title == "Earthquake damages houses in Marden, schools shut for inspection"
