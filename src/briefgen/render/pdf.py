"""HTML to PDF with WeasyPrint, fetching nothing but the theme's own files.

WeasyPrint's default fetcher follows ``file://`` and http(s) URLs; the brief's
HTML comes partly from untrusted articles, so the fetcher here allows only
``data:`` URLs and files inside the theme folders.

WeasyPrint lays a document out on one core, and a long day's brief runs to well
over a hundred pages. The PDF is therefore typeset in parts (the brief and its
annex, see ``annex.py``), side by side in forked processes when the machine has
the cores, then joined into one file with pikepdf. A link from one part to an
anchor in another (a footnote to its cited sentence, an article to its story)
is one WeasyPrint cannot make: the part writes it as a link to a placeholder URI
(``OUTWARD_LINK`` and the anchor's name), and the joined file points it at the
page and place where the anchor was typeset.

The PDF is tagged (a structure tree for screen readers) and carries XMP
metadata. Each part has its own structure tree; joining moves the later parts'
elements under the first part's Document element and renumbers their entries
in the parent tree (the map from a page's marked content and from each link to
its element), so the joined file has one valid tree. A PDF variant (PDF/A,
PDF/UA: ``--pdf-variant``) is typeset as one document, written as WeasyPrint
writes it, so its declaration and its XMP are WeasyPrint's own.

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


# The URI a part gives a link to an anchor typeset in another part; join() makes it a link to that place.
OUTWARD_LINK = "briefgen-anchor:"


@dataclass
class TypesetPart:
    """One part's PDF and where its anchors landed: name -> (page counted from 0 within the part, x, y in PDF
    points from the page's lower left corner)."""

    pdf: bytes
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)


def typeset(html: str, theme_dirs: list[Path], variant: str | None = None) -> TypesetPart:
    """One HTML document as a tagged PDF (of the PDF ``variant`` when given), its links to anchors it does not
    hold written as OUTWARD_LINK URIs."""
    options = {"pdf_tags": True, "pdf_variant": variant}
    fetcher = ThemeOnlyFetcher(theme_dirs)
    document = HTML(string=html, base_url=theme_dirs[-1].as_uri() + "/", url_fetcher=fetcher).render(**options)
    names = {name for page in document.pages for name in page.anchors}
    part = TypesetPart(b"")
    for number, page in enumerate(document.pages):
        for name, (x, y, *_) in page.anchors.items():
            part.anchors.setdefault(name, (number, x * PT_PER_PX, (page.height - y) * PT_PER_PX))
        # WeasyPrint would drop a link to an anchor it does not hold; as an external one it stays, tagged.
        page.links[:] = [("external", OUTWARD_LINK + target, rect, box) if kind == "internal" and target not in names
                         else (kind, target, rect, box) for kind, target, rect, box in page.links]
    part.pdf = document.write_pdf(**options)
    return part


def join(parts: Sequence[TypesetPart]) -> bytes:
    """The parts' pages in order in one tagged PDF with XMP metadata: one structure tree, the outline and document
    information of the first part, links across parts pointing at their anchors."""
    with ExitStack() as stack:
        # A source file must stay open until the joined one is saved: pikepdf copies its streams lazily.
        joined = stack.enter_context(pikepdf.open(BytesIO(parts[0].pdf)))
        anchors = dict(parts[0].anchors)
        for part in parts[1:]:
            source = stack.enter_context(pikepdf.open(BytesIO(part.pdf)))
            offset = len(joined.pages)
            joined.add_pages_from(source)
            _adopt_structure(joined, source, offset)
            for name, (page, x, y) in part.anchors.items():
                anchors.setdefault(name, (offset + page, x, y))
        _point_outward_links(joined, anchors)
        with joined.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata.load_from_docinfo(joined.docinfo)
        out = BytesIO()
        # Object streams pack the two parts' many small objects: the file is about the size of one typeset document.
        joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _adopt_structure(joined: pikepdf.Pdf, source: pikepdf.Pdf, first_page: int) -> None:
    """Move the structure tree of ``source``, whose pages were just appended to ``joined`` from ``first_page`` on,
    into ``joined``'s tree: its elements under the Document element, its parent-tree keys after ``joined``'s own."""
    root = joined.Root.StructTreeRoot
    numbers = root.ParentTree.Nums
    shift = max(int(key) for key in numbers[::2]) + 1
    source_document = source.Root.StructTreeRoot.K[0]
    source_numbers = source.Root.StructTreeRoot.ParentTree.Nums
    # The Document's kids, and the page margins' elements, which WeasyPrint gives the Document as parent without listing
    # them as kids. Without their parent link the copies do not drag the source's Document and tree root along.
    children = {kid.objgen: kid for kid in source_document.K}
    for value in source_numbers[1::2]:
        for element in value if isinstance(value, pikepdf.Array) else [value]:
            while "/P" in element and element.P.objgen != source_document.objgen:
                element = element.P
            children[element.objgen] = element
    for element in children.values():
        if "/P" in element:
            del element.P
    document = root.K[0]
    document.K.extend(joined.copy_foreign(kid) for kid in source_document.K)
    for key, value in zip(source_numbers[::2], source_numbers[1::2], strict=True):
        numbers.append(int(key) + shift)
        # A page's entry is a direct array of elements (copy_foreign takes indirect objects only); a link's is one element.
        numbers.append(pikepdf.Array([joined.copy_foreign(element) for element in value]) if isinstance(value, pikepdf.Array)
                       else joined.copy_foreign(value))
    for element in children.values():
        joined.copy_foreign(element).P = document  # the copy made above
    for page in joined.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + shift


def _point_outward_links(joined: pikepdf.Pdf, anchors: dict[str, tuple[int, float, float]]) -> None:
    """Make every OUTWARD_LINK annotation a link to the place its anchor was typeset (a dead one when no part has it)."""
    for page in joined.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(OUTWARD_LINK):
                continue
            name = uri.removeprefix(OUTWARD_LINK)
            del annotation.A
            annotation.Contents = pikepdf.String(name)
            if name in anchors:
                to_page, x, y = anchors[name]
                annotation.Dest = pikepdf.Array([joined.pages[to_page].obj, pikepdf.Name.XYZ, x, y, 0])


def html_to_pdf(parts: Sequence[str], theme_dirs: list[Path], processes: int = 1, variant: str | None = None) -> bytes:
    """One PDF of the HTML ``parts`` in order; with ``processes`` > 1 the later parts are typeset in forked
    processes while this one typesets the first. A PDF ``variant`` is made from one part, as WeasyPrint writes it."""
    warn_without_subsetter()
    if variant:
        (html,) = parts
        return typeset(html, theme_dirs, variant).pdf
    workers = min(processes, len(parts)) - 1
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return join([typeset(html, theme_dirs) for html in parts])
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        later = [pool.submit(typeset, html, theme_dirs) for html in parts[1:]]
        first = typeset(parts[0], theme_dirs)
        return join([first] + [future.result() for future in later])
