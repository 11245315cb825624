"""The theme: the user's template folder first, the built-in theme behind it.

As in Pelican and MkDocs, a user overrides any template or stylesheet by
putting a file of the same name in ``--templates DIR``; every other file comes
from the default theme shipped in the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_theme_dir() -> Path:
    """The default theme: ``briefgen/templates`` in an installed wheel, ``templates/`` in a checkout."""
    packaged = Path(str(resources.files("briefgen") / "templates"))
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts keep the theme at the repository's top level.
    return Path(__file__).resolve().parents[3] / "templates"


def theme_dirs(user_dir: Path | None) -> list[Path]:
    """Folders searched for theme files, most specific first."""
    return ([user_dir.resolve()] if user_dir else []) + [builtin_theme_dir()]


def read_theme_file(name: str, user_dir: Path | None) -> str:
    """A non-template theme file (a stylesheet), from the first folder that has it."""
    for folder in theme_dirs(user_dir):
        candidate = folder / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"theme file {name!r} not found in {', '.join(map(str, theme_dirs(user_dir)))}")
