"""The PDF in two parts: the brief and its annex, typeset side by side and joined with every link kept."""

from __future__ import annotations

import itertools
import logging
import re
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.pdf import VARIANTS as WEASYPRINT_VARIANTS
from weasyprint.pdf import fonts as weasyprint_fonts
from weasyprint.text import ffi as weasyprint_ffi

from briefgen.cli import main
from briefgen.config import PDF_VARIANTS, settings_from
from briefgen.config_file import ConfigError, load_config
from briefgen.render.annex import split_annex
from briefgen.render.pdf import OUTWARD_LINK, html_to_pdf, typeset, warn_without_subsetter
from briefgen.render.theme import read_theme_file, theme_dirs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def link_targets(pdf_bytes: bytes) -> list[tuple[int, int]]:
    """(page, page it leads to) for every internal link, whether by named or explicit destination."""
    pdf = pikepdf.open(BytesIO(pdf_bytes))
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items()) if "/Names" in pdf.Root else {}
    found = []
    for number, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", []):
            destination = annotation.get("/Dest")
            if destination is not None:
                destination = names[str(destination)] if isinstance(destination, pikepdf.String) else destination
                found.append((number, pages[destination[0].objgen]))
    return found


def page_texts(pdf_bytes: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf_bytes)).pages]


def document(body: str) -> str:
    return f"<!DOCTYPE html><html lang=\"en\"><head><style>.new {{ break-before: page }}</style></head><body>{body}</body></html>"


FIRST = document('<p id="top"><a href="#far">to the second part</a></p><p class="new" id="here"><a href="#top">up</a></p>')
SECOND = document('<p>filler</p><p class="new" id="far">the far anchor <a href="#here">back</a></p>')


@pytest.mark.parametrize("processes", [1, 2])
def test_links_across_parts_lead_to_their_anchor(processes):
    pdf = html_to_pdf([FIRST, SECOND], theme_dirs(None), processes)
    texts = page_texts(pdf)
    assert len(texts) == 4 and "the far anchor" in texts[3]
    # first part: page 0 -> page 3 (across), page 1 -> page 0 (within); second part: page 3 -> page 1 (across)
    assert sorted(link_targets(pdf)) == [(0, 3), (1, 0), (3, 1)]


@pytest.fixture(params=["harfbuzz", "fonttools"])
def subsetter(request, monkeypatch):
    """Fonts subset by HarfBuzz when the library is there, and by fontTools as WeasyPrint does without it."""
    if request.param == "fonttools":
        for module in (weasyprint_ffi, weasyprint_fonts):
            monkeypatch.setattr(module, "harfbuzz_subset", None)
    elif not weasyprint_ffi.harfbuzz_subset:
        pytest.skip("libharfbuzz-subset0 is not installed")
    return request.param


def test_the_parts_are_the_same_pdf_in_one_process_or_two(subsetter):
    # The same pages, text and links; not the same bytes: font subsets may differ from one process to another.
    one, two = (html_to_pdf([FIRST, SECOND], theme_dirs(None), processes) for processes in (1, 2))
    assert page_texts(one) == page_texts(two) and len(page_texts(one)) == 4
    assert sorted(link_targets(one)) == sorted(link_targets(two)) == [(0, 3), (1, 0), (3, 1)]


def test_a_missing_subsetter_is_said_once_with_its_fix(monkeypatch, caplog):
    monkeypatch.setattr(weasyprint_ffi, "harfbuzz_subset", None)
    warn_without_subsetter.cache_clear()
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        for _ in range(2):
            html_to_pdf([FIRST], theme_dirs(None))
    (record,) = caplog.records
    assert "apt-get install libharfbuzz-subset0" in record.getMessage() and "\n" not in record.getMessage()
    warn_without_subsetter.cache_clear()


def test_a_part_writes_only_links_it_cannot_hold_as_outward_uris():
    part = typeset(FIRST, theme_dirs(None))
    uris = [str(a.A.URI) for page in pikepdf.open(BytesIO(part.pdf)).pages for a in page.obj.get("/Annots", []) if "/A" in a]
    assert uris == [OUTWARD_LINK + "far"]
    assert {"top", "here"} <= set(part.anchors)
    assert link_targets(part.pdf) == [(1, 0)]


def structure_problems(pdf_bytes: bytes) -> list[str]:
    """What breaks the tagged PDF's structure tree: every page's marked content and every link must map, through the
    parent tree, to elements on that page whose parents lead up to the one Document element. (WeasyPrint maps the page
    margins' running header and footer to elements it does not list among the Document's kids: an element need not be
    reachable from the root, only lead up to it.)"""
    pdf = pikepdf.open(BytesIO(pdf_bytes))
    if pdf.Root.get("/MarkInfo", {}).get("/Marked") is not True or "/StructTreeRoot" not in pdf.Root:
        return ["not tagged"]
    root = pdf.Root.StructTreeRoot
    (document,) = root.K

    def in_tree(element) -> bool:
        while element.get("/S") not in (None, "/Document"):
            element = element.P
        return element.objgen == document.objgen

    numbers = root.ParentTree.Nums
    parents = dict(zip((int(key) for key in numbers[::2]), numbers[1::2], strict=True))
    problems = [] if len(parents) == len(numbers) // 2 else ["a parent-tree key given twice"]
    for number, page in enumerate(pdf.pages):
        elements = parents.get(int(page.obj.get("/StructParents", -1)), [])
        if not elements or not all(in_tree(e) and e.Pg.objgen == page.obj.objgen for e in elements):
            problems.append(f"page {number}: its content is not in the tree")
        for annotation in page.obj.get("/Annots", []):
            element = parents.get(int(annotation.get("/StructParent", -1)))
            held = [kid.Obj.objgen for kid in element.K if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"] if element else []
            if element is None or not in_tree(element) or annotation.objgen not in held:
                problems.append(f"page {number}: a link not in the tree")
    return problems


@pytest.mark.parametrize("processes", [1, 2])
def test_the_joined_pdf_has_one_structure_tree_holding_every_part(processes):
    pdf = html_to_pdf([FIRST, SECOND], theme_dirs(None), processes)
    assert structure_problems(pdf) == []
    joined = pikepdf.open(BytesIO(pdf))
    assert [str(element.S) for element in joined.Root.StructTreeRoot.K[0].K] == ["/P"] * 4  # two paragraphs from each part


def test_a_part_alone_is_tagged_too():
    assert structure_problems(typeset(FIRST, theme_dirs(None)).pdf) == []


TITLED = '<!DOCTYPE html><html lang="en"><head><title>A brief</title><meta name="author" content="Desk"></head><body><h1>A brief</h1><p>Text</p></body></html>'


@pytest.mark.parametrize("variant, declared", [
    ("pdf/a-3u", {"pdfaid:part": "3", "pdfaid:conformance": "U"}),
    ("pdf/ua-1", {"pdfuaid:part": "1"}),
])
def test_a_pdf_variant_is_declared_in_the_xmp_and_tagged(variant, declared):
    pdf = html_to_pdf([TITLED], theme_dirs(None), 2, variant)
    metadata = pikepdf.open(BytesIO(pdf)).open_metadata()
    assert {key: str(metadata.get(key)) for key in declared} == declared and metadata["dc:title"] == "A brief"
    assert structure_problems(pdf) == []


def test_every_variant_offered_is_one_weasyprint_writes():
    assert set(PDF_VARIANTS) <= set(WEASYPRINT_VARIANTS)


ARTICLES = '<h2 id="articles">Articles</h2>\n<ol><li>One</li></ol>\n'
NOTES = '<div class="footnote">\n<hr>\n<ol><li id="fn:a1.1"><p>A sentence.</p></li></ol>\n</div>'
STORIES = '<h2 id="story-1">1. A story</h2>\n<p>Text<sup id="fnref:a1.1"><a class="footnote-ref" href="#fn:a1.1">1</a></sup></p>\n'


@pytest.mark.parametrize("content, main, annex", [
    (STORIES + ARTICLES + NOTES, STORIES, ARTICLES + NOTES),
    (STORIES + NOTES, STORIES, NOTES),  # a theme without the article list: the cited sentences alone
    (STORIES, STORIES, ""),
    # article text is escaped before it reaches the HTML: it cannot start the annex
    ('<p>&lt;h2 id="articles"&gt;</p>\n' + STORIES, '<p>&lt;h2 id="articles"&gt;</p>\n' + STORIES, ""),
])
def test_split_annex(content, main, annex):
    assert split_annex(content) == (main, annex)


@pytest.fixture(scope="module")
def examples_pdf(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("pdf")
    code = main(["build", str(EXAMPLES), "--date", "2025-03-10", "--out", str(out), "--format", "pdf",
                 "--classification", "Internal", "--organisation", "Example Research Desk", "--no-cache", "-q"])
    assert code == 0
    return (out / "brief.pdf").read_bytes()


def test_annex_pages_are_numbered_on_their_own(examples_pdf):
    footers = [text.strip().splitlines()[-1].removeprefix("INTERNAL ") for text in page_texts(examples_pdf)]
    brief = [f for f in footers if f.startswith("Page ")]
    annex = [f for f in footers if f.startswith("Annex, page ")]
    assert brief and annex and footers == brief + annex
    assert brief[-1] == f"Page {len(brief)} of {len(brief)}" and annex[-1] == f"Annex, page {len(annex)} of {len(annex)}"


def test_annex_carries_the_classification_and_its_own_title(examples_pdf):
    texts = page_texts(examples_pdf)
    annex = [t for t in texts if "Annex, page" in t]
    assert all("INTERNAL" in t for t in texts)
    assert annex[0].startswith("INTERNAL") and ": annex" in annex[0] and "Articles" in annex[0]
    outline = [item.title for item in pikepdf.open(BytesIO(examples_pdf)).open_outline().root]
    assert len(outline) == 2 and outline[1].endswith(": annex")


def test_footnotes_lead_to_their_sentence_in_the_annex_and_articles_to_their_story(examples_pdf):
    texts = page_texts(examples_pdf)
    first_annex_page = next(i for i, t in enumerate(texts) if "Annex, page" in t)
    cited_sentences = next(i for i, t in enumerate(texts) if "Cited sentences" in t)
    links = link_targets(examples_pdf)
    to_annex = [target for page, target in links if page < first_annex_page <= target]
    to_brief = [target for page, target in links if target < first_annex_page <= page]
    assert to_annex and all(target >= cited_sentences for target in to_annex)
    assert to_brief and all(re.search(r"\d+ articles? · ", texts[target]) for target in to_brief)  # a story's byline


def test_the_brief_pdf_is_tagged_with_xmp_metadata(examples_pdf):
    assert structure_problems(examples_pdf) == []
    pdf = pikepdf.open(BytesIO(examples_pdf))
    metadata = pdf.open_metadata()
    assert metadata["dc:title"] == str(pdf.docinfo.Title) == "Daily brief 2025-03-10"
    assert metadata["dc:creator"] == [str(pdf.docinfo.Author)] == ["Example Research Desk"]
    assert "pdfaid:part" not in metadata


def test_the_pdf_variant_comes_from_the_flag_over_briefgen_toml(tmp_path):
    config = tmp_path / "briefgen.toml"
    config.write_text('pdf_variant = "pdf/a-3u"\n', encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(EXAMPLES / "quetta-protest.txt"), "--config", str(config), "--pdf-variant", "pdf/ua-1",
                 "--date", "2025-03-10", "--out", str(out), "--format", "pdf", "-q"])
    assert code == 0
    metadata = pikepdf.open(out / "brief.pdf").open_metadata()
    assert str(metadata.get("pdfuaid:part")) == "1" and "pdfaid:part" not in metadata
    assert settings_from(load_config(config)).pdf_variant == "pdf/a-3u"


@pytest.mark.parametrize("line", ['pdf_variant = "pdf/a-9"', "pdf_variant = 3"])
def test_briefgen_toml_refuses_a_pdf_variant_weasyprint_cannot_write(tmp_path, line):
    config = tmp_path / "briefgen.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pdf_variant must be one of pdf/a-2b"):
        load_config(config)


def embedded_fonts(pdf_bytes: bytes) -> list[str | None]:
    """The PostScript name of every font the PDF uses, read from its embedded file (None for a font not embedded)."""
    names, pdf = [], pikepdf.open(BytesIO(pdf_bytes))
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.get("/Subtype") != "/Type0":
            descriptor = obj.get("/FontDescriptor", {})
            files = [descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
            names.append(TTFont(BytesIO(files[0].read_bytes()))["name"].getDebugName(6) if files else None)
    return names


def test_every_font_in_the_pdf_is_one_the_theme_ships(examples_pdf):
    shipped = {TTFont(path)["name"].getDebugName(6) for path in (theme_dirs(None)[-1] / "fonts").glob("*.woff2")}
    used = embedded_fonts(examples_pdf)
    assert used and set(used) <= shipped
    assert {"SourceSerif4-Regular", "SourceSerif4-Bold", "SourceSerif4-Italic"} <= set(used)  # body, bold speakers, bylines


def page_flow(pdf_bytes: bytes) -> list[tuple[int, str, int | None]]:
    """The tagged PDF's blocks in reading order: (page, structure type, how many bullets of a list or body rows of a
    table are on that page). WeasyPrint tags each page's boxes apart, so a list or table split over two pages is two
    blocks, one on each."""
    pdf = pikepdf.open(BytesIO(pdf_bytes))
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}

    def kids(element, kind=None):
        return [k for k in element.get("/K", []) if isinstance(k, pikepdf.Dictionary) and "/S" in k and kind in (None, k.S)]

    flow: list[tuple[int, str, int | None]] = []
    pending = [pdf.Root.StructTreeRoot.K[0]]
    while pending:
        element = pending.pop(0)
        kind = str(element.S)
        if kind in ("/Document", "/Part", "/Div", "/Sect"):
            pending[:0] = kids(element)
        else:
            items = len(kids(element, "/LI")) if kind == "/L" else sum(len(kids(b, "/TR")) for b in kids(element, "/TBody")) if kind == "/Table" else None
            flow.append((pages[element.Pg.objgen], kind, items))
    return flow


def page_break_problems(pdf_bytes: bytes) -> list[str]:
    """Headings left at a page's foot, and lists or tables split with one bullet or row on either page."""
    flow = page_flow(pdf_bytes)
    problems = []
    for (page, kind, items), (next_page, next_kind, next_items) in itertools.pairwise(flow):
        if kind in ("/H1", "/H2", "/H3") and next_page != page:
            problems.append(f"page {page}: a heading alone at the foot")
        if kind == next_kind and kind in ("/L", "/Table") and next_page != page and 1 in (items, next_items):
            problems.append(f"page {page}: a {kind[1:]} split with {items} and {next_items} items")
    return problems


FILLER = "The valley road stayed closed for a third day as traders counted their losses and officials promised repairs. "
ROW = "<tr><td>2025-03-09</td><td>Kurram, Khyber Pakhtunkhwa</td><td>attack</td><td>2</td><td>3</td><td>–</td></tr>"
HEAD = "<thead><tr><th>Date</th><th>Place</th><th>Incident</th><th>Killed</th><th>Injured</th><th>Actors</th></tr></thead>"


def test_no_heading_ends_a_page_and_no_list_or_table_leaves_one_item_alone():
    # Sections of every length put their headings, lists and tables at every height of the page.
    sections = "".join(
        f"<h2>{n}. A story</h2><p>{FILLER * (n % 7 + 1)}</p><h3>Incidents</h3>"
        f"<table>{HEAD}<tbody>{ROW * 4}</tbody></table>"
        f"<h3>Sources</h3><ul>{'<li>A spokesperson: official, 1 claim</li>' * 4}</ul><p>Sourcing: 4 claims.</p><ul>{'<li>A claim</li>' * 4}</ul>"
        for n in range(24))
    css = "".join(read_theme_file(name, None) for name in ("style.css", "print.css"))
    html = f'<!DOCTYPE html><html lang="en"><head><style>{css}</style></head><body><main>{sections}</main></body></html>'
    pdf = typeset(html, theme_dirs(None)).pdf
    assert len(pikepdf.open(BytesIO(pdf)).pages) > 10
    assert page_break_problems(pdf) == []


def test_the_brief_pdf_keeps_headings_with_what_follows(examples_pdf):
    assert page_break_problems(examples_pdf) == []


LONG_TITLE = "Tribal elders broker ceasefire in Kurram after a week of clashes in the valley while traders count losses and schools stay shut"


def test_a_contents_entry_that_wraps_keeps_its_page_number_on_its_last_line():
    words = LONG_TITLE.split(" ")
    titles = [" ".join(words[:n]) for n in range(4, len(words) + 1)]  # one of them ends right at the line's end
    entries = "".join(f'<li><a href="#story-{n}">{title}</a></li>' for n, title in enumerate(titles, 1))
    stories = "".join(f'<h2 id="story-{n}">{title}</h2><p>Text.</p>' for n, title in enumerate(titles, 1))
    css = "".join(read_theme_file(name, None) for name in ("style.css", "print.css"))
    contents = f'<h2 id="contents">Contents</h2><ol>{entries}</ol>'
    html = f'<!DOCTYPE html><html lang="en"><head><style>{css}</style></head><body><main>{contents}{stories}</main></body></html>'
    lines = page_texts(typeset(html, theme_dirs(None)).pdf)[0].splitlines()
    numbered = [line for line in lines if re.search(r"\d$", line) and not line.startswith("Page ")]
    assert len(numbered) == len(titles)
    assert [line for line in numbered if re.fullmatch(r"[. ]*\d+", line)] == []


def test_the_classification_is_marked_once_on_a_page_besides_the_running_header(examples_pdf):
    texts = page_texts(examples_pdf)
    first_annex_page = next(t for t in texts if "Annex, page" in t)
    assert [texts[0].count("INTERNAL"), first_annex_page.count("INTERNAL"), texts[1].count("INTERNAL")] == [2, 2, 1]


def test_the_annex_prints_each_article_address(examples_pdf):
    annex = "".join(t for t in page_texts(examples_pdf) if "Annex, page" in t)
    articles = annex.split("Articles", 1)[1].split("Cited sentences", 1)[0]
    assert "https://example.org/sample/0311" in articles and not re.search(r"\blink\b", articles)
