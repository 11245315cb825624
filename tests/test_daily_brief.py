"""The daily brief over many articles: duplicates, stories, merged incidents, --since, the cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from briefgen.assemble import assemble
from briefgen.cache import AnalysisCache
from briefgen.config import Settings
from briefgen.extract.article import extract_article
from briefgen.model import Article
from briefgen.pipeline import analyse, build_brief

BANNU = (
    "Militants attacked a police checkpoint in Bannu district of Khyber Pakhtunkhwa on Monday, killing two policemen, "
    "officials said. The attackers fired rockets and small arms at the checkpoint before dawn and escaped into nearby fields. "
    "District police officer Imran Shah said a search operation had been launched in the surrounding villages. "
    "The Tehreek-e-Taliban Pakistan (TTP) claimed responsibility for the attack in a statement sent to reporters. "
    "Residents said schools in the area were closed for the day as a precaution."
)
# The same story syndicated: new headline, a wire credit and a subscribe line around the same body.
BANNU_COPY = "BANNU (Frontier Wire) - " + BANNU + " Subscribe to our newsletter for daily updates from the region."
# The same event told by another outlet in its own words, with a different death toll.
BANNU_OTHER_OUTLET = (
    "Four policemen were killed when militants stormed a police checkpoint in Bannu district on Monday, local officials said. "
    "Hospital staff said the bodies of the policemen were brought to the district hospital. "
    "The TTP said its fighters carried out the raid on the checkpoint in Bannu."
)
# A different story about the same actor.
TTP_TALKS = (
    "Pakistan's foreign minister said on Monday that Islamabad would not hold talks with the Tehreek-e-Taliban Pakistan (TTP) "
    "until the group laid down its arms. Speaking at a news conference in Islamabad, the minister said Kabul had been asked "
    "to act against TTP leaders living in Afghanistan. Analysts said the statement signalled a harder line on negotiations "
    "after months of quiet contacts through tribal elders."
)
FLOODS = (
    "Heavy rain flooded low-lying neighbourhoods of Lahore on Monday, disrupting traffic and power supply across the city. "
    "The provincial disaster management authority said rescue teams had moved hundreds of families to relief camps. "
    "Forecasters expect more rain over the next two days."
)


def article(id_: str, text: str, publisher: str, title: str | None = None) -> Article:
    return Article(id=id_, text=text, source=f"{id_}.txt", title=title or f"{publisher} report", publisher=publisher, published="2025-03-10")


DAY = [
    article("bannu", BANNU, "Dawn", "Two policemen killed in Bannu checkpoint attack"),
    article("talks", TTP_TALKS, "Tribune", "No talks with TTP until it disarms, says minister"),
    article("bannu-copy", BANNU_COPY, "Frontier Wire", "TTP claims deadly raid on Bannu police post"),
    article("bannu-other", BANNU_OTHER_OUTLET, "Geo", "Four police die in Bannu assault"),
    article("floods", FLOODS, "Dawn", "Rain floods Lahore"),
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings(out_dir=tmp_path_factory.mktemp("out"), date=dt.date(2025, 3, 10), processes=1)


@pytest.fixture(scope="module")
def brief(nlp, settings):
    return build_brief(DAY, [], settings)


def test_syndicated_copy_is_merged(brief):
    assert [(d.kept, d.copies) for d in brief.duplicates] == [("bannu", ["bannu-copy"])]
    assert next(a for a in brief.articles if a.id == "bannu-copy").duplicate_of == "bannu"


def test_a_copy_is_not_parsed(brief):
    copy = next(a for a in brief.articles if a.id == "bannu-copy")
    assert copy.text == BANNU_COPY and copy.publisher == "Frontier Wire"
    assert not (copy.sentences or copy.summary or copy.claims or copy.incidents)
    kept = next(a for a in brief.articles if a.id == "bannu")
    assert kept.sentences and kept.incidents


def test_copies_count_in_the_progress(nlp, settings):
    calls = []
    build_brief(DAY, [], settings, progress=calls.append)
    assert sum(calls) == len(DAY)


def test_a_copy_of_an_article_that_fails_is_rejected_with_it(nlp, settings, monkeypatch):
    def extract(article, doc, settings, title=None):
        if article.id == "bannu":
            raise ValueError("broken")
        return extract_article(article, doc, settings, title)

    monkeypatch.setattr("briefgen.extract.article.extract_article", extract)  # pipeline imports it where it parses
    failed = build_brief(DAY, [], settings)
    assert {a.id for a in failed.articles} == {"talks", "bannu-other", "floods"}
    assert failed.duplicates == []
    reasons = {r.source: r.reason for r in failed.rejected}
    assert reasons["bannu-copy.txt"] == "a copy of bannu.txt, which could not be analysed"
    assert reasons["bannu.txt"].startswith("could not be analysed")


def test_different_stories_about_the_same_actor_stay_apart(brief):
    story_of = {a.id: a.story for a in brief.articles}
    assert story_of["talks"] != story_of["bannu"]
    assert story_of["floods"] not in {story_of["talks"], story_of["bannu"]}


def test_same_event_from_two_outlets_is_one_story_and_one_incident(brief):
    story_of = {a.id: a.story for a in brief.articles}
    assert story_of["bannu-other"] == story_of["bannu"]
    story = next(s for s in brief.stories if s.id == story_of["bannu"])
    assert set(story.publishers) == {"Dawn", "Frontier Wire", "Geo"}
    bannu_incidents = [i for i in story.incidents if i.incident.location.name == "Bannu"]
    assert len(bannu_incidents) == 1
    merged = bannu_incidents[0]
    assert merged.counts_disagree
    assert sorted(r.killed for r in merged.reports) == [2, 4]
    assert len([e for e in brief.timeline if e.story == story.id]) == 1


def test_the_attack_story_ranks_first(brief):
    assert set(brief.stories[0].articles) == {"bannu", "bannu-other"}


def test_story_summary_repeats_no_sentence(brief):
    for story in brief.stories:
        texts = [s.text for s in story.summary]
        assert len(texts) == len(set(texts)) and texts


def test_actor_index_lists_stories(brief):
    entry = next(e for e in brief.actor_index if e.name == "Tehreek-e-Taliban Pakistan")
    assert len(entry.stories) == 2


def test_disagreeing_counts_are_shown(brief, settings):
    from briefgen.render import render_markdown

    markdown = render_markdown(brief, settings)
    assert "2 killed per" in markdown and "4 killed per" in markdown


def test_each_disagreeing_count_is_shown_once():
    from briefgen.model import IncidentReport, StoryIncident
    from briefgen.render import count_versions

    reports = [IncidentReport("a", 0, 17, 30, "officials"), IncidentReport("b", 0, 12, 30, "officials"),
               IncidentReport("c", 0, 17, 30, "officials"), IncidentReport("d", 0, 17, 30, "ISPR")]
    item = StoryIncident(incident=None, reports=reports, counts_disagree=True)
    assert count_versions(item) == [(17, 30, ["officials", "ISPR"], 3), (12, 30, ["officials"], 1)]


def test_since_marks_new_and_updated_stories(brief, settings):
    previous = json.loads(json.dumps(dataclasses.asdict(assemble(
        [a for a in brief.articles if a.id in {"talks"}], "Yesterday", "2025-03-09"))))
    today = assemble(brief.articles, "Today", "2025-03-10", previous=previous)
    status = {a.id: next(s.status for s in today.stories if s.id == a.story) for a in today.articles if a.story}
    assert status["talks"] is None
    assert status["bannu"] == "new" and status["floods"] == "new"


def test_cache_returns_the_same_analysis(nlp, tmp_path):
    settings = Settings(out_dir=tmp_path, date=dt.date(2025, 3, 10), processes=1)
    cache = AnalysisCache(tmp_path, {"model": "test"})
    cold = list(analyse(DAY[:2], settings, cache=cache))
    cache.commit()
    calls = []
    warm = list(analyse(DAY[:2], settings, progress=calls.append, cache=cache))
    assert warm == cold and calls == [1, 1]
    changed = dataclasses.replace(DAY[0], text=DAY[0].text + " Police later said a third officer died.")
    assert cache.get(cache.key(changed, "2025-03-10")) is None
