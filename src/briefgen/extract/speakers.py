"""Speakers: the noun phrase a cue verb attributes its content to, and what it refers to.

``subject_of`` finds the speaker token of a cue (inherited through "..., saying",
"and said", "appeared to suggest"); ``speaker_span`` widens it to the full noun
phrase with titles kept and relative clauses dropped; ``Antecedents`` resolves
pronoun and bare-title speakers ("he", "they", "the spokesman") to the nearest
fitting earlier speaker or named entity; ``actor_name`` links a speaker to an actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from spacy.attrs import DEP, IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span, Token

from ..gazetteer import normalize
from ..lexicons import lexicon, word_set
from ..model import Actor
from .doc_index import doc_entities, doc_text, entities_in

SUBJECTS = {"nsubj", "csubj"}
# Clauses that share the subject of the verb they hang from.
SUBJECT_SHARING = {"conj", "advcl", "xcomp", "ccomp", "pcomp"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Objects a later pronoun can point back to when no subject agrees with it.
OBJECTS = {"dobj", "pobj", "dative"}
PERSON_PRONOUNS = {"he", "she"}
PERSONAL_PRONOUNS = PERSON_PRONOUNS | {"they", "it", "we"}
FIRST_PERSON = {"i"}
# How many sentences before a pronoun's own a reader looks back for what it means.
LOOKBACK_SENTENCES = 3
TITLE_VOTES = 10
ORGANIZATION_LABELS = {"ORG", "AGENCY", "ARMED_GROUP", "MEDIA", "GPE", "NORP"}
# The labels of the tokens Antecedents reads as mentions: those _is_subject_like can accept, and OBJECTS.
MENTION_LABELS = SUBJECTS | {"nsubjpass", "poss", "pobj"} | OBJECTS


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
        infinitive = verb.dep_ == "xcomp" and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
        verb = verb.head
        if infinitive and verb.dep_ == "acomp":
            verb = verb.head  # "was quick to deny", "will be unable to ... accuse": the adjective's subject is the verb's
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
    if len(span) > 2:
        return False
    words = [token.lower_ for token in span]
    if len(words) == 1 and words[0] in PERSONAL_PRONOUNS | FIRST_PERSON | RELATIVE_PRONOUNS:
        return True
    return (
        len(words) == 2
        and words[0] == "the"
        and words[1] in word_set("official_titles")
        and span[1].pos_ != "PROPN"
    )


def _gender_of(word: str) -> str | None:
    """"male" or "female" for a gendered pronoun or title, else None."""
    genders = lexicon("gender_words")
    return next((gender for gender in ("male", "female") if word in genders[gender]), None)


def _line_ends(doc: Doc, offsets: list[int]) -> set[int]:
    """The tokens holding a line break in their text or the space after it, found from the text's line breaks
    (``offsets``: each token's character offset)."""
    return {bisect_right(offsets, line_break.start()) - 1 for line_break in re.finditer("\n", doc_text(doc))}


def _paragraphs(doc: Doc, line_ends: set[int], spaces: list[int]) -> list[Span]:
    """The Doc's non-blank lines as token spans (``spaces``: whether each token is a space)."""
    paragraphs, start = [], 0
    for end in sorted(line_ends | {len(doc) - 1}) if len(doc) else ():
        if not all(spaces[start : end + 1]):
            paragraphs.append(doc[start : end + 1])
        start = end + 1
    return paragraphs


def _alone_name(paragraph: Span) -> Span | None:
    """The person a paragraph is nothing but the name of (a letter's signature: "Chris Smith.")."""
    people = [ent for ent in entities_in(paragraph) if ent.label_ == "PERSON"]
    if len(people) != 1:
        return None
    words = [t for t in paragraph if not (t.is_punct or t.is_space)]
    return people[0] if len(people[0]) == len(words) else None


def _bio_name(paragraph: Span) -> Span | None:
    """The person a closing author note is about: "Charlotte Meehan is playwright-in-residence at ..."."""
    people = [ent for ent in entities_in(paragraph) if ent.label_ == "PERSON"]
    if not people or people[0].start != paragraph.start or people[0].end >= paragraph.end:
        return None
    return people[0] if paragraph.doc[people[0].end].lemma_ == "be" else None


def _is_subject_like(token: Token) -> bool:
    """A subject, the owner of a subject ("Mr. Obama's bet is ..."), or the source of "according to X".
    (Antecedents asks only tokens labelled one of MENTION_LABELS.)"""
    if token.dep_ in SUBJECTS | {"nsubjpass"}:
        return True
    if token.dep_ == "poss":
        return token.head.dep_ in SUBJECTS
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


class Mention(NamedTuple):
    """A subject outside quotations that a later pronoun can point back to."""

    start: int
    referent: Span
    is_person: bool
    is_plural: bool
    is_subject: bool


class Antecedents:
    """Resolves referring speakers the way a reader does.

    Every subject outside quotations is read in text order; a pronoun subject
    takes the first agreeing subject of its own sentence (before it), then of
    each earlier sentence up to ``LOOKBACK_SENTENCES`` back, left to right, so
    main subjects come before names in later clauses. Objects and names inside
    quotations are never antecedents. A person's gender comes from a title
    (Mr., Mrs., Ms.) or from a pronoun already resolved to them. "I" outside
    quotations is the letter's signature that follows it, else the author of a
    closing author note. Bare titles ("the spokesman") take the latest earlier
    speaker or subject holding the word.
    """

    def __init__(self, doc: Doc, quoted: Sequence[bool]) -> None:
        self._doc = doc
        self._quoted = quoted
        self._full_names = self._longest_person_names(doc)
        # Person (by surname) -> votes for each gender: a title counts for many pronouns, so one misread pronoun never outweighs it.
        self._gender_votes: dict[str, Counter[str]] = {}
        self._sentences: list[list[Mention]] = []
        self._sentence_starts: list[int] = []
        self._sentence_of: list[int] = []
        self._resolved: dict[int, Span | None] = {}
        self._filed = 0
        self._by_word: dict[str, list[tuple[int, int, Span]]] = {}
        # Read from arrays, so that a Token is made only for a possible mention.
        sentence_starts, labels, spaces, offsets = doc.to_array([SENT_START, DEP, IS_SPACE, IDX]).T.tolist()
        mention_labels = {doc.vocab.strings[label] for label in MENTION_LABELS}
        line_ends = _line_ends(doc, offsets)
        for i, (sentence_start, label) in enumerate(zip(sentence_starts, labels, strict=True)):
            # A line break ends a sentence too: a headline the parser ran into the first sentence is not its subject.
            if sentence_start == 1 or i == 0 or i - 1 in line_ends:
                self._sentences.append([])
                self._sentence_starts.append(i)
            number = len(self._sentences) - 1
            self._sentence_of.append(number)
            if label in mention_labels and not quoted[i]:
                token = doc[i]
                if _is_subject_like(token) or token.dep_ in OBJECTS:
                    self._read_mention(token, number)
        paragraphs = _paragraphs(doc, line_ends, spaces)
        self._signatures = [(paragraph.start, name) for paragraph in paragraphs if (name := _alone_name(paragraph)) is not None]
        self._bio = _bio_name(paragraphs[-1]) if paragraphs else None

    @staticmethod
    def _longest_person_names(doc: Doc) -> dict[str, Span]:
        """Surname -> the longest PERSON mention ending in it ("Clinton" -> "Hillary Clinton")."""
        names: dict[str, Span] = {}
        for ent in doc_entities(doc):
            if ent.label_ == "PERSON" and len(ent) > len(names.get(ent[-1].text, ())):
                names[ent[-1].text] = ent
        return names

    def _read_mention(self, token: Token, sentence: int) -> None:
        word = token.lower_
        if token.pos_ == "PRON" and word in PERSONAL_PRONOUNS:
            referent = self._find(word, sentence, token.i)
            self._resolved[token.i] = referent
            if referent is not None:
                is_person = self._is_person(referent)
                self._sentences[sentence].append(self._mention(token.i, referent, is_person))
                gender = _gender_of(word)
                # Only a main clause's pronoun tells the gender: one in a side clause ("after he admitted") is often another person.
                if gender is not None and is_person and token.head.dep_ in ("ROOT", "parataxis"):
                    self._vote(referent, gender, 1)
            return
        if token.pos_ in ("PRON", "DET"):
            return
        span = self._doc[token.left_edge.i : token.i + 1] if token.dep_ == "poss" else speaker_span(token)
        span = self._doc[max(span.start, self._sentence_starts[sentence]) : span.end]  # never reaching back over a line break
        if is_referring(span):
            return
        if _is_subject_like(token):
            self._file(span)
        is_person = self._is_person(span)
        if is_person:
            gender = next((g for t in span if t.i < span.root.i and (g := _gender_of(t.lower_)) is not None), None)
            if gender is not None:
                self._vote(span, gender, TITLE_VOTES)
        self._sentences[sentence].append(self._mention(token.i, span, is_person))

    def _vote(self, person: Span, gender: str, votes: int) -> None:
        self._gender_votes.setdefault(self._person_key(person), Counter())[gender] += votes

    def _gender(self, person: Span) -> str | None:
        """The person's gender by most votes so far; None when unknown or tied."""
        ranked = self._gender_votes.get(self._person_key(person), Counter()).most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _mention(self, start: int, referent: Span, is_person: bool) -> Mention:
        root = referent.root
        plural = root.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in root.children)
        return Mention(start, referent, is_person and not plural, plural, _is_subject_like(self._doc[start]))

    def _is_person(self, span: Span) -> bool:
        root = span.root
        if any(ent.label_ == "PERSON" and ent.start <= root.i < ent.end for ent in entities_in(span)):
            return True
        return (root.pos_ == "PROPN" and root.text in self._full_names) or (root.tag_ == "NN" and root.lower_ in word_set("official_titles"))

    @staticmethod
    def _person_key(span: Span) -> str:
        return span.root.text.lower()

    @staticmethod
    def _is_group(span: Span) -> bool:
        return any(ent.label_ in ORGANIZATION_LABELS and ent.start <= span.root.i < ent.end for ent in entities_in(span))

    def _agrees(self, pronoun: str, mention: Mention) -> bool:
        if pronoun in PERSON_PRONOUNS:
            return mention.is_person and self._gender(mention.referent) in (None, _gender_of(pronoun))
        if pronoun == "it":
            # An organisation ("the Times"), or a thing that was a subject: not any object in between.
            return self._is_group(mention.referent) or not (mention.is_person or mention.is_plural or not mention.is_subject)
        return mention.is_plural or (not mention.is_person and self._is_group(mention.referent))

    def _find(self, pronoun: str, sentence: int, before: int) -> Span | None:
        for number in range(sentence, max(-1, sentence - LOOKBACK_SENTENCES - 1), -1):
            mentions = [mention for mention in self._sentences[number] if mention.start < before]
            # Subjects first, then objects: "She called him ..." points on to her.
            for mention in sorted(mentions, key=lambda mention: not mention.is_subject):
                if self._agrees(pronoun, mention):
                    return mention.referent
        return None

    def _file(self, span: Span) -> None:
        entry = (-span.start, self._filed, span)
        self._filed += 1
        for word in {token.lower_ for token in span}:
            insort(self._by_word.setdefault(word, []), entry)

    def add_speaker(self, span: Span) -> None:
        if not is_referring(span):
            self._file(span)

    @staticmethod
    def _latest(file: list[tuple[int, int, Span]], before: int) -> Span | None:
        """The filed span that starts last among those ending by token ``before``."""
        for position in range(bisect_left(file, (1 - before,)), len(file)):
            span = file[position][2]
            if span.end <= before:
                return span
        return None

    def _author(self, token: Token) -> Span | None:
        """Who "I" is outside quotations: the next signature, else the closing author note's person."""
        if self._quoted[token.i]:
            return None
        position = bisect_left(self._signatures, (token.i,))
        return self._signatures[position][1] if position < len(self._signatures) else self._bio

    def resolve(self, referring: Span) -> Span | None:
        """What the referring speaker stands for, or None when the text gives no clear antecedent."""
        word = referring[-1].lower_
        if word in RELATIVE_PRONOUNS:
            head = referring.root.head.head  # who -> relcl verb -> the noun it describes
            while head.dep_ == "appos" and head.head.pos_ == "PROPN":
                head = head.head  # "McConnell, now the majority leader, who said": the named person
            return speaker_span(head) if head.pos_ in ("NOUN", "PROPN") else None
        if word in FIRST_PERSON:
            return self._author(referring[-1])
        if word in PERSONAL_PRONOUNS:
            token = referring[-1]
            referent = self._resolved[token.i] if token.i in self._resolved else self._find(word, self._sentence_of[token.i], token.i)
            return self.full_name(referent) if referent is not None and word in PERSON_PRONOUNS else referent
        return self._latest(self._by_word.get(word, []), referring.start)

    def full_name(self, span: Span) -> Span:
        """A lone surname widened to the longest earlier name ending in it."""
        if len(span) == 1 and span[0].pos_ == "PROPN":
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
