"""Incident triggers: the words and phrases that report an event ("killed", "air strike", "fire exchange"),
with what makes one no trigger (a name, a date, a negation, what a protest is about) or a generic one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from spacy.tokens import Span, Token

from ...headline_parsing import capitalized_share
from ..doc_index import sentence_bounds
from .lexicon import incident_lexicon, matches_words

_TIME_LABELS = frozenset({"DATE", "TIME"})  # "March 27" is no march
# more long words capitalized than this: a headline in title case or capitals, where the NER takes words for names
_HEADLINE_SHARE = 0.6


class Trigger(NamedTuple):
    start: int  # token index
    end: int
    kind: str  # incident type
    phrase: tuple[str, ...]
    generic: bool


def _is_generic(token: Token, lex: dict) -> bool:
    """Hypothetical or general mentions: "potential attack", "terrorist attacks", "could attack", "when someone dies"."""
    if _is_qualified(token, lex):
        return True
    # a clause saying what happens in general, and what happens inside it ("when someone dies during an arrest")
    for verb in (token, *list(token.ancestors)[:3]):
        if verb.tag_ in ("VBZ", "VBP") and any(c.dep_ in ("mark", "advmod") and c.lower_ in lex["general_markers"] for c in verb.children):
            return True
    # a plural event noun is general unless counted, definite or dated ("Thursday's protests"); people ("protesters")
    # and the dead ("human remains found") are no event noun
    specific = any(c.dep_ in ("nummod", "poss") or c.lower_ in ("the", "these", "both") for c in token.children)
    specific = specific or (token.dep_ == "nsubj" and token.head.tag_ == "VBD")  # "Protests broke out", "Shells hit Aleppo city"
    specific = specific or _headline_present(token)
    people = (token.lemma_.lower(),) in lex["actor_nouns"] or token.lemma_.lower() in lex["victims"]
    if token.tag_ in ("NNS", "NNPS") and not specific and not people:
        return True
    for ancestor in list(token.ancestors)[:3]:
        governors = lex["governor_verbs"] if ancestor.pos_ == "VERB" else lex["governor_nouns"]
        if ancestor.lemma_.lower() in governors:
            return True
    clause = token if token.pos_ in ("VERB", "AUX") else next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    if clause is not None and any(c.dep_ == "aux" and c.tag_ in lex["modal_tags"] for c in clause.children):
        return True
    # what a hypothetical or general event's verb leads to is so too: "not every shooting resulted in a homicide"
    if clause is None or clause.i == token.i or token.dep_ in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == "nsubj" and _is_event_word(c, lex) and _is_qualified(c, lex) for c in clause.children)


def _headline_present(token: Token) -> bool:
    """The subject or object of a headline's main verb in the present, which tells what just happened ("Clashes erupt in
    Bangui", "Helicopters drop barrel bombs on Daraa"); a sentence of the text ends with its stop, and in it the present
    says what happens in general."""
    verb = token.head
    headline = token.doc[sentence_bounds(token)[1] - 1].text not in (".", "!", "?", '"', "'", "”", "’")
    return headline and token.dep_ in ("nsubj", "dobj") and _heads_its_sentence(verb) and verb.tag_ in ("VBZ", "VBP")


def _heads_its_sentence(token: Token) -> bool:
    """The sentence's root, or a word joined to it ("Clashes in Aleppo and clashes north of Homs")."""
    return token.dep_ == "ROOT" or token.dep_ == "conj" and token.head.dep_ == "ROOT"


def heads_a_verbless_headline(token: Token) -> bool:
    """A plural event noun heading a sentence without a verb, or joined to the one that does ("Clashes in Aleppo and
    clashes north of Homs"), with no word making it hypothetical: a headline, reporting events ("Clashes in the
    countryside of Aleppo") or naming a topic ("Terrorist attacks in Pakistan: a timeline")."""
    start, end = sentence_bounds(token)
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in token.doc[start:end])
    return token.tag_ in ("NNS", "NNPS") and _heads_its_sentence(token) and verbless and not _is_qualified(token, incident_lexicon())


def _is_qualified(token: Token, lex: dict) -> bool:
    """ "potential attack", "every shooting", "such ambushes": a modifier makes the event hypothetical or general."""
    return any(c.lower_ in lex["modifiers"] or c.lemma_.lower() in lex["modifiers"] for c in token.children)


def _is_negated(token: Token) -> bool:
    """ "was not attacked", "no attack": the event did not happen."""
    clause = (token, token.head) if token.dep_ in ("dobj", "nsubjpass", "pobj") else (token,)
    return any(c.dep_ == "neg" or (c.lower_ == "no" and not _is_comparative_bound(c)) for t in clause for c in t.children)


def _is_comparative_bound(no: Token) -> bool:
    """ "No fewer than 10 bodies", "no less than": a count, not a negation."""
    following = no.doc[no.i + 1] if no.i + 1 < len(no.doc) else None
    return following is not None and following.tag_ in ("JJR", "RBR")


def _is_topic(token: Token, lex: dict) -> bool:
    """A trigger that is what another event is about: "a protest against the killing of a student", and
    anything said inside what a protest is against ("to protest against calls that have targeted traders")."""
    if token.head.lower_ in lex["topic"] and token.dep_ == "pobj":
        return True
    return any(
        t.dep_ == "pobj" and t.head.lower_ in lex["topic"] and _is_protest(t.head.head, lex) for t in token.ancestors
    )


def _is_protest(token: Token, lex: dict) -> bool:
    return _is_event_word(token, lex, "protest")


def _is_event_word(token: Token, lex: dict, kind: str | None = None) -> bool:
    """A one-word trigger of the lexicon (of ``kind``, when given)."""
    return any(kind in (None, found) for words, found in lex["triggers"].get(token.lemma_.lower(), []) if len(words) == 1)


def _split_rest(verb: Token, words: tuple[str, ...]) -> Token | None:
    """The second word of a two-word phrase the verb's object splits: "burn four guerrillas alive", "shot two men dead"."""
    if len(words) != 2 or verb.pos_ != "VERB" or words[0] not in (verb.lower_, verb.lemma_.lower()):
        return None
    if not any(c.dep_ == "dobj" for c in verb.children):
        return None
    return next((c for c in verb.children if c.i > verb.i + 1 and words[1] in (c.lower_, c.lemma_.lower())), None)


def _match(tokens: Span, lex: dict) -> tuple[tuple[str, ...], str, Token | None] | None:
    """The longest lexicon phrase starting at the span's first token, with the later word of a split phrase."""
    token = tokens[0]
    entries = lex["triggers"].get(token.lemma_.lower(), []) + lex["triggers"].get(token.lower_, [])
    for words, kind in sorted(entries, key=lambda e: -len(e[0])):
        if matches_words(tokens[: len(words)], words):
            return words, kind, None
        if (rest := _split_rest(token, words)) is not None:
            return words, kind, rest
    return None


def find_triggers(sentence: Span) -> Iterator[Trigger]:
    """Incident triggers in a sentence, longest phrase first, not overlapping; a phrase split by an object
    ("burn four guerrillas alive") spans its verb, and its later word is no trigger of its own."""
    lex = incident_lexicon()
    doc, i = sentence.doc, sentence.start
    headline = capitalized_share(sentence) > _HEADLINE_SHARE
    split_words: set[int] = set()
    while i < sentence.end:
        token = doc[i]
        match = None if i in split_words else _match(doc[i : sentence.end], lex)
        if match is None:
            i += 1
            continue
        words, kind, rest = match
        length = len(words) if rest is None else 1
        if rest is not None:
            split_words.add(rest.i)
        head = doc[i : i + length].root
        senses = lex["senses"]
        # "March 27"; outside a title-case or all-caps headline, a name: "Loretta Lynch", "Lynch said", "the Death in Custody Reporting Act"
        # (a phrase of the lexicon, "Drone attack", is no name whatever its tags)
        name = len(words) == 1 and (token.ent_type_ in senses["name_labels"] or token.pos_ == "PROPN" or (token.is_title and token.i > sentence.start))
        named = token.ent_type_ in _TIME_LABELS or (name and not headline)
        noun_of_verb = words[0] in senses["verb_only"] and head.pos_ == "NOUN"  # "an emissions target" (a headline's "Targeted" may be tagged PROPN)
        state = head.tag_ == "VBG" and head.dep_ == "amod"  # "the dying woman": a state, not an event
        if not (_is_topic(head, lex) or _is_negated(head) or named or noun_of_verb or state):
            yield Trigger(i, i + length, kind, words, _is_generic(head, lex))
        i += length


def incident_type(triggers: Sequence[Trigger]) -> str:
    ranks = incident_lexicon()["priority"]
    return min((t.kind for t in triggers), key=lambda kind: ranks[kind])
