"""Extractive summary: the few sentences that carry the article.

News puts what matters first (the inverted pyramid), so the summary starts from
the lead: the article's first sentences, in order, within a sentence and word
budget. A sentence that makes a point of one before it again (most of its
content words are in that one) is left out. An article that reports an
incident with a toll written as a number states it: when no lead sentence does,
the sentence that first reports one takes the place of the last lead sentences.
No weight is fitted to an evaluation set.
Page furniture is never a candidate (see ``sentence_filters``), and a pick that
opens with a pronoun or connective ("They", "But") comes with the sentence
before it, or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from ..lexicons import word_set
from ..model import Incident, SummarySentence
from .incidents.casualties import number_value
from .sentence_filters import ONLY_BESIDE_PROSE, content_bounds, hard_rejection, soft_rejection, word_count

_OPENING_WORD = re.compile(r"^\W*(\w+)")
_WORD = re.compile(r"\w+")
VERB_TAGS = (VERB, AUX)


class Candidate(NamedTuple):
    sentence: int  # index into list(doc.sents); a story numbers its articles' sentences apart
    start: int
    end: int
    text: str
    words: int
    content: frozenset[str]


def content_words(text: str) -> frozenset[str]:
    """The text's words (numbers included) other than stop words, lower-cased."""
    return frozenset(word for word in (w.lower() for w in _WORD.findall(text)) if word not in STOP_WORDS)


def sentence_candidate(sentence: int, start: int, end: int, text: str) -> Candidate:
    return Candidate(sentence, start, end, text, word_count(text), content_words(text))


def repeats(later: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether a sentence with content words ``later`` makes the point of one with ``earlier``
    again: most of its content words are in that one (a longer sentence that goes on to new
    things is no repeat of a short one it starts from)."""
    return 2 * len(later & earlier) > len(later)


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
        # A line without a verb (a list of names, a label) is no statement.
        verbless = not any(token.pos in VERB_TAGS for token in tokens)
        tier = last_resort if rejection else slight if verbless or soft_rejection(text) else prose
        tier.append(sentence_candidate(index, start, end, text))
    with_slight = sorted(prose + slight)
    return [prose, with_slight, sorted(with_slight + last_resort)]


def _dangles(candidate: Candidate) -> bool:
    """Whether the sentence leans on the one before: it opens on a pronoun or
    connective, or in lower case (the rest of a sentence split in two)."""
    opening = _OPENING_WORD.match(candidate.text)
    if not opening:
        return False
    word = opening.group(1)
    return word[0].islower() or word.lower() in word_set("summary_dangling_openers")


def _unit(position: int, candidates: Sequence[Candidate], chosen: Sequence[int], room: int) -> tuple[int, ...] | None:
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


class _Summary:
    """Chosen candidate positions, unit by unit, under the sentence and word budgets."""

    def __init__(self, candidates: Sequence[Candidate], max_sentences: int, max_words: int) -> None:
        self.candidates = candidates
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.units: list[tuple[int, ...]] = []

    @property
    def positions(self) -> list[int]:
        return [p for unit in self.units for p in unit]

    def says(self, position: int) -> bool:
        """Whether the summary already makes the point of the candidate at ``position``."""
        content = self.candidates[position].content
        return any(p == position or repeats(content, self.candidates[p].content) for p in self.positions)

    def unit_for(self, position: int) -> tuple[int, ...] | None:
        """The unit that adds ``position`` if it has room and says something new, else None."""
        chosen = self.positions
        unit = _unit(position, self.candidates, chosen, self.max_sentences - len(chosen))
        if unit is None or len(chosen) + len(unit) > self.max_sentences or any(self.says(p) for p in unit):
            return None
        if any(repeats(self.candidates[q].content, self.candidates[p].content) for p in unit for q in unit if p < q):
            return None
        return unit

    def fits(self, unit: tuple[int, ...]) -> bool:
        # A long first sentence may stand alone; after that the word budget holds.
        words = sum(self.candidates[p].words for p in (*self.positions, *unit))
        return not (self.units or len(unit) > 1) or words <= self.max_words


def _lead(summary: _Summary) -> None:
    """The first candidates that fit, in order, each saying something new."""
    for position in range(len(summary.candidates)):
        if len(summary.positions) >= summary.max_sentences:
            return
        unit = None if position in summary.positions else summary.unit_for(position)
        if unit is None:
            continue
        if not summary.fits(unit):
            return  # what follows the lead is no lead
        summary.units.append(unit)


def _state_incident(summary: _Summary, position: int) -> None:
    """Make the summary say what the candidate at ``position`` says: the last units give way to it
    until it fits, but the first stays (the two may exceed the word budget together)."""
    if summary.says(position):
        return
    kept = list(summary.units)
    while summary.units:
        unit = summary.unit_for(position)
        if unit is not None and (summary.fits(unit) or len(summary.units) == 1):
            summary.units.append(unit)
            return
        if len(summary.units) == 1:
            break
        summary.units.pop()
    summary.units = kept  # it cannot stand beside the first unit: the lead stays as it was


def choose(candidates: Sequence[Candidate], max_sentences: int, max_words: int, incident: int | None = None) -> list[int]:
    """Positions of the candidates that make the summary, in order: the lead, with the candidate at
    position ``incident`` (the report of a hard event) taking the place of its last sentences."""
    summary = _Summary(candidates, max_sentences, max_words)
    _lead(summary)
    if incident is not None and summary.units:
        _state_incident(summary, incident)
    return sorted(summary.positions)


def main_incident_sentence(doc: Doc, incidents: Sequence[Incident]) -> int | None:
    """The first sentence that reports an incident and writes its toll as a number ("two
    killed", "12 injured"): a toll read from "a man" or "the killing" is no hard event."""
    sentences = list(doc.sents)
    for incident in sorted(incidents, key=lambda i: i.evidence.sentence):
        tolls = {incident.killed, incident.injured} - {None, 0}
        if any(number_value(token) in tolls for token in sentences[incident.evidence.sentence]):
            return incident.evidence.sentence
    return None


def summarize(
    doc: Doc, max_sentences: int = 3, max_words: int = 75, incidents: Sequence[Incident] = ()
) -> list[SummarySentence]:
    """The sentences that best carry the article, in article order.

    About ``max_sentences`` sentences and at most ``max_words`` words (a long first
    sentence may exceed it alone, or with the sentence that states the article's
    incident; sentences are never cut).
    """
    incident_sentence = main_incident_sentence(doc, incidents)
    for candidates in _candidate_tiers(doc):
        incident = next((p for p, c in enumerate(candidates) if c.sentence == incident_sentence), None)
        chosen = choose(candidates, max_sentences, max_words, incident)
        if chosen:
            return [SummarySentence(candidates[p].text, candidates[p].sentence, candidates[p].start, candidates[p].end) for p in chosen]
    return []
