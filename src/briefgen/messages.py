"""Messages to the user on stderr: one line each, never a traceback."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence

from .model import Brief, Rejection


def report_rejections(rejections: Sequence[Rejection]) -> None:
    """Name each rejected input with its reason, one line each."""
    for rejection in rejections:
        print(f"briefgen: rejected {escaped(rejection.source)}: {escaped(rejection.reason)}", file=sys.stderr)


def _counted(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def report_summary(brief: Brief, seconds: float) -> None:
    """The closing line of a build: what went in, what came out, how long it took."""
    incidents = sum(len(story.incidents) for story in brief.stories)
    claims = sum(len(article.claims) for article in brief.articles)
    print(
        f"briefgen: {_counted(len(brief.articles), 'article')} used, {len(brief.rejected)} rejected; "
        f"{_counted(len(brief.stories), 'story', 'stories')}, {_counted(incidents, 'incident')}, "
        f"{_counted(claims, 'claim')}; {seconds:.1f} s",
        file=sys.stderr,
    )


def escaped(text: str) -> str:
    """``text`` with control and format characters written as escapes (\\n, \\x1b, \\u202e); other unicode kept.

    A file name can hold newlines and terminal escape sequences: printed raw, it could
    forge a line of its own or repaint the terminal.
    """
    return "".join(repr(char)[1:-1] if unicodedata.category(char).startswith("C") else char for char in text)
