"""Reader for saved web pages (.html/.htm): the main text and metadata, via trafilatura.

Pages are untrusted. trafilatura works on the string it is given and never
fetches (we never call ``fetch_url``); lxml's parser does not load external
resources. Only extracted text leaves this module, so scripts, styles, iframes
and event handlers cannot reach the brief as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from ..model import Article, Rejection
from .article import NO_TEXT, build_article, slug

HTML_ROOT = re.compile(r"<html[\s>]", re.IGNORECASE)
SEARCH_ROOT_WITHIN = 4096  # characters at the start of a page where <html> is looked for
# Embedded content whose fallback text is not the article (trafilatura would keep it).
PRUNED = ["//iframe", "//object", "//embed", "//noscript", "//template"]


def read_html(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    document = extract(text)
    if document is None or not document.text:
        yield Rejection(source, NO_TEXT)
        return
    body = document.text
    first_line, _, rest = body.partition("\n")
    if document.title and first_line.strip() == document.title.strip():
        body = rest  # the headline is metadata, not a paragraph
    yield build_article(
        source=source, id=slug(stem), text=body, title=document.title, url=document.url,
        publisher=document.sitename, published=document.date, author=document.author,
    )


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
