"""Markdown to HTML with Python-Markdown, raw HTML switched off.

Python-Markdown passes raw HTML through by default; briefgen removes the two
processors that do it, so any markup that reached the Markdown is shown as
text, never run.
"""

from __future__ import annotations

import re

import markdown
from markdown.extensions.toc import slugify

_NUMBERED_HEADING = re.compile(r"^(\d+)\.\s")


def heading_id(text: str, separator: str) -> str:
    """Heading ids: "1. Title" is ``story-1`` (the Contents list links there); others as usual."""
    numbered = _NUMBERED_HEADING.match(text)
    return f"story-{numbered.group(1)}" if numbered else slugify(text, separator)


def markdown_to_html(text: str) -> str:
    converter = markdown.Markdown(
        extensions=["tables", "footnotes", "toc", "sane_lists"],
        extension_configs={"toc": {"slugify": heading_id}, "footnotes": {"BACKLINK_TITLE": "Back to the text"}},
        output_format="html",
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.ESCAPED_CHARS.extend(["<", ">", "|"])
    return converter.convert(text)
