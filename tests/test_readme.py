"""The README describes the project as it is: every theme file it names exists, and CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_theme_file_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Templates and themes", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([\w.-]+\.(?:j2|css))`", section))
    assert named, "the Templates section names no theme file"
    missing = sorted(name for name in named if not (ROOT / "templates" / name).is_file())
    assert not missing, f"README names theme files that do not exist: {missing}"


def test_ci_runs_the_readme_test_command():
    """CI must run exactly what the README tells a newcomer to run (ruff, mypy and pytest included)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) >= 2 and "pytest" in commands[1], "the README opens with the build and the test command"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert commands[1] in ci
    assert all(tool in commands[1] for tool in ("ruff check", "mypy", "pytest"))
