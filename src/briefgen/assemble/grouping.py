"""Which articles tell one story: the same specific event or development within a few days.

A shared broad topic (the election, a country's security) does not make a story. Evidence that two
articles report the same event, weighed against each story built so far:

- their texts: TF-IDF cosine to the story's centroid, the IDF taken over the day's articles, so words
  every article of the day uses weigh nothing;
- their headlines (an article's title, else its first line): cosine to the story's headlines;
- a shared incident: the same kind of event on the same date at the same place (``event_key``), enough
  on its own when the place is a district (or finer);
- named actors beyond the day's ubiquitous ones: an actor named in many of the day's articles says
  little, two rarer actors in common say more;
- rare specifics (``specifics``): looking back on the same occasion of the same day ("Monday night's
  debate") is enough on its own when most of the story's articles do, as reactions to one event share
  few words; the same exact amount ("$916 million") counts with some shared text;
- dates: articles whose dates (published, else their incidents') are all more than ``FEW_DAYS`` apart
  are never one story.

The threshold is conservative: a wrong merge misleads the reader, a missed one only repeats a story.
Each article joins the story it fits best, measured against the story as a whole (its centroid), so
stories do not chain through articles that mix two topics.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from ..model import ArticleBrief, Incident, Location
from .similarity import Vector, cosine, tfidf_vectors, top_terms
from .specifics import exact_amounts, headline, lead_countries, occasions

SAME_STORY = 0.4  # affinity needed to join a story
HEADLINE_WEIGHT = 0.5  # of the headline cosine, added to the text's
SHARED_INCIDENT_BONUS = 0.35  # the same incident: little shared text suffices
SAME_DISTRICT_INCIDENT_BONUS = SAME_STORY  # the same incident placed in one district is the same event: enough on its own
SHARED_ACTORS_BONUS = 0.15  # two actors in common, neither ubiquitous
SHARED_OCCASION_BONUS = 0.4  # looking back on the same occasion of the same day: little shared text suffices
SHARED_AMOUNT_BONUS = SHARED_INCIDENT_BONUS  # the same exact figure ("$916 million") is as specific as the same incident
UBIQUITOUS_SHARE = 0.1  # an actor named in more than this share of the day's articles says little about the story
UBIQUITOUS_MIN_ARTICLES = 3  # ... and in at least this many (on a day of a few articles, every actor is in "many")
FEW_DAYS = 3

# Outlets name the same violent event differently ("attack", "raid", "bombing"),
# so event types compare by family.
VIOLENCE = {"attack", "armed_clash", "bombing", "killing", "abduction"}


def event_key(type_: str, date: str | None, location: Location) -> tuple | None:
    """What makes two reports the same event: kind of event, date and place (None when too vague to tell:
    no date, or no place more precise than a country)."""
    place = location.admin2 or location.name
    if not date or not place or place == location.country:
        return None
    return ("violence" if type_ in VIOLENCE else type_, date, place)


def incident_key(incident: Incident) -> tuple | None:
    return event_key(incident.type, incident.date, incident.location)


def article_dates(article: ArticleBrief) -> set[dt.date]:
    """When the article's news happened: its publication date, else the dates of its incidents."""
    dates = [article.published] if article.published else [i.date for i in article.incidents if i.date]
    found = set()
    for text in dates:
        try:
            found.add(dt.date.fromisoformat(text))
        except ValueError:
            continue
    return found


def within_few_days(first: set[dt.date], second: set[dt.date]) -> bool:
    """True unless both are dated and every pair of their dates is more than FEW_DAYS apart."""
    return not first or not second or any(abs((a - b).days) <= FEW_DAYS for a in first for b in second)


@dataclass
class _Centroid:
    """A sum of unit vectors, with its squared norm kept up to date term by term."""

    total: Vector = field(default_factory=dict)
    squared_norm: float = 0.0

    def add(self, vector: Vector) -> None:
        # Only the article's own terms are touched: renormalising the whole centroid on every
        # article made a story of thousands of articles take quadratic time.
        for term, weight in vector.items():
            old = self.total.get(term, 0.0)
            self.total[term] = old + weight
            self.squared_norm += (old + weight) ** 2 - old * old

    def cosine(self, vector: Vector) -> float:
        return cosine(vector, self.total) / (math.sqrt(self.squared_norm) or 1.0)


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    text: _Centroid = field(default_factory=_Centroid)
    headlines: _Centroid = field(default_factory=_Centroid)
    keys: set[tuple] = field(default_factory=set)
    district_keys: set[tuple] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)
    occasions: Counter = field(default_factory=Counter)  # how many of its articles look back on each
    amounts: set[str] = field(default_factory=set)
    lead_countries: set[str] = field(default_factory=set)


@dataclass
class _Evidence:
    """What one article brings to the comparison."""

    text: Vector
    headline: Vector
    keys: set[tuple]
    district_keys: set[tuple]  # of its incidents placed in a district
    actors: set[str]
    dates: set[dt.date]
    occasions: set[tuple[str, dt.date]]
    amounts: set[str]
    lead_countries: set[str]


def _affinity(story: _Story, article: _Evidence) -> float:
    """How well an article fits a story; -1 when their dates rule it out."""
    if not within_few_days(story.dates, article.dates):
        return -1.0
    return (
        story.text.cosine(article.text)
        + HEADLINE_WEIGHT * story.headlines.cosine(article.headline)
        + (SAME_DISTRICT_INCIDENT_BONUS if article.district_keys & story.district_keys else SHARED_INCIDENT_BONUS * bool(article.keys & story.keys))
        + SHARED_ACTORS_BONUS * (len(article.actors & story.actors) >= 2)
        + SHARED_OCCASION_BONUS * (any(2 * story.occasions[o] >= len(story.members) for o in article.occasions)
                                   and not (article.lead_countries and story.lead_countries and not article.lead_countries & story.lead_countries))
        + SHARED_AMOUNT_BONUS * bool(article.amounts & story.amounts)
    )


def _distinctive_actors(articles: Sequence[ArticleBrief]) -> list[set[str]]:
    """Each article's named non-state actors, without those the day's articles name everywhere."""
    named = [{a.name for a in article.actors if a.kind != "state"} for article in articles]
    spread = Counter(name for names in named for name in names)
    ubiquitous = {name for name, count in spread.items() if count >= UBIQUITOUS_MIN_ARTICLES and count > UBIQUITOUS_SHARE * len(articles)}
    return [names - ubiquitous for names in named]


def group_articles(articles: Sequence[ArticleBrief]) -> list[list[int]]:
    """Indices of the articles of each story, stories in order of their first article."""
    texts = tfidf_vectors([a.text for a in articles])
    headlines = tfidf_vectors([headline(a) for a in articles])
    actors = _distinctive_actors(articles)
    stories: list[_Story] = []
    by_term: dict[str, set[int]] = {}
    by_key: dict[Hashable, set[int]] = {}  # incident keys, occasions and amounts -> stories
    for index, article in enumerate(articles):
        district_incidents = [i for i in article.incidents if i.location.admin2]
        evidence = _Evidence(
            texts[index], headlines[index], set(filter(None, map(incident_key, article.incidents))),
            set(filter(None, map(incident_key, district_incidents))), actors[index], article_dates(article),
            occasions(article), exact_amounts(article.text), lead_countries(article),
        )
        terms = top_terms(evidence.text)
        keys: set[Hashable] = evidence.keys | evidence.occasions | evidence.amounts
        candidates = set().union(*(by_term.get(t, ()) for t in terms), *(by_key.get(k, ()) for k in keys))
        affinities = {number: _affinity(stories[number], evidence) for number in sorted(candidates)}
        best = max(affinities, key=affinities.__getitem__, default=None)
        if best is None or affinities[best] < SAME_STORY:
            best = len(stories)
            stories.append(_Story())
        story = stories[best]
        story.members.append(index)
        story.text.add(evidence.text)
        story.headlines.add(evidence.headline)
        story.keys |= evidence.keys
        story.district_keys |= evidence.district_keys
        story.actors |= evidence.actors
        story.dates |= evidence.dates
        story.occasions.update(evidence.occasions)
        story.amounts |= evidence.amounts
        story.lead_countries |= evidence.lead_countries
        for term in terms:
            by_term.setdefault(term, set()).add(best)
        for key in keys:
            by_key.setdefault(key, set()).add(best)
    return [story.members for story in stories]
