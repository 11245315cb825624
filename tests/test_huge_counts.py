"""Counts no event could have: not read as counts, and never able to stop a brief being built."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from briefgen.assemble import assemble
from briefgen.assemble.stories import story_score
from briefgen.config import Settings
from briefgen.extract.article import extract_article
from briefgen.extract.incidents.casualties import MAX_COUNT, parse_number
from briefgen.model import Article, Evidence, Incident, Location, StoryIncident
from briefgen.render import render_markdown

HUGE = "1" + "0" * 400
ARTICLE = (
    "PESHAWAR: Militants attacked a police checkpoint in Bannu district on Sunday, killing three policemen "
    f"and injuring {HUGE} others, officials said.\n\n"
    "District police chief Ahmed Khan said the attackers fled towards the mountains after an exchange of fire. "
    "\"We have launched a search operation in the area,\" he told reporters."
)


@pytest.mark.parametrize(
    "text, value",
    [(HUGE, None), ("9" * 5000, None), (f"{MAX_COUNT:,}", MAX_COUNT), (str(MAX_COUNT + 1), None),
     ("0" * 50 + "7", 7), ("²", None), (f"{HUGE} thousand", None), ("٣", 3)],
)
def test_numbers_no_event_could_have_are_not_counts(text, value):
    assert parse_number(text) == value


def test_an_article_with_a_400_digit_count_still_makes_a_brief(nlp):
    settings = Settings(date=dt.date(2025, 3, 10))
    article = Article(id="a1", text=ARTICLE, source="a1.txt", title="Police post attacked in Bannu", published="2025-03-09")
    extracted = extract_article(article, nlp(ARTICLE), settings)
    [incident] = extracted.incidents
    assert (incident.killed, incident.injured) == (3, None)
    brief = assemble([extracted], "Brief", "2025-03-10")
    markdown = render_markdown(brief, settings)
    assert "## 1. Police post attacked in Bannu" in markdown


@pytest.mark.parametrize(
    "killed, injured",
    [(10**400, None), (None, 10**400), (10**5000, 10**5000), (-5, -(10**400))],
    ids=["killed-400-digits", "injured-400-digits", "both-5000-digits", "negative"],
)
def test_ranking_takes_any_count(killed, injured):
    incident = Incident("attack", "2025-03-09", None, Location("Bannu"), killed, injured, [], Evidence(0, 0, 1))
    score = story_score([StoryIncident(incident, [])], ["Dawn"], [], dt.date(2025, 3, 10))
    without_incident = story_score([], ["Dawn"], [], dt.date(2025, 3, 10))
    assert math.isfinite(score) and score > without_incident
