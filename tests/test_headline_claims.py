"""A headline's own attribution ("Flynn says ...", "Poll: ...") is a claim of its article, its speaker
classed by how the article's text names them; texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.config import Settings
from briefgen.extract.article import extract_article
from briefgen.model import Article
from briefgen.pipeline import analyse, read_articles

SETTINGS = Settings(date=dt.date(2026, 3, 2), use_cache=False)


def headline_claims(nlp, title: str, text: str):
    article = Article(id="a1", text=text, source="a1.txt", title=title)
    return extract_article(article, nlp(text), SETTINGS, nlp(title)).headline_claims


@pytest.mark.parametrize(
    "title, text, speaker, kind",
    [
        # the kind comes from the text's fullest mention of the speaker: a sitting senator is official ...
        ("Marlow: the port deal needs another look", "Sen. Ada Marlow of Ohio spoke on Tuesday. Marlow wants hearings.", "Marlow", "official"),
        # ... a retired general is not
        ("Brandt says the army is stretched thin", "Retired Gen. Karl Brandt spoke to veterans on Monday.", "Brandt", "named_person"),
        # a label naming a text is a document
        ("Poll: Voters in the Valley Turn Away From the Mayor", "A new survey of 900 residents was published on Sunday.", "Poll", "document"),
        # a title-case headline parses as the sentence it is
        ("Gov. Lina Park Calls the Budget ‘A Disgrace’", "Gov. Lina Park spoke in Albany on Friday about the state budget.", "Gov. Lina Park", "official"),
    ],
)
def test_headline_attribution_is_a_claim(nlp, title, text, speaker, kind):
    (claim,) = headline_claims(nlp, title, text)
    assert (claim.speaker, claim.speaker_kind) == (speaker, kind)
    assert title[claim.evidence.start : claim.evidence.end] in title  # evidence offsets point into the title


@pytest.mark.parametrize("title", ["Harbour town struggles to return to normal after the storm", ""])
def test_headline_without_attribution_has_no_claim(nlp, title):
    assert headline_claims(nlp, title, "The storm passed on Monday. Shops reopened.") == []


def test_txt_headline_claims_come_from_the_pipeline_not_the_text(tmp_path):
    """A .txt file's first line is its title: analysed, its claim is a headline claim, and the text's own
    claims keep evidence inside the text."""
    path = tmp_path / "marlow.txt"
    path.write_text("Marlow says the port deal needs another look\n\nSen. Ada Marlow said on Tuesday that the deal was rushed.\n", encoding="utf-8")
    articles, _ = read_articles([str(path)], SETTINGS)
    (brief,) = analyse(articles, SETTINGS)
    assert [(c.speaker, c.speaker_kind, c.text) for c in brief.headline_claims] == [("Marlow", "official", "the port deal needs another look")]
    assert [brief.text[c.evidence.start : c.evidence.end] for c in brief.claims] == ["Sen. Ada Marlow said on Tuesday that the deal was rushed"]
