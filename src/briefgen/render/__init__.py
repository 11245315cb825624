"""Render: one Brief to Markdown, HTML, PDF and JSON, written atomically.

The Markdown brief is the content (and the e-mail digest); the HTML is that
Markdown through Python-Markdown inside ``layout.html.j2`` with the theme's CSS
inlined; the PDF is that HTML through WeasyPrint, typeset as the brief and its
annex side by side (``annex.py``, ``pdf.py``); the JSON is the model.
The HTML (and so the PDF) also holds the brief's figures (``figures``): the
templates place them with markers that the Markdown output leaves out.
All outputs are rendered in memory first and only then written, as one set
(``files.write_set``), so a failed build leaves the previous brief untouched.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote, urlparse

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..assemble.sourcing import mostly_anonymous
from ..cache import AnalysisCache
from ..config import Settings
from ..model import ArticleBrief, Brief, Story, StoryIncident, to_dict
from .annex import split_annex
from .escape import MarkdownSafe, markdown_escape
from .figures import brief_figures
from .files import write_set
from .markdown_html import WEB_SCHEMES, markdown_to_html, without_figures
from .theme import read_theme_file, theme_dirs

# A long day's later stories read "in brief" (summary and incidents); brief.json has everything.
DETAILED_STORIES = 25
# On a day of more than LONG_DAY stories the indexes keep what a reader scans: the actors found in
# several stories (the most widespread, at most ACTOR_INDEX_LIMIT) and the most cited sources.
LONG_DAY = 10
ACTOR_INDEX_LIMIT = 100
SOURCE_INDEX_LIMIT = 30
OUTPUT_NAMES = {"md": "brief.md", "html": "brief.html", "pdf": "brief.pdf", "json": "brief.json"}


class BriefLinks:
    """Lookups the templates use to link stories, articles and cited sentences of one brief."""

    def __init__(self, brief: Brief):
        self.articles = {a.id: a for a in brief.articles}
        self.article_numbers = {a.id: n for n, a in enumerate(brief.articles, 1)}
        self.story_numbers = {s.id: n for n, s in enumerate(brief.stories, 1)}

    def article(self, article_id: str) -> ArticleBrief:
        return self.articles[article_id]

    def article_number(self, article_id: str) -> int:
        return self.article_numbers[article_id]

    def story_number(self, story_id: str) -> int:
        return self.story_numbers[story_id]

    def story_link(self, story: Story | str) -> MarkdownSafe:
        """The link target of a story's heading (see markdown_html.heading_id)."""
        story_id = story if isinstance(story, str) else story.id
        return MarkdownSafe(f"#story-{self.story_numbers[story_id]}")

    def is_detailed(self, story: Story) -> bool:
        """Whether the story is shown with its claims, actors and sources (the first DETAILED_STORIES)."""
        return self.story_numbers[story.id] <= DETAILED_STORIES

    def cite(self, article_id: str, sentence: int) -> MarkdownSafe:
        """The footnote reference to a sentence: ``[^2.5]`` is sentence 5 of article 2 in the appendix."""
        return MarkdownSafe(f"[^{self.article_numbers[article_id]}.{sentence + 1}]")

    def cited_sentences(self, story: Story) -> list[tuple[MarkdownSafe, str, str]]:
        """(footnote label, sentence text, article id) for each sentence the story's incidents and claims cite, in the order
        the story first cites them (the incidents table comes first), so the HTML's footnote numbers, which follow
        the definitions, run in reading order."""
        cited = [(r.article, self.articles[r.article].incidents[r.incident].evidence.sentence) for i in story.incidents for r in i.reports]
        if self.is_detailed(story):
            cited += [(c.article, c.claim.evidence.sentence) for c in story.claims]
        return [(self.cite(a, s), self._sentence_text(a, s), a) for a, s in dict.fromkeys(cited)]

    def _sentence_text(self, article_id: str, index: int) -> str:
        article = self.articles[article_id]
        span = article.sentences[index]
        return article.text[span.start : span.end]

    def count_versions(self, item: StoryIncident) -> list[tuple[int | None, int | None, list[str], int]]:
        """``count_versions`` with each source named with its outlet."""
        return count_versions(item, {article_id: article.publisher for article_id, article in self.articles.items()})

    def figure(self, name: str, story: Story | None = None) -> MarkdownSafe:
        """The line a template writes where a figure goes (see ``markdown_html``): ``figure("map")`` for the brief's,
        ``figure("map", story)`` for a story's. The HTML shows the figure there when the brief has one by that name;
        the Markdown output leaves the line out."""
        key = f"story-{self.story_numbers[story.id]}-{name}" if story else name
        return MarkdownSafe(f"<figure:{key}>")

    def globals(self) -> dict:
        names = ("article", "article_number", "story_number", "story_link", "is_detailed", "cite", "cited_sentences", "count_versions", "figure")
        return {name: getattr(self, name) for name in names}


def count_versions(item: StoryIncident, outlets: dict[str, str | None] | None = None) -> list[tuple[int | None, int | None, list[str], int]]:
    """An incident's distinct counts, in report order: (killed, injured, who gives them, how many reports).

    With ``outlets`` (article id -> publisher), each source is named with the outlet that reports it
    ("the military (Dawn)"), so two outlets quoting one source with different counts stay told apart.
    """
    versions: dict[tuple[int | None, int | None], tuple[list[str], list[int]]] = {}
    for report in item.reports:
        sources, reports = versions.setdefault((report.killed, report.injured), ([], [0]))
        outlet = (outlets or {}).get(report.article)
        source = f"{report.source} ({outlet})" if outlet and outlet != report.source else report.source
        if source not in sources:
            sources.append(source)
        reports[0] += 1
    return [(killed, injured, sources, reports[0]) for (killed, injured), (sources, reports) in versions.items()]


def web_link(url: str | None) -> MarkdownSafe | None:
    """A Markdown-safe http(s) URL, or None for anything else (javascript:, file:, junk)."""
    if not url or urlparse(url).scheme not in WEB_SCHEMES:
        return None
    return MarkdownSafe(quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._"))


def _environment(settings: Settings, markdown: bool, brief: Brief) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in theme_dirs(settings.templates_dir)])
    if markdown:
        # Every {{ value }} is escaped for Markdown unless briefgen built it (MarkdownSafe).
        env = Environment(loader=loader, finalize=markdown_escape, undefined=StrictUndefined,
                          keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(loader=loader, autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
    env.globals.update(BriefLinks(brief).globals(), web_link=web_link, long_day=LONG_DAY,
                       actor_index_limit=ACTOR_INDEX_LIMIT, source_index_limit=SOURCE_INDEX_LIMIT)
    env.filters["kind"] = lambda value: str(value).replace("_", " ")
    env.tests["length_above"] = lambda value, n: len(value) > n
    env.tests["mostly_anonymous"] = mostly_anonymous
    return env


def _markdown_with_figures(brief: Brief, settings: Settings) -> str:
    """The brief's Markdown with the templates' figure markers, the source of the HTML."""
    text = _environment(settings, True, brief).get_template("brief.md.j2").render(brief=brief)
    return re.sub(r"\n{3,}", "\n\n", text)


def render_markdown(brief: Brief, settings: Settings) -> str:
    """brief.md: the Markdown without figures (it is the e-mail's plain text)."""
    return without_figures(_markdown_with_figures(brief, settings))


def _layout(content: str, brief: Brief, settings: Settings, part: str | None = None) -> str:
    """``content`` (HTML from the brief's Markdown) in ``layout.html.j2``. ``part`` is None for the whole
    brief, or the PDF's "brief" or "annex" (annex.py)."""
    css, print_css, fonts_css = (read_theme_file(name, settings.templates_dir) for name in ("style.css", "print.css", "fonts.css"))
    return _environment(settings, False, brief).get_template("layout.html.j2").render(
        brief=brief, content=Markup(content), css=Markup(css), print_css=Markup(print_css), fonts_css=Markup(fonts_css), part=part,
    )


def render_digest(brief: Brief, settings: Settings, full_stories: int, day_url: str | None = None) -> tuple[str, str]:
    """A long day's e-mail digest (``digest.md.j2``) as (Markdown, HTML page): the first ``full_stories`` stories in
    full, the others as headlines linked to ``day_url`` (the day's page on the published site) when given."""
    env = _environment(settings, True, brief)
    env.globals.update(full_stories=full_stories, day_url=web_link(day_url))
    marked_text = re.sub(r"\n{3,}", "\n\n", env.get_template("digest.md.j2").render(brief=brief))
    return without_figures(marked_text), _layout(markdown_to_html(marked_text), brief, settings)


def print_parts(content: str, brief: Brief, settings: Settings) -> list[str]:
    """The HTML documents the PDF is typeset from: the brief, then its annex when it has one; one document for a
    PDF variant, which WeasyPrint writes whole (pdf.py)."""
    main, annex = split_annex(content)
    if not annex or settings.pdf_variant:
        return [_layout(content, brief, settings)]
    return [_layout(main, brief, settings, "brief"), _layout(annex, brief, settings, "annex")]


def render_json(brief: Brief) -> str:
    return json.dumps(to_dict(brief), ensure_ascii=False, indent=2) + "\n"


def _pdf_fingerprint(cache: AnalysisCache, html: bytes, settings: Settings) -> str:
    """What the PDF is made from: its HTML and the PDF variant."""
    return cache.fingerprint(html.decode("utf-8"), settings.pdf_variant)


def _render(brief: Brief, settings: Settings, cache: AnalysisCache | None, previous: dict | None) -> tuple[dict[str, bytes], bytes]:
    """The requested formats in memory, and the HTML the PDF is made from."""
    outputs: dict[str, bytes] = {}
    marked_text = _markdown_with_figures(brief, settings)
    markdown_text = without_figures(marked_text)
    as_html = bool({"html", "pdf"} & set(settings.formats))
    content = markdown_to_html(marked_text, brief_figures(brief, previous, DETAILED_STORIES)) if as_html else ""
    html = _layout(content, brief, settings).encode("utf-8") if as_html else b""
    if "md" in settings.formats:
        outputs["md"] = markdown_text.encode("utf-8")
    if "html" in settings.formats:
        outputs["html"] = html
    # A PDF typeset from the very same HTML last time is kept as it is.
    pdf_path = Path(settings.out_dir) / OUTPUT_NAMES["pdf"]
    if "pdf" in settings.formats and not (cache and cache.outputs_current("pdf", _pdf_fingerprint(cache, html, settings), [pdf_path])):
        from .pdf import html_to_pdf  # WeasyPrint loads in a second: only when a PDF is typeset

        processes = settings.processes or os.cpu_count() or 1
        outputs["pdf"] = html_to_pdf(print_parts(content, brief, settings), theme_dirs(settings.templates_dir), processes, settings.pdf_variant)
    if "json" in settings.formats:
        outputs["json"] = render_json(brief).encode("utf-8")
    return outputs, html


def render_outputs(brief: Brief, settings: Settings, previous: dict | None = None) -> dict[str, bytes]:
    """Every requested format, rendered in memory; ``previous`` is the --since brief (its days join the per-day chart)."""
    return _render(brief, settings, None, previous)[0]


def write_brief(brief: Brief, settings: Settings, cache: AnalysisCache | None = None, previous: dict | None = None) -> list[Path]:
    """Render every requested format, then replace the brief's files as one set (``files.write_set``); returns
    the brief's paths. A PDF the cache finds unchanged is not typeset or written again."""
    outputs, html = _render(brief, settings, cache, previous)
    write_set(Path(settings.out_dir), {OUTPUT_NAMES[fmt]: data for fmt, data in outputs.items()})
    if cache and "pdf" in outputs:
        cache.remember_outputs("pdf", _pdf_fingerprint(cache, html, settings), [Path(settings.out_dir) / OUTPUT_NAMES["pdf"]])
    return [Path(settings.out_dir) / OUTPUT_NAMES[fmt] for fmt in settings.formats]
