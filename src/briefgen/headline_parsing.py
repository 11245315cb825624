"""Headlines inside a text, for the pipeline: where headlines joined with ";" break into sentences.

Feed exports and event coders join several headlines with a ";" and no space ("Deadly clashes in Bangladesh
after top Islamist hanged;Seven killed in clashes ..."). spaCy keeps "hanged;Seven" as one token and one
sentence; here a ";" directly followed by a capital (or an opening quote and a capital) is split off as its own
token, and the word after it starts a sentence, set before the parser, which keeps boundaries set before it.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.lang.char_classes import ALPHA_UPPER
from spacy.language import Language
from spacy.tokens import Doc

_OPENING = "\"'“‘(\\["
# ";" with no space before a capital, or before an opening quote or bracket and a capital
_JOIN = f";(?=[{_OPENING}]?[{ALPHA_UPPER}])"
_JOIN_AT = re.compile(_JOIN)
# the opening quote after such a ";" is a token of its own, as at the start of any text
_QUOTE_AFTER_JOIN = f"(?<=;)[{_OPENING}](?=[{ALPHA_UPPER}])"
BREAKS_COMPONENT = "joined_headline_breaks"


@Language.component(BREAKS_COMPONENT)
def mark_joined_headlines(doc: Doc) -> Doc:
    """Start a sentence after each ";" that joins two headlines."""
    for token in doc[:-1]:
        if token.text == ";" and not token.whitespace_ and _JOIN_AT.match(doc.text, token.idx):
            doc[token.i + 1].is_sent_start = True
    return doc


def add_headline_rules(nlp: Language) -> None:
    """Split a joining ";" off in the tokenizer and break sentences there, before the parser."""
    tokenizer: Any = nlp.tokenizer  # typed as any callable; spaCy's Tokenizer holds its infixes as a compiled pattern's finditer
    infixes = tokenizer.infix_finditer.__self__.pattern
    tokenizer.infix_finditer = re.compile(f"{infixes}|{_JOIN}|{_QUOTE_AFTER_JOIN}").finditer
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(BREAKS_COMPONENT, before=before)
