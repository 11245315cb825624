"""The static site: three days of real briefs, every link resolves, the feed parses, a day is replaced alone."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser
import pytest

from briefgen.cli import main
from briefgen.publish.site import PublishError, SiteOptions, publish, top_stories
from briefgen.render.theme import read_theme_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
DAYS = ("2025-03-08", "2025-03-09", "2025-03-10")
SITE_WIDE = {"index.html", "archive.html", "feed.xml"}


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    """One real build of the sample articles, all four formats."""
    out = tmp_path_factory.mktemp("build")
    assert main(["build", str(EXAMPLES), "--date", "2025-03-10", "--out", str(out), "--quiet"]) == 0
    return out


def day_build(real_build: Path, folder: Path, date: str, **changes) -> Path:
    """The real build's files with brief.json re-dated (and any other field changed): one more day."""
    folder.mkdir(parents=True)
    for path in real_build.iterdir():
        shutil.copyfile(path, folder / path.name)
    brief = json.loads((real_build / "brief.json").read_text(encoding="utf-8"))
    brief.update({"date": date, "title": f"Brief of {date}", **changes})
    (folder / "brief.json").write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def site(real_build, tmp_path) -> Path:
    site_dir = tmp_path / "site"
    for date in DAYS:
        publish(day_build(real_build, tmp_path / date, date), site_dir)
    return site_dir


class Page(HTMLParser):
    """The links, ids, headings and landmarks of one HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.links, self.ids, self.headings, self.tags, self.images, self.lang = [], set(), [], [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.links += [attrs[name] for name in ("href", "src") if attrs.get(name) is not None]
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")


def pages(site_dir: Path) -> list[Path]:
    return sorted(path.resolve() for path in site_dir.rglob("*.html"))


def snapshot(site_dir: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(site_dir)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in site_dir.rglob("*") if p.is_file()}


def test_site_layout(site):
    assert {p.name for p in site.iterdir() if not p.name.startswith(".")} == {*DAYS, "assets", *SITE_WIDE}
    for date in DAYS:
        assert sorted(p.name for p in (site / date).iterdir()) == ["brief.html", "brief.json", "brief.md", "brief.pdf", "index.html"]
    assert sorted(p.name for p in (site / "assets").iterdir()) == ["site.css", "style.css"]
    assert not [p for p in site.iterdir() if p.name.startswith(".") and p.is_dir()], "work folders left behind"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="2025-03-10/brief.pdf"' in index and "Militants attack border post" in index
    for path in site.rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path


def test_every_link_resolves(site):
    parsed = {path: Page(path.read_text(encoding="utf-8")) for path in pages(site)}
    checked = 0
    for page_path, page in parsed.items():
        for link in page.links:
            parts = urlparse(link)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (page_path, link)
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.is_file() and site.resolve() in target.parents, (page_path, link)
            if parts.fragment:
                assert parts.fragment in parsed[target].ids, (page_path, link)
            checked += 1
    assert checked > 100


def test_pages_are_accessible(site):
    for page_path in pages(site):
        page = Page(page_path.read_text(encoding="utf-8"))
        assert page.lang == "en", page_path
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, page_path
        assert all(later <= earlier + 1 for earlier, later in zip(page.headings, page.headings[1:], strict=False)), page_path
        assert all(image.get("alt") is not None for image in page.images), page_path
        if page_path.name == "index.html" or page_path.name == "archive.html":
            assert {"header", "nav", "main", "footer"} <= set(page.tags), page_path


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("text, background", [
    ("bar-ink", "bar"), ("banner-ink", "banner"), ("ink", "paper"), ("muted", "paper"), ("accent", "paper"),
    ("accent", "band"), ("muted", "band"), ("ink", "band"),
])
def test_theme_colours_have_enough_contrast(text, background):
    css = read_theme_file("style.css", None) + read_theme_file("site.css", None)
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    assert _contrast(colours[text], colours[background]) >= 4.5


def test_feed_parses_with_relative_links(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == [f"Brief of {d}" for d in reversed(DAYS)]  # the date once
    assert feed.entries[0].link == "2025-03-10/index.html"
    assert "Militants attack border post" in feed.entries[0].summary
    assert len({entry.id for entry in feed.entries}) == 3


def test_feed_links_absolute_with_base_url(real_build, tmp_path):
    site_dir = tmp_path / "site"
    publish(day_build(real_build, tmp_path / "day", "2025-03-10"), site_dir, SiteOptions(base_url="https://briefs.example.org/desk"))
    feed = feedparser.parse((site_dir / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].link == "https://briefs.example.org/desk/2025-03-10/index.html"
    assert feed.entries[0].id == "https://briefs.example.org/desk/2025-03-10/"
    assert [link.href for link in feed.entries[0].links if link.rel == "enclosure"] == ["https://briefs.example.org/desk/2025-03-10/brief.pdf"]
    assert "briefs.example.org" not in (site_dir / "index.html").read_text()  # pages link relatively


def test_republishing_a_day_changes_only_that_day_and_the_site_pages(site, real_build, tmp_path):
    before = snapshot(site)
    again = day_build(real_build, tmp_path / "again", "2025-03-09", title="Brief of 2025-03-09, corrected")
    assert publish(again, site) == site / "2025-03-09"
    after = snapshot(site)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    day_files = {name for name in changed if name.startswith("2025-03-09/")}
    assert changed - day_files <= SITE_WIDE  # the lock file lies out of the web root
    assert {"2025-03-09/brief.json", "2025-03-09/index.html"} <= day_files
    assert "Brief of 2025-03-09, corrected" in (site / "archive.html").read_text(encoding="utf-8")
    assert not [p for p in site.iterdir() if p.name.startswith(".") and p.is_dir()]


def test_failed_publish_leaves_the_site_alone(site, tmp_path):
    before = snapshot(site)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "brief.json").write_text('{"date": "2025-03-09", "title": "x"}')  # no brief.md
    with pytest.raises(PublishError, match="brief.md"):
        publish(broken, site)
    assert snapshot(site) == before


def test_brief_text_is_escaped(real_build, tmp_path):
    hostile = '<script>alert("x")</script>'
    folder = day_build(real_build, tmp_path / "day", "2025-03-10", stories=[{"title": hostile, "summary": "s"}])
    brief = json.loads((folder / "brief.json").read_text())
    brief["title"] = hostile
    (folder / "brief.json").write_text(json.dumps(brief))
    (folder / "brief.md").write_text(f"# Brief\n\n{hostile} <img src=x onerror=alert(1)>\n", encoding="utf-8")
    site_dir = tmp_path / "site"
    publish(folder, site_dir)
    for name in ("index.html", "archive.html", "2025-03-10/index.html"):
        text = (site_dir / name).read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text, name
        assert "&lt;script&gt;" in text, name
    assert feedparser.parse((site_dir / "feed.xml").read_bytes()).entries[0].title == f"2025-03-10 · {hostile}"  # a title without the date gets it


@pytest.mark.parametrize("brief, expected", [
    ({"articles": [{"title": "A"}, {"title": "B"}]}, ["A", "B"]),
    ({"stories": [{"title": "S1"}, {"title": "S2"}], "articles": [{"title": "A"}]}, ["S1", "S2"]),
    ({"stories": [], "articles": [{"title": "", "id": "a1"}]}, ["a1"]),
    ({"articles": [{"title": f"T{i}"} for i in range(9)]}, ["T0", "T1", "T2", "T3", "T4"]),
    ({}, []),
])
def test_top_stories(brief, expected):
    assert top_stories(brief) == expected


@pytest.mark.parametrize("contents, message", [
    (None, "no brief.json"),
    ("{not json", "cannot read"),
    ('{"date": "10/03/2025", "title": "x"}', "not YYYY-MM-DD"),
    ('{"date": "2025-02-30", "title": "x"}', "not YYYY-MM-DD"),
    ("[]", "not a brief"),
])
def test_unpublishable_builds(tmp_path, contents, message):
    out = tmp_path / "out"
    out.mkdir()
    if contents is not None:
        (out / "brief.json").write_text(contents)
    with pytest.raises(PublishError, match=message):
        publish(out, tmp_path / "site")


@pytest.mark.parametrize("base_url", ["briefs.example.org", "ftp://example.org/", "javascript:alert(1)"])
def test_bad_base_url(real_build, tmp_path, base_url):
    with pytest.raises(PublishError, match="base-url"):
        publish(real_build, tmp_path / "site", SiteOptions(base_url=base_url))

