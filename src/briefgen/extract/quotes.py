"""Quotations: find the character ranges inside quote marks, tolerating broken marks.

Curly and straight double marks are paired per paragraph. News style opens every
paragraph of a multi-paragraph quotation again without closing the previous one,
so a quote still open at a paragraph break continues when the next paragraph
starts with an opening mark, and ends at the break otherwise. Odd or stray marks
never raise: an unclosed quote simply ends with its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
# Typewriter style: two apostrophes (or backticks) for one double mark.
MARK = re.compile(r"''|``|[" + MARKS + "]")


class Quote(NamedTuple):
    """A quotation: ``start``/``end`` include the marks; the text between them is the quote."""

    start: int
    end: int

    def inner(self, text: str) -> tuple[int, int]:
        """Character range without the outer marks (and without a trailing comma)."""
        opening, closing = MARK.match(text, self.start), MARK.search(text, self.end - 2, self.end)
        start = opening.end() if opening else self.start
        end = closing.start() if closing and closing.end() == self.end else self.end
        while end > start and text[end - 1] in " ,\n":
            end -= 1
        return start, end

    def words(self, text: str) -> str:
        """The quoted words on one line: outer marks, trailing comma and paragraph marks dropped."""
        inner = text[slice(*self.inner(text))]
        return " ".join(MARK.sub("", line, count=1).strip() if MARK.match(line.strip()) else line.strip()
                        for line in inner.split("\n") if line.strip())


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of the non-blank lines."""
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, start + len(line)
        start += len(line) + 1


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(MARK.match(stripped)) and stripped[0] not in CLOSING


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order, never overlapping."""
    quotes: list[Quote] = []
    open_at: int | None = None
    paragraphs = list(_paragraphs(text))
    for number, (para_start, para_end) in enumerate(paragraphs):
        continued = open_at is not None
        for match in MARK.finditer(text, para_start, para_end):
            mark, offset = match.group(), match.start()
            if continued:
                # The opening mark that resumes a quote from the previous paragraph.
                continued = False
                if mark not in CLOSING and not text[para_start:offset].strip():
                    continue
            if open_at is None:
                # A stray closing mark with nothing open opens a quote, like a straight mark.
                open_at = offset
            elif mark in OPENING or mark == "``":
                # An opening mark inside an open quote: the earlier one was never closed.
                quotes.append(Quote(open_at, offset))
                open_at = offset
            else:
                if offset > open_at + 2:
                    quotes.append(Quote(open_at, match.end()))
                open_at = None
        if open_at is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is None or not _opens_with_mark(text, *following):
                quotes.append(Quote(open_at, para_end))
                open_at = None
    return [quote for quote in quotes if text[slice(*quote.inner(text))].strip()]
