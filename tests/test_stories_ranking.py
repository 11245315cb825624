"""Ranking: coverage (distinct outlets, then articles) weighed against the gravity of current incidents
(killed, then injured); the brief opens with "What matters today"."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest

from briefgen.assemble import assemble
from briefgen.assemble.stories import story_score
from briefgen.config import Settings
from briefgen.model import ArticleBrief, Evidence, Incident, IncidentReport, Location, SentenceSpan, StoryIncident
from briefgen.render import render_markdown, render_outputs

DAY = dt.date(2025, 3, 10)


def _story(outlets: int, articles: int, killed: int | None = None, injured: int | None = None, date: str = "2025-03-09") -> float:
    """The score of a story of ``articles`` articles from ``outlets`` outlets, with one incident when a toll is given."""
    briefs = [ArticleBrief(f"a{n}", None, None, f"outlet {n % outlets}", "2025-03-10", "x.txt", "text") for n in range(articles)]
    incidents = []
    if killed is not None or injured is not None:
        incident = Incident("armed_clash", date, None, Location("Kurram"), killed, injured, [], Evidence(0, 0, 1))
        incidents = [StoryIncident(incident, [IncidentReport("a0", 0, killed, injured, "officials")])]
    return story_score(incidents, [a.publisher or "" for a in briefs], briefs, DAY)


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        ((1, 1, 12), (5, 5)),  # a clash with 12 killed from one outlet leads a five-outlet story without casualties
        ((1, 1, 12), (5, 10)),
        ((6, 6), (2, 2, 1)),  # a story six outlets carry leads a two-article report of one death
        ((6, 6), (1, 2, 1)),
        ((6, 6), (1, 1)),  # ... and a one-article feature
        ((1, 1, 10, 0), (1, 1, 0, 10)),  # killed weigh more than injured
        ((1, 1, 3), (1, 1, 2)),
        ((3, 3), (2, 4)),  # distinct outlets before articles
        ((2, 4), (2, 2)),
        ((1, 1, 0), (1, 1)),  # an incident, even without casualties, over none
    ],
)
def test_rank_weighs_coverage_against_gravity(higher, lower):
    assert _story(*higher) > _story(*lower)


def test_background_incidents_add_nothing():
    """An incident dated a year before its article (an anniversary) is not the day's news."""
    assert _story(1, 1, 50, date="2024-03-10") == _story(1, 1)


def _article(number: int, publisher: str, killed: int | None) -> ArticleBrief:
    text = f"Report {number} on the day's events in the valley."
    incidents = [Incident("attack", "2025-03-09", None, Location("Kurram", "Kurram"), killed, None, [], Evidence(0, 0, len(text)))] if killed else []
    return ArticleBrief(
        f"a{number}", f"Story number {number} headline", None, publisher, "2025-03-10", f"a{number}.txt", text,
        sentences=[SentenceSpan(0, len(text))], incidents=incidents,
    )


def test_the_brief_opens_with_what_matters_today(tmp_path):
    articles = [_article(n, f"Outlet {n}", 12 if n == 3 else None) for n in range(1, 8)]
    brief = assemble(articles, "Day", DAY.isoformat(), duplicates=[])
    settings = Settings(out_dir=tmp_path, date=DAY, formats=("md", "html"))
    markdown = render_markdown(brief, settings)
    opening = markdown.split("## ", 1)[1]
    assert opening.startswith("What matters today")
    lines = [line for line in opening.split("\n\n", 1)[1].split("\n\n", 1)[0].splitlines() if line.startswith("- ")]
    assert len(lines) == 5
    assert lines[0].startswith("- **[Story number 3 headline]") and "12 killed" in lines[0] and lines[0].endswith("1 outlet")
    assert "What matters today" in render_outputs(brief, settings)["html"].decode()


@pytest.mark.parametrize(("stories", "ceiling"), [(1, 1.0), (2, 0.75), (8, 0.3397)])
def test_the_benchmarks_mrr_ceiling_is_each_gold_story_in_ranks_one_to_n(monkeypatch, stories, ceiling):
    """Without a wrong merge every multi-article gold story has a rank of its own: 8 of them reach at most 0.340."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    assert importlib.import_module("eval_stories").mrr_ceiling(stories) == pytest.approx(ceiling, abs=1e-4)
