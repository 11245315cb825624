"""Abbreviation definitions in a Doc: "Tehreek-e-Taliban Pakistan (TTP)".

A Schwartz & Hearst (2003) pass: a short form in parentheses after a long form
(or the reverse), accepted when the short form's characters can be found, in
order, in the long form, with its first character opening a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .doc_index import sentence_bounds


class Abbreviation(NamedTuple):
    short: Span
    long: Span


def _is_short_form(text: str) -> bool:
    return 2 <= len(text) <= 10 and text[0].isalnum() and any(c.isupper() for c in text) and len(text.split()) == 1


def _long_form_start(short: str, words: list[str]) -> int | None:
    """Index into ``words`` where the long form starts, or None (Schwartz-Hearst matching)."""
    letters = [c.lower() for c in short if c.isalnum()]
    text = " ".join(words).lower()
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        while t >= 0 and (text[t] != letters[s] or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        s -= 1
        t -= 1
    # t + 1 is where the first letter matched; find the word it falls in.
    position = t + 1
    offset = 0
    for index, word in enumerate(words):
        if offset <= position < offset + len(word) + 1:
            return index
        offset += len(word) + 1
    return None


def find_abbreviations(doc: Doc) -> Iterator[Abbreviation]:
    """Yield each abbreviation defined in the Doc once, at its definition."""
    seen: set[str] = set()
    for token in doc:
        if token.text != "(" or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        inner = doc[token.i + 1]
        if _is_short_form(inner.text) and inner.text not in seen:
            # The long form is at most min(|SF| + 5, 2 * |SF|) words before the parenthesis;
            # doubled here because hyphens are tokens of their own ("Tehreek - e - Taliban").
            window = 2 * min(len(inner.text) + 5, 2 * len(inner.text))
            first = max(sentence_bounds(token)[0], token.i - window)
            words = [t.text for t in doc[first : token.i]]
            start = _long_form_start(inner.text, words)
            if start is not None:
                seen.add(inner.text)
                yield Abbreviation(short=doc[inner.i : inner.i + 1], long=doc[first + start : token.i])
