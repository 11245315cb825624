"""Actors: the people, states, armed groups, agencies and media an article names.

Entity mentions are grouped under one canonical name: the gazetteer's name when
the entity ruler matched (``ent_id_``), the long form of an abbreviation the
article defines ("Tehreek-e-Taliban Pakistan (TTP)"), or the fullest form of a
person's name ("Naqvi" after "Mohsin Naqvi"). Places that are not states are
left to the incidents extractor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer, normalize
from ..lexicons import word_set
from ..model import Actor, Evidence
from .abbreviations import find_abbreviations
from .doc_index import entities_starting_in
from .evidence import span_evidence

# Actor kind by entity label; GPE counts only when it names a country.
KIND_BY_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "ARMED_GROUP": "armed_group",
    "AGENCY": "agency",
    "MEDIA": "media",
    "GPE": "state",
}

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def surface_name(span: Span) -> str:
    """An entity's text without a leading "the" or a trailing possessive."""
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", span.text.strip()))


def _name_span(span: Span, entity_at: dict[int, Span]) -> Span:
    """The mention as a name: an entity ending in a connector joins the entity right after it ("Bank of" +
    "America"); otherwise trailing tokens the model ran on are dropped (closing quotes, dashes, lower-case
    words: "Donald Trump ''", "the Minnesota Vikings - while")."""
    doc = span.doc
    follower = entity_at.get(span.end)
    if follower is not None and span[-1].lower_ in word_set("name_connectors"):
        return Span(doc, span.start, follower.end, label=span.label_)
    end = span.end
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].text[:1].islower()):
        end -= 1
    return span if end == span.end else Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id, span_id=span.id)


def _plausible(name: str) -> bool:
    # Drops the model's stray fragments: lower-case words, digits, single letters.
    return len(name) > 1 and name[0].isupper() and not any(c.isdigit() for c in name)


@dataclass
class _Group:
    name: str
    kind: str
    forms: set[str] = field(default_factory=set)
    kind_votes: Counter[str] = field(default_factory=Counter)
    evidence: list[Evidence] = field(default_factory=list)


def _canonical(span: Span, name: str, gazetteer: Gazetteer, long_forms: dict[str, str]) -> tuple[str, str] | None:
    """(canonical name, kind) of an entity mention, or None when it is no actor."""
    label = span.label_
    if label == "GPE":
        country = gazetteer.country(span.ent_id_ or name)
        return (country.name, "state") if country else None
    if label not in KIND_BY_LABEL:
        return None
    known = gazetteer.actor(span.ent_id_ or long_forms.get(name, name))
    if known:
        return known.name, known.kind
    return long_forms.get(name, name), KIND_BY_LABEL[label]


def _add_undetected_long_forms(doc: Doc, groups: dict[str, _Group], long_forms: dict[str, str], gazetteer: Gazetteer) -> None:
    """An organisation defined as "Long Name (LN)" is an actor even when the model tagged neither form
    (a gazetteer place inside the name, "Sindh Freedom Front", keeps the model from tagging it)."""
    occurrences: dict[str, list[int]] = {}
    for token in doc:
        if token.text in long_forms:
            occurrences.setdefault(token.text, []).append(token.i)
    for short, long_name in long_forms.items():
        words = long_name.split()
        if long_name in groups or not all(w[0].isupper() for w in words if len(w) > 3):
            continue
        known = gazetteer.actor(long_name)
        group = _Group(long_name, known.kind if known else "organization")
        for i in occurrences.get(short, []):
            group.forms.add(short)
            group.evidence.append(span_evidence(doc[i : i + 1]))
        if group.evidence:
            groups[long_name] = group


def _name_words(name: str) -> list[str]:
    return [normalize(word) for word in name.split()]  # "Holtz-Eakin" stays one word


def _surname_words(name: str) -> list[str] | None:
    """A surname's words, compared case- and apostrophe-insensitively ("O’Neill" is "O'Neill"): one word, or one after
    name particles ("De Blasio", "van Gogh"); None for a fuller name."""
    words = _name_words(name)
    return words if words and all(w in word_set("name_connectors") for w in words[:-1]) else None


def _merge_person_names(groups: dict[str, _Group], gazetteer: Gazetteer) -> None:
    """Fold "Naqvi" into "Mohsin Naqvi" when exactly one full name ends (or starts) with it, "De Blasio" into "Bill de
    Blasio", "O'Neill" into "James O’Neill". A one-word organisation the gazetteer does not know folds too: the model
    often tags a bare surname ORG ("Trump said")."""
    people = [(g, _name_words(g.name)) for g in groups.values() if g.kind == "person"]
    for short in [g for g in groups.values() if g.kind == "person" or (g.kind == "organization" and " " not in g.name and not gazetteer.actor(g.name))]:
        surname = _surname_words(short.name)
        if surname is None:
            continue
        fuller = [
            g for g, words in people
            if g is not short and len(words) > len(surname) and (words[-len(surname):] == surname or len(surname) == 1 and surname[0] in words)
        ]
        if len(fuller) == 1:
            target = fuller[0]
            target.forms |= short.forms
            target.evidence += short.evidence
            del groups[short.name]


def extract_actors(doc: Doc, gazetteer: Gazetteer) -> list[Actor]:
    """The article's actors, named as ``gazetteer`` names them, most mentioned first (ties in order of first mention)."""
    long_forms: dict[str, str] = {}
    long_labels: dict[str, str] = {}
    for abbreviation in find_abbreviations(doc):
        long_name = surface_name(abbreviation.long)
        long_forms[abbreviation.short.text] = long_name
        labels = [e.label_ for e in entities_starting_in(doc, abbreviation.long.start, abbreviation.long.end)]
        if labels:
            long_labels[abbreviation.short.text] = labels[0]

    entity_at = {ent.start: ent for ent in doc.ents}
    joined_until = 0
    groups: dict[str, _Group] = {}
    for ent in doc.ents:
        if ent.start < joined_until:
            continue
        ent = _name_span(ent, entity_at)
        joined_until = ent.end
        name = surface_name(ent)
        if not _plausible(name):
            continue
        # An abbreviation takes the kind of its long form's entity when the model labelled them apart.
        if name in long_labels and ent.label_ != long_labels[name] and not ent.ent_id_:
            ent = Span(doc, ent.start, ent.end, label=long_labels[name])
        found = _canonical(ent, name, gazetteer, long_forms)
        if found is None:
            continue
        canonical, kind = found
        group = groups.setdefault(canonical, _Group(canonical, kind))
        group.forms.add(name)
        group.kind_votes[kind] += 1
        group.evidence.append(span_evidence(ent))
    for group in groups.values():  # the kind most mentions carry: the model labels one name apart now and then
        if group.kind_votes:
            group.kind = max(group.kind_votes, key=lambda k: (group.kind_votes[k], k == group.kind))
    _add_undetected_long_forms(doc, groups, long_forms, gazetteer)
    _merge_person_names(groups, gazetteer)

    actors = [
        Actor(
            name=g.name,
            kind=g.kind,
            aliases=sorted(f for f in g.forms if f != g.name),
            mentions=len(g.evidence),
            evidence=sorted(g.evidence, key=lambda e: e.start),
        )
        for g in groups.values()
    ]
    actors.sort(key=lambda a: (-a.mentions, a.evidence[0].start))
    return actors
