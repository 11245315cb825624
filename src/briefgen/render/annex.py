"""The PDF's annex: the list of every article and the cited sentences, typeset apart from the brief.

On a long day these two sections are half of the PDF's pages. Split off the
brief's HTML content, they become a second document that is typeset in its own
process while the brief is (``pdf.py`` joins the two), with its own page
numbers ("Annex, page 3 of 50"): the brief's last page is not known while the
annex is laid out. The web page and the Markdown keep everything in one piece.

The split is made on the HTML that briefgen's own Markdown converter wrote, in
which article text can never produce a tag (raw HTML is off and ``<`` escaped).
"""

from __future__ import annotations

import re

# Where the annex starts: the "## Articles" section (appendix.md.j2) or, in a theme without it,
# the cited sentences that Python-Markdown's footnotes put at the end.
ANNEX_START = re.compile(r'<h2 id="articles">|<div class="footnote">')


def split_annex(content: str) -> tuple[str, str]:
    """The brief's HTML content without its annex, and the annex ("" when the content has none)."""
    start = ANNEX_START.search(content)
    if start is None:
        return content, ""
    return content[: start.start()], content[start.start() :]
