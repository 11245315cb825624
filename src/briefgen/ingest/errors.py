"""The one exception readers raise for an unusable input, and the reason shown for any other failure of one input."""

from __future__ import annotations

from ..errors import BriefgenError


class Unusable(BriefgenError, ValueError):
    """An input that cannot become an article; the message is the one-line reason shown to the user."""


def failure_reason(error: Exception) -> str:
    """The one-line reason for an input (or entry) whose reading failed: an Unusable's message, else what went wrong.

    Any other exception is a bug met on hostile input; its type names the bug, and it
    rejects that input alone instead of ending a run of many.
    """
    if isinstance(error, Unusable):
        return str(error)
    return f"could not be read ({type(error).__name__}: {error})".splitlines()[0]
