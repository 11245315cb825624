"""The analysis cache survives faults: a broken cache file is set aside and rebuilt, an unwritable one is
no cache, a bad row is a miss; and its key follows briefgen's own code and data."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen
from briefgen.cache import CACHE_NAME, AnalysisCache, package_digest
from briefgen.cli import main
from briefgen.config import Settings
from briefgen.model import Article
from briefgen.pipeline import build_and_write, read_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SOURCE = Path(briefgen.__file__).resolve().parents[1]  # the tree under test, for subprocesses
BUILD = ["build", str(EXAMPLES), "--date", "2025-03-10", "--format", "md,json", "--quiet"]
LIBRARY_BUILD = f"""
import datetime as dt, sys
from pathlib import Path
from briefgen.config import Settings
from briefgen.errors import BriefgenError
from briefgen.pipeline import build_and_write, read_articles
settings = Settings(out_dir=Path(sys.argv[1]), date=dt.date(2025, 3, 10), formats=tuple(sys.argv[2].split(",")), quiet=True)
articles, rejected = read_articles([{str(EXAMPLES)!r}], settings)
try:
    build_and_write(articles, rejected, settings)
except BriefgenError as error:
    print(f"error: {{error}}", file=sys.stderr)
    sys.exit(2)
"""


def _settings(out: Path, formats: tuple[str, ...] = ("md", "json"), **changes) -> Settings:
    return Settings(out_dir=out, date=dt.date(2025, 3, 10), formats=formats, quiet=True, **changes)


def _library_build(out: Path) -> None:
    settings = _settings(out)
    build_and_write(*read_articles([str(EXAMPLES)], settings), settings)


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("brief.md", "brief.json") if (out / name).exists()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The brief built without any cache."""
    out = tmp_path_factory.mktemp("reference")
    settings = _settings(out, use_cache=False)
    build_and_write(*read_articles([str(EXAMPLES)], settings), settings)
    return _outputs(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory, reference) -> Path:
    """A folder holding a build and its (good) cache; tests work on copies."""
    out = tmp_path_factory.mktemp("built")
    _library_build(out)
    return out


@pytest.fixture
def out(built, tmp_path) -> Path:
    folder = tmp_path / "out"
    shutil.copytree(built, folder, symlinks=True)
    return folder


# --- faults in the cache file: each is set aside (renamed, never followed) and a new cache built ---------

def _truncated_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5000])


def _truncated_pages(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:8192])


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(20000))


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("kept")


def _symlink(path: Path) -> None:
    # A link to a good database elsewhere: briefgen must neither read nor write through it.
    elsewhere = path.parent.parent / "elsewhere.sqlite"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)


def _dangling_symlink(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent.parent / "created-through-link.sqlite")


def _other_tables(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("DROP TABLE articles")
    db.execute("CREATE TABLE articles (key TEXT PRIMARY KEY)")
    db.commit()
    db.close()


FILE_FAULTS = [_truncated_header, _truncated_pages, _random_bytes, _folder, _symlink, _dangling_symlink, _other_tables]


def _check_set_aside(out: Path, fault, built: Path) -> None:
    """One broken file beside the new, working cache; nothing outside the folder touched."""
    aside = [p for p in out.iterdir() if p.name.startswith(f"{CACHE_NAME}.broken-")]
    assert len(aside) == 1
    new = out / CACHE_NAME
    assert new.is_file() and not new.is_symlink()
    assert sqlite3.connect(new).execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    if fault is _symlink:
        assert aside[0].is_symlink()
        assert (out.parent / "elsewhere.sqlite").read_bytes() == (built / CACHE_NAME).read_bytes()  # untouched
    if fault is _dangling_symlink:
        assert not (out.parent / "created-through-link.sqlite").exists()
    if fault is _folder:
        assert (aside[0] / "inside").read_text() == "kept"


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=lambda f: f.__name__.strip("_"))
def test_broken_cache_file_is_set_aside_through_the_library(built, out, reference, fault, caplog):
    fault(out / CACHE_NAME)
    (out / "brief.md").unlink()  # the unchanged-day shortcut must not hide the cache from the build
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        _library_build(out)
    assert _outputs(out) == reference
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "set aside as .briefgen-cache.sqlite.broken-" in warnings[0]
    _check_set_aside(out, fault, built)
    caplog.clear()
    _library_build(out)  # and the next build is quiet
    assert not caplog.records


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=lambda f: f.__name__.strip("_"))
def test_broken_cache_file_is_set_aside_through_the_cli(built, out, reference, fault, caplog):
    fault(out / CACHE_NAME)
    (out / "brief.md").unlink()
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        assert main([*BUILD, "--out", str(out)]) == 0
    assert _outputs(out) == reference
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1
    _check_set_aside(out, fault, built)


def test_the_cli_warns_in_one_line(out, reference):
    _random_bytes(out / CACHE_NAME)
    (out / "brief.md").unlink()
    run = subprocess.run([sys.executable, "-m", "briefgen", *BUILD, "--out", str(out)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(SOURCE)}, check=False)
    assert run.returncode == 0
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"briefgen: cache {out / CACHE_NAME} is unusable (file is not a database); set aside as ")
    assert _outputs(out) == reference


# --- rows that no longer read back as the model: a miss, the article analysed again ---------------------

def _set_rows(path: Path, table: str, column: str, value: str) -> None:
    db = sqlite3.connect(path)
    db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    db.commit()
    db.close()


ROW_FAULTS = {
    "broken json": ("articles", "brief", "{broken"),
    "not an object": ("articles", "brief", "[1, 2]"),
    "null": ("articles", "brief", "null"),
    "another shape": ("articles", "brief", json.dumps({"article": {"id": "x"}, "renamed_field": []})),
    "outputs broken json": ("outputs", "output", "{broken"),
    "outputs not an object": ("outputs", "output", "[1, 2]"),
}


@pytest.mark.parametrize("interface", ["library", "cli"])
@pytest.mark.parametrize("fault", ROW_FAULTS, ids=str)
def test_unreadable_row_is_a_miss(out, reference, fault, interface, caplog):
    table, column, value = ROW_FAULTS[fault]
    _set_rows(out / CACHE_NAME, table, column, value)
    if table == "articles":
        (out / "brief.md").unlink()  # else the unchanged-day shortcut answers without reading a row
    if interface == "library":
        _library_build(out)
    else:
        assert main([*BUILD, "--out", str(out)]) == 0
    assert _outputs(out) == reference
    assert not [p for p in out.iterdir() if ".broken-" in p.name]
    # The rows were analysed again and replaced: the next build reads them back.
    cache = AnalysisCache(out, {})
    assert all(cache.get(key) is not None for (key,) in cache.db.execute("SELECT key FROM articles"))
    cache.close()


# --- a cache or folder that cannot be written -------------------------------------------------------------

def _unprivileged() -> list[str]:
    """A command prefix under which file permissions hold (root ignores them: a user namespace without
    mappings keeps root the owner of its files but without the power to override their modes)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("unshare") or subprocess.run(["unshare", "-U", "true"], check=False).returncode:
        pytest.skip("running as root without unshare: file modes cannot be enforced")
    return ["unshare", "-U"]


def _run(interface: str, out: Path, formats: str = "md,json", fsize: int | None = None) -> subprocess.CompletedProcess:
    if interface == "cli":
        command = [sys.executable, "-m", "briefgen", "build", str(EXAMPLES), "--out", str(out), "--date", "2025-03-10", "--format", formats, "-q"]
    else:
        command = [sys.executable, "-c", LIBRARY_BUILD, str(out), formats]
    limit = (lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))) if fsize else None
    return subprocess.run(_unprivileged() + command, capture_output=True, text=True, preexec_fn=limit, check=False,
                          env={**os.environ, "PYTHONPATH": str(SOURCE), "PYTHONDONTWRITEBYTECODE": "1"})


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    return line


@pytest.mark.parametrize("interface", ["library", "cli"])
def test_read_only_cache_is_no_cache(out, reference, interface):
    (out / "brief.md").unlink()
    (out / CACHE_NAME).chmod(0o444)
    run = _run(interface, out)
    assert run.returncode == 0
    assert "attempt to write a readonly database); building without it" in _one_line(run.stderr)
    assert _outputs(out) == reference


@pytest.mark.parametrize("interface", ["library", "cli"])
def test_full_disk_for_the_cache_is_no_cache(tmp_path, reference, interface, caplog):
    """RLIMIT_FSIZE lets the Markdown (17 KB) be written but not the cache (48 KB)."""
    out = tmp_path / "out"
    run = _run(interface, out, formats="md", fsize=32_000)
    assert run.returncode == 0
    assert "building without it" in _one_line(run.stderr)
    assert (out / "brief.md").read_bytes() == reference["brief.md"]
    # The cache the full disk cut short is not a broken one: the next build uses it (no warning, nothing set aside).
    with caplog.at_level(logging.WARNING, logger="briefgen"):
        _library_build(out)
    assert not caplog.records
    assert _outputs(out) == reference and not [p for p in out.iterdir() if ".broken-" in p.name]


@pytest.mark.parametrize("interface", ["library", "cli"])
@pytest.mark.parametrize("fault", ["read-only folder", "read-only parent", "full disk"])
def test_unwritable_out_folder_fails_in_one_line(built, tmp_path, interface, fault):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    (out / "brief.md").write_text("old brief")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    if fault == "read-only folder":
        out.chmod(0o555)
        run = _run(interface, out)
    elif fault == "read-only parent":
        tmp_path.chmod(0o555)
        run = _run(interface, tmp_path / "new")
    else:
        run = _run(interface, out, fsize=30_000)  # brief.json is 72 KB
    tmp_path.chmod(0o755)
    out.chmod(0o755)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1 or fault == "full disk"  # a full disk may also drop the cache first
    assert run.stderr.splitlines()[-1].startswith(("briefgen: cannot write the brief", "briefgen: cannot create") if interface == "cli" else "error: ")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the old brief untouched, nothing left behind


# --- the key follows briefgen's code and data ---------------------------------------------------------------

def test_package_digest_follows_code_and_data_only(tmp_path):
    package = Path(briefgen.__file__).parent
    copy = tmp_path / "briefgen"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert package_digest(copy) == package_digest(package)  # where it is installed does not matter
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    package_digest.cache_clear()
    assert package_digest(copy) == package_digest(package)
    for changed in ["data/incident_triggers.json", "extract/incidents/triggers.py"]:
        with (copy / changed).open("a") as file:
            file.write("\n")
        package_digest.cache_clear()
        assert package_digest(copy) != package_digest(package), changed
        shutil.copy2(package / changed, copy / changed)
    package_digest.cache_clear()


def test_key_is_the_same_across_processes(tmp_path):
    article = Article(id="a", title="T", url=None, publisher=None, published=None, source="a.txt", text="Some text.")
    here = AnalysisCache(tmp_path, {"model": "m"}).key(article, "2025-03-10")
    script = ("import sys; from pathlib import Path; from briefgen.cache import AnalysisCache; from briefgen.model import Article;"
              "a = Article(id='a', title='T', url=None, publisher=None, published=None, source='a.txt', text='Some text.');"
              "print(AnalysisCache(Path(sys.argv[1]), {'model': 'm'}).key(a, '2025-03-10'))")
    keys = {subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": str(SOURCE)}).stdout.strip() for _ in range(2)}
    assert keys == {here}


def test_changed_word_list_forces_reanalysis(tmp_path):
    """An upgrade that changes incident_triggers.json (same __version__) must not reuse the old analyses,
    nor the old brief.json through the unchanged-day shortcut."""
    upgraded = tmp_path / "upgraded"
    shutil.copytree(SOURCE / "briefgen", upgraded / "src" / "briefgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", upgraded / "templates")
    triggers = upgraded / "src" / "briefgen" / "data" / "incident_triggers.json"
    data = json.loads(triggers.read_text(encoding="utf-8"))
    data["types"]["arrest"] = ["apprehend"]  # "arrested" in quetta-protest is no longer an arrest
    triggers.write_text(json.dumps(data), encoding="utf-8")

    def build(source: Path, out: Path, *flags: str) -> dict:
        subprocess.run([sys.executable, "-m", "briefgen", *BUILD, "--out", str(out), *flags], check=True,
                       env={**os.environ, "PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1"})
        return json.loads((out / "brief.json").read_text(encoding="utf-8"))

    before = build(SOURCE, tmp_path / "out")
    after = build(upgraded / "src", tmp_path / "out")
    fresh = build(upgraded / "src", tmp_path / "fresh", "--no-cache")
    assert after == fresh
    assert after != before
