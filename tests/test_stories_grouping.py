"""Grouping: one story is one specific event or development within a few days, not a shared topic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.assemble.grouping import event_key, within_few_days
from briefgen.config import Settings
from briefgen.ingest import read_inputs
from briefgen.model import Location
from briefgen.pipeline import build_brief

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.mark.parametrize("day", [dt.date(2024, 4, 8), dt.date(2025, 4, 8)])
def test_the_seed_and_the_bannu_attack_are_separate_stories(nlp, shared_dir, tmp_path, day):
    inputs = [str(shared_dir / "corpus" / "tribune-ttp-daesh.txt"), str(EXAMPLES / "border-post-attack.md")]
    articles = list(read_inputs(inputs))
    brief = build_brief(articles, [], Settings(out_dir=tmp_path, date=day, processes=1, use_cache=False))
    assert len(brief.stories) == 2
    assert len({a.story for a in brief.articles}) == 2


@pytest.mark.parametrize(
    ("first", "second", "close"),
    [
        ({dt.date(2016, 9, 26)}, {dt.date(2016, 9, 29)}, True),
        ({dt.date(2016, 9, 26)}, {dt.date(2016, 9, 30)}, False),
        ({dt.date(2024, 4, 6)}, {dt.date(2025, 4, 5), dt.date(2024, 4, 7)}, True),
        ({dt.date(2024, 4, 6)}, set(), True),  # an undated article is not ruled out
    ],
)
def test_stories_are_within_a_few_days(first, second, close):
    assert within_few_days(first, second) is close


@pytest.mark.parametrize(
    ("location", "keyed"),
    [
        (Location("Bannu", "Bannu", "Khyber Pakhtunkhwa", "Pakistan"), True),
        (Location("Khyber Pakhtunkhwa", None, "Khyber Pakhtunkhwa", "Pakistan"), True),
        (Location("United States", None, None, "United States"), False),  # a country is too vague to tell one incident
    ],
)
def test_an_incident_is_told_apart_by_a_place_finer_than_a_country(location, keyed):
    assert (event_key("attack", "2016-09-08", location) is not None) is keyed
