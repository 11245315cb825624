"""How claims are sourced: counts by source kind, and which speakers are on the record."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..model import Claim, Sourcing

ON_RECORD = {"named_person", "official"}  # speakers whose claims lead the key claims


def count_sourcing(claims: Sequence[Claim]) -> Sourcing:
    kinds = Counter(claim.speaker_kind for claim in claims)
    return Sourcing(
        claims=len(claims),
        by_kind=dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        direct=sum(claim.direct for claim in claims),
    )
