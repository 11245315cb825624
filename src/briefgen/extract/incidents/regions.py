"""Regions an event's text implies without naming a place: its province (admin1) from general clues.

Read only when the event's sentence names no place below the country, and
never without a clue in the text: with none, the incident keeps its country
alone. Each rule reads curated data from ``data/place_words.json``; a region
that does not resolve in the incident's country gives nothing. Most specific
clue first:

1. Directional regions: a direction relative to a country ("in northwest",
   "northwest Pakistan", "the country's southwest", "the northwestern town of
   ...") is the province that is that part of the country. Where provinces are
   named by direction (Sri Lanka's Northern Province, Rwanda's Eastern,
   Cameroon's North-West) the name decides, read from pycountry; elsewhere
   ``directional_regions`` lists the one province a direction means in common
   usage (Pakistan: northwest -> Khyber Pakhtunkhwa, southwest ->
   Balochistan). A direction spanning several provinces (eastern Afghanistan,
   northeast Nigeria) is not listed and gives no admin1. A direction from a
   place ("40 km northwest of Peshawar") or inside a name ("Middle East",
   "South Sudan", "North Waziristan") is no region of the country.
2. Contested borders: fire across a border (``border_fire_words``: firing,
   shelling, shooting...) in a sentence naming both neighbours of a
   ``contested_borders`` pair happened where the contested line runs on the
   side of the incident's country (the side that was hit): India/Pakistan
   Line of Control -> Azad Kashmir on the Pakistani side, Jammu and Kashmir on
   the Indian one.
3. Home regions: a people or a regional party whose homeland or base is one
   province (``home_regions``: "Baloch militants", "Sindhi nationalists", a
   group whose name holds the word, as the Baloch Liberation Army; MQM ->
   Sindh). Peoples found in several provinces or countries (Pashtun, Kurdish,
   Punjabi) are not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pycountry
from spacy.tokens import Span, Token

from ...gazetteer import Gazetteer, normalize
from ...lexicons import lexicon
from ...model import Location
from ..doc_index import entities_in
from ..places import admin_suffix, country_names, resolve_candidate
from .lexicon import PLACE_LABELS

_NAME_LABELS = frozenset({"ARMED_GROUP", "ORG", "NORP", "GPE"})
_DIRECTION_SPAN = 3  # tokens a written direction may take ("north", "-", "western")


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text.lower())


@lru_cache(maxsize=1)
def _words() -> dict:
    return lexicon("place_words")


@lru_cache(maxsize=4)
def _named_directions(gazetteer: Gazetteer) -> dict[tuple[str, str], str]:
    """(country, direction) -> the province named by that direction, from pycountry ("Northern Province")."""
    directions = _words()["direction_words"]
    countries = country_names(gazetteer)
    table: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        direction = directions.get(_key(admin_suffix().sub("", sub.name)))
        country = countries.get(sub.country_code)
        if sub.parent_code is None and direction and country:
            table[(country, direction)] = sub.name
    return table


def _direction_at(sentence: Span, index: int) -> tuple[str, Token] | None:
    """The direction written from token ``index`` ("north-western" over three tokens) and its last token."""
    doc, directions = sentence.doc, _words()["direction_words"]
    for length in range(_DIRECTION_SPAN, 0, -1):
        end = index + length
        if end <= sentence.end and _key(doc[index:end].text) in directions:
            return directions[_key(doc[index:end].text)], doc[end - 1]
    return None


def _in_a_name(token: Token, gazetteer: Gazetteer) -> bool:
    """A direction inside a place name that resolves ("North Waziristan", "South Sudan")."""
    ent = next((e for e in entities_in(token.sent) if e.start <= token.i < e.end and e.label_ in PLACE_LABELS), None)
    return ent is not None and resolve_candidate(ent.ent_id_ or ent.text, gazetteer) is not None


def _direction_country(last: Token, countries: dict[int, str], hint: str | None) -> str | None:
    """The country a direction is relative to; None when it is relative to something else."""
    words = _words()
    if any(c.dep_ in ("compound", "amod") and c.i < last.i and _direction_at(last.sent, c.i) is None for c in last.children):
        return None  # "Middle East"
    of_objects = [o for p in last.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    owners = [c for c in last.children if c.dep_ == "poss"] + of_objects
    if owners:
        owner = owners[0]
        return countries.get(owner.i) or (hint if owner.lemma_.lower() in words["country_nouns"] else None)
    if last.dep_ in ("amod", "compound") and last.head.i in countries:
        return countries[last.head.i]
    place_noun = last.dep_ == "amod" and last.head.lemma_.lower() in words["suffixes"]
    locative = last.dep_ == "pobj" and last.head.lower_ in words["locative_prepositions"]
    return hint if place_noun or locative else None


def directional_region(sentence: Span, countries: dict[int, str], hint: str | None, gazetteer: Gazetteer) -> str | None:
    """The province a written direction names ("in the country's southwest" -> Balochistan), or None."""
    curated = _words()["directional_regions"]
    for token in sentence:
        found = _direction_at(sentence, token.i)
        if found is None or _in_a_name(token, gazetteer):
            continue
        direction, last = found
        country = _direction_country(last, countries, hint)
        region = curated.get(country or "", {}).get(direction) or (country and _named_directions(gazetteer).get((country, direction)))
        if region:
            return region
    return None


def border_region(trigger_words: Iterable[str], country: str | None, named: Iterable[str]) -> str | None:
    """The region of a contested border on ``country``'s side, for fire across it when the neighbour is named."""
    if not set(trigger_words) & set(_words()["border_fire_words"]):
        return None
    named = set(named)
    for border in _words()["contested_borders"]:
        sides = border["sides"]
        if country in sides and any(other in named for other in sides if other != country):
            return sides[country]
    return None


def home_region(sentence: Span) -> str | None:
    """The home province of a people or regional party the sentence names ("Baloch militants")."""
    homes = _words()["home_regions"]
    for ent in entities_in(sentence):
        if ent.label_ in _NAME_LABELS:
            for name in (ent.text, ent.ent_id_):
                for word in (normalize(name), *normalize(name).split()):
                    if word in homes:
                        return homes[word]
    return next((homes[token.lower_] for token in sentence if token.lower_ in homes), None)


def implied_location(
    sentence: Span, country: str | None, trigger_words: Sequence[str], countries: dict[int, str], gazetteer: Gazetteer
) -> Location | None:
    """The province the sentence implies for an event in ``country`` (see the module docstring), or None.

    ``countries`` maps the token index of each country name or nationality in
    the sentence to its country; ``trigger_words`` are the event's trigger words;
    regions resolve in ``gazetteer``.
    """
    regions = (
        directional_region(sentence, countries, country, gazetteer),
        border_region(trigger_words, country, countries.values()),
        home_region(sentence),
    )
    for region in regions:
        candidate = resolve_candidate(region, gazetteer, country) if region else None
        location = candidate.location if candidate else None
        if location is not None and location.admin1 and location.country == country:
            return Location(location.admin1, None, location.admin1, location.country)
    return None
