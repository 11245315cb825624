"""Per-Doc lookups built once, so that extraction stays linear in the article's length.

spaCy's ``Span.ents`` rebuilds every entity of the Doc on each call,
``Doc.text`` joins every token again and ``Token.sent`` walks the sentence
both ways: asked once per sentence, claim or speaker, they make extraction
quadratic. This index answers the same questions from the Doc's entities
sorted by start (one bisection), its text joined once and each token's
sentence bounds. It is made at first use and kept while the Doc lives (Docs
are not changed once parsed, so it never goes stale).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token


class _Entity(NamedTuple):
    """What ``doc.ents`` makes a Span of; kept without the Doc so that the index does not keep its Doc alive."""

    start: int
    end: int
    label: int
    kb_id: int
    span_id: int


class DocIndex:
    """A Doc's entities in spaCy's order (by start, never overlapping), its text, and each token's sentence."""

    def __init__(self, doc: Doc) -> None:
        self.text: str = doc.text
        self._entities = [_Entity(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        self._starts = [entity.start for entity in self._entities]
        self._sentence_bounds: list[tuple[int, int]] | None = None

    def within(self, doc: Doc, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens [start, end), as ``doc[start:end].ents`` lists them."""
        found = []
        number = bisect_left(self._starts, start)
        while number < len(self._entities) and self._entities[number].end <= end:
            found.append(_span(doc, self._entities[number]))
            number += 1
        return found

    def starting_in(self, doc: Doc, start: int, end: int) -> list[Span]:
        """The entities whose first token is in [start, end)."""
        return [_span(doc, entity) for entity in self._entities[bisect_left(self._starts, start) : bisect_left(self._starts, end)]]

    def all(self, doc: Doc) -> list[Span]:
        return [_span(doc, entity) for entity in self._entities]

    def sentence_bounds(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of each token's sentence; read at first use, as a Doc without sentences raises on ``doc.sents``."""
        if self._sentence_bounds is None:
            self._sentence_bounds = []
            for sentence in doc.sents:
                self._sentence_bounds += [(sentence.start, sentence.end)] * len(sentence)
        return self._sentence_bounds


def _span(doc: Doc, entity: _Entity) -> Span:
    return Span(doc, entity.start, entity.end, label=entity.label, kb_id=entity.kb_id, span_id=entity.span_id)


_INDEXES: WeakKeyDictionary[Doc, DocIndex] = WeakKeyDictionary()


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's index, made at first use."""
    index = _INDEXES.get(doc)
    if index is None:
        index = _INDEXES[doc] = DocIndex(doc)
    return index


def entities_in(span: Span) -> list[Span]:
    """``span.ents`` without rescanning the Doc."""
    return doc_index(span.doc).within(span.doc, span.start, span.end)


def entities_starting_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The Doc's entities whose first token is in [start, end)."""
    return doc_index(doc).starting_in(doc, start, end)


def doc_entities(doc: Doc) -> list[Span]:
    """``doc.ents`` from the index."""
    return doc_index(doc).all(doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    return doc_index(doc).text


def sentence_bounds(token: Token) -> tuple[int, int]:
    """Start and end (token indices) of ``token.sent``."""
    return doc_index(token.doc).sentence_bounds(token.doc)[token.i]

