"""The data model: plain, typed, JSON-serializable records.

Every stage of the pipeline hands one of these to the next. The JSON output is
exactly ``to_dict`` of these records, so field names here are the JSON
contract of ``../shared/DESIGN.md``: add fields freely, rename none.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar, cast

T = TypeVar("T")


@dataclass(frozen=True)
class Evidence:
    """Where an item comes from: a sentence index and character offsets into article.text."""

    sentence: int
    start: int
    end: int


@dataclass
class Article:
    """One cleaned input article, before analysis."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    opinion: bool = False  # a column, op-ed, editorial or letter (ingest/opinion.py)


@dataclass
class SentenceSpan:
    start: int
    end: int


@dataclass
class SummarySentence:
    text: str
    sentence: int
    start: int
    end: int


@dataclass
class Actor:
    name: str
    kind: str  # person | organization | armed_group | state | agency | media | group_of_people
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    text: str
    speaker: str
    speaker_kind: str  # a source kind
    cue: str
    direct: bool
    hedged: bool
    evidence: Evidence
    actor: str | None = None  # canonical name of the actor the speaker is, if any
    addressee: str | None = None  # whom a verb of telling addresses ("reporters" of "told reporters")


@dataclass
class Source:
    name: str
    kind: str  # named_person | official | anonymous | media | institution | document
    anonymous: bool
    claims: int
    actor: str | None = None


@dataclass
class Location:
    name: str | None = None
    admin2: str | None = None
    admin1: str | None = None
    country: str | None = None
    # WGS84 degrees of the place, or of the finest area known around it (a province's, a country's median town);
    # derived from the names, so two locations of the same names are the same place
    lat: float | None = field(default=None, compare=False)
    lon: float | None = field(default=None, compare=False)


@dataclass
class Incident:
    type: str  # attack | armed_clash | bombing | killing | abduction | arrest | riot | protest | other
    date: str | None
    date_text: str | None
    location: Location
    killed: int | None
    injured: int | None
    actors: list[str]
    evidence: Evidence
    trigger: str | None = None
    perpetrators: list[str] = field(default_factory=list)  # sides the text says acted (subset of actors)
    targets: list[str] = field(default_factory=list)  # sides the text says were attacked or harmed (subset of actors)
    killed_text: str | None = None  # a vague count as written ("dozens") when killed is None
    injured_text: str | None = None  # likewise for injured ("scores")
    background: bool = False  # the text dates it well before the article ("in 2013", "last year"): not the day's news


@dataclass
class Sourcing:
    """How an article's claims are sourced: counts by source kind, and direct quotes."""

    claims: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    direct: int = 0


@dataclass
class ArticleBrief:
    """One article with everything extracted from it (the contract's article object)."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    source: str
    text: str
    sentences: list[SentenceSpan] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    author: str | None = None
    # The title's own claims ("Flynn says ...", "Poll: ..."): their evidence offsets point into the title, not the text.
    headline_claims: list[Claim] = field(default_factory=list)
    key_claims: list[int] = field(default_factory=list)  # indices into claims, most important first
    sourcing: Sourcing = field(default_factory=Sourcing)
    story: str | None = None  # id of the story it belongs to
    duplicate_of: str | None = None  # id of the article kept in its place
    opinion: bool = False  # a column, op-ed, editorial or letter: labelled, and none of its incidents is the day's


@dataclass
class Rejection:
    """An input that could not be used, and why (one line for stderr)."""

    source: str
    reason: str


@dataclass
class TimelineEntry:
    """One incident on the brief's timeline, pointing back to its article."""

    date: str | None
    date_text: str | None
    type: str
    location: Location
    killed: int | None
    injured: int | None
    article: str  # article id
    incident: int  # index into that article's incidents
    story: str | None = None  # story id
    counts_disagree: bool = False


@dataclass
class Duplicate:
    """Articles with (nearly) the same text: the one kept and the ids of its copies."""

    kept: str
    copies: list[str]


@dataclass
class IncidentReport:
    """One article's account of an incident."""

    article: str
    incident: int  # index into that article's incidents
    killed: int | None
    injured: int | None
    source: str  # on whose word: the speaker of the sentence, else the publisher


@dataclass
class StoryIncident:
    """One event as the story's articles report it; counts that disagree are kept side by side."""

    incident: Incident
    reports: list[IncidentReport]
    counts_disagree: bool = False


@dataclass
class StoryClaim:
    article: str
    index: int  # into that article's claims
    claim: Claim


@dataclass
class StorySentence:
    text: str
    article: str
    sentence: int


@dataclass
class Story:
    """Articles about the same story, merged: what the brief shows as one entry."""

    id: str
    title: str
    summary: list[StorySentence]
    articles: list[str]  # ids of the articles kept (duplicates excluded)
    incidents: list[StoryIncident] = field(default_factory=list)
    claims: list[StoryClaim] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)  # every outlet that carried it, copies included
    sourcing: Sourcing = field(default_factory=Sourcing)
    score: float = 0.0
    status: str | None = None  # "new" or "updated" against the --since brief
    opinion: bool = False  # every article of the story is opinion


@dataclass
class ActorIndexEntry:
    name: str
    kind: str
    stories: list[str]


@dataclass
class SourceIndexEntry:
    name: str
    kind: str
    claims: int
    stories: list[str]


@dataclass
class Period:
    """The days a brief over a period covers (``briefgen build --from-analyses --period``), both included."""

    start: str
    end: str


@dataclass
class Brief:
    title: str
    date: str  # a day's brief: its day; a brief over a period: the period's last day
    articles: list[ArticleBrief] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    actor_index: list[ActorIndexEntry] = field(default_factory=list)
    source_index: list[SourceIndexEntry] = field(default_factory=list)
    sourcing: Sourcing = field(default_factory=Sourcing)
    rejected: list[Rejection] = field(default_factory=list)
    organisation: str | None = None
    classification: str | None = None
    generator: str = "briefgen"
    period: Period | None = None  # None for a day's brief


def to_dict(record: Any) -> Any:
    """The JSON form of any model record (``dataclasses.asdict`` without its deep copies)."""
    if is_dataclass(record):
        return {name: to_dict(getattr(record, name)) for name, _ in _field_types(cast(type, type(record)))}
    if isinstance(record, list):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


def from_dict(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``to_dict`` turned into ``data`` (used by the cache)."""
    return _build(cls, data)


def _build(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _build(next(a for a in typing.get_args(kind) if a is not type(None)), data)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, value) for value in data]
    if isinstance(kind, type) and is_dataclass(kind):
        return kind(**{name: _build(hint, data[name]) for name, hint in _field_types(kind) if name in data})
    return data


@functools.cache
def _field_types(kind: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(kind)
    return tuple((f.name, hints[f.name]) for f in fields(kind))
