"""Stories: articles about the same story grouped, merged and ranked.

Two articles belong to one story when their texts are close (TF-IDF cosine),
or when they report the same incident (same type, date and place) or share
several of their salient non-state actors with some textual overlap. Each
story gets a title, a multi-article extractive summary (MMR over the
articles' own summary sentences, so no sentence is said twice), its incidents
merged across outlets (disagreeing counts kept side by side), its claims,
actors and sources merged, and a rank score.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import (
    Actor,
    ArticleBrief,
    Incident,
    IncidentReport,
    Location,
    Source,
    Story,
    StoryClaim,
    StoryIncident,
    StorySentence,
)
from .actor_names import canonical_names
from .similarity import Vector, cosine, tfidf_vectors, top_terms
from .sourcing import KEY_CLAIMS, claim_importance, count_sourcing

SAME_STORY = 0.35  # affinity (cosine to the story's centroid, plus bonuses) to join a story
SHARED_INCIDENT_BONUS = 0.27  # the same incident: little shared text suffices
SHARED_ACTORS_BONUS = 0.15  # two salient actors in common
SUMMARY_SENTENCES = 3
SUMMARY_WORDS = 90
MMR_LAMBDA = 0.7
_WORD = re.compile(r"\w+")


# Outlets name the same violent event differently ("attack", "raid", "bombing"),
# so event types compare by family.
VIOLENCE = {"attack", "armed_clash", "bombing", "killing", "abduction"}


def event_key(type_: str, date: str | None, location: Location) -> tuple | None:
    """What makes two reports the same event: kind of event, date and place (None when too vague to tell)."""
    place = location.admin2 or location.name
    if not date or not place:
        return None
    return ("violence" if type_ in VIOLENCE else type_, date, place)


def incident_key(incident: Incident) -> tuple | None:
    return event_key(incident.type, incident.date, incident.location)


def _salient_actors(article: ArticleBrief) -> set[str]:
    return {a.name for a in article.actors if a.kind != "state"}


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)  # sum of the members' vectors
    squared_norm: float = 0.0  # of the centroid, kept up to date term by term
    keys: set[tuple] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)

    def add(self, index: int, vector: Vector, keys: set[tuple], actors: set[str]) -> None:
        # Only the article's own terms are touched: renormalising the whole centroid on every
        # article made a story of thousands of articles take quadratic time.
        self.members.append(index)
        for term, weight in vector.items():
            old = self.centroid.get(term, 0.0)
            self.centroid[term] = old + weight
            self.squared_norm += (old + weight) ** 2 - old * old
        self.keys |= keys
        self.actors |= actors

    def affinity(self, vector: Vector, keys: set[tuple], actors: set[str]) -> float:
        """How well an article fits: cosine to the centroid, plus the bonuses for a shared incident or actors."""
        return (
            cosine(vector, self.centroid) / (math.sqrt(self.squared_norm) or 1.0)
            + SHARED_INCIDENT_BONUS * bool(keys & self.keys)
            + SHARED_ACTORS_BONUS * (len(actors & self.actors) >= 2)
        )


def group_articles(articles: Sequence[ArticleBrief]) -> list[list[int]]:
    """Indices of the articles of each story, stories in order of their first article.

    Each article joins the story it is closest to, measured against the story's
    centroid, not against any one member, so that stories do not chain into
    each other through articles that mix two topics.
    """
    vectors = tfidf_vectors([a.text for a in articles])
    clusters: list[_Cluster] = []
    by_term: dict[str, set[int]] = {}
    by_key: dict[tuple, set[int]] = {}
    for index, (article, vector) in enumerate(zip(articles, vectors, strict=False)):
        keys = set(filter(None, map(incident_key, article.incidents)))
        actors = _salient_actors(article)
        terms = top_terms(vector)
        candidates = set().union(*(by_term.get(t, ()) for t in terms), *(by_key.get(k, ()) for k in keys))
        affinities = {number: clusters[number].affinity(vector, keys, actors) for number in sorted(candidates)}
        best = max(affinities, key=affinities.__getitem__, default=None)
        if best is None or affinities[best] < SAME_STORY:
            best = len(clusters)
            clusters.append(_Cluster())
        clusters[best].add(index, vector, keys, actors)
        for term in terms:
            by_term.setdefault(term, set()).add(best)
        for key in keys:
            by_key.setdefault(key, set()).add(best)
    return [cluster.members for cluster in clusters]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def story_summary(articles: Sequence[ArticleBrief]) -> list[StorySentence]:
    """MMR over the articles' summary sentences: relevant to the story, never repeating a sentence."""
    candidates = [
        (StorySentence(s.text.strip(), article.id, s.sentence), rank, position)
        for rank, article in enumerate(articles)
        for position, s in enumerate(article.summary)
    ]
    story_words = [_words(c[0].text) for c in candidates]
    # Each sentence's words are a subset of the story's, so their overlap is a ratio of sizes: computed
    # once per sentence, not by a set union of the whole story's words per sentence and round.
    vocabulary = len(set().union(*story_words)) or 1
    relevance = [len(w) / vocabulary + 1 / (1 + position) + 0.5 / (1 + rank) for w, (_, rank, position) in zip(story_words, candidates, strict=True)]
    chosen: list[int] = []

    def gain(i: int) -> float:
        redundancy = max((_overlap(story_words[i], story_words[j]) for j in chosen), default=0.0)
        return MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * 3 * redundancy

    words = 0
    while len(chosen) < SUMMARY_SENTENCES and len(chosen) < len(candidates):
        best = max((i for i in range(len(candidates)) if i not in chosen), key=lambda i: (gain(i), -i))
        redundant = any(_overlap(story_words[best], story_words[j]) >= 0.6 for j in chosen)
        length = len(candidates[best][0].text.split())
        if redundant or (chosen and words + length > SUMMARY_WORDS):
            break
        chosen.append(best)
        words += length
    return [candidates[i][0] for i in sorted(chosen, key=lambda i: (candidates[i][1], candidates[i][2]))]


def _report_source(article: ArticleBrief, incident: Incident) -> str:
    """On whose word the incident rests: the claim made in its sentence, else the publisher."""
    for claim in article.claims:
        if claim.evidence.sentence == incident.evidence.sentence:
            return claim.speaker
    return article.publisher or article.id


def merge_incidents(articles: Sequence[ArticleBrief]) -> list[StoryIncident]:
    """The day's incidents of the articles, one per event; background (events the text dates well before) is left out:
    it is neither on the timeline nor in a story's severity."""
    merged: list[StoryIncident] = []
    by_key: dict[tuple, StoryIncident] = {}
    for article in articles:
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


def story_score(incidents: Sequence[StoryIncident], publishers: Sequence[str], articles: Sequence[ArticleBrief], brief_date: dt.date) -> float:
    """Severity of its incidents, then independent sources, then recency.

    Severity is killed + injured / 2 + 3 per incident, on a log scale. It is summed in
    whole numbers (twice over) and only its logarithm is a float: math.log takes an int
    of any size, where turning a huge count into a float would overflow.
    """
    twice_severity = sum(2 * max(i.incident.killed or 0, 0) + max(i.incident.injured or 0, 0) + 6 for i in incidents)
    dates = [dt.date.fromisoformat(a.published) for a in articles if a.published]
    age = (brief_date - max(dates)).days if dates else 1
    log_severity = math.log(twice_severity + 2) - math.log(2)  # log1p(severity)
    return round(2 * log_severity + len(set(publishers)) + 1 / (1 + max(age, 0)), 4)


def _title(article: ArticleBrief) -> str:
    if article.title:
        return article.title
    first = article.summary[0].text if article.summary else article.text
    words = first.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def build_stories(articles: Sequence[ArticleBrief], copies_publishers: dict[str, list[str]], brief_date: dt.date) -> list[Story]:
    """Stories of the (deduplicated) articles, best first, with ids s1, s2, ..."""
    stories = []
    for members in group_articles(articles):
        group = [articles[i] for i in members]
        publishers = [p for a in group for p in [a.publisher or a.id, *copies_publishers.get(a.id, [])]]
        incidents = merge_incidents(group)
        incident_sentences = {a.id: {i.evidence.sentence for i in a.incidents} for a in group}
        stories.append(
            Story(
                id="",
                title=_title(group[0]),
                summary=story_summary(group),
                articles=[a.id for a in group],
                incidents=incidents,
                claims=merge_claims(group, incident_sentences),
                actors=merge_actors(group),
                sources=merge_sources(group),
                publishers=sorted(set(publishers)),
                score=story_score(incidents, publishers, group, brief_date),
            )
        )
    by_id = {a.id: a for a in articles}
    for story in stories:
        story.sourcing = count_sourcing([c for article_id in story.articles for c in by_id[article_id].claims])
    stories.sort(key=lambda s: -s.score)
    for number, story in enumerate(stories, 1):
        story.id = f"s{number}"
    return stories
