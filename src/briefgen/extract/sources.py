"""Sources: who the article's claims rest on, one entry per distinct speaker, with its kind.

``speaker_kind`` classes a speaker phrase (named_person, official, anonymous,
media, institution, document) from the gazetteer and the word lists in data;
``collect_sources`` groups claims by speaker and counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Span, Token

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
    "NORP": "anonymous",  # a population or a party's people ("Americans", "Democrats"), not a body
}
DATELINE_DASHES = {"-", "--", "–", "—"}
LEGISLATOR_TAG = re.compile(r",?\s*\((?:R|D|I)\s*-")


def _head_entity(span: Span) -> Span | None:
    """The named entity holding the phrase's head word."""
    return next((ent for ent in entities_in(span) if ent.start <= span.root.i < ent.end), None)


def _gazetteer_kind(entity: Span | None, gazetteer: Gazetteer) -> str | None:
    entry = gazetteer.actor(entity.ent_id_ or entity.text) if entity is not None else None
    return entry.source_kind or ACTOR_KINDS.get(entry.kind, "institution") if entry is not None else None


def _phrase(tokens: Iterable[Token]) -> str:
    return " " + " ".join(token.lower_ for token in tokens) + " "


def _names(phrase: str, list_name: str) -> bool:
    """Whether the padded lower-cased ``phrase`` holds an entry of ``data/LIST_NAME.txt`` as whole words."""
    return any(f" {entry} " in phrase for entry in word_set(list_name))


def _title_of(mention: Span) -> list[Token]:
    """The words describing a person mention: its premodifiers ("FBI Director", "former Secretary of
    State") and appositions ("Ildefonso Guajardo Villarreal, Mexico's economy minister")."""
    root = mention.root
    before = [token for token in mention.doc[root.left_edge.i : mention.start] if token.ent_type_ != "PERSON"]
    after = [token for child in root.children if child.dep_ == "appos" and child.i >= mention.end for token in child.subtree]
    return before + after


def _mention_kind(mention: Span) -> tuple[int, str] | None:
    """(title length, kind) of one person mention, or None when it carries no title."""
    title = _title_of(mention)
    phrase = _phrase(title)
    # A party-and-state tag after the name ("Paul Ryan (R-Wis.)") marks a sitting legislator.
    legislator = LEGISLATOR_TAG.match(mention.doc.text, mention.end_char) is not None
    if _names(phrase, "out_of_office"):
        return len(title), "named_person"
    if _names(phrase, "media_sources"):
        return len(title), "media"
    if _names(phrase, "official_titles") or legislator or (_names(phrase, "role_titles") and _state_body(title)):
        # A union's president or a campaign's spokesman speaks for no state.
        for_a_person = any(token.ent_type_ == "PERSON" for token in title)  # "Stein spokeswoman"
        if _names(phrase, "institution_markers") or (for_a_person and not legislator and not _state_body(title)):
            return len(title), "named_person"
        return len(title) + legislator, "official"
    return None


def _state_body(tokens: Sequence[Token]) -> bool:
    return any(token.ent_type_ in ("GPE", "AGENCY") for token in tokens)


def _same_person(mention: Span, person: Span) -> bool:
    """Whether two person names can be one person: the same surname, and when both give more, the same
    first name or the same last two words ("Guajardo Villarreal", "Bill de Blasio" and "De Blasio")."""
    if mention[-1].lower_ != person[-1].lower_:
        return False
    if len(mention) < 2 or len(person) < 2:
        return True
    return mention[0].lower_ == person[0].lower_ or mention[-2].lower_ == person[-2].lower_


def _person_kind(person: Span, speaker: Span) -> str:
    """A named person's kind from the fullest titled mention of them in the whole article."""
    mentions = [ent for ent in person.doc.ents if ent.label_ == "PERSON" and _same_person(ent, person)]
    kinds = [kind for kind in (_mention_kind(mention) for mention in [person, *mentions]) if kind is not None]
    if not kinds:
        return "named_person"
    return max(kinds, key=lambda length_kind: length_kind[0])[1]


def _is_person_name(token: Token) -> bool:
    """A person's name, or a word naming one elsewhere in the article (a surname the parser took for an organisation)."""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and any(ent.label_ == "PERSON" and ent[-1].lower_ == token.lower_ for ent in token.doc.ents)


def _named_person(span: Span, entity: Span | None) -> Span | None:
    """The person a speaker phrase names: its head entity, a bare surname named elsewhere as a person,
    or a person in apposition ("a lawyer for the outlets, David Schulz")."""
    if entity is not None and entity.label_ == "PERSON":
        return entity
    root = span.root
    if _is_person_name(root):
        return entity if entity is not None else span.doc[root.i : root.i + 1]
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return next(ent for ent in span.doc.ents if ent.start <= child.i < ent.end)
    return None


def _members(span: Span) -> Span | None:
    """The members of a count or an unnamed group ("a group of doctors", "dozens of papers", "many of
    the residents"): such a speaker is of their kind."""
    root = span.root
    if root.lemma_.lower() not in word_set("collective_heads"):
        return None
    of = next((child for child in root.children if child.dep_ == "prep" and child.lower_ == "of"), None)
    member = next((child for child in of.children if child.dep_ == "pobj"), None) if of is not None else None
    # What follows the members in the phrase qualifies them too ("a group of Republicans ... on the committee").
    return span.doc[member.left_edge.i : max(member.right_edge.i + 1, span.end)] if member is not None else None


def _bare_group(span: Span) -> bool:
    """A plural group named by its head word alone ("Republicans", "the lawmakers")."""
    root = span.root
    return root.tag_ in ("NNS", "NNPS") and all(child.dep_ == "det" for child in root.children)


def _group_mentions(head: Token) -> Iterator[Span]:
    """The article's other mentions of a group word with what qualifies them: premodifiers
    ("Oversight Committee Republicans") and prepositional phrases ("Republicans on the committee")."""
    for token in head.doc:
        if token.lower_ == head.lower_ and token.i != head.i:
            qualifiers = [t for child in token.children if child.dep_ == "prep" for t in child.subtree]
            yield token.doc[token.left_edge.i : token.i + 1 + len(qualifiers)] if qualifiers else token.doc[token.left_edge.i : token.i + 1]


def speaker_kind(span: Span, gazetteer: Gazetteer) -> str:
    """The source kind of a speaker phrase, judged from the whole article (a ``gazetteer`` actor's
    ``source_kind`` when it names one); the rule is ../shared/eval/source-kinds.md."""
    words = {token.lower_ for token in span}
    phrase = _phrase(span)
    head = span.root.lower_
    if words & word_set("anonymous_sources") and not any(ent.label_ == "PERSON" for ent in entities_in(span)):
        return "anonymous"
    # "an official, speaking on condition of anonymity," / "who asked not to be named"
    described = " ".join(t.lower_ for t in span.root.subtree)
    if any(phrase in described for phrase in word_list("anonymity_phrases")):
        return "anonymous"
    entity = _head_entity(span)
    person = _named_person(span, entity)
    if person is not None:
        return _person_kind(person, span)
    if words & word_set("media_sources") or any(ent.label_ == "MEDIA" for ent in entities_in(span)):
        return "media"
    members = _members(span)
    if members is not None:
        return speaker_kind(members, gazetteer)
    if head in word_set("document_sources"):
        return "document"
    if span.root.lemma_.lower() in word_set("out_of_office"):
        return "named_person"  # "the Democratic presidential nominee"
    if _names(phrase, "institution_markers"):
        return "institution"
    gazetteer_kind = _gazetteer_kind(entity, gazetteer)
    if gazetteer_kind:
        return gazetteer_kind
    if _names(phrase, "official_titles"):
        return "official"
    if _bare_group(span) and any(_names(_phrase(mention), "official_titles") for mention in _group_mentions(span.root)):
        return "official"  # "Republicans said" after "Oversight Committee Republicans"
    if entity is not None and entity.label_ in ENTITY_KINDS:
        return ENTITY_KINDS[entity.label_]
    if span.root.pos_ == "PROPN":
        return "named_person"
    if span.root.pos_ == "PRON":
        return "named_person" if head in ("he", "she") else "anonymous"
    # Someone's relative or lawyer ("Scott's family") is a named person's circle, on the record.
    if any(child.dep_ == "poss" and _is_person_name(child) for child in span.root.children):
        return "named_person"
    # A definite singular body ("the bank") is an institution; unnamed people ("a witness",
    # "my mother", "critics") are no identifiable source.
    definite = any(child.dep_ in ("det", "poss") and child.lower_ not in INDEFINITE and child.pos_ != "PRON" for child in span.root.children)
    return "institution" if definite and span.root.tag_ == "NN" else "anonymous"


def is_dateline(subject: Token) -> bool:
    """A dateline the parser took for a subject ("Washington (AFP) –", "BEIRUT (Reuters) -"): a place
    opening the sentence with an agency in brackets and a dash. It is never a speaker."""
    doc = subject.doc
    end = subject.right_edge.i + 1
    dash = doc[end - 1].text in DATELINE_DASHES or (end < len(doc) and doc[end].text in DATELINE_DASHES)
    phrase = doc[subject.left_edge.i : end]
    return dash and subject.left_edge.i == subject.sent.start and "(" in phrase.text and any(t.ent_type_ == "MEDIA" for t in phrase)


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
    name it ends when both are of one kind ("Comey" and "FBI Director James Comey"). ``actors`` is accepted for symmetry with the other extractors:
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
        if owner in sources and sources[name].kind == sources[owner].kind:
            sources[owner].claims += sources.pop(name).claims
    return list(sources.values())
