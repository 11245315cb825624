"""A story's headline: the best of its articles' headlines, else a short one made from its summary.

The best headline is the one the story's other articles bear out most: the share of its content
words that each other article's text also uses, summed (the first titled article on a tie).
Without any title, the headline is the first clause of the summary's first sentence (the first
sentence of the text when there is no summary) that is long enough to say something, cut at a
word boundary, without a trailing function word and never with an ellipsis.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import ArticleBrief, StorySentence
from .similarity import terms

HEADLINE_WORDS = 12  # of a headline made from a sentence
CLAUSE_MIN_WORDS = 4  # a shorter clause ("HEMPSTEAD", "Sept. 26 (UPI)") is a dateline or an aside
CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[—–-]+\s+|\s*\([^)]*\)\s*")
LOOSE_END = " ,;:.!?—–-\"'“”‘’"


def story_headline(articles: Sequence[ArticleBrief], summary: Sequence[StorySentence]) -> str:
    """The headline a story is shown under (``articles`` in story order)."""
    titled = [(index, article) for index, article in enumerate(articles) if article.title]
    if titled:
        texts = [set(terms(article.text)) for article in articles]
        # How many of the story's texts use each word: counted once, so a story of thousands of titled
        # articles is not a comparison of every title with every text.
        spread = Counter(word for text in texts for word in text)

        def support(item: tuple[int, ArticleBrief]) -> tuple[float, int]:
            index, article = item
            words = set(terms(article.title or ""))
            backing = sum(spread[word] - (word in texts[index]) for word in words) / (len(words) or 1)
            return backing, -index

        return max(titled, key=support)[1].title or ""
    first = summary[0].text if summary else articles[0].text.split("\n", 1)[0]
    return headline_from_sentence(first) or articles[0].id


def headline_from_sentence(sentence: str) -> str:
    """The sentence's first clause of CLAUSE_MIN_WORDS words or more, at most HEADLINE_WORDS words, cut at a word."""
    clauses = [clause for clause in CLAUSE_BREAK.split(sentence) if clause.strip()]
    clause = next((c for c in clauses if len(c.split()) >= CLAUSE_MIN_WORDS), sentence)
    words = clause.split()[:HEADLINE_WORDS]
    from spacy.lang.en.stop_words import STOP_WORDS  # imported here, as in ``similarity``

    while len(words) > CLAUSE_MIN_WORDS and (words[-1].strip(LOOSE_END).lower() in STOP_WORDS or not words[-1].strip(LOOSE_END)):
        words.pop()
    headline = " ".join(words).strip(LOOSE_END)
    return headline[:1].upper() + headline[1:]
