"""The static site of briefs: one folder per day, the latest brief, an archive and a feed.

``SITE/YYYY-MM-DD/`` holds a day's brief (html, pdf, md, json as built) and its
page; ``SITE/index.html`` is the newest day's page, ``archive.html`` lists every
day, ``feed.xml`` is their Atom feed and ``assets/`` the theme's stylesheets.
Every link is relative, so the site works from disk and behind any static server.

A day is replaced whole: its folder is built in a hidden temporary folder inside
the site, then swapped in with renames. Only that folder and the three site-wide
pages change; assets are rewritten only when the theme changed them.

Nothing publish reads is trusted: a build's files and the site's entries must
not be symlinks (a ``brief.pdf`` linked to /etc/passwd would be published, a
linked ``assets`` would be written through), files are read up to a size
limit, brief.json must have a brief's shape, and brief.md's links stay live
only when they are http(s) or relative (``render.markdown_html``).

A brief's page shows the brief's own figures (the incident map, the per-day and
by-area charts) above it, made from brief.json by ``render.figures``; a brief.json
that is not a whole brief gives a page without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..atomic_write import write_atomic
from ..errors import BriefgenError
from ..model import Brief, from_dict
from ..render.figures import brief_figures
from ..render.files import finish_renames
from ..render.markdown_html import markdown_to_html
from ..render.theme import read_theme_file, theme_dirs
from ..user_cache import cache_dir
from .feed import atom_feed

try:
    import fcntl
except ImportError:  # Windows has no fcntl: publish there runs without the lock (one publisher at a time is then the user's care)
    fcntl = None  # type: ignore[assignment]

DAY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a day folder may hold, in the order its links are shown: (file, label).
DAY_FILES = (("brief.pdf", "PDF"), ("brief.html", "Standalone HTML"), ("brief.md", "Markdown"), ("brief.json", "JSON"))
REQUIRED_FILES = ("brief.json", "brief.md")
ASSETS = ("style.css", "site.css")
TOP_STORIES = 5
FILE_MODE, DIR_MODE = 0o644, 0o755  # readable by a web server running as another user
# The most publish reads of one file: brief.json and brief.md are parsed whole; the PDF is copied.
MAX_TEXT_BYTES = 64 * 2**20
MAX_FILE_BYTES = 512 * 2**20
# brief.json's fields publish uses, and the JSON type each must have when present.
BRIEF_FIELDS = {"title": str, "stories": list, "articles": list}
SITE_ENTRIES = ("assets", "index.html", "archive.html", "feed.xml")


class PublishError(BriefgenError):
    """A brief that cannot be published; the message is one line."""


@dataclass(frozen=True)
class SiteOptions:
    title: str = "Briefs"
    base_url: str | None = None
    organisation: str | None = None
    classification: str | None = None
    templates_dir: Path | None = None
    lang: str = "en"


@dataclass(frozen=True)
class Day:
    """One published brief, as the archive and the feed show it."""

    date: str
    title: str
    stories: tuple[str, ...]
    articles: int
    downloads: tuple[tuple[str, str], ...]  # (label, file name) of the files the day has
    updated: dt.datetime  # when the day was last published


def top_stories(brief: dict, limit: int = TOP_STORIES) -> list[str]:
    """The brief's top stories: the first stories' titles when it has stories, else its articles' titles."""
    items = brief.get("stories") or brief.get("articles") or []
    titles = (str(item.get("title") or item.get("id") or "").strip() for item in items if isinstance(item, dict))
    return [title for title in titles if title][:limit]


def refuse_symlink(path: Path) -> None:
    """Raise PublishError when ``path`` is a symlink: publish never reads or writes through one."""
    if path.is_symlink():
        raise PublishError(f"{path} is a symlink; publish refuses to follow it")


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (not a symlink, a FIFO or a device), at most ``limit`` of them.

    Raises FileNotFoundError when it is missing, PublishError when it is unfit.
    """
    refuse_symlink(path)
    # O_NOFOLLOW closes the gap between the check and the open; O_NONBLOCK keeps a FIFO from hanging the open.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise  # the caller says which file a build needs
    except OSError as error:
        raise PublishError(f"cannot read {path}: {error.strerror or error}") from None
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise PublishError(f"{path} is not a regular file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise PublishError(f"{path} is larger than {limit // 2**20} MiB")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """``data`` read from ``path`` as UTF-8 text; PublishError when it is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PublishError(f"cannot read {path}: {error}") from None


def check_brief_shape(brief: object, path: Path) -> dict:
    """``brief`` when it is a JSON object whose fields publish uses have the right types; else PublishError."""
    if not isinstance(brief, dict):
        raise PublishError(f"{path} is not a brief (not a JSON object)")
    for field, kind in BRIEF_FIELDS.items():
        value = brief.get(field)
        if value is not None and not isinstance(value, kind):
            raise PublishError(f"{path}: {field!r} must be a JSON {'string' if kind is str else 'array'}, got {type(value).__name__}")
    return brief


def parse_brief(data: bytes, path: Path) -> dict:
    """brief.json's bytes as a brief, checked for what publishing needs (a brief's shape, a valid date)."""
    try:
        brief = check_brief_shape(json.loads(decode_text(data, path)), path)
    except json.JSONDecodeError as error:
        raise PublishError(f"cannot read {path}: {error}") from None
    except RecursionError:
        raise PublishError(f"cannot read {path}: nested too deeply") from None
    date = brief.get("date")
    try:
        if not isinstance(date, str) or not DAY_NAME.match(date):
            raise ValueError
        dt.date.fromisoformat(date)
    except ValueError:
        raise PublishError(f"{path}: date {date!r} is not YYYY-MM-DD") from None
    return brief


def read_brief(folder: Path) -> dict:
    """brief.json of a build (or day) folder, through ``read_file`` and ``parse_brief``."""
    path = folder / "brief.json"
    try:
        return parse_brief(read_file(path, MAX_TEXT_BYTES), path)
    except FileNotFoundError:
        raise PublishError(f"{folder} holds no brief.json (build with --format including json)") from None


def check_base_url(base_url: str | None) -> str | None:
    """An absolute http(s) base URL ending in "/", or None."""
    if not base_url:
        return None
    parts = urlparse(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"--base-url must be an absolute http(s) URL, got {base_url!r}")
    return base_url if base_url.endswith("/") else base_url + "/"


def _environment(options: SiteOptions) -> Environment:
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in theme_dirs(options.templates_dir)])
    # Autoescape everything: titles and stories come from articles, which are untrusted.
    return Environment(loader=loader, autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data)
    os.chmod(path, FILE_MODE)


def _write_if_changed(path: Path, data: bytes) -> None:
    refuse_symlink(path)
    if not path.is_file() or path.read_bytes() != data:
        _write(path, data)


def _day(folder: Path) -> Day:
    brief = read_brief(folder)
    present = tuple((label, name) for name, label in DAY_FILES if (folder / name).is_file())
    updated = dt.datetime.fromtimestamp((folder / "brief.json").stat().st_mtime, dt.UTC).replace(microsecond=0)
    return Day(date=brief["date"], title=str(brief.get("title") or f"Brief {brief['date']}"),
               stories=tuple(top_stories(brief)), articles=len(brief.get("articles") or []),
               downloads=present, updated=updated)


def site_days(site_dir: Path) -> list[Day]:
    """Every day published in the site, newest first (hidden work folders are skipped)."""
    folders = [p for p in site_dir.iterdir() if DAY_NAME.match(p.name)]
    for folder in folders:
        refuse_symlink(folder)
    folders = [p for p in folders if p.is_dir() and (p / "brief.json").is_file()]
    return [_day(folder) for folder in sorted(folders, key=lambda p: p.name, reverse=True)]


def day_figures(brief: dict) -> list[Markup]:
    """The brief's own figures (map, per day, by area) from its brief.json; none when it is not a whole brief."""
    try:
        figures = brief_figures(from_dict(Brief, brief), story_limit=0)
    except (TypeError, KeyError, AttributeError, ValueError):
        return []
    return [Markup(figures[name]) for name in ("map", "days", "areas") if name in figures]


def _brief_page(env: Environment, options: SiteOptions, day: Day, brief: dict, markdown_text: str, root: str, prefix: str, current: str) -> bytes:
    """A brief's page; ``root`` leads to the site's top, ``prefix`` to the day's files."""
    files = [(label, prefix + name) for label, name in day.downloads]
    html = env.get_template("site_brief.html.j2").render(
        site=options, root=root, current=current, day=day, files=files, figures=day_figures(brief),
        # The build's own converter: raw HTML off, so article text stays text.
        content=Markup(markdown_to_html(markdown_text)),
    )
    return html.encode("utf-8")


def _read_build(out_dir: Path) -> dict[str, bytes]:
    """The build's files publish copies (those present), read through ``read_file``."""
    files = {}
    for name, _ in DAY_FILES:
        try:
            files[name] = read_file(out_dir / name, MAX_TEXT_BYTES if name in REQUIRED_FILES else MAX_FILE_BYTES)
        except FileNotFoundError:
            continue
    return files


def _stage_day(files: dict[str, bytes], site_dir: Path, date: str) -> Path:
    """A hidden folder inside the site holding the day's files, ready to be renamed into place."""
    staging = Path(tempfile.mkdtemp(dir=site_dir, prefix=f".{date}.new-"))
    os.chmod(staging, DIR_MODE)
    for name, data in files.items():
        (staging / name).write_bytes(data)
        os.chmod(staging / name, FILE_MODE)
    return staging


def _swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``, replacing what is there with two renames."""
    if not target.exists():
        os.rename(staging, target)
        return
    retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    retired.rmdir()  # only its unique name is wanted
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def lock_path(site_dir: Path) -> Path:
    """The site's lock file, in the user's cache folder (out of the web root), named after the site's real path."""
    digest = hashlib.sha256(str(site_dir.resolve()).encode("utf-8")).hexdigest()[:24]
    return cache_dir() / "locks" / f"site-{digest}.lock"


@contextmanager
def _site_lock(site_dir: Path):
    """One publisher at a time per site (two cron jobs must not interleave their swaps)."""
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    with os.fdopen(handle, "a") as lock:
        if fcntl is None:
            yield
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_site_pages(site_dir: Path, options: SiteOptions, env: Environment | None = None) -> list[Day]:
    """Rewrite index.html, archive.html, feed.xml and (when changed) the assets from the days present."""
    env = env or _environment(options)
    for name in SITE_ENTRIES:
        refuse_symlink(site_dir / name)
    days = site_days(site_dir)
    (site_dir / "assets").mkdir(exist_ok=True)
    os.chmod(site_dir / "assets", DIR_MODE)
    for name in ASSETS:
        _write_if_changed(site_dir / "assets" / name, read_theme_file(name, options.templates_dir).encode("utf-8"))
    if days:
        latest = days[0]
        markdown_path = site_dir / latest.date / "brief.md"
        markdown_text = decode_text(read_file(markdown_path, MAX_TEXT_BYTES), markdown_path)
        page = _brief_page(env, options, latest, read_brief(site_dir / latest.date), markdown_text, "", f"{latest.date}/", "latest")
        _write(site_dir / "index.html", page)
    archive = env.get_template("archive.html.j2").render(site=options, root="", current="archive", days=days)
    _write(site_dir / "archive.html", archive.encode("utf-8"))
    _write(site_dir / "feed.xml", atom_feed(days, options))
    return days


def publish(out_dir: Path, site_dir: Path, options: SiteOptions = SiteOptions()) -> Path:
    """Add (or replace) the brief built in ``out_dir`` to the site; returns the day's folder."""
    out_dir, site_dir = Path(out_dir), Path(site_dir)
    finish_renames(out_dir)  # never publish a half-replaced brief
    options = replace(options, base_url=check_base_url(options.base_url))
    files = _read_build(out_dir)
    if "brief.json" not in files:
        raise PublishError(f"{out_dir} holds no brief.json (build with --format including json)")
    brief = parse_brief(files["brief.json"], out_dir / "brief.json")
    if "brief.md" not in files:
        raise PublishError(f"{out_dir} holds no brief.md (build with --format including md,json)")
    markdown_text = decode_text(files["brief.md"], out_dir / "brief.md")
    date = brief["date"]
    env = _environment(options)
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in SITE_ENTRIES:
        refuse_symlink(site_dir / name)
    with _site_lock(site_dir):
        refuse_symlink(site_dir / date)
        staging = _stage_day(files, site_dir, date)
        try:
            day = _day(staging)
            (staging / "index.html").write_bytes(_brief_page(env, options, day, brief, markdown_text, "../", "", "day"))
            os.chmod(staging / "index.html", FILE_MODE)
            _swap_in(staging, site_dir / date)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        write_site_pages(site_dir, options, env)
    return site_dir / date
