"""Assembling one very large story takes near-linear time: 2,000 articles with 20,000 claims."""

from __future__ import annotations

import itertools
import string
import time
from collections.abc import Iterator

from briefgen.assemble import assemble
from briefgen.assemble.sourcing import KEY_CLAIMS
from briefgen.model import Actor, ArticleBrief, Claim, Evidence, Incident, Location, SummarySentence

ARTICLES = 2_000
CLAIMS_PER_ARTICLE = 10
WORDS_PER_ARTICLE = 150
REPEATED_CLAIM = "the attackers fled towards the mountains"


def distinct_words() -> Iterator[str]:
    """Letter-only words (the similarity ignores digits), never the same twice: the story's vocabulary grows with every article."""
    return ("".join(letters) for letters in itertools.product(string.ascii_lowercase, repeat=5))


def article(number: int, words: Iterator[str]) -> ArticleBrief:
    own_words = " ".join(next(words) for _ in range(WORDS_PER_ARTICLE))
    text = f"Militants attacked a police post in Bannu district on Sunday, officials said. Local reporters added: {own_words}."
    # Half the claims are the one every outlet repeats, half are the article's own.
    claims = [
        Claim(REPEATED_CLAIM if k % 2 else f"the police found {' '.join(next(words) for _ in range(4))}", f"Witness {k}",
              "official" if k % 4 < 2 else "anonymous", "said", k % 3 == 0, False, Evidence(0, 0, 10))
        for k in range(CLAIMS_PER_ARTICLE)
    ]
    summary = [SummarySentence(f"Militants attacked a police post in Bannu, report {number} says ({own_words[:40]}).", 0, 0, 10)]
    actors = [Actor("Tehreek-e-Taliban Pakistan", "armed_group", ["TTP"], 2), Actor("Bannu Police", "agency", [], 1),
              Actor(f"Reporter {number}", "person", [], 1)]
    incident = Incident("attack", "2025-03-09", "Sunday", Location("Bannu", "Bannu"), number % 7, None, [], Evidence(0, 0, 10))
    return ArticleBrief(f"a{number}", f"Police post attacked ({number})", None, f"Outlet {number % 50}", "2025-03-09",
                        f"a{number}.txt", text, summary=summary, actors=actors, claims=claims, incidents=[incident])


def test_a_story_of_thousands_of_articles_assembles_fast():
    words = distinct_words()
    articles = [article(number, words) for number in range(ARTICLES)]
    start = time.perf_counter()
    brief = assemble(articles, "Brief", "2025-03-10", duplicates=[])
    elapsed = time.perf_counter() - start
    assert elapsed < 40, f"{ARTICLES} articles took {elapsed:.1f} s"
    [story] = brief.stories
    assert len(story.articles) == ARTICLES
    assert len(story.claims) == KEY_CLAIMS
    assert [claim.claim.speaker_kind for claim in story.claims] == ["official"] * KEY_CLAIMS  # on-record speakers first
    assert [claim.claim.text for claim in story.claims].count(REPEATED_CLAIM) == 1
    [incident] = story.incidents
    assert len(incident.reports) == ARTICLES and incident.counts_disagree and incident.incident.killed == 0
    assert story.sourcing.claims == ARTICLES * CLAIMS_PER_ARTICLE
    assert 1 <= len(story.summary) <= 3 and len({s.text for s in story.summary}) == len(story.summary)
