"""Speakers: the noun phrase a cue verb attributes its content to, and what it refers to.

``subject_of`` finds the speaker token of a cue (inherited through "..., saying",
"and said", "appeared to suggest"); ``speaker_span`` widens it to the full noun
phrase with titles kept and relative clauses dropped; ``Antecedents`` resolves
pronoun and bare-title speakers ("he", "they", "the spokesman") to the nearest
fitting earlier speaker or named entity; ``actor_name`` links a speaker to an actor.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..gazetteer import normalize
from ..lexicons import word_set
from ..model import Actor
from .doc_index import doc_entities, entities_in

SUBJECTS = {"nsubj", "csubj"}
# Clauses that share the subject of the verb they hang from.
SUBJECT_SHARING = {"conj", "advcl", "xcomp", "ccomp", "pcomp"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"they", "it", "we"}
ORGANIZATION_LABELS = {"ORG", "AGENCY", "ARMED_GROUP", "MEDIA", "GPE", "NORP"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, looking through participle and coordinated clauses."""
    for _ in range(3):
        subject = next((child for child in verb.children if child.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a statement saying ...", "officials saying ..."
        if verb.dep_ not in SUBJECT_SHARING or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def speaker_span(subject: Token, stop: int | None = None) -> Span:
    """The subject's noun phrase: modifiers and titles kept, relative clauses and comma appositions cut.

    ``stop`` cuts the phrase before that token (the cue, when the subject is the head of an "acl").
    """
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for child in subject.rights:
        cut_here = child.dep_ in ("relcl", "acl") and child.tag_ != "VBN" and child.i > subject.i
        cut_here |= child.dep_ == "appos" and doc[child.left_edge.i - 1].text == ","
        cut_here |= child.dep_ == "punct" and child.text == ","
        if cut_here:
            end = min(end, child.left_edge.i)
    if stop is not None and start <= stop < end:
        end = stop
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
            break
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def is_referring(span: Span) -> bool:
    """True for speakers that point back to someone: pronouns and "the spokesman"-like phrases."""
    words = [token.lower_ for token in span]
    if len(words) == 1 and words[0] in PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS:
        return True
    return (
        len(words) == 2
        and words[0] == "the"
        and words[1] in word_set("official_titles")
        and span[1].pos_ != "PROPN"
    )


def _is_person(span: Span) -> bool:
    return any(ent.label_ == "PERSON" for ent in entities_in(span))


def _is_group(span: Span) -> bool:
    return span.root.tag_ in ("NNS", "NNPS") or any(ent.label_ in ORGANIZATION_LABELS for ent in entities_in(span))


class Antecedents:
    """Earlier speakers and subject entities, searched backwards to resolve a referring speaker.

    Each candidate is filed once by what it can stand for (a person, a group, a
    phrase holding a word), each file ordered latest first, so that a lookup
    bisects one file instead of reading every earlier candidate.
    """

    def __init__(self, doc: Doc) -> None:
        self._filed = 0
        # File entries: (-start, order filed, span); equal starts keep the order filed.
        self._persons: list[tuple[int, int, Span]] = []
        self._groups: list[tuple[int, int, Span]] = []
        self._by_word: dict[str, list[tuple[int, int, Span]]] = {}
        # Named subjects are candidates even before anyone quotes them ("Smith arrived. He said ...").
        for ent in doc_entities(doc):
            if ent.root.dep_ in SUBJECTS | {"nsubjpass"} and ent.label_ != "CARDINAL":
                self._file(speaker_span(ent.root))
        self._full_names = self._longest_person_names(doc)

    @staticmethod
    def _longest_person_names(doc: Doc) -> dict[str, Span]:
        """Surname -> the longest PERSON mention ending in it ("Clinton" -> "Hillary Clinton")."""
        names: dict[str, Span] = {}
        for ent in doc_entities(doc):
            if ent.label_ == "PERSON" and len(ent) > len(names.get(ent[-1].text, ())):
                names[ent[-1].text] = ent
        return names

    def _file(self, span: Span) -> None:
        entry = (-span.start, self._filed, span)
        self._filed += 1
        if is_referring(span):
            return  # never an antecedent itself
        if _is_person(span):
            insort(self._persons, entry)
        elif _is_group(span):
            insort(self._groups, entry)
        for word in {token.lower_ for token in span}:
            insort(self._by_word.setdefault(word, []), entry)

    def add_speaker(self, span: Span) -> None:
        self._file(span)

    @staticmethod
    def _latest(file: list[tuple[int, int, Span]], before: int) -> Span | None:
        """The filed span that starts last among those ending by token ``before``."""
        for position in range(bisect_left(file, (1 - before,)), len(file)):
            span = file[position][2]
            if span.end <= before:
                return span
        return None

    def resolve(self, referring: Span) -> Span | None:
        """The nearest earlier span that fits the referring speaker, if any."""
        word = referring[-1].lower_
        if word in RELATIVE_PRONOUNS:
            head = referring.root.head.head  # who -> relcl verb -> the noun it describes
            return speaker_span(head) if head.pos_ in ("NOUN", "PROPN") else None
        if word in PERSON_PRONOUNS:
            person = self._latest(self._persons, referring.start)
            return self.full_name(person) if person is not None else None
        if word in GROUP_PRONOUNS:
            return self._latest(self._groups, referring.start)
        return self._latest(self._by_word.get(word, []), referring.start)

    def full_name(self, span: Span) -> Span:
        """A lone surname widened to the longest earlier name ending in it."""
        if len(span) == 1 and span.label_ == "PERSON" or (len(span) == 1 and span[0].pos_ == "PROPN"):
            return self._full_names.get(span[-1].text, span)
        return span


def actor_forms(actors: Sequence[Actor]) -> dict[str, str]:
    """Normalized written form -> canonical actor name."""
    forms: dict[str, str] = {}
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            forms.setdefault(normalize(form), actor.name)
    return forms


def actor_name(speaker: Span, forms: dict[str, str]) -> str | None:
    """The actor the speaker is: an entity holding the phrase's head word, known to ``forms``.

    Without a known actor list, the gazetteer's canonical name (``ent_id_``) is used.
    """
    head = speaker.root
    for ent in entities_in(speaker):
        if ent.start <= head.i < ent.end:
            if forms:
                return forms.get(normalize(ent.text)) or forms.get(normalize(ent.ent_id_ or ent.text))
            return ent.ent_id_ or None
    return None
