"""Figures: the incident map and the charts in the HTML and PDF (not in the Markdown, the mail or the JSON)."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from io import BytesIO

import pytest

from briefgen.assemble import assemble
from briefgen.config import Settings
from briefgen.model import ArticleBrief, Brief, Evidence, Incident, Location, SentenceSpan, TimelineEntry
from briefgen.publish.mail import email_html
from briefgen.publish.site import day_figures, publish
from briefgen.render import render_markdown, render_outputs
from briefgen.render.figures import area_counts, brief_figures, day_counts
from briefgen.render.figures.incident_map import LABEL_SIZE, MAX_LABELS, WIDTH, WORLD, Projection
from briefgen.render.figures.svg import text_width

PESHAWAR = Location("Peshawar", None, "Khyber Pakhtunkhwa", "Pakistan", 34.008, 71.578)
QUETTA = Location("Quetta", None, "Balochistan", "Pakistan", 30.187, 67.013)
BANNU = Location("Bannu", None, "Khyber Pakhtunkhwa", "Pakistan", 32.986, 70.604)


class SvgReader(HTMLParser):
    """The figures of an HTML page: each <figure>'s svg attributes, caption, circles, links and texts."""

    def __init__(self):
        super().__init__()
        self.figures: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "figure":
            self.figures.append({"class": attrs.get("class"), "svg": None, "caption": "", "title": "", "circles": [], "links": [], "texts": []})
        elif self.figures and tag == "svg":
            self.figures[-1]["svg"] = attrs
        elif self.figures and tag == "circle":
            self.figures[-1]["circles"].append(attrs)
        elif self.figures and tag == "a":
            self.figures[-1]["links"].append(attrs["href"])
        elif self.figures and tag == "text" and attrs.get("aria-hidden") != "true":
            self.figures[-1]["texts"].append(attrs)
        self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if not self.figures:
            return
        if self._in == "figcaption":
            self.figures[-1]["caption"] += data
        elif self._in == "title" and not self.figures[-1]["title"]:
            self.figures[-1]["title"] = data
        elif self._in == "text":
            self.figures[-1]["texts"][-1]["data"] = data


def read_figures(html: str) -> SvgReader:
    reader = SvgReader()
    reader.feed(html)
    return reader


def entry(location: Location, killed: int | None, date: str | None = "2025-03-09", article: str = "a1", index: int = 0) -> TimelineEntry:
    return TimelineEntry(date, None, "attack", location, killed, None, article, index, "s1")


def day_brief(entries: list[TimelineEntry], date: str = "2025-03-10") -> Brief:
    return Brief("Day", date, timeline=entries)


def article_with(*incidents: tuple[Location, int | None, str]) -> ArticleBrief:
    """An article reporting each (place, killed, date) in a sentence of its own."""
    sentences = [f"An attack in {place.name} on {date} killed {killed} people." for place, killed, date in incidents]
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(SentenceSpan(start, start + len(sentence)))
        start += len(sentence) + 1
    return ArticleBrief(
        id="a1", title="Attacks across the north-west", url=None, publisher="Dawn", published="2025-03-10", source="a.txt",
        text=text, sentences=spans,
        incidents=[Incident("attack", date, None, place, killed, None, [], Evidence(n, spans[n].start, spans[n].end))
                   for n, (place, killed, date) in enumerate(incidents)],
    )


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(out_dir=tmp_path / "out", date=dt.date(2025, 3, 10), formats=("md", "html", "json"))


@pytest.fixture
def brief() -> Brief:
    return assemble([article_with((PESHAWAR, 12, "2025-03-08"), (QUETTA, 0, "2025-03-09"), (BANNU, 3, "2025-03-10"))], "Day", "2025-03-10")


def test_html_has_the_figures_with_captions_and_accessible_names(brief, settings):
    html = render_outputs(brief, settings)["html"].decode()
    figures = read_figures(html).figures
    kinds = [figure["svg"]["class"] for figure in figures]
    assert kinds == ["incident-map", "per-day-chart", "incident-map", "by-area-chart"]  # brief map, days, the story's map, areas
    for figure in figures:
        assert figure["svg"]["role"] == "img"
        assert figure["svg"]["aria-label"] and figure["title"] == figure["svg"]["aria-label"]
        assert figure["caption"].strip()
    assert figures[0]["svg"]["aria-label"].startswith("Map of the day's incidents: Peshawar, 1 incident, 12 killed; Bannu")
    assert "3 incidents in 3 places, 15 killed" in figures[0]["caption"]
    assert "8 Mar: 1 incident, 12 killed; 9 Mar: 1 incident, 0 killed; 10 Mar: 1 incident, 3 killed" in figures[1]["svg"]["aria-label"]
    assert "by province" in figures[3]["caption"]  # one country: its provinces


def test_markers_link_to_timeline_rows_that_exist(brief, settings):
    html = render_outputs(brief, settings)["html"].decode()
    reader = read_figures(html)
    ids = {attrs["id"] for _, attrs in reader.tags if "id" in attrs}
    links = reader.figures[0]["links"]
    assert sorted(links) == ["#timeline-row-1", "#timeline-row-2", "#timeline-row-3"]
    assert set(link[1:] for link in links) <= ids
    # the first row is the earliest incident, Peshawar's
    row = re.search(r'<tr id="timeline-row-1">(.*?)</tr>', html, re.S).group(1)
    assert "Peshawar" in row


def test_markdown_mail_and_json_carry_no_figure(brief, settings):
    outputs = render_outputs(brief, settings)
    markdown = outputs["md"].decode()
    assert "<figure" not in markdown and "<svg" not in markdown
    assert markdown == render_markdown(brief, settings)
    assert "\n\n\n" not in markdown
    mail = email_html(outputs["html"].decode())
    assert "<svg" not in mail and "<figure" not in mail and "Peshawar" in mail
    data = json.loads(outputs["json"])
    assert "figures" not in data
    location = data["timeline"][0]["location"]
    assert (location["lat"], location["lon"]) == (34.008, 71.578)


def test_rebuilds_are_byte_identical(brief, settings):
    first = render_outputs(brief, settings)
    again = assemble([article_with((PESHAWAR, 12, "2025-03-08"), (QUETTA, 0, "2025-03-09"), (BANNU, 3, "2025-03-10"))], "Day", "2025-03-10")
    assert render_outputs(again, settings) == first


def test_no_incidents_no_figures(settings):
    quiet = assemble([article_with()], "Day", "2025-03-10")
    assert brief_figures(quiet) == {}
    html = render_outputs(quiet, settings)["html"].decode()
    assert "<figure" not in html and "<svg" not in html and "figure:" not in html


def test_incidents_without_coordinates_make_no_map():
    nowhere = Location("Somewhere", None, None, "Atlantis")
    figures = brief_figures(day_brief([entry(nowhere, 3)]))
    assert "map" not in figures


def test_one_incident_is_a_regional_map_without_charts():
    figures = brief_figures(day_brief([entry(PESHAWAR, 4)]))
    assert list(figures) == ["map"]  # one day, one area: nothing to chart
    svg = read_figures(figures["map"]).figures[0]
    assert len(svg["circles"]) >= 1 and svg["links"] == ["#timeline-row-1"]
    assert int(svg["svg"]["height"]) < 0.75 * WIDTH
    assert any(text.get("data") == "Peshawar" for text in svg["texts"])
    assert any(text.get("data") == "Pakistan" for text in svg["texts"])  # the country is named for context


def _place_circles(svg: dict) -> list[dict]:
    """The map's place circles (the legend's have no title and sit in its box, drawn after the places)."""
    return [c for c in svg["circles"] if c.get("stroke-width") == "1"]


def test_five_hundred_incidents_in_one_country_are_aggregated_and_labels_do_not_collide():
    towns = [Location(f"Town {n}", None, f"Province {n % 4}", "Pakistan", 25.0 + (n % 10) * 1.1, 62.0 + (n // 10) * 1.2) for n in range(60)]
    entries = [entry(towns[n % 60], n % 7, f"2025-03-{1 + n % 10:02d}", f"a{n}") for n in range(500)]
    figures = brief_figures(day_brief(entries))
    svg = read_figures(figures["map"]).figures[0]
    assert len(_place_circles(svg)) == 60  # one circle per place
    labels = [t for t in svg["texts"] if t.get("data", "").startswith("Town ")]
    assert 0 < len(labels) <= MAX_LABELS
    boxes = []
    for label in labels:
        x, y = float(label["x"]), float(label["y"])
        boxes.append((x, y - LABEL_SIZE, x + text_width(label["data"], LABEL_SIZE), y))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    assert "4 provinces" not in figures["areas"] and "Province 0" in figures["areas"]
    assert "1 Mar: 50 incidents" in figures["days"]


def test_far_apart_incidents_get_a_world_map():
    mexico = Location("Culiacan", None, "Sinaloa", "Mexico", 24.8, -107.39)
    figures = brief_figures(day_brief([entry(PESHAWAR, 2), entry(mexico, 5, article="a2")]))
    svg = read_figures(figures["map"]).figures[0]
    assert int(svg["svg"]["height"]) == Projection(WORLD, WIDTH).height
    circles = _place_circles(svg)
    assert len(circles) == 2
    assert all(0 <= float(c["cx"]) <= WIDTH and 0 <= float(c["cy"]) <= int(svg["svg"]["height"]) for c in circles)
    # Russia and Fiji run past 180 degrees: their outlines end at the map's edge, never drawn back across it
    for path in re.findall(r' d="([^"]+)"', figures["map"]):
        for ring in path.split("M")[1:]:
            xs = [float(point.split()[0]) for point in ring.rstrip("Z").split("L")]
            assert max(abs(b - a) for a, b in zip(xs, xs[1:], strict=False)) < WIDTH / 2
    assert len(figures["map"]) < 120_000  # a world map needs few points


def test_both_sides_of_the_antimeridian_make_one_regional_map():
    suva = Location("Suva", None, "Central", "Fiji", -18.14, 178.44)
    apia = Location("Apia", None, "Tuamasaga", "Samoa", -13.83, -171.77)
    figures = brief_figures(day_brief([entry(suva, 1), entry(apia, 6, article="a2")]))
    svg = read_figures(figures["map"]).figures[0]
    assert int(svg["svg"]["height"]) != Projection(WORLD, WIDTH).height
    by_size = sorted(_place_circles(svg), key=lambda c: float(c["r"]))
    suva_x, apia_x = float(by_size[0]["cx"]), float(by_size[1]["cx"])
    assert 0 < suva_x < apia_x < WIDTH  # Suva west of Apia, the short way across 180
    assert apia_x - suva_x < WIDTH * 0.8


def test_a_story_in_two_places_has_its_own_map_and_one_in_one_place_has_none(brief):
    figures = brief_figures(brief)
    assert "story-1-map" in figures
    single = assemble([article_with((PESHAWAR, 2, "2025-03-10"))], "Day", "2025-03-10")
    assert "story-1-map" not in brief_figures(single)


def test_place_names_are_escaped_in_the_svg():
    hostile = Location('<script>alert(1)</script>"', None, None, "Pakistan", 34.0, 71.5)
    figure = brief_figures(day_brief([entry(hostile, 3)]))["map"]
    assert "<script>" not in figure and "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    tags = [tag for tag, _ in read_figures(figure).tags]
    assert "script" not in tags
    assert not re.search(r'(?:href|src)="(?!#timeline-row-)', figure) and "url(" not in figure  # nothing to fetch


def test_previous_brief_days_join_the_per_day_chart():
    previous = {"timeline": [{"date": "2025-03-05", "killed": 4}, {"date": "2025-03-06", "killed": None}, {"date": "junk", "killed": "x"}]}
    days = day_counts(day_brief([entry(PESHAWAR, 2, "2025-03-08"), entry(QUETTA, 1, "2025-03-10", "a2")]), previous)
    assert [(d.day.day, d.incidents, d.killed, d.previous) for d in days] == [
        (5, 1, 4, True), (6, 1, 0, True), (7, 0, 0, True), (8, 1, 2, False), (9, 0, 0, False), (10, 1, 1, False),
    ]
    chart = brief_figures(day_brief([entry(PESHAWAR, 2, "2025-03-08")]), previous)["days"]
    assert "in the previous brief" in chart and "5 Mar (previous brief): 1 incident, 4 killed" in chart


def test_by_country_when_several_countries():
    kabul = Location("Kabul", None, "Kabul", "Afghanistan", 34.53, 69.17)
    rows, kind = area_counts(day_brief([entry(PESHAWAR, 2), entry(QUETTA, 1, article="a2"), entry(kabul, 5, article="a3")]))
    assert kind == "country"
    assert [(r.name, r.incidents, r.killed) for r in rows] == [("Pakistan", 2, 3), ("Afghanistan", 1, 5)]


def test_pdf_draws_the_figures_as_vectors(brief, settings):
    pypdf = pytest.importorskip("pypdf")
    settings.formats = ("pdf",)
    pdf = pypdf.PdfReader(BytesIO(render_outputs(brief, settings)["pdf"]))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Outlines: Natural Earth" in text and "Incidents per day" in text  # SVG text is typeset as text
    assert not any(page.images for page in pdf.pages)  # vectors, no raster


def test_the_site_page_shows_the_brief_map_and_charts(brief, settings, tmp_path):
    from briefgen.render import write_brief

    write_brief(brief, settings)
    day = publish(settings.out_dir, tmp_path / "site")
    for page in (day / "index.html", tmp_path / "site" / "index.html"):
        reader = read_figures(page.read_text(encoding="utf-8"))
        assert [f["svg"]["class"] for f in reader.figures] == ["incident-map", "per-day-chart", "by-area-chart"]
        ids = {attrs["id"] for _, attrs in reader.tags if "id" in attrs}
        assert {link[1:] for link in reader.figures[0]["links"]} <= ids  # the page's timeline rows


@pytest.mark.parametrize("location", [{"name": "X", "lat": "34", "lon": 71}, {"name": "X", "lat": float("inf"), "lon": 71}, "not a place"])
def test_a_site_brief_json_with_odd_places_gives_a_page_without_a_map(location):
    timeline = [{"date": "2025-03-09", "date_text": None, "type": "attack", "location": location, "killed": 2, "injured": None,
                 "article": "a1", "incident": 0}]
    assert not [f for f in day_figures({"title": "Day", "date": "2025-03-10", "timeline": timeline}) if "incident-map" in f]


def test_a_theme_without_the_figure_lines_has_no_figures(brief, settings, tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "timeline.md.j2").write_text("## Timeline\n\nSee the stories.\n")
    settings.templates_dir = theme
    kinds = [f["svg"]["class"] for f in read_figures(render_outputs(brief, settings)["html"].decode()).figures]
    assert kinds == ["incident-map", "per-day-chart", "incident-map"]  # the by-area chart was the timeline's


def test_an_incident_placed_only_by_its_country_has_no_circle():
    country_only = Location(None, None, None, "Pakistan", 30.0, 70.0)
    figures = brief_figures(day_brief([entry(PESHAWAR, 2), entry(country_only, 1, article="a2")]))
    svg = read_figures(figures["map"]).figures[0]
    assert len(_place_circles(svg)) == 1  # Peshawar only, no circle in the middle of Pakistan
    assert "1 incident placed only by country or not at all is not shown" in svg["caption"]


def test_a_regional_map_draws_province_lines_and_a_world_map_none():
    regional = brief_figures(day_brief([entry(PESHAWAR, 2), entry(QUETTA, 1, article="a2")]))["map"]
    world = brief_figures(day_brief([entry(PESHAWAR, 2), entry(Location("Culiacan", None, "Sinaloa", "Mexico", 24.8, -107.39), 5, article="a2")]))["map"]
    province_group = '<g fill="none" stroke="#c3c9d1"'
    assert province_group in regional
    assert province_group not in world
    # the provinces reaching into the map, Balochistan (Quetta) and Khyber Pakhtunkhwa (Peshawar) among them, each a path
    group = regional.split(province_group, 1)[1].split("</g>", 1)[0]
    assert group.count("<path") >= 5


def test_province_outlines_are_natural_earth_admin1_with_english_names():
    from briefgen.render.figures.world import Extent, province_outlines

    names = {name for name, _ in province_outlines(Extent(66.0, 29.0, 72.0, 35.0), 60.0)}
    assert {"Balochistan", "Khyber Pakhtunkhwa", "Punjab"} <= names
    assert province_outlines(Extent(-180.0, -58.0, 180.0, 84.0), 1.8) == []  # a world map has none
