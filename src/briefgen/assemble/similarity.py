"""Text similarity between articles: TF-IDF over content words, cosine.

Sparse vectors as dicts. Callers look candidates up by each text's strongest
terms, so a day of 2,000 articles is not 2 million comparisons.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_]{3,}")
TOP_TERMS = 12  # an article's terms used to find its candidate neighbours

Vector = dict[str, float]


def terms(text: str) -> Counter:
    # Imported here: loading spaCy takes a second that a rebuild of an unchanged day does not spend.
    from spacy.lang.en.stop_words import STOP_WORDS

    return Counter(w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOP_WORDS)


def tfidf_vectors(texts: Sequence[str]) -> list[Vector]:
    """Unit-length TF-IDF vectors, one per text."""
    counts = [terms(t) for t in texts]
    document_frequency = Counter(term for c in counts for term in c)
    total = len(texts)
    vectors = []
    for c in counts:
        vector = {t: (1 + math.log(n)) * math.log((1 + total) / (1 + document_frequency[t])) for t, n in c.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items() if v > 0})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top_terms(vector: Vector) -> list[str]:
    """A text's strongest terms: what its candidate neighbours are looked up by."""
    return sorted(vector, key=lambda t: (-vector[t], t))[:TOP_TERMS]
