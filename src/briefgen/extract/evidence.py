"""Evidence: tie an extracted item to its sentence and character offsets.

Offsets are into ``article.text``, which is exactly the text the Doc was made
from, so a token's ``idx`` is an article offset.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..model import Evidence, SentenceSpan


def sentence_spans(doc: Doc) -> list[SentenceSpan]:
    """The article's sentences as character ranges (the contract's ``sentences``)."""
    return [SentenceSpan(s.start_char, s.end_char) for s in doc.sents]


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence holding character offset ``char``."""
    starts = doc.user_data.get("briefgen_sentence_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents]
        doc.user_data["briefgen_sentence_starts"] = starts
    return max(bisect_right(starts, char) - 1, 0)


def evidence(doc: Doc, start: int, end: int) -> Evidence:
    """Evidence for the character range [start, end) of the Doc's text."""
    return Evidence(sentence=sentence_index(doc, start), start=start, end=end)


def span_evidence(span: Span) -> Evidence:
    """Evidence for a spaCy span (a token range)."""
    return evidence(span.doc, span.start_char, span.end_char)
