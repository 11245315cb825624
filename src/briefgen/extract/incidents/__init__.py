"""Incidents: what happened, when, where, to whom, with how many killed and injured.

One pass over the Doc's sentences:

1. Triggers from ``data/incident_triggers.json`` are matched on lemmas
   ("fire exchange", "air strike", "killed", "shot dead"). A trigger is
   *generic* when it is hypothetical or general: a plural noun without a
   number ("terrorist attacks") unless it did something in the past
   ("Protests broke out", "Shells hit Aleppo city"), is the subject or
   object of a headline's present ("Clashes erupt in Bangui"; a sentence
   ending with a stop is no headline) or heads a headline
   without a verb that names a place below a country ("Clashes in the
   countryside of Aleppo"; "Terrorist attacks in Pakistan: a timeline" is
   a topic), a modifier such as "potential" or
   "Moscow style", a governing word such as "threat of" / "warned of", or a
   modal ("could attack").
2. A sentence's triggers form one event, unless the sentence names several
   specific places or event dates: then each trigger joins the nearest one
   and the sentence yields one event per place/date.
3. An event becomes an incident only when it has a non-generic trigger and
   something concrete: casualties, a day date, a sub-national place, a date
   well in the past (background, below), a counted crowd ("about a dozen
   people demonstrated"), or something armed that a named place, even a
   country, locates or a side does, told in a headline's form, a noun or
   the present ("Suicide blast in NE Nigeria", "rebels shell village"; not
   "have often been targeted"); and
   only in a conflict or security context: an armed side (security forces,
   militants, a named group), a weapon, people killed or hurt, fighting
   that breaks out ("clashes erupted", "fresh clashes hit C. Africa"), else a named
   place or side. A sentence of sport, markets or words ("a strike against
   Chelsea", "an attack on the budget") with nothing armed is figurative: it
   neither makes nor joins an incident. Triggers that are negated ("was not
   attacked"), what another event is about ("a protest against the killing",
   and what is said inside it), or date words ("March 27") are not triggers
   at all.
4. Mentions of an event already told are merged into its incident, not made
   new ones: a sentence up to two after the last incident's ("... two
   terrorists were sent to hell"), unless it opens with a new-event marker
   ("Separately, ..."); a definite mention anywhere later ("Monday's
   attack", "condemned the attack"); and a new death toll ("the death toll
   rose to 12 on Tuesday": its day is the count's, not the event's); and a
   mention naming a victim already told ("Crutcher was killed Friday"): a
   person is killed once, so its sentence's day may be what was said of it. Each
   only when its place and day fit the incident's (same place, a parent or a
   part of it; no other day). Counts take the maximum, as re-reports repeat
   the same dead and a toll only rises; two events never add up; a written
   date or a finer place fills in what the incident lacked. A definite
   mention that fits no incident but names a kind already told ("reports of
   the explosion" said elsewhere) makes none.

The type is the highest-priority type among the event's triggers
(armed_clash > bombing > attack > abduction > killing > riot > arrest > protest).

Senses (``senses`` in the data): a word with a non-violent sense too ("attack
ads", "went on strike", "blasted the committee", "sold the mine") is an event
only with something physical: a weapon, people killed or hurt, armed men, or a
physical target (a place, people, a bus); "target" is one only as a verb; a
rally or march is a protest only when its own phrase gives a grievance (a
campaign rally is none); a word inside a person's or a law's name ("Loretta
Lynch") is none, except in a title-case headline, where the NER takes words
for names.

Background: an event the text dates more than two weeks before the article
("in 2013", "last year", "the 1999 shooting", "22 years ago", an
anniversary) is kept with ``background`` set and its own date or date text,
never the publication day, and never merges with the day's news. So is an
event the article only recalls as known and never tells or dates (see
``background.is_recalled``): named by its victim ("the killings of Trayvon
Martin"), by a definite description ("during the attack on the U.S. compound
in Benghazi", "the attack on police in Dallas showed ..."), or in the past
perfect, unless a sentence telling the day's news names it too ("the bombings
in New York and the attack in Minnesota"); it has no date.

Dates, by principle:
- a date written in the event's sentence and not governed by a reporting verb
  is the event's date ("on night between April 6 and 7" -> April 6);
- else the reporting verb's date in that sentence ("the military said on
  Sunday") -- the latest the event can be, and how ACLED/UCDP date an event
  the source does not date;
- else, with no date written at all, the event is dated by its report: the
  reference date (publication date), again the ACLED/UCDP practice; date_text
  stays None so the inference is visible;
- a period ("last week", "in 2015") gives date None with its text kept.

Places: the most specific resolved place in the event's sentence (town >
district > province > country; nearest to the trigger on ties), resolved in
the gazetteer the caller passes (the user's entries first, see ``places``) with
the article's main country (most mentioned) as the hint for ambiguous names;
without any place, the country of a demonym in the sentence ("Pakistani
troops"), else the article's main country, with the province the sentence
implies by a direction, a contested border or a home region (``regions``).

Sides: ``actors`` holds every side named in an event's sentences;
``perpetrators`` and ``targets`` the ones the grammar gives a role (``sides``).
Casualties: exact counts (``casualties``); a vague one ("dozens") is kept in
``killed_text``/``injured_text`` while no exact count is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from ...gazetteer import Gazetteer
from ...model import Actor, Incident
from .background import is_recalled
from .events import forms_of_actors, sentence_events
from .location import article_country
from .merging import (
    is_anaphoric,
    is_compatible,
    is_concrete,
    is_figurative,
    is_toll_update,
    merge_into,
    named_victims,
    new_incident,
    refers_to_told,
    starts_new_event,
)

_CONTINUATION_WINDOW = 2  # sentences after an incident that may continue it


def extract_incidents(doc: Doc, reference_date: date | None, actors: Sequence[Actor] = (), *, gazetteer: Gazetteer) -> list[Incident]:
    """The incidents a Doc reports, one per event, with date, place, casualties and sides; places resolve in ``gazetteer``."""
    countries: list[str | None] = []  # the article's country, read once and only when an event needs it

    def main_country() -> str | None:
        if not countries:
            countries.append(article_country(doc, gazetteer))
        return countries[0]

    actor_forms = forms_of_actors(actors)
    incidents: list[Incident] = []
    recalled: dict[int, int] = {}  # incident first named as known ("the attack on the compound") -> its sentence
    telling: set[int] = set()  # sentences that tell the day's news: an event of theirs joined, made or named a day's incident
    victims_of: dict[int, frozenset[str]] = {}  # index of an incident -> the people it befell, by name
    last_sentence = -_CONTINUATION_WINDOW - 1
    for index, sentence in enumerate(doc.sents):
        fresh = starts_new_event(sentence)
        for event in sentence_events(sentence, reference_date, actor_forms, main_country, gazetteer):
            if is_figurative(event):
                continue
            near = index - last_sentence <= _CONTINUATION_WINDOW and not fresh
            # A continuation joins the last incident; a definite mention, the latest that fits.
            told = range(len(incidents))[-1:] if near else reversed(range(len(incidents))) if is_anaphoric(event) or is_toll_update(event) else ()
            same = next((number for number in told if is_compatible(incidents[number], event)), None)
            victims = named_victims(event)
            if same is None and victims:  # a person is killed once: a mention naming a told victim is that event
                befell = (n for n in reversed(range(len(incidents))) if victims & victims_of.get(n, frozenset()))
                same = next((n for n in befell if is_compatible(incidents[n], event, any_day=True)), None)
            if same is not None:
                merge_into(incidents[same], event)
                victims_of[same] = victims_of.get(same, frozenset()) | victims
                if same not in recalled and not incidents[same].background:
                    telling.add(index)
                last_sentence = index
            elif refers_to_told(event, incidents):  # "the bombings in New York", told before
                if event.background is None:
                    telling.add(index)
            elif is_concrete(event):
                incidents.append(new_incident(event, reference_date, main_country(), gazetteer))
                victims_of[len(incidents) - 1] = victims
                if event.background is None and is_recalled(event.sentence, event.triggers, event.date):
                    recalled[len(incidents) - 1] = index
                elif event.background is None:
                    telling.add(index)
                last_sentence = index
            fresh = True  # a sentence's second event never continues its first
    for number, sentence_index in recalled.items():
        # no mention dates it, and it is not told beside the day's news ("the bombings in New York and the attack in Minnesota")
        if incidents[number].date_text is None and sentence_index not in telling:
            incidents[number].background, incidents[number].date = True, None
    return incidents
