"""The incident word lists of ``data/incident_triggers.json``, read once and indexed for matching on lemmas."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from ...lexicons import lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w']+|-", phrase.lower()))


@lru_cache(maxsize=1)
def incident_lexicon() -> dict:
    data = lexicon("incident_triggers")
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind in data["priority"]:
        for phrase in data["types"][kind]:
            words = _words(phrase)
            by_first.setdefault(words[0], []).append((words, kind))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # longest phrase first
    actor_nouns = {_words(k): v for k, v in data["actor_nouns"].items()}
    return {
        "triggers": by_first,
        "priority": {kind: rank for rank, kind in enumerate(data["priority"])},
        "death": {_words(p) for p in data["death_cues"]},
        "injury": {_words(p) for p in data["injury_cues"]},
        "multiples": data["death_multiples"],
        "toll": frozenset(data["toll_words"]),
        "victims": frozenset(data["victim_nouns"]),
        "intransitive": frozenset(data["intransitive_cues"]),
        "modifiers": frozenset(data["hypothetical"]["modifiers"]),
        "governor_nouns": frozenset(data["hypothetical"]["governor_nouns"]),
        "governor_verbs": frozenset(data["hypothetical"]["governor_verbs"]),
        "modal_tags": frozenset(data["hypothetical"]["modal_tags"]),
        "general_markers": frozenset(data["hypothetical"]["general_markers"]),
        "reporting": frozenset(data["reporting_verbs"]),
        "topic": frozenset(data["topic_prepositions"]),
        "new_event": tuple(data["new_event_markers"]),
        "actor_nouns": actor_nouns,
        "responsibility": frozenset(data["sides"]["responsibility_nouns"]),
        "context": {key: frozenset(words) for key, words in data["context"].items()},
        "senses": {key: frozenset(words) for key, words in data["senses"].items()},
        "past_governors": frozenset(data["background"]["governor_nouns"]),
    }


def matches_words(tokens: Span, words: tuple[str, ...]) -> bool:
    return len(tokens) == len(words) and all(
        w in (t.lower_, t.lemma_.lower()) for t, w in zip(tokens, words, strict=True)
    )
