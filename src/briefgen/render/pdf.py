"""HTML to PDF with WeasyPrint, fetching nothing but the theme's own files.

WeasyPrint's default fetcher follows ``file://`` and http(s) URLs; the brief's
HTML comes partly from untrusted articles, so the fetcher here allows only
``data:`` URLs and files inside the theme folders.

WeasyPrint lays a document out on one core, and a long day's brief runs to well
over a hundred pages. The PDF is therefore typeset in parts (the brief and its
annex, see ``annex.py``), side by side in forked processes when the machine has
the cores, then joined into one file with pikepdf. A link from one part to an
anchor in another (a footnote to its cited sentence, an article to its story)
is one WeasyPrint cannot make, so it is taken out of the part and put into the
joined file, pointing at the page and place where the anchor was typeset.

Without HarfBuzz's subsetter (libharfbuzz-subset0) WeasyPrint subsets fonts with
fontTools: slower, and it says so only in a DeprecationWarning at import. That
warning is silenced here and replaced by one line the first time a PDF is made.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlparse

import pikepdf

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)
    from weasyprint import HTML
    from weasyprint.text import ffi as weasyprint_libraries
    from weasyprint.urls import URLFetcher

PT_PER_PX = 0.75  # WeasyPrint lays out in CSS pixels; a PDF measures in points
log = logging.getLogger(__name__)


@functools.cache
def warn_without_subsetter() -> None:
    """Say once when WeasyPrint subsets fonts with fontTools (the test it makes in ``weasyprint.pdf.fonts``)."""
    libraries = weasyprint_libraries
    if not (libraries.harfbuzz_subset and libraries.harfbuzz.hb_version_atleast(4, 1, 0)):
        log.warning("HarfBuzz's subsetter is missing: PDF fonts are subset with fontTools, more slowly "
                    "(on Debian or Ubuntu: apt-get install libharfbuzz-subset0)")


class ThemeOnlyFetcher(URLFetcher):
    """A URL fetcher for ``data:`` URLs and files under the allowed folders; it refuses the rest."""

    def __init__(self, allowed_dirs: list[Path]):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.allowed_dirs = [d.resolve() for d in allowed_dirs]

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(folder) for folder in self.allowed_dirs):
                raise ValueError(f"briefgen fetches no file outside the theme: {url}")
        elif parsed.scheme != "data":
            raise ValueError(f"briefgen fetches nothing from the network: {url}")
        return super().fetch(url, headers)


@dataclass
class TypesetPart:
    """One part's PDF, where its anchors landed and the links it holds to anchors of other parts.

    Pages are counted from 0 within the part; places are PDF points from the page's lower left corner.
    """

    pdf: bytes
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    outward_links: list[tuple[int, tuple[float, float, float, float], str]] = field(default_factory=list)


def typeset(html: str, theme_dirs: list[Path]) -> TypesetPart:
    """One HTML document as a PDF, its links to anchors it does not hold set aside."""
    fetcher = ThemeOnlyFetcher(theme_dirs)
    document = HTML(string=html, base_url=theme_dirs[-1].as_uri() + "/", url_fetcher=fetcher).render()
    names = {name for page in document.pages for name in page.anchors}
    part = TypesetPart(b"")
    for number, page in enumerate(document.pages):
        for name, (x, y, *_) in page.anchors.items():
            part.anchors.setdefault(name, (number, *_in_points(page, x, y)))
        kept = []
        for link in page.links:
            kind, target, rect, _ = link
            if kind == "internal" and target not in names:
                # WeasyPrint would drop it with an error; it is made again in the joined file.
                part.outward_links.append((number, (*_in_points(page, *rect[:2]), *_in_points(page, *rect[2:])), target))
            else:
                kept.append(link)
        page.links[:] = kept
    part.pdf = document.write_pdf()
    return part


def _in_points(page, x: float, y: float) -> tuple[float, float]:
    """A place on a WeasyPrint page (CSS pixels from the top left) in PDF points from the bottom left."""
    return x * PT_PER_PX, (page.height - y) * PT_PER_PX


def join(parts: Sequence[TypesetPart]) -> bytes:
    """The parts' pages in order in one PDF (outline and metadata of the first kept), links across parts restored."""
    if len(parts) == 1:
        return parts[0].pdf
    with ExitStack() as stack:
        # A source file must stay open until the joined one is saved: pikepdf copies its streams lazily.
        joined = stack.enter_context(pikepdf.open(BytesIO(parts[0].pdf)))
        offsets = [0]
        for part in parts[1:]:
            offsets.append(len(joined.pages))
            joined.add_pages_from(stack.enter_context(pikepdf.open(BytesIO(part.pdf))))
        anchors: dict[str, tuple[int, float, float]] = {}
        for offset, part in zip(offsets, parts, strict=True):
            for name, (page, x, y) in part.anchors.items():
                anchors.setdefault(name, (offset + page, x, y))
        for offset, part in zip(offsets, parts, strict=True):
            for page, rect, target in part.outward_links:
                if target in anchors:
                    _link(joined, offset + page, rect, *anchors[target])
        out = BytesIO()
        # Object streams pack the two parts' many small objects: the file is about the size of one typeset document.
        joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _link(pdf: pikepdf.Pdf, page: int, rect: tuple[float, ...], to_page: int, x: float, y: float) -> None:
    """A link annotation on ``page`` over ``rect`` to the place (x, y) on ``to_page``, drawn like WeasyPrint's own."""
    annotation = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array(rect),
        BS=pikepdf.Dictionary(W=0), Dest=pikepdf.Array([pdf.pages[to_page].obj, pikepdf.Name.XYZ, x, y, 0]),
    ))
    holder = pdf.pages[page].obj
    if pikepdf.Name.Annots not in holder:
        holder.Annots = pikepdf.Array()
    holder.Annots.append(annotation)


def html_to_pdf(parts: Sequence[str], theme_dirs: list[Path], processes: int = 1) -> bytes:
    """One PDF of the HTML ``parts`` in order; with ``processes`` > 1 the later parts are typeset in forked
    processes while this one typesets the first."""
    warn_without_subsetter()
    workers = min(processes, len(parts)) - 1
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return join([typeset(html, theme_dirs) for html in parts])
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        later = [pool.submit(typeset, html, theme_dirs) for html in parts[1:]]
        first = typeset(parts[0], theme_dirs)
        return join([first] + [future.result() for future in later])
