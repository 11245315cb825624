"""Background: an event the text dates well before the article ("in 2013", "the 1999 shooting", an anniversary), or
one it only recalls, undated, as known ("during the attack on the U.S. compound in Benghazi", "Kennedy's assassination")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from ..dates import DateMention, latest_day
from .lexicon import incident_lexicon
from .triggers import Trigger

_BACKGROUND_DAYS = 14  # an event the text dates more than this before the article is background (the day's news is roughly its week)


_YEAR = re.compile(r"(?:19|20)\d\d")
_DEFINITE_DETERMINERS = frozenset({"the", "that", "those"})


def _long_before(last: date, reference: date) -> bool:
    return (reference - last).days > _BACKGROUND_DAYS


def background_words(sentence: Span, triggers: Sequence[Trigger], when: DateMention | None, reference: date | None) -> str | None:
    """The words dating an event well before the article: its date ("in October 2013", "the Feb. 13 death" in
    September, "22 years ago"), a year modifying it ("the 1999 shooting", "the 2011 raid"), or a past it is
    recalled in ("the 50th anniversary of the march"). None for the day's news."""
    if reference is None:
        return None
    last = latest_day(when, reference) if when is not None else None
    if when is not None and last is not None and _long_before(last, reference):
        return when.text
    governors = incident_lexicon()["past_governors"]
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


def is_recalled(sentence: Span, triggers: Sequence[Trigger], when: DateMention | None) -> bool:
    """An undated event the text names as known rather than tells as news: by its victim's name ("Kennedy's
    assassination", "the killings of Trayvon Martin"), by a definite description ("during the attack on the U.S.
    compound", "since the Orlando nightclub shooting", "the attack on police in Dallas showed ..."), or in the past
    perfect ("had bombed"). A reader takes it for background unless the article tells it as news elsewhere
    (``extract_incidents`` decides). Every trigger counts, a general one too: "Protests broke out after the shooting
    of Keith Scott" tells the protests."""
    heads = [sentence.doc[t.start : t.end].root for t in triggers]
    return when is None and bool(heads) and all(_names_victim(h) or _is_definite(h) or _past_perfect(h) for h in heads)


def _possessor(child: Token) -> bool:
    """ "Kennedy's", "the soldiers'", "his": a possessive; a quote mark after a singular noun is none ("army 'kills ...")."""
    if child.dep_ != "poss":
        return False
    mark = next((c.text for c in child.children if c.dep_ == "case"), None)
    return mark is None or mark.lower() in ("'s", "’s") or child.lower_.endswith("s")


def _names_victim(head: Token) -> bool:
    """ "Browder's death", "the killings of Trayvon Martin": an event named by the person it befell."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    named = [c for c in head.children if _possessor(c)]
    named += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(n.ent_type_ == "PERSON" for n in named)


def _is_definite(head: Token) -> bool:
    """ "the attack on the compound", "Kennedy's assassination": an event noun a reader is taken to know."""
    return head.pos_ in ("NOUN", "PROPN") and any(
        _possessor(c) or (c.dep_ == "det" and c.lower_ in _DEFINITE_DETERMINERS) for c in head.children
    )


def _past_perfect(head: Token) -> bool:
    """ "had bombed", "had been killed": before the story's own past; not in reported speech, where the past perfect
    is only the report's tense ("police said militants had attacked the post")."""
    reported = any(a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in incident_lexicon()["reporting"] for a in head.ancestors)
    return head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in head.children) and not reported
