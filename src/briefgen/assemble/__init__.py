"""Assemble: many ArticleBriefs into one Brief.

Ranks each article's claims for the "Key claims" section, counts how its
claims are sourced, and lays every incident of the brief on one timeline.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..model import ArticleBrief, Brief, Claim, Rejection, Sourcing, TimelineEntry

KEY_CLAIMS = 8  # claims shown per article; the JSON keeps them all
ON_RECORD = {"named_person", "official"}


def rank_claims(article: ArticleBrief) -> list[int]:
    """Claim indices, most important first: on-record speakers and claims about incidents lead."""
    incident_sentences = {i.evidence.sentence for i in article.incidents}

    def key(index: int) -> tuple:
        claim: Claim = article.claims[index]
        return (
            claim.speaker_kind not in ON_RECORD,
            claim.evidence.sentence not in incident_sentences,
            claim.evidence.start,
        )

    return sorted(range(len(article.claims)), key=key)[:KEY_CLAIMS]


def sourcing(article: ArticleBrief) -> Sourcing:
    kinds = Counter(claim.speaker_kind for claim in article.claims)
    return Sourcing(
        claims=len(article.claims),
        by_kind=dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        direct=sum(claim.direct for claim in article.claims),
    )


def timeline(articles: Sequence[ArticleBrief]) -> list[TimelineEntry]:
    """Every incident of the brief, by date (undated last), then in article order."""
    entries = [
        TimelineEntry(i.date, i.date_text, i.type, i.location, i.killed, i.injured, article.id, index)
        for article in articles
        for index, i in enumerate(article.incidents)
    ]
    return sorted(entries, key=lambda e: (e.date is None, e.date or ""))


def finish_article(article: ArticleBrief) -> ArticleBrief:
    """Fill the article's derived fields: ranked key claims and its sourcing counts."""
    article.key_claims = rank_claims(article)
    article.sourcing = sourcing(article)
    return article


def assemble(articles: Sequence[ArticleBrief], title: str, date: str, rejected: Sequence[Rejection] = ()) -> Brief:
    for article in articles:
        finish_article(article)
    return Brief(title=title, date=date, articles=list(articles), timeline=timeline(articles), rejected=list(rejected))
