"""Markdown to HTML with Python-Markdown, raw HTML switched off.

Python-Markdown passes raw HTML through by default; briefgen removes the two
processors that do it, so any markup that reached the Markdown is shown as
text, never run. Links and images keep their target only when it is http(s) or
relative (``is_web_or_relative``): a ``javascript:`` or ``data:`` link in a
crafted brief.md is shown as its text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

_NUMBERED_HEADING = re.compile(r"^(\d+)\.\s")
WEB_SCHEMES = ("http", "https")


def is_web_or_relative(url: str) -> bool:
    """Whether ``url`` is safe to follow: http(s), or relative (a path or a #fragment, no scheme)."""
    # The serializer keeps character references in attributes, so "&#106;avascript:" must be decoded first.
    scheme = urlsplit(html.unescape(url)).scheme.lower()
    return scheme in WEB_SCHEMES or not scheme


class _DeadLinks(Treeprocessor):
    """Links become plain text and images their alt text unless their target is http(s) or relative."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_web_or_relative(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img" and not is_web_or_relative(element.get("src", "")):
                element.tag, element.text = "span", element.get("alt", "")
                element.attrib.clear()


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
    # After inline parsing (priority 20) and before the footnotes and toc run.
    converter.treeprocessors.register(_DeadLinks(converter), "dead_links", 19)
    return converter.convert(text)
