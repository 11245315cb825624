"""Messages to the user on stderr: one line each, never a traceback."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence

from .model import Rejection


def report_rejections(rejections: Sequence[Rejection]) -> None:
    """Name each rejected input with its reason, one line each."""
    for rejection in rejections:
        print(f"briefgen: rejected {escaped(rejection.source)}: {escaped(rejection.reason)}", file=sys.stderr)


def escaped(text: str) -> str:
    """``text`` with control and format characters written as escapes (\\n, \\x1b, \\u202e); other unicode kept.

    A file name can hold newlines and terminal escape sequences: printed raw, it could
    forge a line of its own or repaint the terminal.
    """
    return "".join(repr(char)[1:-1] if unicodedata.category(char).startswith("C") else char for char in text)
