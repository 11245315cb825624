"""A story's summary states the story's hard event and never makes one point twice."""

from __future__ import annotations

import datetime as dt

from briefgen.assemble.stories import story_summary
from briefgen.config import Settings
from briefgen.extract.article import extract_article
from briefgen.ingest.clean import clean_text
from briefgen.model import Article, ArticleBrief, Evidence, Incident, Location, SummarySentence

TALKS = (
    "Pakistan has asked its neighbours to treat the banned Tehreek-e-Taliban Pakistan (TTP) and Daesh as a single threat in talks on border security.",
    "Diplomats from four countries met in Islamabad on Monday to discuss the request, officials said.",
    "The foreign ministry said the two groups shared fighters, money and training camps across the border.",
)
TALKS_RESTATED = "Pakistan's case to its neighbours is that the TTP and Daesh are a single threat."
BORDER = (
    "Traders in Bannu said the border crossing had been closed since the weekend.",
    "Three soldiers were killed when militants attacked a checkpoint in Bannu district on Tuesday night, the army said.",
)


def brief(id_: str, sentences: tuple[str, ...], toll_sentence: int | None = None) -> ArticleBrief:
    text = " ".join(sentences)
    summary, start = [], 0
    for index, sentence in enumerate(sentences):
        summary.append(SummarySentence(sentence, index, start, start + len(sentence)))
        start += len(sentence) + 1
    incidents = [] if toll_sentence is None else [
        Incident("attack", "2024-04-09", "Tuesday night", Location("Bannu", "Bannu", "Khyber Pakhtunkhwa", "Pakistan"), 3, None, [],
                 Evidence(toll_sentence, summary[toll_sentence].start, summary[toll_sentence].end))
    ]
    return ArticleBrief(id_, None, None, id_, "2024-04-10", f"{id_}.txt", text, summary=summary, incidents=incidents)


def texts(articles: list[ArticleBrief]) -> list[str]:
    return [s.text for s in story_summary(articles)]


def test_the_stories_toll_is_stated_after_the_lead():
    summary = texts([brief("talks", TALKS), brief("border", BORDER, toll_sentence=1)])
    assert summary[0] == TALKS[0]
    assert BORDER[1] in summary


def test_a_point_is_made_once():
    summary = texts([brief("talks", TALKS[:1]), brief("rewrite", (TALKS_RESTATED, *TALKS[1:]))])
    assert summary == list(TALKS)


def test_seed_story_names_its_clash_ttp_and_daesh(nlp, shared_dir, seed_expected):
    raw = (shared_dir / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8")
    article = Article(id="seed", text=clean_text(raw), source="tribune-ttp-daesh.txt")
    settings = Settings(date=dt.date.fromisoformat(seed_expected["reference_date"]))
    summary = " ".join(texts([extract_article(article, nlp(article.text), settings)]))
    assert all(name in summary for name in ("North Waziristan", "two terrorists were killed", "TTP", "Daesh"))
