"""Sides of an incident: who acted (perpetrators) and who was acted on (targets), only where the grammar says so.

A side mention (a known actor, a named group, a nationality, a common noun
such as "militants") takes the role of the noun phrase it heads or modifies
("Pakistani troops", "police station"), read against the event's triggers:

- perpetrator: the subject of an active event verb ("gunmen ambushed a
  patrol"); the agent after "by" ("killed by militants", "an attack by the
  TTP"); the subject of a verb that carries an event out ("militants launched
  an attack", "the TTP claimed responsibility for the blast"); a modifier of a
  one-sided event noun ("Indian shelling", "a Taliban ambush");
- target: the object of an active event verb ("attacked a police post"); the
  subject of a passive one ("soldiers were attacked", headline style "police
  attacked in Bannu"); what an event is "on"
  or "against" ("an attack on police"); who "came under attack"; the victims
  of a death or injury cue ("two soldiers were killed"); the possessor of an
  outcome noun ("the journalist's abduction");
- neither: the sides of a mutual event (clash, exchange of fire, fighting:
  "between A and B", "troops clashed with militants"). They stay in the
  incident's actors; a side killed in a clash is still a target as a victim.

Words are read from ``data/incident_triggers.json`` (``sides``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Token

from ...lexicons import lexicon

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_NOUNS = frozenset({"NOUN", "PROPN"})


class SideMention(NamedTuple):
    token: Token  # the word naming the side (an entity's root)
    name: str  # canonical actor name or side label


class Sides(NamedTuple):
    perpetrators: list[str]
    targets: list[str]


@lru_cache(maxsize=1)
def _words() -> dict:
    data = lexicon("incident_triggers")["sides"]
    return {key: frozenset(values) for key, values in data.items()}


def _of_noun(token: Token, events: dict[int, str]) -> Token | None:
    """The noun a side is "of" ("the convoy of security forces"), unless it is an event noun."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "of" or preposition.head.pos_ not in _NOUNS:
        return None
    return preposition.head if preposition.head.i not in events else None


def _phrase_head(token: Token, events: dict[int, str]) -> Token:
    """The head of the noun phrase a side word belongs to, stopping at an event noun ("Indian shelling")."""
    while True:
        modifier = token.dep_ in _MODIFIER_DEPS and token.head.pos_ in _NOUNS and token.head.i not in events
        if token.head.i != token.i and (modifier or token.dep_ in ("conj", "appos")):
            token = token.head
        elif (noun := _of_noun(token, events)) is not None:
            token = noun
        else:
            return token


def _carries_out(verb: Token, events: dict[int, str]) -> bool:
    """ "launched an attack", "claimed responsibility for the blast": a verb whose object is the event."""
    words = _words()
    return verb.lemma_.lower() in words["agent_verbs"] and any(t.i in events for t in verb.subtree if t.i != verb.i)


def _comes_under(verb: Token, events: dict[int, str]) -> bool:
    """ "the convoy came under attack"."""
    return any(
        prep.lower_ in _words()["under_prepositions"] and any(o.i in events for o in prep.children)
        for prep in verb.children
        if prep.dep_ == "prep"
    )


def _headline_passive(verb: Token) -> bool:
    """ "Civilian killed in ...", "Police attacked in ...": a past form with a subject, no object, no auxiliary."""
    children = {c.dep_ for c in verb.children}
    return verb.tag_ in ("VBD", "VBN") and not children & {"dobj", "aux", "auxpass", "ccomp", "xcomp"}


def _role(word: Token, events: dict[int, str], victims: set[int]) -> str | None:
    """ "perpetrator", "target" or None for one side word."""
    words = _words()
    head = _phrase_head(word, events)
    if head.i in victims:
        return "target"
    governor = head.head
    if head.dep_ in _MODIFIER_DEPS and governor.i in events:
        kind = events[governor.i]
        if kind in words["outcome_kinds"]:
            return "target" if head.dep_ == "poss" else None
        return "perpetrator"
    if head.dep_ == "pobj":
        event = governor.head
        if governor.dep_ == "agent" or governor.lower_ == "by":
            return "perpetrator" if event.i in events or any(a.i in events for a in event.ancestors) else None
        if governor.lower_ in words["target_prepositions"] and event.i in events and events[event.i] not in words["mutual_kinds"]:
            return "target"
        return None
    if head.dep_ == "nsubj":
        if governor.i in events and events[governor.i] not in words["mutual_kinds"] and _headline_passive(governor):
            return "target"
        if governor.i in events and events[governor.i] not in words["mutual_kinds"]:
            return "perpetrator"
        if _comes_under(governor, events):
            return "target"
        return "perpetrator" if _carries_out(governor, events) else None
    if head.dep_ == "nsubjpass" and governor.i in events:
        return "target"
    if head.dep_ == "dobj" and governor.i in events and events[governor.i] not in words["mutual_kinds"]:
        return "target"
    return None


def incident_sides(mentions: Iterable[SideMention], events: dict[int, str], victims: Iterable[Token]) -> Sides:
    """Perpetrators and targets among a sentence's side mentions.

    ``events`` maps the token indices of the event's trigger phrases to their
    incident type; ``victims`` are the heads of the phrases naming who was
    killed or injured (the casualty cues' victims, with their conjuncts).
    """
    victim_indices = {t.i for head in victims for t in (head, *head.conjuncts)}
    perpetrators: list[str] = []
    targets: list[str] = []
    for mention in mentions:
        role = _role(mention.token, events, victim_indices)
        chosen = perpetrators if role == "perpetrator" else targets if role == "target" else None
        if chosen is not None and mention.name not in chosen:
            chosen.append(mention.name)
    return Sides(perpetrators, targets)
