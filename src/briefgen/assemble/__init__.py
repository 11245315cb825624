"""Assemble: many ArticleBriefs into one Brief.

Per article: its claims ranked for "Key claims" and its sourcing counted.
Across articles: duplicates merged (``duplicates``), stories grouped and
ranked (``stories``), one timeline of the stories' incidents, an actor index,
the brief's sourcing, and, against a previous brief, what is new (``since``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import ActorIndexEntry, ArticleBrief, Brief, Duplicate, Rejection, SourceIndexEntry, Story, TimelineEntry
from .actor_names import canonical_names
from .duplicates import find_duplicates
from .since import mark_changes
from .sourcing import KEY_CLAIMS, claim_importance, count_sourcing
from .stories import build_stories, outlet


def rank_claims(article: ArticleBrief) -> list[int]:
    """Claim indices, most important first (see ``claim_importance``), then in article order."""
    incident_sentences = {i.evidence.sentence for i in article.incidents}
    return sorted(range(len(article.claims)), key=lambda i: claim_importance(article.claims[i], incident_sentences))[:KEY_CLAIMS]


def finish_article(article: ArticleBrief) -> ArticleBrief:
    """Fill the article's derived fields: ranked key claims and its sourcing counts."""
    article.key_claims = rank_claims(article)
    article.sourcing = count_sourcing(article.claims)
    return article


def timeline(stories: Sequence[Story]) -> list[TimelineEntry]:
    """Every incident of the brief once, by date (undated last), then in story order."""
    entries = [
        TimelineEntry(
            i.incident.date, i.incident.date_text, i.incident.type, i.incident.location, i.incident.killed,
            i.incident.injured, i.reports[0].article, i.reports[0].incident, story.id, i.counts_disagree,
        )
        for story in stories
        for i in story.incidents
    ]
    return sorted(entries, key=lambda e: (e.date is None, e.date or ""))


def actor_index(stories: Sequence[Story]) -> list[ActorIndexEntry]:
    """Each actor with the stories it appears in, the most widespread first; an actor named differently
    in two stories ("Hillary Clinton", "Clinton") is one entry (see ``actor_names``)."""
    names = canonical_names(actor for story in stories for actor in story.actors)
    entries: dict[str, ActorIndexEntry] = {}
    for story in stories:
        for actor in story.actors:
            name, kind = names[actor.name]
            entry = entries.setdefault(name, ActorIndexEntry(name, kind, []))
            if story.id not in entry.stories:
                entry.stories.append(story.id)
    return sorted(entries.values(), key=lambda e: (-len(e.stories), e.name.lower()))


def source_index(stories: Sequence[Story]) -> list[SourceIndexEntry]:
    """Each source with its claims across the brief and its stories, the most cited first."""
    entries: dict[tuple[str, str], SourceIndexEntry] = {}
    for story in stories:
        for source in story.sources:
            entry = entries.setdefault((source.name.lower(), source.kind), SourceIndexEntry(source.name, source.kind, 0, []))
            entry.claims += source.claims
            entry.stories.append(story.id)
    return sorted(entries.values(), key=lambda e: (-e.claims, e.name.lower()))


def _link_articles(articles: Sequence[ArticleBrief], stories: Sequence[Story], duplicates: Sequence) -> None:
    story_of = {article: story.id for story in stories for article in story.articles}
    kept_for = {copy: d.kept for d in duplicates for copy in d.copies}
    for article in articles:
        article.duplicate_of = kept_for.get(article.id)
        article.story = story_of.get(article.duplicate_of or article.id)


def assemble(
    articles: Sequence[ArticleBrief],
    title: str,
    date: str,
    rejected: Sequence[Rejection] = (),
    previous: dict | None = None,
    duplicates: Sequence[Duplicate] | None = None,
) -> Brief:
    """The Brief of the day; ``previous`` is an earlier brief.json, to mark what is new;
    ``duplicates`` are found here unless given (the pipeline finds them before analysis)."""
    for article in articles:
        finish_article(article)
    if duplicates is None:
        duplicates = find_duplicates(articles)
    by_id = {a.id: a for a in articles}
    copies = {copy for d in duplicates for copy in d.copies}
    copy_publishers = {d.kept: [outlet(by_id[c]) for c in d.copies] for d in duplicates}
    stories = build_stories([a for a in articles if a.id not in copies], copy_publishers, dt.date.fromisoformat(date))
    if previous is not None:
        mark_changes(stories, previous, {a.id: a.url for a in articles})
    _link_articles(articles, stories, duplicates)
    return Brief(
        title=title,
        date=date,
        articles=list(articles),
        timeline=timeline(stories),
        stories=stories,
        duplicates=list(duplicates),
        actor_index=actor_index(stories),
        source_index=source_index(stories),
        sourcing=count_sourcing([c for a in articles if a.id not in copies for c in a.claims]),
        rejected=list(rejected),
    )
