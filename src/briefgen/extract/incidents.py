"""Incidents: what happened, when, where, to whom, with how many killed and injured.

One pass over the Doc's sentences:

1. Triggers from ``data/incident_triggers.json`` are matched on lemmas
   ("fire exchange", "air strike", "killed", "shot dead"). A trigger is
   *generic* when it is hypothetical or general: a plural noun without a
   number ("terrorist attacks"), a modifier such as "potential" or
   "Moscow style", a governing word such as "threat of" / "warned of", or a
   modal ("could attack").
2. A sentence's triggers form one event, unless the sentence names several
   specific places or event dates: then each trigger joins the nearest one
   and the sentence yields one event per place/date.
3. An event becomes an incident only when it has a non-generic trigger and
   something concrete: casualties, a day date, a sub-national place, a date
   well in the past (background, below) or a counted crowd ("about a dozen
   people demonstrated"); and
   only in a conflict or security context: an armed side (security forces,
   militants, a named group), a weapon, people killed or hurt, else a named
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
   rose to 12 on Tuesday": its day is the count's, not the event's). Each
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
never the publication day, and never merges with the day's news.

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

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..lexicons import lexicon
from ..model import Actor, Incident, Location
from .casualties import count_casualties, count_of, toll_count, vague_casualties, victim_head
from .dates import DateMention, find_dates, latest_day
from .doc_index import entities_in
from .evidence import evidence
from .places import PROMINENT_TOWN, Candidate, containers, country_of_demonym, resolve_candidate, with_coordinates
from .regions import implied_location
from .sides import SideMention, Sides, incident_sides

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"ARMED_GROUP", "AGENCY", "ORG", "NORP", "GPE"})
_ACTOR_ONLY = frozenset({"ARMED_GROUP", "AGENCY", "MEDIA", "PERSON", "DATE", "TIME", "CARDINAL"})
# Labels the NER is sure of: never a guessed place (a PERSON may be a place it does not know: "in Maungdaw")
_NEVER_PLACES = _ACTOR_ONLY - {"PERSON"}
_TIME_LABELS = frozenset({"DATE", "TIME"})  # "March 27" is no march
_CONTINUATION_WINDOW = 2  # sentences after an incident that may continue it
_BACKGROUND_DAYS = 14  # an event the text dates more than this before the article is background (the day's news is roughly its week)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_CASE_SHARE = 0.6  # more capitalized long words than this: a title-case headline
_ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


class Trigger(NamedTuple):
    start: int  # token index
    end: int
    kind: str  # incident type
    phrase: tuple[str, ...]
    generic: bool


class PlaceMention(NamedTuple):
    start: int  # token index
    candidate: Candidate


class Event(NamedTuple):
    """One event read from one sentence, before it becomes (or joins) an Incident."""

    sentence: Span
    triggers: list[Trigger]
    place: PlaceMention | None
    date: DateMention | None
    report_date: DateMention | None
    killed: int | None
    injured: int | None
    actors: list[str]
    sides: Sides
    killed_text: str | None  # a vague count as written, when no exact one is given
    injured_text: str | None
    armed: bool  # armed sides, weapons or people killed or hurt: a matter of conflict or security
    off_domain: bool  # sport, markets, words: a trigger read figuratively unless armed
    background: str | None  # the words dating the event well before the article ("in 2013", "1999", "anniversary")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w']+|-", phrase.lower()))


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon("incident_triggers")
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind in data["priority"]:
        for phrase in data["types"][kind]:
            words = _words(phrase)
            by_first.setdefault(words[0], []).append((words, kind))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # longest phrase first
    actor_nouns = {_words(k): v for k, v in data["actor_nouns"].items()}
    return {
        "triggers": by_first,
        "priority": {kind: rank for rank, kind in enumerate(data["priority"])},
        "death": {_words(p) for p in data["death_cues"]},
        "injury": {_words(p) for p in data["injury_cues"]},
        "toll": frozenset(data["toll_words"]),
        "intransitive": frozenset(data["intransitive_cues"]),
        "modifiers": frozenset(data["hypothetical"]["modifiers"]),
        "governor_nouns": frozenset(data["hypothetical"]["governor_nouns"]),
        "governor_verbs": frozenset(data["hypothetical"]["governor_verbs"]),
        "modal_tags": frozenset(data["hypothetical"]["modal_tags"]),
        "general_markers": frozenset(data["hypothetical"]["general_markers"]),
        "reporting": frozenset(data["reporting_verbs"]),
        "topic": frozenset(data["topic_prepositions"]),
        "new_event": tuple(data["new_event_markers"]),
        "actor_nouns": actor_nouns,
        "responsibility": frozenset(data["sides"]["responsibility_nouns"]),
        "context": {key: frozenset(words) for key, words in data["context"].items()},
        "senses": {key: frozenset(words) for key, words in data["senses"].items()},
        "past_governors": frozenset(data["background"]["governor_nouns"]),
    }


def _matches(tokens: Span, words: tuple[str, ...]) -> bool:
    return len(tokens) == len(words) and all(
        w in (t.lower_, t.lemma_.lower()) for t, w in zip(tokens, words, strict=True)
    )


def _is_generic(token: Token, lex: dict) -> bool:
    """Hypothetical or general mentions: "potential attack", "terrorist attacks", "could attack", "when someone dies"."""
    if any(c.lower_ in lex["modifiers"] or c.lemma_.lower() in lex["modifiers"] for c in token.children):
        return True
    # a clause saying what happens in general, and what happens inside it ("when someone dies during an arrest")
    for verb in (token, *list(token.ancestors)[:3]):
        if verb.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("mark", "advmod") and c.lower_ in lex["general_markers"] for c in verb.children):
            return True
    # a plural event noun is general unless counted, definite or dated ("Thursday's protests"); people ("protesters") are no event noun
    specific = any(c.dep_ in ("nummod", "poss") or c.lower_ in ("the", "these", "both") for c in token.children)
    if token.tag_ in ("NNS", "NNPS") and not specific and (token.lemma_.lower(),) not in lex["actor_nouns"]:
        return True
    for ancestor in list(token.ancestors)[:3]:
        governors = lex["governor_verbs"] if ancestor.pos_ == "VERB" else lex["governor_nouns"]
        if ancestor.lemma_.lower() in governors:
            return True
    clause = token if token.pos_ in ("VERB", "AUX") else next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    return clause is not None and any(c.dep_ == "aux" and c.tag_ in lex["modal_tags"] for c in clause.children)


def _is_negated(token: Token) -> bool:
    """ "was not attacked", "no attack": the event did not happen."""
    clause = (token, token.head) if token.dep_ in ("dobj", "nsubjpass", "pobj") else (token,)
    return any(c.dep_ == "neg" or c.lower_ == "no" for t in clause for c in t.children)


def _is_topic(token: Token, lex: dict) -> bool:
    """A trigger that is what another event is about: "a protest against the killing of a student", and
    anything said inside what a protest is against ("to protest against calls that have targeted traders")."""
    if token.head.lower_ in lex["topic"] and token.dep_ == "pobj":
        return True
    return any(
        t.dep_ == "pobj" and t.head.lower_ in lex["topic"] and _is_protest(t.head.head, lex) for t in token.ancestors
    )


def _is_protest(token: Token, lex: dict) -> bool:
    return any(kind == "protest" for words, kind in lex["triggers"].get(token.lemma_.lower(), []) if len(words) == 1)


def _is_title_case(sentence: Span) -> bool:
    """A headline written in title case ("LRA Attack December 17"), where the NER tags capitalized words as names."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) > 1 and sum(t.is_title for t in words) > _TITLE_CASE_SHARE * len(words)


def find_triggers(sentence: Span) -> Iterator[Trigger]:
    """Incident triggers in a sentence, longest phrase first, not overlapping."""
    lex = _lexicon()
    doc, i = sentence.doc, sentence.start
    headline = _is_title_case(sentence)
    while i < sentence.end:
        token = doc[i]
        entries = lex["triggers"].get(token.lemma_.lower(), []) + lex["triggers"].get(token.lower_, [])
        match = next(
            ((words, kind) for words, kind in sorted(entries, key=lambda e: -len(e[0])) if _matches(doc[i : i + len(words)], words)),
            None,
        )
        if match is None:
            i += 1
            continue
        words, kind = match
        head = doc[i : i + len(words)].root
        senses = lex["senses"]
        # "March 27"; outside a title-case headline, a name: "Loretta Lynch", "Lynch said", "the Death in Custody Reporting Act"
        # (a phrase of the lexicon, "Drone attack", is no name whatever its tags)
        name = len(words) == 1 and (token.ent_type_ in senses["name_labels"] or token.pos_ == "PROPN" or (token.is_title and token.i > sentence.start))
        named = token.ent_type_ in _TIME_LABELS or (name and not headline)
        noun_of_verb = words[0] in senses["verb_only"] and head.pos_ == "NOUN"  # "an emissions target" (a headline's "Targeted" may be tagged PROPN)
        state = head.tag_ == "VBG" and head.dep_ == "amod"  # "the dying woman": a state, not an event
        if not (_is_topic(head, lex) or _is_negated(head) or named or noun_of_verb or state):
            yield Trigger(i, i + len(words), kind, words, _is_generic(head, lex))
        i += len(words)


def _is_reporting(mention_token: Token, lex: dict) -> bool:
    verb = next((a for a in (mention_token, *mention_token.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.lemma_.lower() in lex["reporting"]


def _sentence_dates(sentence: Span, reference: date | None) -> tuple[list[tuple[int, DateMention]], DateMention | None]:
    """Event dates (with their token index) and the reporting verb's date in a sentence."""
    if reference is None:
        return [], None
    lex = _lexicon()
    events, report = [], None
    for mention in find_dates(sentence.text, reference):
        span = sentence.doc.char_span(sentence.start_char + mention.start, sentence.start_char + mention.end, alignment_mode="expand")
        if span is None:
            continue
        if _is_reporting(span.root, lex):
            report = report or mention
        else:
            events.append((span.start, mention))
    return events, report


def _has_domain_word(span: Span) -> bool:
    """A name holding a word of the incident lexicon ("Police", "Army") is no place, whatever the NER says."""
    lex = _lexicon()
    return any((t.lemma_.lower(),) in lex["actor_nouns"] or t.lemma_.lower() in lex["triggers"] for t in span)


def _locative_names(sentence: Span) -> Iterator[tuple[Span, bool]]:
    """Capitalized names the NER did not tag as places, after a locative preposition ("in Narathiwat", tagged ORG;
    "in Sulu clash"), the target of an attack ("a strike on Kharkiv", tagged PERSON), before an admin word
    ("Rakhine state"), owning a place ("Zamfara's Kamba district") or after a place and a comma ("Kamba, Zamfara"),
    each with whether the text states it is a place (an admin word or an owner). A domain word ("Police headquarters") is never such a name."""
    lex = _lexicon()
    words = lexicon("place_words")
    locative, suffixes = words["locative_prepositions"], words["suffixes"]
    doc = sentence.doc
    entity_ending = {ent.end: ent for ent in entities_in(sentence)}
    for token in sentence:
        ends_run = token.i + 1 == sentence.end or not doc[token.i + 1].is_title
        if not token.is_title or token.ent_type_ in _PLACE_LABELS or token.ent_type_ in _NEVER_PLACES or not ends_run:
            continue
        start = token.i
        while start > sentence.start and doc[start - 1].is_title and doc[start - 1].ent_type_ == token.ent_type_:
            start -= 1
        entity = entity_ending.get(token.i + 1)
        if entity is not None and entity.start < start:  # "Apaseo el Alto", without "the"
            start = entity.start + (doc[entity.start].dep_ == "det")
        if _has_domain_word(doc[start : token.i + 1]):
            continue
        following = doc[token.i + 1 : min(token.i + 3, sentence.end)]
        admin_word = len(following) > 0 and following[0].lower_ in suffixes
        # "Zamfara's Kamba district": a name owning a place is a place
        owner = len(following) == 2 and following[0].lower_ in ("'s", "’s") and (following[1].ent_type_ in _PLACE_LABELS or following[1].is_title)
        anchor = token.head if token.dep_ == "compound" and token.head.lemma_.lower() in lex["triggers"] else token
        preposition = anchor.head if anchor.dep_ == "pobj" else None
        located = preposition is not None and (
            preposition.lower_ in locative or preposition.lower_ in words["target_prepositions"] and preposition.head.lemma_.lower() in lex["triggers"]
        )
        # "in Kamba, Zamfara": a name after a place and a comma may be its container (see ``places.containers``)
        after_place = start - 2 >= sentence.start and doc[start - 1].text == "," and doc[start - 2].ent_type_ in _PLACE_LABELS
        if (located and start > sentence.start) or admin_word or owner or after_place:
            yield doc[start : token.i + 1], admin_word or owner


def _prominent(candidate: Candidate) -> bool:
    return candidate.curated or candidate.population >= PROMINENT_TOWN


def _places(sentence: Span, country_hint: str | None, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Resolved places of a sentence, each inside the place the text puts it in ("Kamba village in Zamfara state"),
    without those that only name a parent of another ("Khyber-Pakhtunkhwa's"). A nationality is no place."""
    named = [
        ent for ent in entities_in(sentence)
        if ent.label_ in _PLACE_LABELS and (ent.ent_id_ or not _has_domain_word(ent)) and not country_of_demonym(ent.text)
    ]
    guessed = list(_locative_names(sentence))
    spans = named + [span for span, _ in guessed]
    inside = containers(spans)
    resolved: dict[int, Candidate | None] = {}

    def resolve(i: int) -> Candidate | None:
        if i not in resolved:
            resolved[i] = None  # a cycle of containers resolves without one
            containment = inside.get(i)
            within = resolve(containment.container) if containment else None
            stated = containment.stated if containment else True
            span = spans[i]
            names = dict.fromkeys((span.ent_id_, span.text) if i < len(named) else (span.text,))
            found = (resolve_candidate(name, gazetteer, country_hint, within, stated) for name in names if name)
            candidate = next((c for c in found if c is not None), None)
            # Outside the article's country a place needs more evidence: its container or admin word written, a large town, the gazetteer's.
            stated = within is not None or (i >= len(named) and guessed[i - len(named)][1])
            fits = candidate is not None and (country_hint in (None, candidate.location.country) or _prominent(candidate))
            resolved[i] = candidate if stated or fits else None
        return resolved[i]

    found = [PlaceMention(spans[i].start, candidate) for i in range(len(spans)) if (candidate := resolve(i)) is not None]
    parents = {
        name for p in found for name in (p.candidate.location.admin2, p.candidate.location.admin1, p.candidate.location.country)
        if name != p.candidate.location.name
    }
    return [p for p in found if p.candidate.location.name not in parents]


def _nearest(index: int, options: Sequence[tuple[int, object]]):
    """The option at or after ``index`` closest to it ("killed ... in Quetta on Saturday"), else the closest before."""
    if not options:
        return None
    after = [option for option in options if option[0] >= index]
    return min(after, key=lambda option: option[0])[1] if after else max(options, key=lambda option: option[0])[1]


def _best_place(places: Sequence[PlaceMention], near: int) -> PlaceMention | None:
    if not places:
        return None
    return max(places, key=lambda p: (p.candidate.specificity, -abs(p.start - near)))


def _death_cues(sentence: Span, triggers: Sequence[Trigger]) -> list[Token]:
    """Death words among the triggers; a phrase ("shot dead", "sent to hell") counts from its verb."""
    death = _lexicon()["death"]
    return [sentence.doc[t.start] for t in triggers if t.phrase in death]


def _injury_cues(sentence: Span) -> list[Token]:
    injury = _lexicon()["injury"]
    return [t for t in sentence if (t.lemma_.lower(),) in injury or (t.lower_,) in injury]


def _killed(sentence: Span, triggers: Sequence[Trigger]) -> int | None:
    lex = _lexicon()
    counted = count_casualties(_death_cues(sentence, triggers), lex["intransitive"])
    tolls = [toll_count(t) for t in sentence if t.lemma_.lower() in lex["toll"]]
    tolls = [t for t in tolls if t is not None]
    return max([c for c in (counted, *tolls) if c is not None], default=None)


def _actor_forms(actors: Sequence[Actor]) -> dict[str, str]:
    """Each actor's name and aliases, lower-cased -> its name (a later actor's form wins)."""
    return {form.lower(): actor.name for actor in actors for form in (actor.name, *actor.aliases)}


def _side_mentions(sentence: Span, by_form: dict[str, str]) -> list[SideMention]:
    """Sides named in the sentence, in text order: known actors (``by_form``: see ``_actor_forms``), named groups,
    demonym states, and common nouns (militants)."""
    lex = _lexicon()
    mentions: list[SideMention] = []
    for ent in entities_in(sentence):
        if ent.label_ not in _ACTOR_LABELS or _is_source(ent.root, lex):
            continue
        if ent.label_ == "NORP":
            name = country_of_demonym(ent.text)
        elif ent.label_ == "GPE":
            name = by_form.get(ent.text.lower()) if ent.root.dep_ in ("nsubj", "compound", "poss") else None
        else:
            name = by_form.get(ent.text.lower()) or by_form.get(ent.ent_id_.lower()) or ent.ent_id_ or ent.text
        if name:
            mentions.append(SideMention(ent.root, name))
    tokens = list(sentence)
    for offset, token in enumerate(tokens):
        for length in (2, 1):
            words = tuple(t.lemma_.lower() for t in tokens[offset : offset + length])
            label = lex["actor_nouns"].get(words) or lex["actor_nouns"].get(tuple(t.lower_ for t in tokens[offset : offset + length]))
            if label and len(words) == length and not token.ent_type_:
                mentions.append(SideMention(tokens[offset + length - 1], label))
                break
    return sorted(mentions, key=lambda mention: mention.token.i)


def _is_source(token: Token, lex: dict) -> bool:
    """Entities that report the event ("according to ISPR", "police said") rather than take part."""
    for ancestor in token.ancestors:
        if ancestor.lower_ == "according":
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            # "The TTP claimed responsibility": the claimant took part.
            owns_up = any(c.dep_ == "dobj" and c.lemma_.lower() in lex["responsibility"] for c in ancestor.children)
            return ancestor.lemma_.lower() in lex["reporting"] and token.dep_ == "nsubj" and not owns_up
    return False


def _is_person(head: Token) -> bool:
    """A victim phrase naming people: a bare number ("three were killed"), a pronoun, a name, a person noun."""
    lex = _lexicon()
    lemma = head.lemma_.lower()
    return (
        head.pos_ in ("NUM", "PRON") or head.ent_type_ in ("PERSON", "CARDINAL")
        or lemma in lex["context"]["people"] or (lemma,) in lex["actor_nouns"] or (head.lower_,) in lex["actor_nouns"]
    )


def _is_armed(sentence: Span, mentions: Sequence[SideMention], victims: Sequence[Token], toll: bool) -> bool:
    """A conflict or security context: an armed side, a weapon, or people killed or hurt (a death toll)."""
    armed_side = any(m.name in _lexicon()["context"]["armed_sides"] or m.token.ent_type_ in _lexicon()["context"]["armed_labels"] for m in mentions)
    return armed_side or _is_physical(sentence, mentions, victims, toll)


def _is_physical(sentence: Span, mentions: Sequence[SideMention], victims: Sequence[Token], toll: bool) -> bool:
    """Something physical happened: a weapon, people killed or hurt (a death toll), or armed men by name taking part
    (``mentions``: "militants", "police"; an agency such as the FBI may only investigate)."""
    context = _lexicon()["context"]
    armed_men = any(m.name in context["armed_sides"] or m.token.ent_type_ == "ARMED_GROUP" for m in mentions)
    # a weapon is a thing: "a blast", not "Democrats blasted the committee"
    weapon = any((t.lemma_.lower() in context["weapons"] or t.lower_ in context["weapons"]) and t.pos_ != "VERB" for t in sentence)
    people = any(count_of(v) is not None and any(_is_person(t) for t in (v, *v.conjuncts)) for v in victims)
    return armed_men or weapon or people or toll


def _physical_target(head: Token) -> bool:
    """Whether a trigger acts on something physical: a place, people, or a thing that can be hit ("attacked a bus",
    "an attack on Kamba village", "the shooting of a man"), not a person's name, a word or an idea ("an attack on the press")."""
    senses, context = _lexicon()["senses"], _lexicon()["context"]
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    prepositions = ("on", "against", "upon", "at", "of") if head.pos_ == "NOUN" or head.dep_ == "nsubj" else ("on", "against", "upon", "at")
    objects += [g for c in head.children if c.dep_ == "prep" and c.lower_ in prepositions for g in c.children if g.dep_ == "pobj"]
    return any(
        o.ent_type_ in _PLACE_LABELS or o.lemma_.lower() in senses["target_nouns"] or o.lemma_.lower() in context["people"] for o in objects
    )


def _in_sense(trigger: Trigger, sentence: Span, physical: bool) -> bool:
    """A trigger read in its violent sense: a word that also has a non-violent one ("attack ads", "went on strike")
    needs something physical (``physical``: a weapon, casualties, an armed side) or a physical target; a gathering
    ("rally", "march") is a protest only when its people demonstrate (a grievance is written)."""
    senses = _lexicon()["senses"]
    word = trigger.phrase[0] if len(trigger.phrase) == 1 else None
    if word in senses["gatherings"]:  # what the gathering's own phrase or clause says, not the speech given at it
        head = sentence.doc[trigger.start : trigger.end].root
        return any(t.lemma_.lower() in senses["grievance_words"] or t.lower_ in senses["grievance_words"] for t in head.subtree)
    if word in senses["physical"]:
        return physical or _physical_target(sentence.doc[trigger.start : trigger.end].root)
    return True


def _off_domain(sentence: Span) -> bool:
    words = _lexicon()["context"]["off_domain"]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sentence)


def _events(
    sentence: Span, reference: date | None, actor_forms: dict[str, str], country_hint: str | None, gazetteer: Gazetteer
) -> Iterator[Event]:
    triggers = list(find_triggers(sentence))
    if not triggers:
        return
    intransitive = _lexicon()["intransitive"]
    injury_cues = _injury_cues(sentence)
    mentions = _side_mentions(sentence, actor_forms)
    all_victims = [v for cue in (*_death_cues(sentence, triggers), *injury_cues) if (v := victim_head(cue, intransitive)) is not None]
    toll = any(toll_count(t) is not None for t in sentence if t.lemma_.lower() in _lexicon()["toll"])
    # armed men count when they take part (acting or acted on), not when only mentioned ("remarks disparaging the military")
    events = {i: t.kind for t in triggers for i in range(t.start, t.end)}
    roles = incident_sides(mentions, events, all_victims)
    heads = [sentence.doc[t.start : t.end].root for t in triggers]
    within = {token.i for head in heads for token in head.subtree}  # "shooting between Indian, Pakistani troops"
    taking_part = [m for m in mentions if m.name in (*roles.perpetrators, *roles.targets) or m.token.i in within]
    physical = _is_physical(sentence, taking_part, all_victims, toll)
    triggers = [t for t in triggers if _in_sense(t, sentence, physical)]
    if not triggers:
        return
    places = _places(sentence, country_hint, gazetteer)
    specific = [p for p in places if p.candidate.specificity > 0]
    dates, report = _sentence_dates(sentence, reference)
    day_dates = [(i, m) for i, m in dates if m.date is not None]
    split_places = len({p.candidate.location.name for p in specific}) > 1
    split_dates = len({m.date for _, m in day_dates}) > 1

    def group_of(index: int) -> tuple:
        place_key = _nearest(index, [(p.start, p.start) for p in specific]) if split_places else None
        date_key = _nearest(index, [(i, i) for i, _ in day_dates]) if split_dates else None
        return place_key, date_key

    groups: dict[tuple, list[Trigger]] = {}
    for trigger in triggers:
        groups.setdefault(group_of(trigger.start), []).append(trigger)
    names = list(dict.fromkeys(mention.name for mention in mentions))
    off_domain = _off_domain(sentence)
    for (place_key, date_key), group in groups.items():
        anchor = group[0].start
        place = next((p for p in specific if p.start == place_key), None) or _best_place(places, anchor)
        when = _nearest(anchor, [(i, m) for i, m in dates if date_key is None or i == date_key])
        group_injuries = [c for c in injury_cues if group_of(c.i) == (place_key, date_key)]
        injured = count_casualties(group_injuries, intransitive)
        events = {i: t.kind for t in group for i in range(t.start, t.end)}
        victim_heads = (victim_head(cue, intransitive) for cue in (*_death_cues(sentence, group), *group_injuries))
        victims = [v for v in victim_heads if v is not None]
        sides = incident_sides(mentions, events, victims)
        killed = _killed(sentence, group)
        armed = _is_armed(sentence, mentions, victims, toll)
        killed_text = None if killed is not None else vague_casualties(_death_cues(sentence, group), intransitive)
        injured_text = None if injured is not None else vague_casualties(group_injuries, intransitive)
        background = _background(sentence, group, when, reference)
        yield Event(sentence, group, place, when, report, killed, injured, names, sides, killed_text, injured_text, armed, off_domain, background)


def _long_before(last: date, reference: date) -> bool:
    return (reference - last).days > _BACKGROUND_DAYS


def _background(sentence: Span, triggers: Sequence[Trigger], when: DateMention | None, reference: date | None) -> str | None:
    """The words dating an event well before the article: its date ("in October 2013", "the Feb. 13 death" in
    September, "22 years ago"), a year modifying it ("the 1999 shooting", "the 2011 raid"), or a past it is
    recalled in ("the 50th anniversary of the march"). None for the day's news."""
    if reference is None:
        return None
    last = latest_day(when, reference) if when is not None else None
    if when is not None and last is not None and _long_before(last, reference):
        return when.text
    governors = _lexicon()["past_governors"]
    for trigger in triggers:
        head = sentence.doc[trigger.start : trigger.end].root
        phrase = (head, head.head) if head.dep_ == "compound" else (head,)  # "the 1999 shooting death"
        for word in (c for w in phrase for c in w.children):
            if _YEAR.fullmatch(word.text) and _long_before(date(int(word.text), 12, 31), reference):
                return word.text
        past = next((a for a in list(head.ancestors)[:3] if a.lemma_.lower() in governors), None)
        if past is not None:
            return past.text
    return None


def _has_casualties(event: Event) -> bool:
    return any(count is not None for count in (event.killed, event.injured, event.killed_text, event.injured_text))


def _is_figurative(event: Event) -> bool:
    """ "A strike against Chelsea", "an attack on the budget": sport, markets or words, with nothing armed."""
    return event.off_domain and not event.armed


def _is_concrete(event: Event) -> bool:
    """An event worth an incident: a real (non-generic) mention with casualties, a day, or a sub-national place,
    in a conflict or security context: something armed, else a place or a side named."""
    if all(t.generic for t in event.triggers) or _is_figurative(event):
        return False
    has_day = event.date is not None and event.date.date is not None or event.background is not None
    specific_place = event.place is not None and event.place.candidate.specificity > 0
    crowd = _counted_crowd(event)
    in_context = event.armed or specific_place or bool(event.actors) or crowd
    return (_has_casualties(event) or has_day or specific_place or crowd) and in_context


def _counted_crowd(event: Event) -> bool:
    """ "About a dozen people demonstrated": a protest or riot whose people the text counts happened."""
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if t.kind in ("protest", "riot") and not t.generic]
    return any(c.dep_ == "nsubj" and count_of(c) is not None and _is_person(c) for head in heads for c in head.children)


def _is_anaphoric(event: Event) -> bool:
    """A definite mention of an event told before ("Monday's attack", "after the attack"), with no new toll."""
    if _has_casualties(event):
        return False
    doc = event.sentence.doc
    heads = [doc[t.start : t.end].root for t in event.triggers if not t.generic]
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETERMINERS) for head in heads for c in head.children
    )


def _is_toll_update(event: Event) -> bool:
    """ "The death toll rose to 12 on Tuesday": a new count of an event told before, dated by the count, not the event."""
    toll = _lexicon()["toll"]
    return event.killed is not None and all(any(word in toll for word in t.phrase) for t in event.triggers if not t.generic)


def _refers_to_told(event: Event, incidents: Sequence[Incident]) -> bool:
    """ "Following initial reports of the explosion, Trump said at an event in Colorado Springs ...": a definite mention
    of a kind of event already told is that event, even where its sentence's place or day do not fit it."""
    return _is_anaphoric(event) and any(i.type == _kind(event.triggers) and i.background == (event.background is not None) for i in incidents)


def _starts_new_event(sentence: Span) -> bool:
    opening = sentence.text.lstrip().lower()
    return opening.startswith(_lexicon()["new_event"])


def _specificity(location: Location) -> int:
    named_below = location.name not in (location.admin2, location.admin1, location.country)
    return (location.admin1 is not None) + (location.admin2 is not None) + named_below


def _compatible(incident: Incident, event: Event) -> bool:
    """Could the event be the incident told again: its place is the incident's, a parent or a part of it; no other day."""
    if event.place is not None:
        place, known = event.place.candidate.location, incident.location
        if place.name not in vars(known).values() and known.name not in vars(place).values():
            return False
    if (event.background is not None) != incident.background:  # the day's news and the past never merge
        return False
    day = event.date.date if event.date and not _is_toll_update(event) else None
    return day is None or incident.date_text is None or incident.date == day.isoformat()


def _is_agent_side(ent: Span) -> bool:
    """A nationality or state naming who acted ("Indian shelling", "by Indian troops", "Pakistan air strikes")."""
    triggers = _lexicon()["triggers"]
    root, head = ent.root, ent.root.head
    by_agent = any(t.dep_ == "pobj" and t.head.lower_ == "by" for t in (root, head))
    verb = head.head
    transitive = any(c.dep_ == "dobj" for c in verb.children)
    acting = head.lemma_.lower() in triggers or (head.dep_ == "nsubj" and transitive and verb.lemma_.lower() in triggers)
    return head.i != root.i and (by_agent or acting)


def _token_country(token: Token, gazetteer: Gazetteer) -> str | None:
    """A capitalized word that is a nationality or a country name ("Pak forces", "Pakistan army")."""
    return _word_country(token.text, gazetteer) if token.text[:1].isupper() else None


@lru_cache(maxsize=65536)
def _word_country(word: str, gazetteer: Gazetteer) -> str | None:
    # Called for every capitalized word of an article: cached by the word (and the gazetteer, hashed by identity).
    entry = gazetteer.country(word)
    return country_of_demonym(word) or (entry.name if entry else None)


def _countries(span: Span, gazetteer: Gazetteer) -> list[tuple[Span, str]]:
    """Countries a span names, by name or nationality, with the words naming each, in text order."""
    found: list[tuple[Span, str]] = []
    covered: set[int] = set()
    for ent in entities_in(span):
        if ent.label_ in _PLACE_LABELS and not ent.ent_id_ and _has_domain_word(ent):
            continue  # "Police headquarters"
        if ent.label_ in _PLACE_LABELS:
            candidate = resolve_candidate(ent.ent_id_ or ent.text, gazetteer)
            country = candidate.location.country if candidate else country_of_demonym(ent.text)
        else:
            country = country_of_demonym(ent.text) if ent.label_ == "NORP" else None
        if country:
            found.append((ent, country))
            covered.update(range(ent.start, ent.end))
    doc = span.doc
    for token in span:
        country = None if token.i in covered else _token_country(token, gazetteer)
        if country:
            found.append((doc[token.i : token.i + 1], country))
    return sorted(found, key=lambda item: item[0].start)


def _is_nationality(words: Span) -> bool:
    """A nationality ("Syrian"), or a country's name used as one ("three Bangladesh peacekeepers")."""
    root = words.root
    return bool(country_of_demonym(words.text)) or (root.dep_ in ("compound", "amod") and root.head.i > root.i and _is_person(root.head))


def _main_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    """The country the article is about: the most mentioned by its name or places, else by nationality ("Syrian");
    not counting who acted unless only they are named; the first mentioned on ties."""
    mentioned = [(words, country, _is_nationality(words)) for words, country in _countries(doc[:], gazetteer)]
    for agents in (False, True):
        for nationality in (False, True):
            counts = Counter(c for words, c, n in mentioned if n == nationality and (agents or not _is_agent_side(words)))
            if counts:
                return counts.most_common(1)[0][0]
    return None


def _location(event: Event, main_country: str | None, gazetteer: Gazetteer) -> Location:
    """The event's place; without one, the country where its victims are, else the article's country,
    with the province the sentence implies when it does (see ``regions``)."""
    if event.place is not None and event.place.candidate.specificity > 0:
        return event.place.candidate.location
    mentioned = _countries(event.sentence, gazetteer)
    # Where the victims are: a country or place named for them, else the article's, else their nationality.
    bystanders = [(country, _is_nationality(ent)) for ent, country in mentioned if not _is_agent_side(ent)]
    named = next((country for country, nationality in bystanders if not nationality), None)
    nationality = next((country for country, is_nationality in bystanders if is_nationality), None)
    country = named or main_country or nationality or next((c for _, c in mentioned), None)
    by_token = {token.i: country for words, country in mentioned for token in words}
    trigger_words = [word for trigger in event.triggers for word in trigger.phrase]
    implied = implied_location(event.sentence, country, trigger_words, by_token, gazetteer)
    return with_coordinates(implied or Location(country, None, None, country), gazetteer)


def _date(event: Event, reference: date | None) -> tuple[str | None, str | None]:
    if event.background is not None:  # its own date, never the report's
        own = event.date.date if event.date is not None and event.background == event.date.text else None
        return (own.isoformat() if own else None), event.background
    mention = event.date or event.report_date
    if mention is not None:
        return (mention.date.isoformat() if mention.date else None), mention.text
    return (reference.isoformat() if reference else None), None


def _kind(triggers: Sequence[Trigger]) -> str:
    ranks = _lexicon()["priority"]
    return min((t.kind for t in triggers), key=lambda kind: ranks[kind])


def _new_incident(event: Event, reference: date | None, main_country: str | None, gazetteer: Gazetteer) -> Incident:
    doc = event.sentence.doc
    when, when_text = _date(event, reference)
    main = min((t for t in event.triggers if not t.generic), key=lambda t: _lexicon()["priority"][t.kind])
    trigger_span = doc[main.start : main.end]
    return Incident(
        type=_kind(event.triggers),
        date=when,
        date_text=when_text,
        location=_location(event, main_country, gazetteer),
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


def _merge(incident: Incident, event: Event) -> None:
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
    ranks = _lexicon()["priority"]
    if ranks[_kind(event.triggers)] < ranks[incident.type]:
        incident.type = _kind(event.triggers)
    if incident.date_text is None and event.date is not None:
        incident.date = event.date.date.isoformat() if event.date.date else None
        incident.date_text = event.date.text
    if event.place is not None and event.place.candidate.specificity > _specificity(incident.location):
        incident.location = event.place.candidate.location


def extract_incidents(doc: Doc, reference_date: date | None, actors: Sequence[Actor] = (), *, gazetteer: Gazetteer) -> list[Incident]:
    """The incidents a Doc reports, one per event, with date, place, casualties and sides; places resolve in ``gazetteer``."""
    main_country = _main_country(doc, gazetteer)
    actor_forms = _actor_forms(actors)
    incidents: list[Incident] = []
    last_sentence = -_CONTINUATION_WINDOW - 1
    for index, sentence in enumerate(doc.sents):
        fresh = _starts_new_event(sentence)
        for event in _events(sentence, reference_date, actor_forms, main_country, gazetteer):
            if _is_figurative(event):
                continue
            near = index - last_sentence <= _CONTINUATION_WINDOW and not fresh
            # A continuation joins the last incident; a definite mention, the latest that fits.
            told = incidents[-1:] if near else reversed(incidents) if _is_anaphoric(event) or _is_toll_update(event) else ()
            same = next((incident for incident in told if _compatible(incident, event)), None)
            if same is not None:
                _merge(same, event)
                last_sentence = index
            elif _is_concrete(event) and not _refers_to_told(event, incidents):
                incidents.append(_new_incident(event, reference_date, main_country, gazetteer))
                last_sentence = index
            fresh = True  # a sentence's second event never continues its first
    return incidents
