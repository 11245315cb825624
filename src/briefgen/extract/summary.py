"""Extractive summary: the few sentences that carry the article.

Sentences are ranked on signals known to work on news: position (the lead
carries most stories), position-aware centrality in the manner of PacSum
(Zheng & Lapata 2019: a sentence that later sentences echo is central),
and the salience of the article's main actors. Sentences are then picked by
maximal marginal relevance (Carbonell & Goldstein 1998) under a sentence and
word budget, so two picks never say the same thing. Page furniture is never
a candidate (see ``sentence_filters``), and a pick that opens with a pronoun
or connective ("They", "But") comes with the sentence before it, or not at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from ..lexicons import word_set
from ..model import Actor, SummarySentence
from .sentence_filters import ONLY_BESIDE_PROSE, content_bounds, hard_rejection, soft_rejection, word_count

# Weights of the ranking signals (each scaled to [0, 1] first). Position leads,
# as on news it should; centrality and actors reorder within the lead's reach.
POSITION_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.4
ACTOR_WEIGHT = 0.3
POSITION_DECAY = 0.5  # position prior 1 / (1 + rank) ** decay
BACKWARD_EDGE_WEIGHT = -0.3  # PacSum: echoing an earlier sentence counts against you
MMR_LAMBDA = 0.7  # relevance against redundancy
DUPLICATE_SIMILARITY = 0.6  # two sentences this alike say the same thing

_OPENING_WORD = re.compile(r"^\W*(\w+)")
VERB_TAGS = (VERB, AUX)


class Candidate(NamedTuple):
    sentence: int  # index into list(doc.sents)
    start: int
    end: int
    text: str
    words: int
    bag: Counter


def _content_bag(tokens: Sequence[Token]) -> Counter:
    """Lower-cased lemmas of the content words."""
    return Counter(
        token.lemma_.lower()
        for token in tokens
        if not (token.is_stop or token.is_punct or token.is_space) and any(c.isalnum() for c in token.text)
    )


def _candidate_tiers(doc: Doc) -> list[list[Candidate]]:
    """Sentences that may stand in a summary, each tier adding sentences of a lesser kind, in
    article order: prose; then fragments and verbless or unpunctuated lines; then questions
    and headings (so a one-line text gets itself back). Furniture is never a candidate."""
    prose: list[Candidate] = []
    slight: list[Candidate] = []
    last_resort: list[Candidate] = []
    doc_text = doc.text  # spaCy rebuilds Doc.text from the tokens on every access
    for index, sent in enumerate(doc.sents):
        start, end = content_bounds(sent)
        text = doc_text[start:end]
        rejection = hard_rejection(text)
        if rejection and rejection not in ONLY_BESIDE_PROSE:
            continue
        tokens = [token for token in sent if start <= token.idx < end]
        candidate = Candidate(index, start, end, text, word_count(text), _content_bag(tokens))
        # A line without a verb (a list of names, a label) is no statement.
        verbless = not any(token.pos in VERB_TAGS for token in tokens)
        tier = last_resort if rejection else slight if verbless or soft_rejection(text) else prose
        tier.append(candidate)
    with_slight = sorted(prose + slight)
    return [prose, with_slight, sorted(with_slight + last_resort)]


def _tfidf(bags: Sequence[Counter]) -> list[dict[str, float]]:
    """Unit-length tf-idf vectors, with idf counted over the article's own sentences."""
    document_frequency = Counter(word for bag in bags for word in bag)
    count = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: tf * (1.0 + math.log((1 + count) / (1 + document_frequency[w]))) for w, tf in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def _scaled(values: Sequence[float]) -> list[float]:
    low, high = min(values), max(values)
    return [(v - low) / (high - low) if high > low else 0.0 for v in values]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of sparse vectors (of unit vectors: their cosine)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _centrality(vectors: Sequence[dict[str, float]]) -> list[float]:
    """PacSum's directed degree: similarity to later sentences counts for, to earlier ones against.

    A sum of cosines is the cosine with the summed vectors, so running sums of the
    vectors before and after each sentence give the degree in one pass (an n x n
    similarity matrix took minutes and gigabytes on thousands of sentences).
    """
    total: dict[str, float] = {}
    for vector in vectors:
        for word, value in vector.items():
            total[word] = total.get(word, 0.0) + value
    before: dict[str, float] = {}
    degrees = []
    for vector in vectors:
        earlier = _dot(vector, before)
        later = _dot(vector, total) - earlier - _dot(vector, vector)
        degrees.append(later + BACKWARD_EDGE_WEIGHT * earlier)
        for word, value in vector.items():
            before[word] = before.get(word, 0.0) + value
    return degrees


class _Similarity:
    """Cosine similarity of two candidates by position, computed when first asked for."""

    def __init__(self, vectors: Sequence[dict[str, float]]) -> None:
        self._vectors = vectors
        self._known: dict[tuple[int, int], float] = {}

    def __call__(self, p: int, q: int) -> float:
        if p == q:
            return 1.0
        key = (min(p, q), max(p, q))
        if key not in self._known:
            self._known[key] = _dot(self._vectors[key[0]], self._vectors[key[1]])
        return self._known[key]


def _actor_weights(doc: Doc, actors: Sequence[Actor]) -> dict[str, float]:
    """Surface form -> salience of the actor it names (log of its mention count)."""
    if actors:
        return {
            form: math.log1p(max(actor.mentions, 1))
            for actor in actors
            for form in (actor.name, *actor.aliases)
            if form.strip()
        }
    # No actor list: the article's own named entities stand in for its actors.
    labels = word_set("summary_actor_labels")
    counts = Counter(ent.text for ent in doc.ents if ent.label_.lower() in labels)
    return {form: math.log1p(count) for form, count in counts.items() if count > 1}


def _actor_salience(candidates: Sequence[Candidate], weights: dict[str, float]) -> list[float]:
    if not weights:
        return [0.0] * len(candidates)
    forms = sorted(weights, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    return [sum(weights[form] for form in set(pattern.findall(c.text))) for c in candidates]


def _relevance(candidates: Sequence[Candidate], vectors: Sequence[dict[str, float]], weights: dict[str, float]) -> list[float]:
    position = [1.0 / (1 + rank) ** POSITION_DECAY for rank in range(len(candidates))]
    centrality = _scaled(_centrality(vectors))
    salience = _scaled(_actor_salience(candidates, weights))
    return [
        POSITION_WEIGHT * p + CENTRALITY_WEIGHT * c + ACTOR_WEIGHT * a
        for p, c, a in zip(position, centrality, salience, strict=True)
    ]


def _dangles(candidate: Candidate) -> bool:
    """Whether the sentence leans on the one before: it opens on a pronoun or
    connective, or in lower case (the rest of a sentence split in two)."""
    opening = _OPENING_WORD.match(candidate.text)
    if not opening:
        return False
    word = opening.group(1)
    return word[0].islower() or word.lower() in word_set("summary_dangling_openers")


def _unit(position: int, candidates: Sequence[Candidate], chosen: set[int], room: int) -> tuple[int, ...] | None:
    """Candidate positions to add together so that the one at ``position`` reads on its own.

    None when its antecedent sentence cannot come along (it is furniture, or absent)
    or when the unit would take more than ``room`` sentences (checked while walking back,
    so a run of thousands of "He ran." is not walked from each of its sentences).
    """
    unit = [position]
    # The first candidate is the lead: a pronoun there points ahead ("He may not play much,
    # but Smith...") or to the headline, not to furniture before it.
    while unit[0] > 0 and _dangles(candidates[unit[0]]):
        before = unit[0] - 1
        if candidates[before].sentence != candidates[unit[0]].sentence - 1:
            return None
        if before in chosen:
            break
        if len(unit) == room:
            return None
        unit.insert(0, before)
    return tuple(unit)


def _select(
    candidates: Sequence[Candidate], relevance: Sequence[float], similarity: _Similarity,
    max_sentences: int, max_words: int,
) -> set[int]:
    """Greedy maximal marginal relevance under the sentence and word budgets."""
    chosen: set[int] = set()
    words = 0
    while len(chosen) < max_sentences:
        best, best_value = None, -math.inf
        for position in range(len(candidates)):
            if position in chosen:
                continue
            unit = _unit(position, candidates, chosen, max_sentences - len(chosen))
            if unit is None:
                continue
            unit_words = sum(candidates[p].words for p in unit)
            # A long first sentence may stand alone; after that the word budget holds.
            if (chosen or len(unit) > 1) and words + unit_words > max_words:
                continue
            redundancy = max((similarity(p, q) for p in unit for q in chosen), default=0.0)
            repeats_itself = any(similarity(p, q) >= DUPLICATE_SIMILARITY for p in unit for q in unit if p < q)
            if redundancy >= DUPLICATE_SIMILARITY or repeats_itself:
                continue
            value = MMR_LAMBDA * relevance[position] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = unit, value
        if best is None:
            break
        chosen.update(best)
        words += sum(candidates[p].words for p in best)
    return chosen


def summarize(
    doc: Doc, actors: Sequence[Actor] = (), max_sentences: int = 3, max_words: int = 75
) -> list[SummarySentence]:
    """The sentences that best carry the article, in article order.

    About ``max_sentences`` sentences and at most ``max_words`` words (a single
    long first pick may exceed it; sentences are never cut).
    """
    weights = _actor_weights(doc, actors)
    for candidates in _candidate_tiers(doc):
        if not candidates:
            continue
        vectors = _tfidf([c.bag for c in candidates])
        relevance = _relevance(candidates, vectors, weights)
        chosen = _select(candidates, relevance, _Similarity(vectors), max_sentences, max_words)
        if chosen:
            return [_summary_sentence(candidates[p]) for p in sorted(chosen)]
    return []


def _summary_sentence(candidate: Candidate) -> SummarySentence:
    return SummarySentence(text=candidate.text, sentence=candidate.sentence, start=candidate.start, end=candidate.end)

