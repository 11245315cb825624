"""Markdown to HTML with Python-Markdown, raw HTML switched off.

Python-Markdown passes raw HTML through by default; briefgen removes the two
processors that do it, so any markup that reached the Markdown is shown as
text, never run.
"""

from __future__ import annotations

from typing import NamedTuple

import markdown


class HtmlContent(NamedTuple):
    html: str
    headings: list[dict]  # Python-Markdown's toc_tokens: level, id, name, children


def markdown_to_html(text: str) -> HtmlContent:
    converter = markdown.Markdown(extensions=["tables", "footnotes", "toc", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.ESCAPED_CHARS.extend(["<", ">", "|"])
    html = converter.convert(text)
    return HtmlContent(html, converter.toc_tokens)
