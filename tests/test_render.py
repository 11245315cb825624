"""Rendering: untrusted text stays text in every format, themes override, writes are atomic."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

from briefgen.assemble import assemble
from briefgen.config import Settings
from briefgen.model import Actor, ArticleBrief, Claim, Evidence, Incident, Location, SentenceSpan, Source, SummarySentence
from briefgen.publish.mail import email_html
from briefgen.render import render_markdown, render_outputs, write_brief
from briefgen.render.escape import markdown_escape
from briefgen.render.markdown_html import markdown_to_html
from briefgen.render.pdf import ThemeOnlyFetcher
from briefgen.render.theme import builtin_theme_dir

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd" onerror="alert(2)">',
    "[click me](javascript:alert(3))",
    "<iframe src=https://evil.example></iframe>",
    "{{ 7*7 }} {% raw %}",
    "| cell | injection |",
    "# not a heading",
    "1. not a list",
]


TOPICS = ["", "Floods closed the valley road and traders counted their losses", "A new bridge opened over the river after years of delays"]


def hostile_article(number: int = 1) -> ArticleBrief:
    pieces = [f"Sentence {i}: {h} {TOPICS[number]}." for i, h in enumerate(HOSTILE)]
    text = " ".join(pieces)
    spans, start = [], 0
    for piece in pieces:
        spans.append(SentenceSpan(start, start + len(piece)))
        start += len(piece) + 1
    ev = Evidence(2, spans[2].start, spans[2].end)
    return ArticleBrief(
        id=f"a{number}", title=HOSTILE[0] + " title", url="javascript:alert(4)", publisher=HOSTILE[1], published="2024-04-07",
        source="x.html", text=text, sentences=spans,
        summary=[SummarySentence(text[s.start : s.end], i, s.start, s.end) for i, s in enumerate(spans[:5])],
        actors=[Actor(HOSTILE[2], "organization", [HOSTILE[3]], 1, [ev])],
        claims=[Claim(HOSTILE[4], HOSTILE[0], "anonymous", "said", True, True, ev)],
        sources=[Source(HOSTILE[5], "anonymous", True, 1)],
        incidents=[Incident("attack", "2024-04-06", HOSTILE[6], Location(HOSTILE[7], None, None, "Pakistan"), 2, None, [HOSTILE[1]], ev)],
    )


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str):
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(out_dir=tmp_path / "out", date=dt.date(2024, 4, 8), formats=("md", "html", "json"))


@pytest.fixture
def brief():
    return assemble([hostile_article(1), hostile_article(2)], "Brief <b>title</b>", "2024-04-08")


def test_html_has_no_live_markup_from_articles(brief, settings):
    html = render_outputs(brief, settings)["html"].decode()
    tags = _tags(html)
    assert not [t for t, _ in tags if t in {"script", "iframe", "img", "object", "embed"}]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href", "") for t, attrs in tags if t == "a"]
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html


def test_markdown_shows_article_text_literally(brief, settings):
    md = render_markdown(brief, settings)
    assert "{{ 7\\*7 }}" in md and "49" not in md
    assert "\\[click me\\](javascript:alert(3))" in md
    assert "\\# not a heading" in md
    assert "(javascript:alert(4))" not in md  # a non-web URL is never a link


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_round_trips_as_text(text):
    html = markdown_to_html(f"Before {markdown_escape(text)} after")
    assert [t for t, _ in _tags(html)] == ["p"]


def test_every_internal_link_resolves(brief, settings):
    assert len(brief.stories) == 2
    html = render_outputs(brief, settings)["html"].decode()
    ids = {attrs["id"] for _, attrs in _tags(html) if "id" in attrs}
    hrefs = {attrs["href"][1:] for t, attrs in _tags(html) if t == "a" and attrs.get("href", "").startswith("#")}
    assert {"story-1", "story-2"} <= hrefs
    assert hrefs <= ids, hrefs - ids


def test_outputs_are_deterministic(brief, settings):
    first = render_outputs(brief, settings)
    second = render_outputs(assemble([hostile_article(1), hostile_article(2)], "Brief <b>title</b>", "2024-04-08"), settings)
    assert first == second


def test_json_is_the_model(brief, settings):
    data = json.loads(render_outputs(brief, settings)["json"])
    article = data["articles"][0]
    for key in ("id", "title", "url", "publisher", "published", "source", "text", "sentences", "summary", "actors", "claims", "sources", "incidents"):
        assert key in article
    assert article["incidents"][0]["location"]["country"] == "Pakistan"
    assert article["claims"][0]["evidence"] == {"sentence": 2, "start": article["sentences"][2]["start"], "end": article["sentences"][2]["end"]}


def test_user_template_overrides_and_rest_falls_back(brief, settings, tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "timeline.md.j2").write_text("## My own timeline\n")
    settings.templates_dir = theme
    md = render_markdown(brief, settings)
    assert "## My own timeline" in md
    assert "### Key claims" in md  # article.md.j2 still comes from the built-in theme


def test_failed_build_leaves_previous_brief(brief, settings, monkeypatch):
    settings.formats = ("md", "html", "pdf", "json")
    settings.out_dir.mkdir(parents=True)
    for name in ("brief.md", "brief.html", "brief.json"):
        (settings.out_dir / name).write_text("previous")

    def broken_pdf(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("briefgen.render.pdf.html_to_pdf", broken_pdf)
    with pytest.raises(RuntimeError):
        write_brief(brief, settings)
    assert all((settings.out_dir / n).read_text() == "previous" for n in ("brief.md", "brief.html", "brief.json"))
    assert sorted(p.name for p in settings.out_dir.iterdir()) == ["brief.html", "brief.json", "brief.md"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/logo.png", "https://example.org/x.css", "ftp://example.org/x"])
def test_pdf_fetcher_refuses_anything_outside_the_theme(url):
    with pytest.raises(ValueError):
        ThemeOnlyFetcher([builtin_theme_dir()]).fetch(url)


def test_pdf_fetcher_serves_theme_files_and_data_urls():
    fetcher = ThemeOnlyFetcher([builtin_theme_dir()])
    assert b"@page" in fetcher.fetch((builtin_theme_dir() / "print.css").as_uri()).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_pdf_renders_without_fetching(brief, settings, tmp_path, caplog):
    theme = tmp_path / "theme"
    theme.mkdir()
    layout = (builtin_theme_dir() / "layout.html.j2").read_text()
    (theme / "layout.html.j2").write_text(layout.replace("<main", '<img src="file:///etc/hostname" alt=""><img src="http://127.0.0.1:9/x.png" alt=""><main'))
    settings.templates_dir = theme
    settings.formats = ("pdf",)
    pdf = render_outputs(brief, settings)["pdf"]
    assert pdf.startswith(b"%PDF")
    assert "briefgen fetches no file outside the theme: file:///etc/hostname" in caplog.text
    assert "briefgen fetches nothing from the network: http://127.0.0.1:9/x.png" in caplog.text


def test_long_days_show_later_stories_in_brief(settings):
    from briefgen.render import DETAILED_STORIES

    words = [
        "river", "harvest", "railway", "clinic", "market", "school", "bridge", "airport", "factory", "stadium",
        "library", "museum", "harbour", "tunnel", "orchard", "bakery", "mosque", "temple", "garden", "prison",
        "courthouse", "reservoir", "canal", "highway", "pipeline", "refinery", "quarry", "vineyard", "monastery", "lighthouse",
    ]
    articles = []
    for n in range(DETAILED_STORIES + 3):
        text = f"Officials said the {words[n]} reopened after repairs. Residents welcomed the {words[n]}."
        spans = [SentenceSpan(0, text.index(" Residents")), SentenceSpan(text.index("Residents"), len(text))]
        claim = Claim(f"the {words[n]} reopened", "Officials", "official", "said", False, False, Evidence(0, 0, spans[0].end))
        articles.append(ArticleBrief(id=f"a{n}", title=f"Story {n}", url=None, publisher=f"Outlet {n}", published="2024-04-08",
                                     source="x", text=text, sentences=spans, claims=[claim],
                                     summary=[SummarySentence(text[: spans[0].end], 0, 0, spans[0].end)]))
    brief = assemble(articles, "Long day", "2024-04-08")
    assert len(brief.stories) == DETAILED_STORIES + 3
    md = render_markdown(brief, settings)
    sections = md.split("\n## ")
    detailed = [s for s in sections if s.split(".")[0].isdigit() and "### Key claims" in s]
    assert len(detailed) == DETAILED_STORIES
    last = next(s for s in sections if s.startswith(f"{DETAILED_STORIES + 3}. "))
    assert "### Key claims" not in last and "reopened" in last


def test_a_long_day_indexes_the_most_widespread_actors(settings, monkeypatch):
    from briefgen import render

    actors = [Actor(name, [], "person", 1, [Evidence(0, 0, 4)]) for name in ("Amina Bibi", "Bilal Khan", "Chen Wei", "Dara Singh")]
    words = ["river", "harvest", "railway", "clinic", "market", "school", "bridge", "airport", "factory", "stadium", "library", "museum", "harbour"]
    articles = []
    for n in range(render.LONG_DAY + 2):
        text = f"Officials said the {words[n]} reopened after repairs. Residents welcomed the {words[n]}."
        # Amina is in every story, Bilal in every other, Chen in every third, Dara in one.
        present = [a for i, a in enumerate(actors) if n % (i + 1) == 0 and (i < 3 or n == 0)]
        articles.append(ArticleBrief(id=f"a{n}", title=f"Story {n}", url=None, publisher="Outlet", published="2024-04-08",
                                     source="x", text=text, sentences=[SentenceSpan(0, len(text))], actors=present))
    brief = assemble(articles, "Long day", "2024-04-08")
    assert len(brief.stories) > render.LONG_DAY
    monkeypatch.setattr(render, "ACTOR_INDEX_LIMIT", 2)
    index = render.render_markdown(brief, settings).split("## Actor index")[1].split("## Sources overview")[0]
    assert "**Amina Bibi**" in index and "**Bilal Khan**" in index
    assert "Chen Wei" not in index and "Dara Singh" not in index
    assert "The 2 actors found in the most stories, of 4" in index


def _cited_story() -> ArticleBrief:
    """An article whose incident has no actors and whose claims are ranked out of sentence order."""
    pieces = [
        "Gunmen killed two guards at a checkpoint on Sunday, police said.",
        "The road was closed for hours, residents said.",
        '"We will find them," the district officer said.',
    ]
    text = " ".join(pieces)
    spans, start = [], 0
    for piece in pieces:
        spans.append(SentenceSpan(start, start + len(piece)))
        start += len(piece) + 1
    ev = [Evidence(i, s.start, s.end) for i, s in enumerate(spans)]
    return ArticleBrief(
        id="a1", title="Guards killed at checkpoint", url=None, publisher="Valley Times", published="2024-04-08",
        source="x.txt", text=text, sentences=spans,
        summary=[SummarySentence(pieces[0], 0, spans[0].start, spans[0].end)],
        claims=[
            Claim("We will find them", "the district officer", "official", "said", True, False, ev[2]),
            Claim("The road was closed for hours", "residents", "anonymous", "said", False, False, ev[1]),
            Claim("Gunmen killed two guards at a checkpoint on Sunday", "police", "official", "said", False, False, ev[0]),
        ],
        incidents=[Incident("attack", "2024-04-07", "on Sunday", Location("Pakistan", None, None, "Pakistan"), 2, None, [], ev[0])],
    )


def test_an_incident_without_actors_shows_a_bare_dash_and_cites_its_type(settings):
    markdown = render_markdown(assemble([_cited_story()], "Day", "2024-04-08"), settings)
    row = next(line for line in markdown.splitlines() if line.startswith("| 2024-04-07"))  # the story's table, before the timeline
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2] == "attack [^1.1]" and cells[-1] == "–"


def test_footnote_numbers_run_in_reading_order(settings):
    html = render_outputs(assemble([_cited_story()], "Day", "2024-04-08"), settings)["html"].decode()
    numbers = [int(n) for n in re.findall(r'class="footnote-ref"[^>]*>(\d+)<', html)]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == sorted(first_seen) == list(range(1, len(first_seen) + 1)) and len(first_seen) == 3


@pytest.mark.parametrize("cue, line", [
    ("according to", "- According to **residents** (anonymous): The road was closed for hours"),
    ("According to", "- According to **residents** (anonymous): The road was closed for hours"),
    ("said", "- **residents** (anonymous) said: The road was closed for hours"),
    ("told|reporters", "- **residents** (anonymous) told reporters: The road was closed for hours"),  # not "told:"
])
def test_a_claim_line_reads_as_the_article_puts_its_cue(settings, cue, line):
    article = _cited_story()
    article.claims[1].cue, _, addressee = cue.partition("|")
    article.claims[1].addressee = addressee or None
    markdown = render_markdown(assemble([article], "Day", "2024-04-08"), settings)
    assert any(text.startswith(line) for text in markdown.splitlines())


@pytest.mark.parametrize("organisation", ["Valley Research Desk", None])
def test_a_one_article_brief_says_so_and_its_author_is_the_organisation(settings, organisation):
    brief = assemble([_cited_story()], "Day", "2024-04-08")
    brief.organisation = organisation
    outputs = render_outputs(brief, settings)
    html, markdown = outputs["html"].decode(), outputs["md"].decode()
    meta = {attrs["name"]: attrs["content"] for tag, attrs in _tags(html) if tag == "meta" and "name" in attrs}
    assert meta["description"] == "Day: 1 article" and meta.get("author") == organisation
    assert not re.search(r"\b1 (articles|stories|claims|actors|sources|outlets|reports)\b", html + markdown)


def test_a_cited_sentence_names_its_article(settings):
    markdown = render_markdown(assemble([_cited_story()], "Day", "2024-04-08"), settings)
    assert "[^1.1]: Gunmen killed two guards at a checkpoint on Sunday, police said. (article 1, Valley Times)\n" in markdown


def words_broken_in_cells(html: str, width_px: int = 390) -> list[str]:
    """The table cells whose lines, laid out at ``width_px`` as a phone's screen, end inside a word."""
    page = CSS(string=f"@page {{ size: {width_px}px 20000px; margin: 0 }}")
    document = HTML(string=html, media_type="screen").render(stylesheets=[page])
    broken = []

    def lines(box):
        if isinstance(box, boxes.LineBox):
            yield "".join(text.text for text in box.descendants() if isinstance(text, boxes.TextBox))
        elif isinstance(box, boxes.ParentBox):
            for child in box.children:
                yield from lines(child)

    for page_box in document.pages:
        for cell in page_box._page_box.descendants():
            if isinstance(cell, boxes.TableCellBox):
                cell_lines = list(lines(cell))
                # A line may end after a hyphen or a slash (break opportunities), not inside a word.
                rejoined = "".join(line if line.endswith(("-", "/")) else line + " " for line in cell_lines)
                if rejoined.split() != "".join(cell.element.itertext()).split():
                    broken.append(" | ".join(cell_lines))
    return broken


def test_tables_keep_their_words_whole_on_a_phone_in_the_page_and_the_mail(settings):
    article = _cited_story()
    article.incidents[0].location = Location("Bannu", "Bannu", "Khyber Pakhtunkhwa", "Pakistan")
    html = render_outputs(assemble([article, hostile_article(1)], "Day", "2024-04-08"), settings)["html"].decode()
    assert "Pakhtunkhwa" in html and "anonymous" in html
    assert words_broken_in_cells(html) == []
    assert words_broken_in_cells(email_html(html)) == []


def test_an_opinion_label_is_part_of_its_contents_entry(settings):
    column = hostile_article(2)
    column.opinion = True
    markdown = render_markdown(assemble([_cited_story(), column], "Day", "2024-04-08"), settings)
    entry = next(line for line in markdown.split("## Contents", 1)[1].splitlines() if "opinion" in line)
    assert entry.endswith(" *(opinion)*](#story-2)")  # the PDF's page number follows the label, not overlaps it
