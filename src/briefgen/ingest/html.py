"""Reader for saved web pages (.html/.htm): the main text and metadata, via trafilatura; text of HTML fragments.

Pages are untrusted. trafilatura works on the string it is given and never
fetches (we never call ``fetch_url``); lxml's parser does not load external
resources. Only extracted text leaves this module, so scripts, styles, iframes
and event handlers cannot reach the brief as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..model import Article, Rejection
from .article import NO_TEXT, build_article, slug

# Markup that makes a record's text HTML rather than plain text (feed exports often carry HTML bodies).
HTML_MARKUP = re.compile(r"<(p|div|br|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|figure|img|script|style|iframe)\b[^>]*>",
                         re.IGNORECASE)
DIGIT = re.compile(r"\d")
# Characters XML (and so lxml) refuses in a tree's text; cleaning drops these control characters anyway.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
HTML_ROOT = re.compile(r"<html[\s>]", re.IGNORECASE)
SEARCH_ROOT_WITHIN = 4096  # characters at the start of a page where <html> is looked for
# Embedded content whose fallback text is not the article (trafilatura would keep it).
PRUNED = ["//iframe", "//object", "//embed", "//noscript", "//template"]
NOT_TEXT = ("script", "style", "iframe", "object", "embed", "noscript", "template")
BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article",
          "figure", "figcaption", "pre", "table", "ul", "ol")


def read_html(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    document = extract(text)
    if document is None or not document.text:
        yield Rejection(source, NO_TEXT)
        return
    yield build_article(
        source=source, id=slug(stem), text=document.text, title=document.title, url=document.url,
        publisher=document.sitename, published=document.date, author=author_names(document.author),
    )


def author_names(authors: str | None) -> str | None:
    """trafilatura's "; "-joined authors without the parts that are dates or times ("Jane Roe; March 5")."""
    names = [part.strip() for part in (authors or "").split(";") if part.strip() and not DIGIT.search(part)]
    return "; ".join(names) or None


def body_text(body: str) -> str:
    """A record's or feed entry's body as plain text, whether it holds HTML markup or not."""
    return fragment_text(body) if HTML_MARKUP.search(body) else body


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed's article body): blocks become paragraphs, scripts and the like go."""
    try:
        root = lxml_html.fragment_fromstring(NOT_XML.sub("", markup), create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    for element in list(root.iter(*NOT_TEXT)):
        element.drop_tree()  # keeps the text that follows it
    for element in root.iter(*BLOCKS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def extract(page: str):
    """trafilatura's Document for ``page`` (text and metadata), or None when it finds no article."""
    if not HTML_ROOT.search(page[:SEARCH_ROOT_WITHIN]):
        # trafilatura takes a bare fragment for non-HTML; give it a document around it
        page = f"<html><body><div>{page}</div></body></html>"
    try:
        return trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_images=False, include_links=False,
            prune_xpath=PRUNED,
        )
    except Exception:  # noqa: BLE001 - untrusted markup (deep nesting: RecursionError...) is "no article", never a crash
        return None
