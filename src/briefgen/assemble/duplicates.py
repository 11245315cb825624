"""Duplicate articles: exact copies, syndicated copies and light rewrites.

Each article's text becomes a MinHash sketch of its word 5-shingles; LSH finds
candidate pairs and a pair whose estimated Jaccard similarity reaches
``THRESHOLD`` is a duplicate. Different headlines and boilerplate change few
shingles of a syndicated body; two stories about the same actor share almost
none.

A copy says the same thing: a near-duplicate that gives another number in the
same place ("two terrorists were killed" / "three terrorists were killed", "April 6"
/ "April 7") is another report of the story, not a copy, so both counts reach the brief.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from ..model import Article, ArticleBrief, Duplicate

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5
NUMBER_CONTEXT = 2  # words either side that place a number ("two [terrorists were]", "[killing] two policemen")
_WORD = re.compile(r"\w+")

if TYPE_CHECKING:
    from datasketch import MinHash


def sketch(text: str) -> MinHash:
    # datasketch (and the scipy it loads) is imported here, not above: a rebuild of an unchanged day needs neither.
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    width = min(SHINGLE_WORDS, len(words)) or 1
    shingles = {" ".join(words[i : i + width]).encode() for i in range(max(len(words) - width + 1, 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=7)
    minhash.update_batch(sorted(shingles))
    return minhash


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    words = lexicon("number_words")
    return frozenset(word for table in ("units", "tens") for word in words[table] if " " not in word)


def _numbers_in_context(text: str) -> dict[tuple[str, ...], set[str]]:
    """Each number of the text (digits or a number word) under the words around it."""
    words = _WORD.findall(text.lower())
    number_words = _number_words()
    found: dict[tuple[str, ...], set[str]] = {}
    for index, word in enumerate(words):
        if word in number_words or any(ch.isdigit() for ch in word):
            context = tuple(words[max(index - NUMBER_CONTEXT, 0) : index] + ["#"] + words[index + 1 : index + 1 + NUMBER_CONTEXT])
            found.setdefault(context, set()).add(word)
    return found


def numbers_disagree(first: str, second: str) -> bool:
    """True when the texts give different numbers in the same words: two reports, not one text twice."""
    return _disagree(_numbers_in_context(first), _numbers_in_context(second))


def _disagree(numbers: dict[tuple[str, ...], set[str]], other: dict[tuple[str, ...], set[str]]) -> bool:
    return any(numbers[context] != other[context] for context in numbers.keys() & other.keys())


def _preference(article: Article | ArticleBrief, position: int) -> tuple:
    # The copy kept is the earliest published, then the first given.
    return (article.published or "9999-99-99", position)


def find_duplicates(articles: Sequence[Article | ArticleBrief]) -> list[Duplicate]:
    """Groups of duplicate articles, each with the one kept and its copies, in input order.
    Only ids, texts and publication dates are read, so it runs before analysis as well as after."""
    from datasketch import MinHashLSH

    sketches = [sketch(article.text) for article in articles]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for index, minhash in enumerate(sketches):
        lsh.insert(index, minhash)
    parent = list(range(len(articles)))
    numbers: dict[int, dict[tuple[str, ...], set[str]]] = {}  # each text's numbers, read once however many copies it has

    def numbers_of(i: int) -> dict[tuple[str, ...], set[str]]:
        if i not in numbers:
            numbers[i] = _numbers_in_context(articles[i].text)
        return numbers[i]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in enumerate(sketches):
        for j in lsh.query(minhash):
            if j > i and minhash.jaccard(sketches[j]) >= THRESHOLD and not _disagree(numbers_of(i), numbers_of(j)):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(root(i), []).append(i)
    duplicates = []
    for members in groups.values():
        if len(members) > 1:
            kept = min(members, key=lambda i: _preference(articles[i], i))
            duplicates.append(Duplicate(kept=articles[kept].id, copies=[articles[i].id for i in members if i != kept]))
    return sorted(duplicates, key=lambda d: next(i for i, a in enumerate(articles) if a.id == d.kept))
