"""How claims are sourced: counts by source kind, which speakers are on the record, and whether
a story rests mostly on anonymous sources (the brief says so in one line)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Claim, Sourcing

ON_RECORD = {"named_person", "official"}  # speakers whose claims lead the key claims
KEY_CLAIMS = 8  # claims shown per article or story; the JSON keeps them all
MOSTLY = 0.5  # share of claims above which a story "rests mostly" on one kind of source


def claim_importance(claim: Claim, incident_sentences: set[int]) -> tuple[bool, bool, bool]:
    """Sort key of a claim among key claims (smaller first): on-record speakers, then claims
    about an incident, then quotes (a quote says more about its source than a paraphrase)."""
    return (claim.speaker_kind not in ON_RECORD, claim.evidence.sentence not in incident_sentences, not claim.direct)


def count_sourcing(claims: Sequence[Claim]) -> Sourcing:
    kinds = Counter(claim.speaker_kind for claim in claims)
    return Sourcing(
        claims=len(claims),
        by_kind=dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        direct=sum(claim.direct for claim in claims),
    )


def mostly_anonymous(sourcing: Sourcing) -> bool:
    """Whether more than half of the claims rest on anonymous sources."""
    return sourcing.by_kind.get("anonymous", 0) > MOSTLY * sourcing.claims
