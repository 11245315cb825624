"""Stories: articles about the same story grouped, merged and ranked.

Articles are grouped by the same specific event or development (``grouping``). Each
story gets a headline (``headlines``), a multi-article extractive summary (as an article's:
the lead first, no point made twice, the first toll stated), its incidents
merged across outlets (disagreeing counts kept side by side), its claims,
actors and sources merged, and a rank score (``story_score``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from pathlib import PurePath

from ..extract.summary import Candidate, choose, sentence_candidate
from ..model import (
    Actor,
    ArticleBrief,
    Incident,
    IncidentReport,
    Source,
    Story,
    StoryClaim,
    StoryIncident,
    StorySentence,
)
from .actor_names import canonical_names
from .grouping import FEW_DAYS, group_articles, incident_key
from .headlines import story_headline
from .sourcing import KEY_CLAIMS, claim_importance, count_sourcing

COVERAGE_PER_ARTICLE = 0.25  # outlets first; each article (an outlet's second, a copy) adds a quarter
GRAVITY_PER_DOUBLING = 2.0  # of the toll of a story's current incidents
CURRENT_INCIDENT = 0.5  # a story reporting a current incident, over one reporting none
RECENCY = 0.5  # for a story of today, halved a day later: orders stories alike otherwise
SUMMARY_SENTENCES = 3
SUMMARY_WORDS = 90
_WORD = re.compile(r"\w+")
OUTLET_DATE_NAME = re.compile(r"(?P<outlet>[^_]+)_\d{4}-\d{2}-\d{2}(?:_|$)")  # nyt_2016-09-19_slug: an archive's file name


def outlet(article: ArticleBrief) -> str:
    """Who published the article, to count a story's outlets: its publisher, else the outlet its file name
    starts with (``nyt_2016-09-19_slug.txt`` without a [publishers] table), else the article itself."""
    named = OUTLET_DATE_NAME.match(PurePath(article.source).stem)
    return article.publisher or (named["outlet"] if named else article.id)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def story_summary(articles: Sequence[ArticleBrief]) -> list[StorySentence]:
    """The articles' summary sentences, chosen as an article's are (``extract.summary.choose``): the
    first article's lead, no point made twice, and the story's first reported toll stated."""
    candidates: list[Candidate] = []
    sources: list[tuple[str, int]] = []  # article id and sentence index of each candidate
    toll, offset = None, 0
    for article in articles:
        toll_sentences = {i.evidence.sentence for i in article.incidents if i.killed or i.injured}
        for s in article.summary:
            if toll is None and s.sentence in toll_sentences:
                toll = len(candidates)
            candidates.append(sentence_candidate(offset + s.sentence, s.start, s.end, s.text.strip()))
            sources.append((article.id, s.sentence))
        # A gap between articles: no sentence leans on the one before it in another article.
        offset += max((s.sentence for s in article.summary), default=0) + 2
    chosen = choose(candidates, SUMMARY_SENTENCES, SUMMARY_WORDS, toll)
    return [StorySentence(candidates[p].text, *sources[p]) for p in chosen]


def _report_source(article: ArticleBrief, incident: Incident) -> str:
    """On whose word the incident rests: the claim made in its sentence, else the publisher."""
    for claim in article.claims:
        if claim.evidence.sentence == incident.evidence.sentence:
            return claim.speaker
    return article.publisher or article.id


def merge_incidents(articles: Sequence[ArticleBrief]) -> list[StoryIncident]:
    """The day's incidents of the articles, one per event; background (events the text dates well before) and the
    incidents of opinion pieces are left out: they are neither on the timeline nor in a story's severity."""
    merged: list[StoryIncident] = []
    by_key: dict[tuple, StoryIncident] = {}
    for article in articles:
        if article.opinion:
            continue
        for index, incident in enumerate(article.incidents):
            if incident.background:
                continue
            report = IncidentReport(article.id, index, incident.killed, incident.injured, _report_source(article, incident))
            key = incident_key(incident)
            if key in by_key:
                by_key[key].reports.append(report)
                continue
            story_incident = StoryIncident(incident=incident, reports=[report])
            merged.append(story_incident)
            if key:
                by_key[key] = story_incident
    for item in merged:
        killed = {r.killed for r in item.reports if r.killed is not None}
        injured = {r.injured for r in item.reports if r.injured is not None}
        item.counts_disagree = len(killed) > 1 or len(injured) > 1
        # Like conflict-data coders, the merged event carries the lowest reported count.
        item.incident = Incident(**{**item.incident.__dict__, "killed": min(killed, default=None), "injured": min(injured, default=None)})
    return merged


def merge_claims(articles: Sequence[ArticleBrief], incident_sentences: dict[str, set[int]]) -> list[StoryClaim]:
    """The story's key claims: on-record and incident claims first, a claim repeated by another outlet once."""
    claims = [StoryClaim(a.id, i, c) for a in articles for i, c in enumerate(a.claims)]
    claims.sort(key=lambda sc: claim_importance(sc.claim, incident_sentences[sc.article]))
    kept: list[StoryClaim] = []
    kept_words: list[set[str]] = []  # of each kept claim, so each claim's words are found once
    for candidate in claims:
        words = _words(candidate.claim.text)
        if all(_overlap(words, other) < 0.6 for other in kept_words):
            kept.append(candidate)
            kept_words.append(words)
        if len(kept) == KEY_CLAIMS:
            break
    return kept


def merge_actors(articles: Sequence[ArticleBrief]) -> list[Actor]:
    """The story's actors, one entry per actor however each article names it (see ``actor_names``)."""
    actors = [actor for article in articles for actor in article.actors]
    names = canonical_names(actors)
    merged: dict[str, Actor] = {}
    for actor in actors:
        name, kind = names[actor.name]
        entry = merged.setdefault(name, Actor(name, kind))
        entry.aliases = sorted((set(entry.aliases) | set(actor.aliases) | {actor.name}) - {name})
        entry.mentions += actor.mentions
    return sorted(merged.values(), key=lambda a: (-a.mentions, a.name))


def merge_sources(articles: Sequence[ArticleBrief]) -> list[Source]:
    merged: dict[tuple[str, str], Source] = {}
    for article in articles:
        for source in article.sources:
            key = (source.name.lower(), source.kind)
            entry = merged.setdefault(key, Source(source.name, source.kind, source.anonymous, 0, source.actor))
            entry.claims += source.claims
    return sorted(merged.values(), key=lambda s: (-s.claims, s.name.lower()))


def _is_current(item: StoryIncident, published: dict[str, str | None], brief_date: dt.date) -> bool:
    """An incident is current unless its article dates it more than a few days before the article
    (an anniversary, "in 2012"): that is background, not the day's news."""
    if not item.incident.date:
        return True
    reported = next((published.get(r.article) for r in item.reports if published.get(r.article)), None)
    try:
        reference = dt.date.fromisoformat(reported) if reported else brief_date
        return (reference - dt.date.fromisoformat(item.incident.date)).days <= FEW_DAYS
    except ValueError:
        return True


def story_score(incidents: Sequence[StoryIncident], publishers: Sequence[str], articles: Sequence[ArticleBrief], brief_date: dt.date) -> float:
    """How much a story matters today: its coverage against the gravity of its current incidents, then recency.

    Coverage is the distinct outlets, plus COVERAGE_PER_ARTICLE per article (copies included: ``publishers``
    holds one entry per article). Gravity is GRAVITY_PER_DOUBLING per doubling of the toll (killed + injured / 2),
    plus CURRENT_INCIDENT when it reports any current incident. So a clash with 12 killed from one outlet
    (1.25 + 7.4 + 0.5) leads a five-outlet story without incidents (6.25), and a story six outlets carry (7.5)
    leads a two-article report of one death (2.5 + 2 + 0.5). The toll is summed in whole numbers (twice over)
    and only its logarithm is a float: math.log2 takes an int of any size, where a huge count would overflow a float.
    """
    published = {a.id: a.published for a in articles}
    current = [i for i in incidents if _is_current(i, published, brief_date)]
    twice_toll = sum(2 * max(i.incident.killed or 0, 0) + max(i.incident.injured or 0, 0) for i in current)
    gravity = GRAVITY_PER_DOUBLING * (math.log2(twice_toll + 2) - 1) + CURRENT_INCIDENT * bool(current)  # log2(1 + toll)
    coverage = len(set(publishers)) + COVERAGE_PER_ARTICLE * len(publishers)
    dates = [dt.date.fromisoformat(a.published) for a in articles if a.published]
    age = (brief_date - max(dates)).days if dates else 1
    return round(coverage + gravity + RECENCY / (1 + max(age, 0)), 4)


def build_stories(articles: Sequence[ArticleBrief], copies_publishers: dict[str, list[str]], brief_date: dt.date) -> list[Story]:
    """Stories of the (deduplicated) articles, best first, with ids s1, s2, ..."""
    stories = []
    for members in group_articles(articles):
        group = [articles[i] for i in members]
        publishers = [p for a in group for p in [outlet(a), *copies_publishers.get(a.id, [])]]
        incidents = merge_incidents(group)
        incident_sentences = {a.id: {i.evidence.sentence for i in a.incidents} for a in group}
        summary = story_summary(group)
        stories.append(
            Story(
                id="",
                title=story_headline(group, summary),
                summary=summary,
                articles=[a.id for a in group],
                incidents=incidents,
                claims=merge_claims(group, incident_sentences),
                actors=merge_actors(group),
                sources=merge_sources(group),
                publishers=sorted(set(publishers)),
                score=story_score(incidents, publishers, group, brief_date),
                opinion=all(a.opinion for a in group),
            )
        )
    by_id = {a.id: a for a in articles}
    for story in stories:
        story.sourcing = count_sourcing([c for article_id in story.articles for c in by_id[article_id].claims])
    stories.sort(key=lambda s: -s.score)
    for number, story in enumerate(stories, 1):
        story.id = f"s{number}"
    return stories
