"""Markdown to HTML with Python-Markdown, raw HTML switched off.

Python-Markdown passes raw HTML through by default; briefgen removes the two
processors that do it, so any markup that reached the Markdown is shown as
text, never run. Links and images keep their target only when it is http(s) or
relative (``is_web_or_relative``): a ``javascript:`` or ``data:`` link in a
crafted brief.md is shown as its text.

Figures enter here and nowhere else: a template places one with a marker line
(``<figure:map>``, which article text can never produce, as it escapes ``<``),
and the converter puts that figure's HTML, made by ``render.figures``, in its
place; a marker without a figure is dropped. The timeline's rows get ids
(``timeline-row-1``...) for the map's circles to link to.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

_NUMBERED_HEADING = re.compile(r"^(\d+)\.\s")
WEB_SCHEMES = ("http", "https")
FIGURE_MARKER = re.compile(r"^<figure:([a-z0-9-]+)>\n?", re.M)


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


class _Figures(BlockProcessor):
    """A block that is a figure marker becomes that figure's HTML (kept aside like raw HTML, put back at the end)."""

    def __init__(self, parser, figures: Mapping[str, str]):
        super().__init__(parser)
        self.figures = figures

    def test(self, parent: ElementTree.Element, block: str) -> bool:
        return FIGURE_MARKER.fullmatch(block) is not None

    def run(self, parent: ElementTree.Element, blocks: list[str]) -> None:
        marker = FIGURE_MARKER.fullmatch(blocks.pop(0))
        figure = self.figures.get(marker.group(1)) if marker else None
        if figure:
            ElementTree.SubElement(parent, "p").text = self.parser.md.htmlStash.store(figure)


class _TimelineRowIds(Treeprocessor):
    """The rows of the table under the "Timeline" heading get the ids ``timeline-row-N`` (runs after the toc's ids)."""

    def run(self, root: ElementTree.Element) -> None:
        in_timeline = False
        for element in root:
            if element.tag in ("h1", "h2"):
                in_timeline = element.get("id") == "timeline"
            elif in_timeline and element.tag == "table":
                for number, row in enumerate(element.iterfind("tbody/tr"), 1):
                    row.set("id", f"timeline-row-{number}")
                return


def without_figures(text: str) -> str:
    """Markdown with its figure markers taken out: the plain-text brief carries no pictures."""
    return re.sub(r"\n{3,}", "\n\n", FIGURE_MARKER.sub("", text))


def heading_id(text: str, separator: str) -> str:
    """Heading ids: "1. Title" is ``story-1`` (the Contents list links there); others as usual."""
    numbered = _NUMBERED_HEADING.match(text)
    return f"story-{numbered.group(1)}" if numbered else slugify(text, separator)


def markdown_to_html(text: str, figures: Mapping[str, str] | None = None) -> str:
    """``text`` as HTML; each figure marker becomes the HTML of that name in ``figures``, or nothing."""
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
    converter.treeprocessors.register(_TimelineRowIds(converter), "timeline_row_ids", 4)
    converter.parser.blockprocessors.register(_Figures(converter.parser, figures or {}), "figures", 95)
    return converter.convert(text)
