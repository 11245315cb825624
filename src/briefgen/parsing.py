"""Parse article texts with spaCy: short ones together, long ones in pieces joined back into one Doc.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and needs
about 1 GB of memory per 100,000 characters it parses at once, while an input
may be up to 5 MB. A text longer than ``PIECE_CHARS`` is therefore cut at
paragraph breaks (else after a sentence's end, else between words, else
anywhere) into pieces, parsed piece by piece and joined with
``Doc.from_docs`` into one Doc whose text is the article's text, character for
character, so evidence offsets point into the article as for any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIECE_CHARS = 100_000

# Where a piece may end, best first: after a blank line, after a sentence's end (or a line break), after a space.
_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*"), re.compile(r"\s+"))


def _piece_end(text: str, start: int, limit: int) -> int:
    """Where the piece of ``text`` from ``start`` ends: the last break of the best kind in its second half, else ``start + limit``."""
    floor, stop = start + limit // 2, start + limit
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(text, floor, stop)]
        if ends:
            return ends[-1]
    return stop


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` characters; joined they are ``text`` again."""
    pieces, start = [], 0
    while len(text) - start > limit:
        end = _piece_end(text, start, limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _piece_limit(nlp: Language) -> int:
    return min(PIECE_CHARS, nlp.max_length)


def parse(nlp: Language, text: str) -> Doc:
    """The Doc of one text, parsed in pieces when it is longer than a piece."""
    if len(text) <= _piece_limit(nlp):
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(split_pieces(text, _piece_limit(nlp)), batch_size=1))  # one piece's memory at a time
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]  # spaCy 3.8's stub lacks exclude


def parse_together(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc | None]:
    """The Docs of the short texts, parsed together with ``nlp.pipe``; None for each text to ``parse`` alone:
    a long one, or every one when parsing them together failed (so that only the text at fault fails)."""
    short = [i for i, text in enumerate(texts) if len(text) <= _piece_limit(nlp)]
    try:
        docs = dict(zip(short, nlp.pipe([texts[i] for i in short], batch_size=batch_size), strict=True))
    except Exception:
        docs = {}
    return [docs.get(i) for i in range(len(texts))]
