"""Ctrl-C during a build with worker processes: one line, exit 130, the outputs as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 70  # at least pipeline.PARALLEL_FROM, so the worker pool is used
PARAGRAPHS = 20

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")


def _write_articles(folder: Path) -> None:
    """Distinct articles (a number in every few words, so none is a copy of another), long enough that the
    pool is still at work half a second after it starts (a build of short ones ends before the signal)."""
    folder.mkdir()
    for k in range(ARTICLES):
        paragraphs = [
            f"Police in district {k} said {k + j} gunmen attacked check post {j} near route {k} on Monday. "
            f"Officer {k} told reporters that unit {j} returned fire and {k + j + 1} attackers fled toward village {j}."
            for j in range(PARAGRAPHS)
        ]
        (folder / f"a{k:02}.txt").write_text(f"Attack number {k} on a border post\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _forked_children(pid: int) -> list[int]:
    """Child processes of ``pid`` running its own command line: the pool's forked workers."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and (stat.parent / "cmdline").read_bytes() == command:
                children.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while being read
    return children


def _sigint_as_a_shell_gives_it() -> None:
    """SIGINT at its default and not blocked in the build: an ignored or blocked SIGINT is inherited across exec, and
    the test runner's process may have picked one up (twice in whole-suite runs, the build ran to its end)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_a_pooled_build(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    _write_articles(inputs)
    out.mkdir()
    (out / "brief.md").write_text("yesterday's brief\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "briefgen", "build", str(inputs), "--out", str(out), "--format", "md,json", "--no-cache"]
    # A session of its own: Ctrl-C in a terminal signals the whole foreground process group, workers included.
    build = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_sigint_as_a_shell_gives_it)
    try:
        deadline = time.monotonic() + 60
        while len(_forked_children(build.pid)) < 2 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_forked_children(build.pid)) == 2, "the worker pool did not start"
        time.sleep(0.5)  # the workers are loading the model or parsing
        os.killpg(build.pid, signal.SIGINT)
        _, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 130
    assert stderr.strip() == "briefgen: interrupted"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["brief.md"]
    assert (out / "brief.md").read_text(encoding="utf-8") == "yesterday's brief\n"
