"""One sentence's events: its triggers grouped by place and date, with casualties, sides and context."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import NamedTuple

from spacy.tokens import Span, Token

from ...gazetteer import Gazetteer
from ...model import Actor
from ..dates import DateMention, find_dates
from ..doc_index import entities_in
from ..places import country_of_demonym
from .background import background_words
from .casualties import count_casualties, toll_count, uncounted_victims, vague_casualties, victim
from .lexicon import incident_lexicon
from .location import PlaceMention, best_place, sentence_places
from .senses import in_sense, is_armed, is_off_domain, is_physical
from .sides import SideMention, Sides, incident_sides
from .triggers import Trigger, find_triggers, heads_a_verbless_headline

_ACTOR_LABELS = frozenset({"ARMED_GROUP", "AGENCY", "ORG", "NORP", "GPE"})


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
    country_named: bool  # the sentence names a country, by name or nationality ("Afghan forces retake district")
    off_domain: bool  # sport, markets, words: a trigger read figuratively unless armed
    background: str | None  # the words dating the event well before the article ("in 2013", "1999", "anniversary")


def _is_reporting(mention_token: Token, lex: dict) -> bool:
    verb = next((a for a in (mention_token, *mention_token.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.lemma_.lower() in lex["reporting"]


def _sentence_dates(sentence: Span, reference: date | None) -> tuple[list[tuple[int, DateMention]], DateMention | None]:
    """Event dates (with their token index) and the reporting verb's date in a sentence."""
    if reference is None:
        return [], None
    lex = incident_lexicon()
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


def _nearest(index: int, options: Sequence[tuple[int, object]]):
    """The option at or after ``index`` closest to it ("killed ... in Quetta on Saturday"), else the closest before."""
    if not options:
        return None
    after = [option for option in options if option[0] >= index]
    return min(after, key=lambda option: option[0])[1] if after else max(options, key=lambda option: option[0])[1]


def _death_cues(sentence: Span, triggers: Sequence[Trigger]) -> list[Token]:
    """Death words among the triggers; a phrase ("shot dead", "sent to hell") counts from its verb. A word modifying
    another noun names no death ("death row inmates", "murder charges")."""
    death = incident_lexicon()["death"]
    cues = (sentence.doc[t.start] for t in triggers if t.phrase in death)
    return [cue for cue in cues if cue.dep_ != "compound"]


def _injury_cues(sentence: Span) -> list[Token]:
    injury = incident_lexicon()["injury"]
    return [t for t in sentence if (t.lemma_.lower(),) in injury or (t.lower_,) in injury]


def _killed(sentence: Span, triggers: Sequence[Trigger]) -> int | None:
    lex = incident_lexicon()
    counted = count_casualties(_death_cues(sentence, triggers), lex["intransitive"])
    tolls = [toll_count(t) for t in sentence if t.lemma_.lower() in lex["toll"]]
    tolls = [t for t in tolls if t is not None]
    return max([c for c in (counted, *tolls) if c is not None], default=None)


def forms_of_actors(actors: Sequence[Actor]) -> dict[str, str]:
    """Each actor's name and aliases, lower-cased -> its name (a later actor's form wins)."""
    return {form.lower(): actor.name for actor in actors for form in (actor.name, *actor.aliases)}


_COUNTRY_LABELS = frozenset({"GPE", "LOC", "ORG"})  # what the NER calls a country's name, rightly or not


def _names_a_country(sentence: Span, gazetteer: Gazetteer) -> bool:
    """A country the sentence names, by name or nationality ("Afghan forces", "Myanmar junta"), as a place or a side;
    a name the gazetteer knows for a country is one whatever the NER took it for ("in northern CAR", tagged ORG)."""
    return any(
        (ent.label_ == "NORP" and country_of_demonym(ent.text)) or (ent.label_ in _COUNTRY_LABELS and gazetteer.country(ent.text))
        for ent in entities_in(sentence)
    )


def _side_mentions(sentence: Span, by_form: dict[str, str]) -> list[SideMention]:
    """Sides named in the sentence, in text order: known actors (``by_form``: see ``forms_of_actors``), named groups,
    demonym states, and common nouns (militants)."""
    lex = incident_lexicon()
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
    covered = 0  # a two-word side's second word names no side of its own ("peacekeeping troops")
    for offset, token in enumerate(tokens):
        for length in (2, 1):
            words = tuple(t.lemma_.lower() for t in tokens[offset : offset + length])
            label = lex["actor_nouns"].get(words) or lex["actor_nouns"].get(tuple(t.lower_ for t in tokens[offset : offset + length]))
            if label and len(words) == length and not token.ent_type_ and offset >= covered:
                mentions.append(SideMention(tokens[offset + length - 1], label))
                covered = offset + length
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


def sentence_events(
    sentence: Span, reference: date | None, actor_forms: dict[str, str], country_hint: Callable[[], str | None], gazetteer: Gazetteer
) -> Iterator[Event]:
    """The events a sentence tells; ``country_hint`` gives the article's country, asked only of a sentence with an
    event in a physical sense (reading it costs a pass over the article, which most articles never need)."""
    triggers = list(find_triggers(sentence))
    if not triggers:
        return
    intransitive = incident_lexicon()["intransitive"]
    injury_cues = _injury_cues(sentence)
    mentions = _side_mentions(sentence, actor_forms)
    all_victims = [v for cue in (*_death_cues(sentence, triggers), *injury_cues) if (v := victim(cue, intransitive)) is not None]
    toll = any(toll_count(t) is not None for t in sentence if t.lemma_.lower() in incident_lexicon()["toll"])
    # armed men count when they take part (acting or acted on), not when only mentioned ("remarks disparaging the military")
    events = {i: t.kind for t in triggers for i in range(t.start, t.end)}
    roles = incident_sides(mentions, events, all_victims)
    heads = [sentence.doc[t.start : t.end].root for t in triggers]
    within = {token.i for head in heads for token in head.subtree}  # "shooting between Indian, Pakistani troops"
    taking_part = [m for m in mentions if m.name in (*roles.perpetrators, *roles.targets) or m.token.i in within]
    physical = is_physical(sentence, taking_part, all_victims, toll)
    triggers = [t for t in triggers if in_sense(t, sentence, physical)]
    if not triggers:
        return
    places = sentence_places(sentence, country_hint(), gazetteer)
    specific = [p for p in places if p.candidate.specificity > 0]
    if specific:  # a plural heading a headline that names a place below a country reports events there, not a topic
        triggers = [t._replace(generic=False) if t.generic and heads_a_verbless_headline(sentence.doc[t.start : t.end].root) else t for t in triggers]
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
    off_domain = is_off_domain(sentence)
    country_named = _names_a_country(sentence, gazetteer)
    for (place_key, date_key), group in groups.items():
        anchor = group[0].start
        place = next((p for p in specific if p.start == place_key), None) or best_place(places, anchor)
        when = _nearest(anchor, [(i, m) for i, m in dates if date_key is None or i == date_key])
        group_injuries = [c for c in injury_cues if group_of(c.i) == (place_key, date_key)]
        injured = count_casualties(group_injuries, intransitive)
        events = {i: t.kind for t in group for i in range(t.start, t.end)}
        victim_heads = (victim(cue, intransitive) for cue in (*_death_cues(sentence, group), *group_injuries))
        victims = [v for v in victim_heads if v is not None]
        sides = incident_sides(mentions, events, victims)
        killed = _killed(sentence, group)
        armed = is_armed(sentence, mentions, victims, toll)
        trigger_words = [word for t in group for word in sentence.doc[t.start : t.end]]
        vague_killed = vague_casualties(_death_cues(sentence, group), intransitive) or uncounted_victims(trigger_words)
        killed_text = None if killed is not None else vague_killed
        injured_text = None if injured is not None else vague_casualties(group_injuries, intransitive)
        background = background_words(sentence, group, when, reference)
        yield Event(
            sentence, group, place, when, report, killed, injured, names, sides, killed_text, injured_text, armed, country_named, off_domain, background
        )
