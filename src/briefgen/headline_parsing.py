"""Headlines inside a text, for the pipeline: where headlines joined with ";" break into sentences, and how a
title-case or all-caps headline is parsed.

Feed exports and event coders join several headlines with a ";" and no space ("Deadly clashes in Bangladesh
after top Islamist hanged;Seven killed in clashes ..."). spaCy keeps "hanged;Seven" as one token and one
sentence; here a ";" glued to the next word is split off as its own token, and when a capital (or an opening quote
and a capital) follows it, or a count follows a word ("grips Bangladesh;5 dead"), the word after it starts a
sentence, set before the parser, which keeps boundaries set before it.

The small model tags every word of "Myanmar Junta Troops Torch Six Sagaing Villages" a proper noun, so rules on
lemmas and parts of speech fail there; the same words in sentence case ("Myanmar junta troops torch six ...")
parse well. A title-case or all-caps sentence therefore takes its tags, lemmas and parse from its words in
sentence case, after the rest of the pipeline; its tokens and offsets stay the text's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, cast

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.char_classes import ALPHA, ALPHA_UPPER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from thinc.types import Ints2d

from .lexicons import lexicon

_OPENING = "\"'“‘(\\["
# ";" with no space before a capital, or before an opening quote or bracket and a capital; or between a word and a
# count ("grips Bangladesh;5 dead"), where "3;4" stays a ratio
_JOIN = f";(?=[{_OPENING}]?[{ALPHA_UPPER}])|(?<=[{ALPHA}]);(?=\\d)"
_JOIN_AT = re.compile(_JOIN)
# any ";" glued to the next word is a token of its own ("kills over 50;they-said..."): no word holds one
_GLUED = f";(?=[{_OPENING}]?[{ALPHA}\\d])"
# the opening quote after such a ";" is a token of its own, as at the start of any text
_QUOTE_AFTER_JOIN = f"(?<=;)[{_OPENING}](?=[{ALPHA_UPPER}])"
BREAKS_COMPONENT = "joined_headline_breaks"
GRAMMAR_COMPONENT = "headline_grammar"


@lru_cache(maxsize=1)
def _inside_name() -> re.Pattern:
    """A name's lower-case particles between capitalized words ("Apaseo el Grande", "San Juan de los Lagos"), before
    the word after them."""
    particles = "|".join(re.escape(p) for p in lexicon("place_words")["name_particles"])
    return re.compile(f"(?<![{ALPHA}])[{ALPHA_UPPER}][{ALPHA}-]* (?:(?:{particles}) )+(?=[{ALPHA_UPPER}])")


@Language.component(BREAKS_COMPONENT)
def mark_joined_headlines(doc: Doc) -> Doc:
    """Start a sentence after each ";" that joins two headlines; end none inside a name ("Apaseo el | Grande", which
    the parser splits in a headline without a stop)."""
    for token in doc[:-1]:
        if token.text == ";" and not token.whitespace_ and _JOIN_AT.match(doc.text, token.idx):
            doc[token.i + 1].is_sent_start = True
    for match in _inside_name().finditer(doc.text):
        after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if after is not None and after[0].is_sent_start is None:
            after[0].is_sent_start = False
    return doc


def add_headline_rules(nlp: Language) -> None:
    """Split a joining ";" off in the tokenizer and break sentences there, before the parser."""
    tokenizer: Any = nlp.tokenizer  # typed as any callable; spaCy's Tokenizer holds its infixes as a compiled pattern's finditer
    infixes = tokenizer.infix_finditer.__self__.pattern
    tokenizer.infix_finditer = re.compile(f"{infixes}|{_GLUED}|{_QUOTE_AFTER_JOIN}").finditer
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(BREAKS_COMPONENT, before=before)
    nlp.add_pipe(GRAMMAR_COMPONENT)


_SHOUTED_SHARE = 0.6  # more long words in capitals than this: an all-caps headline (with a few numbers or codes)
_GRAMMAR = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_ENTITIES = [ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]
_OWN_COMPONENTS = (BREAKS_COMPONENT, GRAMMAR_COMPONENT)


def _long_words(sentence: Span) -> list[Token]:
    return [t for t in sentence if t.is_alpha and len(t) > 3]


def capitalized_share(sentence: Span) -> float:
    """The share of the sentence's words of four letters or more that are capitalized or in capitals; 0 below two such words."""
    words = _long_words(sentence)
    return sum(t.is_title or t.is_upper for t in words) / len(words) if len(words) > 1 else 0.0


def is_headline_case(sentence: Span) -> bool:
    """A headline in title case ("Junta Troops Torch Six Villages") or all caps ("REBELS SHELL VILLAGE"): every
    longer word capitalized, where a sentence merely full of names ("said Leslie Wimes, president of ...") has some not.
    Title case may keep its function words small ("Resistance Seizes Border Town from Junta"); then a capitalized word
    outside any name ("Seizes") must show it, as "They were with Donald Trump" has none."""
    if capitalized_share(sentence) == 1.0:
        return True
    content = [t for t in _long_words(sentence) if not t.is_stop]
    common = [t for t in content if not t.ent_type_ and (t.is_title or t.is_upper)]
    return len(content) > 1 and all(t.is_title or t.is_upper for t in content) and bool(common)


def _is_shouted(sentence: Span) -> bool:
    words = _long_words(sentence)
    return sum(t.is_upper for t in words) > _SHOUTED_SHARE * len(words)


def _capitalized(text: str) -> str:
    return text[:1] + text[1:].lower()


def _sentence_case(tokens: Doc | Span) -> list[str]:
    """Words in sentence case: the first word and gazetteer names capitalized, the other capitalized words
    lower-cased; a word in capitals between title-case ones ("UN", "LRA") stays an acronym."""
    first = next((t.i for t in tokens if t.is_alpha), None)
    return [
        t.text if (t.i == first or t.ent_id_) and t.is_title else
        _capitalized(t.text) if t.i == first or t.ent_id_ else
        t.lower_ if t.is_title else
        t.text
        for t in tokens
    ]


class HeadlineGrammar:
    """Tags, lemmas and parse of each title-case or all-caps sentence, read from its words in sentence case
    ("Myanmar junta troops torch six villages": same tokens, same offsets, only case changes). The entities of
    an all-caps sentence are read from its words capitalized, as in a title-case one, where the gazetteer's
    names match; a title-case sentence keeps the entities the NER found."""

    def __init__(self, nlp: Language):
        self.nlp = nlp  # its pipes as they are when a Doc is analysed (the gazetteer's rulers are added after this one)

    def _analysed(self, words: list[str], like: Span) -> Doc:
        doc = Doc(like.doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in like])
        for name, pipe in self.nlp.pipeline:
            if name in _OWN_COMPONENTS:
                continue
            doc = pipe(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        headlines = [sentence for sentence in doc.sents if is_headline_case(sentence)]
        if not headlines or not doc.has_annotation("DEP"):
            return doc
        grammar, entities = doc.to_array(_GRAMMAR), doc.to_array(_ENTITIES)
        for sentence in headlines:
            named: Doc | Span = sentence
            if _is_shouted(sentence):
                named = self._analysed([_capitalized(t.text) for t in sentence], sentence)
                entities[sentence.start : sentence.end] = named.to_array(_ENTITIES)
            grammar[sentence.start : sentence.end] = self._analysed(_sentence_case(named), sentence).to_array(_GRAMMAR)
        # spaCy's stub types to_array's values as floats: they are the attributes' integer ids
        doc.from_array(_GRAMMAR, cast(Ints2d, grammar))
        doc.from_array(_ENTITIES, cast(Ints2d, entities))
        return doc


@Language.factory(GRAMMAR_COMPONENT)
def make_headline_grammar(nlp: Language, name: str) -> HeadlineGrammar:
    return HeadlineGrammar(nlp)
