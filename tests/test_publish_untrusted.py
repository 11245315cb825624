"""publish trusts nothing it reads: symlinks in the build or the site, crafted brief.md links, odd brief.json, huge files."""

from __future__ import annotations

import importlib
import json
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefgen.cli import main
from briefgen.publish import site as site_module
from briefgen.publish.site import PublishError, publish

DATE = "2025-03-10"
SECRET = "root:x:0:0:secret line\n"


def make_build(folder: Path, markdown: str = "# Brief\n\nA quiet day.\n", **fields) -> Path:
    """A small build folder: brief.json (date, title and ``fields``) and brief.md."""
    folder.mkdir(parents=True, exist_ok=True)
    brief = {"date": DATE, "title": "Brief of the day", "articles": [], **fields}
    (folder / "brief.json").write_text(json.dumps(brief), encoding="utf-8")
    (folder / "brief.md").write_text(markdown, encoding="utf-8")
    return folder


def via_library(out: Path, site: Path) -> str:
    with pytest.raises(PublishError) as caught:
        publish(out, site)
    return str(caught.value)


def via_cli(out: Path, site: Path, capsys) -> str:
    assert main(["publish", str(out), "--site", str(site)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


@pytest.fixture(params=["library", "cli"])
def refuse(request, capsys):
    """Publish and expect a one-line refusal, through the library or ``briefgen publish``; the message."""
    return via_library if request.param == "library" else lambda out, site: via_cli(out, site, capsys)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside build and site that must never be published."""
    path = tmp_path / "elsewhere" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


class Targets(HTMLParser):
    """Every href and src of a page, character references decoded as a browser does."""

    def __init__(self, text: str):
        super().__init__()
        self.targets: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.targets += [value.strip() for name, value in attrs if name in ("href", "src") and value is not None]


def published_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", ["brief.pdf", "brief.html", "brief.md", "brief.json"])
def test_a_symlink_in_the_build_is_refused(tmp_path, secret, refuse, name):
    out = make_build(tmp_path / "out")
    if name == "brief.json":  # a brief.json elsewhere that looks right
        secret.write_text(json.dumps({"date": DATE, "title": SECRET}))
    (out / name).unlink(missing_ok=True)
    (out / name).symlink_to(secret)
    site = tmp_path / "site"
    message = refuse(out, site)
    assert "symlink" in message and name in message
    assert "secret line" not in published_text(site)


@pytest.mark.parametrize("entry", ["assets", "feed.xml", "2025-03-09"])
def test_a_symlink_in_the_site_is_never_written_through(tmp_path, refuse, entry):
    outside = tmp_path / "outside"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    if entry == "2025-03-09":  # an older day linked to a folder elsewhere, which would be read
        make_build(outside)
        (outside / "brief.json").write_text(json.dumps({"date": "2025-03-09", "title": SECRET}))
        (site / entry).symlink_to(outside, target_is_directory=True)
    elif entry == "assets":
        (site / entry).symlink_to(outside, target_is_directory=True)
    else:
        (site / entry).symlink_to(outside / "lock")
    before = sorted(p.name for p in outside.iterdir())
    message = refuse(make_build(tmp_path / "out"), site)
    assert "symlink" in message and entry in message
    assert sorted(p.name for p in outside.iterdir()) == before
    assert "secret line" not in published_text(site)


@pytest.mark.parametrize("target", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
])
def test_only_web_and_relative_links_are_live(tmp_path, target):
    markdown = f"# Brief\n\n[click me]({target}) [web](https://example.org/a) [file](brief.pdf) [top](#brief)\n\n![pic]({target})\n"
    site = tmp_path / "site"
    publish(make_build(tmp_path / "out", markdown), site)
    for page in (site / "index.html", site / DATE / "index.html"):
        targets = Targets(page.read_text(encoding="utf-8")).targets
        assert not [t for t in targets if urlsplit(t).scheme not in ("", "http", "https")], page
        assert {"https://example.org/a", "#brief"} <= set(targets) and any(t.endswith("brief.pdf") for t in targets)
        assert "click me" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("fields, problem", [
    ({"articles": 5}, "'articles' must be a JSON array, got int"),
    ({"stories": {"title": "x"}}, "'stories' must be a JSON array, got dict"),
    ({"stories": "abc"}, "'stories' must be a JSON array, got str"),
    ({"title": ["a", "b"]}, "'title' must be a JSON string, got list"),
])
def test_a_brief_json_of_the_wrong_shape_is_named(tmp_path, refuse, fields, problem):
    message = refuse(make_build(tmp_path / "out", **fields), tmp_path / "site")
    assert "brief.json" in message and problem in message


def test_files_larger_than_the_limit_are_refused(tmp_path, refuse, monkeypatch):
    monkeypatch.setattr(site_module, "MAX_TEXT_BYTES", 1000, raising=False)
    out = make_build(tmp_path / "out", "# Brief\n\n" + "word " * 1000)
    message = refuse(out, tmp_path / "site")
    assert "brief.md" in message and "larger than" in message



def test_publish_works_where_fcntl_is_missing(tmp_path, monkeypatch):
    """On Windows there is no fcntl: the module still imports and publishes, without the lock."""
    saved = dict(vars(site_module))  # the reload rebinds PublishError & co; other modules hold the originals
    monkeypatch.setitem(sys.modules, "fcntl", None)  # makes ``import fcntl`` raise ImportError
    try:
        without_lock = importlib.reload(site_module)
        assert without_lock.fcntl is None
        page = without_lock.publish(make_build(tmp_path / "out"), tmp_path / "site")
        assert (page / "index.html").is_file() and (tmp_path / "site" / "index.html").is_file()
    finally:
        vars(site_module).clear()
        vars(site_module).update(saved)
