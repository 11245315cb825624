"""A copy says the same thing: a near-duplicate giving another toll is another report, and each outlet's count is shown."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.assemble.duplicates import find_duplicates, numbers_disagree
from briefgen.config import Settings
from briefgen.model import Article
from briefgen.pipeline import build_brief
from briefgen.render import render_markdown


@pytest.fixture(scope="module")
def seed_and_rewrite(shared_dir) -> list[Article]:
    seed = (shared_dir / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8")
    rewrite = seed.replace("two terrorists were killed", "three terrorists were killed").replace("two terrorists were sent", "three terrorists were sent")
    assert rewrite != seed
    return [
        Article("seed", seed, "seed.txt", publisher="The Express Tribune", published="2024-04-08"),
        Article("rewrite", rewrite, "rewrite.txt", publisher="Frontier Post", published="2024-04-08"),
    ]


def test_a_rewrite_with_another_toll_is_not_a_copy(seed_and_rewrite):
    assert find_duplicates(seed_and_rewrite) == []


def test_each_outlets_count_is_shown(nlp, seed_and_rewrite, tmp_path):
    settings = Settings(out_dir=tmp_path, date=dt.date(2024, 4, 8), processes=1, use_cache=False)
    brief = build_brief(seed_and_rewrite, [], settings)
    assert brief.duplicates == [] and len({a.story for a in brief.articles}) == 1
    markdown = render_markdown(brief, settings)
    assert "2 killed per" in markdown and "3 killed per" in markdown
    assert "The Express Tribune" in markdown.split("2 killed per", 1)[1].split(";", 1)[0]
    assert "Frontier Post" in markdown.split("3 killed per", 1)[1].split(")", 1)[0]


@pytest.mark.parametrize(
    ("first", "second", "disagree"),
    [
        ("Militants killed two policemen in Bannu on Monday.", "Militants killed three policemen in Bannu on Monday.", True),
        ("The clash took place on April 6, the military said.", "The clash took place on April 7, the military said.", True),
        ("Militants killed two policemen in Bannu on Monday.", "BANNU (Wire) 2024: Militants killed two policemen in Bannu on Monday.", False),
        ("Militants killed two policemen in Bannu.", "Militants killed two policemen in Bannu. Read 5 more stories.", False),
    ],
)
def test_numbers_disagree(first, second, disagree):
    assert numbers_disagree(first, second) is disagree
