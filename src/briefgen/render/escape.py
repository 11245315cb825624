"""Escaping article text for Markdown, so untrusted text is only ever text.

Every ``{{ value }}`` in a Markdown template passes through ``markdown_escape``
(the Jinja environment's ``finalize``), so links, emphasis, tables and raw HTML
written in an article show literally. Values the renderer itself builds as
Markdown are wrapped in ``MarkdownSafe`` and pass unchanged.
"""

from __future__ import annotations

import re

# Characters that start inline Markdown anywhere in a line ('<' and '>' are also
# escapable in briefgen's Python-Markdown, see markdown_html.py).
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
# Block markers that only matter at the start of a value: headings, quotes, lists, rules.
_LEADING = re.compile(r"^([#>+-]|\d+(?=[.)](\s|$)))")
_SPACE = re.compile(r"\s+")


class MarkdownSafe(str):
    """Markdown made by briefgen (not by an article): printed as is."""


def markdown_escape(value: object) -> str:
    """The Markdown for showing ``value`` as literal text on one line."""
    if value is None:
        return ""
    if isinstance(value, (MarkdownSafe, int, float)):
        return str(value)
    text = _SPACE.sub(" ", str(value))
    text = _INLINE.sub(r"\\\1", text)
    # "1. x" becomes "1\. x"; "# x" becomes "\# x".
    return _LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
