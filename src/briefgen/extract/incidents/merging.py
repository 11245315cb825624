"""One incident per event: when a sentence's event is an incident already told (a continuation, a definite
mention, a new toll) and how it folds in; when it makes a new incident."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span

from ...gazetteer import Gazetteer
from ...model import Incident, Location
from ..evidence import evidence
from .casualties import count_of
from .events import Event
from .lexicon import incident_lexicon
from .location import event_location
from .senses import is_person
from .triggers import incident_type

_ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def _has_casualties(event: Event) -> bool:
    return any(count is not None for count in (event.killed, event.injured, event.killed_text, event.injured_text))


def is_figurative(event: Event) -> bool:
    """ "A strike against Chelsea", "an attack on the budget": sport, markets or words, with nothing armed."""
    return event.off_domain and not event.armed


def is_concrete(event: Event) -> bool:
    """An event worth an incident: a real (non-generic) mention with casualties, a day, a sub-national place, or
    something armed placed by any named place or country or done by a side ("Suicide blast in NE Nigeria", "Afghan forces
    retake district", "rebels shell village"),
    in a conflict or security context: something armed, else a place or a side named."""
    if all(t.generic for t in event.triggers) or is_figurative(event):
        return False
    has_day = event.date is not None and event.date.date is not None or event.background is not None
    specific_place = event.place is not None and event.place.candidate.specificity > 0
    crowd = _counted_crowd(event)
    in_context = event.armed or specific_place or bool(event.actors) or crowd
    located = event.place is not None or event.country_named  # a place, even only a country named for a side ("Afghan forces")
    armed_at_named = event.armed and (located or bool(event.sides.perpetrators)) and _told_as_news(event)
    return (_has_casualties(event) or has_day or specific_place or crowd or armed_at_named) and in_context


def _told_as_news(event: Event) -> bool:
    """A trigger in a headline's form: a noun ("Suicide blast in NE Nigeria") or the headline present ("rebels shell
    village"), not a past, perfect or infinitive of a body sentence that tells no day ("have frequently been targeted")."""
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if not t.generic]
    return any(head.pos_ in ("NOUN", "PROPN") or head.tag_ in ("VBZ", "VBP") for head in heads)


def _counted_crowd(event: Event) -> bool:
    """ "About a dozen people demonstrated": a protest or riot whose people the text counts happened."""
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if t.kind in ("protest", "riot") and not t.generic]
    return any(c.dep_ == "nsubj" and count_of(c) is not None and is_person(c) for head in heads for c in head.children)


def is_anaphoric(event: Event) -> bool:
    """A definite mention of an event told before ("Monday's attack", "after the attack"), with no new toll."""
    if _has_casualties(event):
        return False
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if not t.generic]
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS) for head in heads for c in head.children
    )


def is_toll_update(event: Event) -> bool:
    """ "The death toll rose to 12 on Tuesday": a new count of an event told before, dated by the count, not the event."""
    toll = incident_lexicon()["toll"]
    return event.killed is not None and all(any(word in toll for word in t.phrase) for t in event.triggers if not t.generic)


def refers_to_told(event: Event, incidents: Sequence[Incident]) -> bool:
    """ "Following initial reports of the explosion, Trump said at an event in Colorado Springs ...": a definite mention
    of a kind of event already told is that event, even where its sentence's place or day do not fit it."""
    return is_anaphoric(event) and any(i.type == incident_type(event.triggers) and i.background == (event.background is not None) for i in incidents)


def starts_new_event(sentence: Span) -> bool:
    opening = sentence.text.lstrip().lower()
    return opening.startswith(incident_lexicon()["new_event"])


def _specificity(location: Location) -> int:
    named_below = location.name not in (location.admin2, location.admin1, location.country)
    return (location.admin1 is not None) + (location.admin2 is not None) + named_below


_VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "poss"})  # "killed Crutcher", "Crutcher was killed", "Crutcher's death"


def named_victims(event: Event) -> frozenset[str]:
    """The people the event befell, by name ("shooting and killing Terence Crutcher", "Crutcher was killed Friday",
    "the shooting death of Crutcher"), each as its name's head word (a surname) in lower case."""
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if not t.generic]
    heads += [h.head for h in heads if h.dep_ == "compound"]  # "the shooting death of Crutcher"
    victims = [c for h in heads for c in h.children if c.dep_ in _VICTIM_DEPS]
    victims += [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return frozenset(v.lower_ for v in victims if v.ent_type_ == "PERSON")


def is_compatible(incident: Incident, event: Event, *, any_day: bool = False) -> bool:
    """Could the event be the incident told again: its place is the incident's, a parent or a part of it; no other day
    (``any_day``: the same person's killing, whose sentences may give the days of what was said about it)."""
    if event.place is not None:
        place, known = event.place.candidate.location, incident.location
        if place.name not in vars(known).values() and known.name not in vars(place).values():
            return False
    if (event.background is not None) != incident.background:  # the day's news and the past never merge
        return False
    day = event.date.date if event.date and not is_toll_update(event) and not any_day else None
    return day is None or incident.date_text is None or incident.date == day.isoformat()


def _date(event: Event, reference: date | None) -> tuple[str | None, str | None]:
    if event.background is not None:  # its own date, never the report's
        own = event.date.date if event.date is not None and event.background == event.date.text else None
        return (own.isoformat() if own else None), event.background
    mention = event.date or event.report_date
    if mention is not None:
        return (mention.date.isoformat() if mention.date else None), mention.text
    return (reference.isoformat() if reference else None), None


def new_incident(event: Event, reference: date | None, main_country: str | None, gazetteer: Gazetteer) -> Incident:
    doc = event.sentence.doc
    when, when_text = _date(event, reference)
    main = min((t for t in event.triggers if not t.generic), key=lambda t: incident_lexicon()["priority"][t.kind])
    trigger_span = doc[main.start : main.end]
    return Incident(
        type=incident_type(event.triggers),
        date=when,
        date_text=when_text,
        location=event_location(event, main_country, gazetteer),
        killed=event.killed,
        injured=event.injured,
        actors=list(event.actors),
        evidence=evidence(doc, event.sentence.start_char, event.sentence.end_char),
        trigger=trigger_span.text,
        perpetrators=list(event.sides.perpetrators),
        targets=list(event.sides.targets),
        killed_text=event.killed_text,
        injured_text=event.injured_text,
        background=event.background is not None,
    )


def merge_into(incident: Incident, event: Event) -> None:
    """Fold a mention of the same event into its incident: keep the larger counts, the written date, the finer place."""
    if event.killed is not None:
        incident.killed = max(incident.killed or 0, event.killed)
    if event.injured is not None:
        incident.injured = max(incident.injured or 0, event.injured)
    # A vague count stands only while no exact one is known.
    incident.killed_text = None if incident.killed is not None else incident.killed_text or event.killed_text
    incident.injured_text = None if incident.injured is not None else incident.injured_text or event.injured_text
    for known, new in ((incident.actors, event.actors), (incident.perpetrators, event.sides.perpetrators), (incident.targets, event.sides.targets)):
        known.extend(name for name in new if name not in known)
    ranks = incident_lexicon()["priority"]
    if ranks[incident_type(event.triggers)] < ranks[incident.type]:
        incident.type = incident_type(event.triggers)
    if incident.date_text is None and event.date is not None:
        incident.date = event.date.date.isoformat() if event.date.date else None
        incident.date_text = event.date.text
    if event.place is not None and event.place.candidate.specificity > _specificity(incident.location):
        incident.location = event.place.candidate.location
