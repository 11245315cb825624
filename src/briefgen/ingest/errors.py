"""The one exception readers raise for an unusable input; read_inputs turns it into a Rejection."""

from __future__ import annotations


class Unusable(ValueError):
    """An input that cannot become an article; the message is the one-line reason shown to the user."""
