"""Sources: who the article's claims rest on, one entry per distinct speaker, with its kind.

``speaker_kind`` classes a speaker phrase (named_person, official, anonymous,
media, institution, document) from the gazetteer and the word lists in data;
``collect_sources`` groups claims by speaker and counts them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from ..gazetteer import Gazetteer, normalize
from ..lexicons import word_list, word_set
from ..model import Actor, Claim, Source
from .doc_index import entities_in

ACTOR_KINDS = {"media": "media", "state": "official", "agency": "official", "person": "named_person"}
INDEFINITE = {"a", "an", "one", "another", "some", "any"}
ENTITY_KINDS = {
    "PERSON": "named_person",
    "MEDIA": "media",
    "AGENCY": "official",
    "GPE": "official",
    "ORG": "institution",
    "ARMED_GROUP": "institution",
    "NORP": "institution",
}


def _head_entity(span: Span) -> Span | None:
    """The named entity holding the phrase's head word."""
    return next((ent for ent in entities_in(span) if ent.start <= span.root.i < ent.end), None)


def _gazetteer_kind(entity: Span | None, gazetteer: Gazetteer) -> str | None:
    entry = gazetteer.actor(entity.ent_id_ or entity.text) if entity is not None else None
    return entry.source_kind or ACTOR_KINDS.get(entry.kind, "institution") if entry is not None else None


def speaker_kind(span: Span, gazetteer: Gazetteer) -> str:
    """The source kind of a speaker phrase (a ``gazetteer`` actor's ``source_kind`` when it names one)."""
    words = {token.lower_ for token in span}
    head = span.root.lower_
    if words & word_set("anonymous_sources") and not any(ent.label_ == "PERSON" for ent in entities_in(span)):
        return "anonymous"
    # "an official, speaking on condition of anonymity," / "who asked not to be named"
    described = " ".join(t.lower_ for t in span.root.subtree)
    if any(phrase in described for phrase in word_list("anonymity_phrases")):
        return "anonymous"
    if words & word_set("media_sources"):
        return "media"
    if head in word_set("document_sources"):
        return "document"
    entity = _head_entity(span)
    gazetteer_kind = _gazetteer_kind(entity, gazetteer)
    if gazetteer_kind:
        return gazetteer_kind
    # Office holders are officials, named ("Interior Minister X") or not ("a police spokesman").
    if words & word_set("official_titles"):
        return "official"
    if entity is not None and entity.label_ in ENTITY_KINDS:
        return ENTITY_KINDS[entity.label_]
    if any(ent.label_ == "PERSON" for ent in entities_in(span)) or span.root.pos_ == "PROPN":
        return "named_person"
    if span.root.pos_ == "PRON":
        return "named_person" if head in ("he", "she") else "anonymous"
    # A definite singular body ("the union", "the campaign") is an institution; unnamed
    # people ("a witness", "one questioner", "critics") are no identifiable source.
    definite = any(child.dep_ in ("det", "poss") and child.lower_ not in INDEFINITE for child in span.root.children)
    return "institution" if definite and span.root.tag_ == "NN" else "anonymous"


def _key(claim: Claim) -> str:
    return claim.actor or normalize(claim.speaker)


def _surname_owners(names: Sequence[str]) -> dict[str, str]:
    """Each ending of a speaker name after a space -> the first name with that ending ("Figueroa" -> "spokeswoman Melezia Figueroa")."""
    owners: dict[str, str] = {}
    for name in names:
        for space in (i for i, character in enumerate(name) if character == " "):
            owners.setdefault(name[space + 1 :], name)
    return owners


def collect_sources(claims: Sequence[Claim], actors: Sequence[Actor] = ()) -> list[Source]:
    """One source per distinct speaker, in order of first claim, with its claim count.

    Speakers naming the same actor are one source; a bare surname joins the fuller
    name it ends. ``actors`` is accepted for symmetry with the other extractors:
    claims already carry their actor.
    """
    sources: dict[str, Source] = {}
    for claim in claims:
        key = _key(claim)
        if key not in sources:
            sources[key] = Source(
                name=claim.speaker,
                kind=claim.speaker_kind,
                anonymous=claim.speaker_kind == "anonymous",
                claims=0,
                actor=claim.actor,
            )
        sources[key].claims += 1
    owners = _surname_owners(list(sources))
    for name in list(sources):
        owner = owners.get(name)
        if owner in sources and sources[name].kind == "named_person" == sources[owner].kind:
            sources[owner].claims += sources.pop(name).claims
    return list(sources.values())
