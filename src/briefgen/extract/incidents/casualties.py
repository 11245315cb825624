"""Casualties: how many were killed or injured, read from the words around a death or injury cue.

A cue ("killed", "die", "dead", "sent to hell", "injured") points at its
victims through the parse: the object of an active verb ("kills two
policemen"), the subject of a passive or intransitive one ("two terrorists
were killed", "three die"), or the noun it modifies ("six killed", "one
dead"). The victims' count is their numeral or number word, summed over
conjuncts ("three policemen and a civilian" = 4); a singular common noun is
one ("a woman was killed", "army kills commander"); vague quantities ("dozens")
leave the count None and are kept as written by ``vague_casualties``, as is a plural
noun naming the victims with no count at all ("heavy casualties", ``uncounted_victims``).
A death noun counted by a numeral or a multiple names the dead itself ("10 bodies found", "two
killings", "double homicide"); a cue completing a verb takes that verb's object or else its subject
("clashes leave six dead", "21 soldiers reported killed"); a past form with a
subject and no object is a headline's passive ("Teen killed as ..."); "he" or
"she" is one.
Numbers that are dates, ages, money or percentages never count (bare digits the
NER took for a date do, in the victims' place: "kills over 50"), and numbers
not tied to a cue ("1,500 trucks") are never read. A bare count the parse hangs
on a preposition ("kill over 30 in Idlib": "over" read as a preposition) is
the victims' count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from ...lexicons import lexicon
from ..doc_index import sentence_bounds
from .lexicon import incident_lexicon

# Entity types whose numbers are never head counts.
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_SUBJECTS = ("nsubj", "nsubjpass")
# No event has killed or hurt more people than live on Earth (8.1 billion in 2025): a larger
# number ("injured 1000...0 others") is a typo or an attack on the tool, not a count.
MAX_COUNT = 10_000_000_000
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


@lru_cache(maxsize=1)
def _words() -> dict:
    return lexicon("number_words")


def parse_number(text: str) -> int | None:
    """The value of a numeral or number words: "20", "1,500", "twenty-five", "two hundred", "a dozen";
    None for what is no number, or a number above ``MAX_COUNT``."""
    value = _number(text.strip().lower().replace(",", ""))
    return value if value is not None and value <= MAX_COUNT else None


def _number(cleaned: str) -> int | None:
    if re.fullmatch(r"\d+", cleaned):
        # Digits are counted before converting: int() refuses strings of over 4,300 digits.
        return int(cleaned) if len(cleaned.lstrip("0")) <= len(str(MAX_COUNT)) else None
    words = _words()
    if cleaned in words["units"]:
        return words["units"][cleaned]
    total, current = 0, None
    for word in re.split(r"[\s\-]+", cleaned):
        if word in ("and", "a"):
            continue
        if word.isdecimal():
            digits = _number(word)
            if digits is None:
                return None
            current = (current or 0) + digits
        elif word in words["units"]:
            current = (current or 0) + words["units"][word]
        elif word in words["tens"]:
            current = (current or 0) + words["tens"][word]
        elif word in words["scales"]:
            total += (current or 1) * words["scales"][word]
            current = None
        else:
            return None
    value = total + (current or 0)
    return value if (total or current is not None) else None


def _is_number(token: Token) -> bool:
    words = _words()
    lower = token.lower_
    return token.ent_type_ not in _NOT_COUNTS and (
        token.like_num or lower in words["units"] or lower in words["tens"] or lower in words["scales"]
    )


def _is_bare_numeral(token: Token) -> bool:
    """Digits the parse puts in the victims' place ("kills over 50") though the NER read them as a date: no year."""
    return token.ent_type_ == "DATE" and token.is_digit and not _YEAR.fullmatch(token.text)


def _is_count_word(token: Token) -> bool:
    """A number that may count people: a numeral or number word, or bare digits the NER took for a date."""
    return _is_number(token) or _is_bare_numeral(token)


def number_value(token: Token) -> int | None:
    """The count a number token stands for, read with the number words joined to it ("twenty five")."""
    if not _is_count_word(token):
        return None
    parts = [t for t in token.subtree if _is_number(t) or (t.lower_ in ("-", "and") and t.i != token.i)]
    span = token.doc[min(t.i for t in parts) : max(t.i for t in parts) + 1] if parts else token
    value = parse_number(span.text) if parts else None
    return value if value is not None else parse_number(token.text)


def _single_count(token: Token) -> int | None:
    """The count of one victim phrase head (not its conjuncts)."""
    words = _words()
    if _is_count_word(token):
        return number_value(token)
    for child in token.children:
        if child.dep_ == "nummod" and _is_count_word(child):
            return number_value(child)
        if _multiple(child):
            return incident_lexicon()["multiples"][child.lower_]
        if child.dep_ == "prep" and child.lower_ == "among":
            counts = [number_value(c) for c in child.children if c.dep_ == "pobj" and _is_number(c)]
            if counts and counts[0] is not None:
                return counts[0]
    if _vague_words(token) is not None:
        return None
    # A singular victim is one: "a woman", "the driver", a named person, headline style "army kills commander";
    # a person noun a headline capitalizes is tagged a name ("Teen killed as ...").
    determiners = [c for c in token.children if c.dep_ in ("det", "poss")]
    person_noun = token.lemma_.lower() in incident_lexicon()["context"]["people"]
    singular = token.tag_ == "NN" or (token.tag_ == "NNP" and (token.ent_type_ == "PERSON" or person_noun))
    if singular and all(c.dep_ == "poss" or c.lower_ in words["one_determiners"] for c in determiners):
        return 1
    return None


def _multiple(token: Token) -> bool:
    """ "double" in "double homicide": how many deaths a death noun counts."""
    return token.dep_ == "amod" and token.lower_ in incident_lexicon()["multiples"] and (token.head.lemma_.lower(),) in incident_lexicon()["death"]


def _is_person_pronoun(token: Token) -> bool:
    """ "he", "her": one person (not "it", not "they")."""
    features = token.morph.to_dict()
    return token.tag_ == "PRP" and features.get("Number") == "Sing" and features.get("Person") == "3" and features.get("Gender") in ("Masc", "Fem")


def count_of(head: Token) -> int | None:
    """Victims counted from a noun phrase head and its conjuncts; None when no count is written."""
    counts = [_single_count(t) for t in (head, *head.conjuncts)]
    known = [c for c in counts if c is not None]
    return sum(known) if known else None


def victim_head(cue: Token, intransitive: frozenset[str]) -> Token | None:
    """The head of the phrase naming who a cue's death or injury happened to; a noun naming the dead ("bodies") names them itself."""
    children = list(cue.children)
    if cue.pos_ == "NOUN" and cue.lemma_.lower() in incident_lexicon()["victims"]:
        return cue
    if cue.pos_ == "NOUN":
        for prep in children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
        if any(c.dep_ == "nummod" or _multiple(c) for c in children):  # "10 bodies", "two killings", "double homicide": the counted deaths are the dead
            return cue
        return cue.head if cue.dep_ in ("nsubj", "dobj") and _is_number(cue.head) else None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    if not passive and cue.lemma_.lower() not in intransitive:
        obj = next((c for c in children if c.dep_ == "dobj" and not _attributed(cue, c)), None)
        # "kill over 30 in Idlib": the parse may read the bound as a preposition and the count as its object
        obj = obj or next((g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj" and _is_count_word(g)), None)
        if obj is not None:
            return obj
    subject = next((c for c in children if c.dep_ in _SUBJECTS), None)
    # with no object, a past form is a headline's passive: "Teen killed as town protests"
    if subject is not None and (passive or cue.lemma_.lower() in intransitive or cue.tag_ in ("VBN", "VBD")):
        return subject
    if cue.dep_ in ("acl", "amod", "relcl", "appos") or (cue.dep_ == "ROOT" and cue.tag_ == "JJ"):
        return cue.head if cue.head.i != cue.i else None
    if cue.dep_ in ("xcomp", "oprd", "acomp"):  # "clashes leave six dead": the verb's object; "21 soldiers reported killed": its subject
        verb_arguments = list(cue.head.children)
        obj = next((c for c in verb_arguments if c.dep_ == "dobj"), None)
        return obj if obj is not None else next((c for c in verb_arguments if c.dep_ in _SUBJECTS), None)
    return None


def _attributed(cue: Token, obj: Token) -> bool:
    """ "6 gunmen killed: police": a word after a headline's colon is who says it, not the object of the verb before."""
    return any(t.text == ":" for t in cue.doc[cue.i + 1 : obj.i])


def _window_number(cue: Token) -> Token | None:
    """Fallback for broken parses: the nearest number just before the cue, else just after it, in the same clause."""
    doc = cue.doc
    start, end = sentence_bounds(cue)
    before = reversed(doc[max(start, cue.i - 4) : cue.i])
    after = doc[cue.i + 1 : min(end, cue.i + 5)]
    for window in (before, after):
        for token in window:
            if token.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "SCONJ", "CCONJ") and token.tag_ != "RP":
                break
            if _is_number(token):
                return token
    return None


def victim(cue: Token, intransitive: frozenset[str]) -> Token | None:
    """Who a cue's death or injury happened to: the head of the phrase the parse gives, else the number next to
    the cue ("At least 98 dead in ...", parsed with "dead" as the root)."""
    head = victim_head(cue, intransitive)
    return head if head is not None else _window_number(cue)


def _victims(cues: Iterable[Token], intransitive: frozenset[str]) -> Iterator[tuple[Token, Token | None]]:
    """Each cue with the head of its victim phrase, a phrase shared by several cues given once
    ("air strikes kill eight militants killed in ...")."""
    seen: set[int] = set()
    for cue in cues:
        head = victim(cue, intransitive)
        if head is not None and head.i in seen:
            continue
        if head is not None:
            seen.add(head.i)
        yield cue, head


def count_casualties(cues: Iterable[Token], intransitive: frozenset[str]) -> int | None:
    """Victims of the cues, each victim phrase counted once."""
    # a victim named by "he" or "she" is one (only as a victim: "she demonstrated her skill" is no crowd of one)
    counts = [1 if _is_person_pronoun(head) else count_of(head) for _, head in _victims(cues, intransitive) if head is not None]
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


def _vague_words(head: Token) -> Span | None:
    """The vague quantity opening a victim phrase, as written: "Dozens (of people)", "several (soldiers)", "a few"."""
    vague = set(_words()["vague"])
    doc = head.doc
    for token in doc[head.left_edge.i : head.i + 1]:
        pair = doc[token.i - 1 : token.i + 1] if token.i > head.left_edge.i else None
        if pair is not None and pair.text.lower() in vague:
            return pair
        if token.lower_ in vague:
            return doc[token.i : token.i + 1]
    return None


def vague_casualties(cues: Iterable[Token], intransitive: frozenset[str]) -> str | None:
    """The first vague quantity ("dozens", "scores") naming the cues' victims, as written; None when none is."""
    phrases = (_vague_words(t) for _, head in _victims(cues, intransitive) if head is not None for t in (head, *head.conjuncts))
    return next((phrase.text for phrase in phrases if phrase is not None), None)


def uncounted_victims(words: Iterable[Token]) -> str | None:
    """ "Heavy casualties", "human remains found in bags": a plural noun naming the victims themselves with no count
    says people died, how many unknown; its phrase as written, without quotes."""
    victims = incident_lexicon()["victims"]
    for head in words:
        if head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() in victims and count_of(head) is None:
            words = [t for t in head.doc[head.left_edge.i : head.i + 1] if not t.is_punct]
            return head.doc[words[0].i : head.i + 1].text
    return None


def toll_count(token: Token) -> int | None:
    """The number a death toll is given as ("the death toll rose to 11")."""
    for later in token.doc[token.i + 1 : min(sentence_bounds(token)[1], token.i + 10)]:
        if _is_number(later):
            return number_value(later)
    return None
