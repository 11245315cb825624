"""Messages to the user on stderr: one line each, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .model import Rejection


def report_rejections(rejections: Sequence[Rejection]) -> None:
    """Name each rejected input with its reason, one line each."""
    for rejection in rejections:
        print(f"briefgen: rejected {rejection.source}: {rejection.reason}", file=sys.stderr)
