"""Background: an event the text dates well before the article ("in 2013", "the 1999 shooting", an anniversary)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span

from ..dates import DateMention, latest_day
from .lexicon import incident_lexicon
from .triggers import Trigger

_BACKGROUND_DAYS = 14  # an event the text dates more than this before the article is background (the day's news is roughly its week)


_YEAR = re.compile(r"(?:19|20)\d\d")


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
