"""Sources: who the article's claims rest on, one entry per distinct speaker, with its kind.

``SpeakerKinds`` classes a Doc's speaker phrases (named_person, official, anonymous,
media, institution, document) from the whole article, the gazetteer and the word lists
in data: a later mention takes the kind of the fullest mention of the same person or group.
``is_dateline`` tells a dateline parsed as a subject; ``collect_sources`` groups claims by
speaker and counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.attrs import TAG
from spacy.tokens import Doc, Span, Token

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
LEGISLATOR_TAG = re.compile(r",?\s*\((?:R|D|I)\s*-")  # matched on the words after a name


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
    before = list(mention.doc[root.left_edge.i : mention.start])
    after = [token for child in root.children if child.dep_ == "appos" and child.i >= mention.end for token in _description(child)]
    return before + after


def _description(appos: Token) -> list[Token]:
    """An apposition's words without its relative clauses: "now the Senate majority leader, who said ..." describes
    the person by its office, not by the people the clause names."""
    clauses = [set(range(child.left_edge.i, child.right_edge.i + 1)) for child in appos.children if child.dep_ in ("relcl", "acl")]
    return [token for token in appos.subtree if not any(token.i in clause for clause in clauses)]


def _mention_kind(mention: Span) -> tuple[int, str] | None:
    """(title length, kind) of one person mention, or None when it carries no title."""
    title = _title_of(mention)
    phrase = _phrase(title)
    # A party-and-state tag after the name ("Paul Ryan (R-Wis.)") marks a sitting legislator.
    legislator = LEGISLATOR_TAG.match(mention.doc[mention.end : mention.end + 4].text) is not None
    if _names(phrase, "out_of_office"):
        return len(title), "named_person"
    if _names(phrase, "media_sources"):
        return len(title), "media"
    if _names(phrase, "official_titles") or legislator or (_names(phrase, "role_titles") and _state_body(title)):
        # A union's president or a campaign's spokesman speaks for no state.
        own_name = _name_run_before(mention)
        for_a_person = any(token.ent_type_ == "PERSON" and token.i not in own_name for token in title)  # "Stein spokeswoman"
        if _names(phrase, "institution_markers") or (for_a_person and not legislator and not _state_body(title)):
            return len(title), "named_person"
        return len(title) + legislator, "official"
    return None


def _name_run_before(mention: Span) -> set[int]:
    """The person's own first names that the entity leaves out, just before it ('Rep. Robert C. "Bobby" Scott',
    split by the quoted nickname), as opposed to another person's name further on ("Stein spokeswoman Jane Doe")."""
    doc, run = mention.doc, set()
    i = mention.start - 1
    while i >= 0 and (doc[i].ent_type_ == "PERSON" or doc[i].is_punct):
        run.add(i)
        i -= 1
    return run


def _state_body(tokens: Iterable[Token]) -> bool:
    return any(token.ent_type_ in ("GPE", "AGENCY") for token in tokens)


def _same_person(mention: Span, person: Span) -> bool:
    """Whether two person names can be one person: the same surname, and when both give more, the same
    first name or the same last two words ("Guajardo Villarreal", "Bill de Blasio" and "De Blasio")."""
    if mention[-1].lower_ != person[-1].lower_:
        return False
    if len(mention) < 2 or len(person) < 2:
        return True
    return mention[0].lower_ == person[0].lower_ or mention[-2].lower_ == person[-2].lower_


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


def _qualified(token: Token) -> Span:
    """A mention of a group word with what qualifies it: premodifiers ("Oversight Committee
    Republicans"), prepositional phrases ("Republicans on the committee"), and those of a count or
    group it is a member of ("a group of Republicans and Democrats on the committee")."""
    qualifiers = [child for child in token.children if child.dep_ == "prep"]
    member = token
    while member.dep_ == "conj":
        member = member.head
    of = member.head
    if member.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in word_set("collective_heads"):
        qualifiers += [child for child in of.head.children if child.dep_ == "prep" and child.i > token.i]
    end = max([token.i] + [child.right_edge.i for child in qualifiers]) + 1
    return token.doc[token.left_edge.i : end]


class SpeakerKinds:
    """The source kinds of one Doc's speakers, judged from the whole article by the rule in
    ../shared/eval/source-kinds.md (a ``gazetteer`` actor's ``source_kind`` when a speaker names one).

    The Doc's person names and group words are indexed once, and each person's or group's kind is
    worked out once, so that classing every claim's speaker stays linear in the article's length.
    """

    def __init__(self, doc: Doc, gazetteer: Gazetteer, quoted: Sequence[bool] = ()) -> None:
        self.gazetteer = gazetteer
        # surname -> the article's person mentions ending in it, outside the ``quoted`` tokens: a title in a
        # quotation is the quoted speaker's word ("Secretary Clinton's record" from a former secretary's opponent)
        self.persons: dict[str, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not (quoted and quoted[ent.start]):
                self.persons.setdefault(ent[-1].lower_, []).append(ent)
        self.group_words: dict[str, list[Token]] = {}  # plural noun -> its mentions
        plurals = {doc.vocab.strings[tag] for tag in ("NNS", "NNPS")}
        # the tags as one array: a Token object per word costs more than the rest of this
        for i, tag in enumerate(doc.to_array(TAG).tolist()):
            if tag in plurals:
                self.group_words.setdefault(doc[i].lower_, []).append(doc[i])
        self.person_kinds: dict[tuple[str, ...], str] = {}
        self.official_groups: dict[str, bool] = {}

    def _is_person_name(self, token: Token) -> bool:
        """A person's name, or a word naming one elsewhere in the article (a surname the parser took for an organisation)."""
        # A headline label's capitalised words are often tagged as common nouns ("Sanders: Clinton needs ...").
        return token.ent_type_ == "PERSON" or ((token.pos_ == "PROPN" or token.is_title) and token.lower_ in self.persons)

    def _named_person(self, span: Span, entity: Span | None) -> Span | None:
        """The person a speaker phrase names: its head entity, a bare surname named elsewhere as a person,
        or a person in apposition ("a lawyer for the outlets, David Schulz")."""
        if entity is not None and entity.label_ == "PERSON":
            return entity
        root = span.root
        if self._is_person_name(root):
            return entity if entity is not None else span.doc[root.i : root.i + 1]
        for child in root.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                start = child.i
                while span.doc[start].ent_iob_ == "I":  # back to the name's first word
                    start -= 1
                return span.doc[start : child.i + 1]
        return None

    def _person_kind(self, person: Span) -> str:
        """A named person's kind from the fullest titled mention of them in the whole article."""
        key = tuple(token.lower_ for token in person)
        if key not in self.person_kinds:
            mentions = [ent for ent in self.persons.get(person[-1].lower_, []) if _same_person(ent, person)]
            kinds = [kind for kind in (_mention_kind(mention) for mention in [person, *mentions]) if kind is not None]
            self.person_kinds[key] = max(kinds, key=lambda length_kind: length_kind[0])[1] if kinds else "named_person"
        return self.person_kinds[key]

    def _official_group(self, head: Token) -> bool:
        """Whether a group word is qualified by a state role somewhere in the article ("Republicans" after
        "Oversight Committee Republicans")."""
        if head.lower_ not in self.official_groups:
            mentions = self.group_words.get(head.lower_, [])
            self.official_groups[head.lower_] = any(_names(_phrase(_qualified(token)), "official_titles") for token in mentions)
        return self.official_groups[head.lower_]

    def of(self, span: Span) -> str:
        """The source kind of a speaker phrase."""
        words = {token.lower_ for token in span}
        phrase = _phrase(span)
        root = span.root
        if words & word_set("anonymous_sources") and not any(ent.label_ == "PERSON" for ent in entities_in(span)):
            return "anonymous"
        # "an official, speaking on condition of anonymity," / "who asked not to be named"
        described = " ".join(t.lower_ for t in root.subtree)
        if any(marker in described for marker in word_list("anonymity_phrases")):
            return "anonymous"
        entity = _head_entity(span)
        person = self._named_person(span, entity)
        if person is not None:
            return self._person_kind(person)
        if root.lower_ in word_set("document_sources") and any(token.ent_type_ == "MEDIA" for token in span.doc[root.left_edge.i : root.i]):
            return "document"  # an outlet's poll or average is a text speaking for itself ("POLITICO's Battleground States average shows")
        # A media word qualifying an office is the office's ("the press secretary").
        media = word_set("media_sources")
        media_word = root.lower_ in media or (bool(words & media) and not _names(phrase, "official_titles"))
        if media_word or any(ent.label_ == "MEDIA" for ent in entities_in(span)):
            return "media"
        members = _members(span)
        if members is not None:
            return self.of(members)
        if root.lower_ in word_set("document_sources"):
            return "document"
        if root.lemma_.lower() in word_set("out_of_office"):
            return "named_person"  # "the Democratic presidential nominee"
        # Someone's relative, lawyer or strategist ("Scott's family", "Obama's campaign strategist") is a named
        # person's circle, on the record; "Trump's campaign" is the body itself, "Obama's press secretary" an office.
        person_of = any(child.dep_ == "poss" and self._is_person_name(child) for child in root.children)
        if person_of and root.lower_ not in word_set("institution_markers") and not _names(phrase, "official_titles"):
            return "named_person"
        if _names(phrase, "institution_markers"):
            return "institution"
        gazetteer_kind = _gazetteer_kind(entity, self.gazetteer)
        if gazetteer_kind:
            return gazetteer_kind
        state_role = _names(phrase, "role_titles") and _state_body(span)  # "the FBI director"
        if _names(phrase, "official_titles") or state_role or (_bare_group(span) and self._official_group(root)):
            return "official"
        if entity is not None and entity.label_ in ENTITY_KINDS:
            return ENTITY_KINDS[entity.label_]
        if root.pos_ == "PROPN":
            return "named_person"
        if root.pos_ == "PRON":
            return "named_person" if root.lower_ in ("he", "she") else "anonymous"
        # A definite singular body ("the bank") is an institution; unnamed people ("a witness",
        # "my mother", "critics") are no identifiable source.
        definite = any(child.dep_ in ("det", "poss") and child.lower_ not in INDEFINITE and child.pos_ != "PRON" for child in root.children)
        return "institution" if definite and root.tag_ == "NN" else "anonymous"


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
