"""Time `briefgen build` on the hostile inputs of the robustness issue, one fresh process each.

    python benchmarks/hostile_inputs.py [--timeout 120] [--only NAME ...]

Each case is a folder of inputs written to a temporary directory: a bad article
beside a good one (the good one must still be in the brief). For each case it
prints the exit code, the wall time, whether the good article made it into
brief.json, and the last line briefgen wrote to stderr. Real text comes from the
bundled examples and, when present, the seed article in ../shared (read, never
copied into the project). Never run as a test; the tests hold the same cases in
small.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOOD = (
    "Police arrested four men in Quetta on Monday after a bomb attack on a market killed two people, "
    "officials said.\n\nThe provincial government said the men were held in a raid.\n"
)


def real_text() -> str:
    """Several real articles' text, to repeat into long inputs."""
    paths = [ROOT / "examples" / "articles" / "quetta-protest.txt", ROOT / "examples" / "articles" / "border-post-attack.md"]
    seed = SHARED / "corpus" / "tribune-ttp-daesh.txt"
    if seed.is_file():
        paths.append(seed)
    return "\n\n".join(p.read_text(encoding="utf-8") for p in paths)


def repeated(text: str, size: int) -> str:
    return (text + "\n\n") * (size // (len(text) + 2) + 1)


def hard_wrapped(text: str, size: int, width: int = 60) -> str:
    words, lines, line = repeated(text, size).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


CASES: dict[str, Callable[[Path], None]] = {
    "huge casualty count": lambda d: (d / "bad.txt").write_text(
        "Gunmen attacked a checkpoint in Bannu on Sunday, killing two soldiers and injuring 1" + "0" * 400 + " others, police said.\n"),
    "1.2 M characters of real text": lambda d: (d / "bad.txt").write_text(repeated(real_text(), 1_200_000)),
    "9 KB of question marks": lambda d: (d / "bad.txt").write_text("?" * 9_000),
    "8,000 tiny sentences": lambda d: (d / "bad.txt").write_text("He ran. " * 9_000),
    "180 KB of hard-wrapped lines": lambda d: (d / "bad.txt").write_text(hard_wrapped(real_text(), 180_000)),
    "1 MB of real text": lambda d: (d / "bad.txt").write_text(repeated(real_text(), 990_000)),
    "jsonl line with a 5,000-digit number": lambda d: (d / "bad.jsonl").write_text(
        json.dumps({"text": "First good line about a market in Quetta, officials said."}) + "\n"
        + '{"text": "x", "id": ' + "9" * 5_000 + "}\n"
        + json.dumps({"text": "Third line: police in Bannu said a bomb killed two people on Sunday."}) + "\n"),
    "year 1 plus yesterday": lambda d: (d / "bad.json").write_text(
        json.dumps({"text": "A bomb killed two people in Quetta yesterday, police said.", "published": "0001-01-01"})),
    "symlink to /etc/passwd": lambda d: (d / "notes.txt").symlink_to("/etc/passwd"),
}


def run_case(name: str, make: Callable[[Path], None], timeout: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        (inputs / "good.txt").write_text(GOOD)
        make(inputs)
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "briefgen", "build", str(inputs), "--out", str(out), "--format", "md,json",
                 "--date", "2025-03-10", "--no-cache", "--quiet"],
                capture_output=True, text=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            print(f"| {name} | timeout | > {timeout:.0f} | - | - |")
            return
        seconds = time.perf_counter() - started
        brief = out / "brief.json"
        good = brief.is_file() and any(a["source"].endswith("good.txt") for a in json.loads(brief.read_text())["articles"])
        leaked = brief.is_file() and "root:x:0:0" in brief.read_text()
        last = (done.stderr.strip().splitlines() or [""])[-1][:110].replace("|", "/")
        print(f"| {name} | {done.returncode} | {seconds:.1f} | {'yes' if good else 'NO'}{' LEAK' if leaked else ''} | {last} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", nargs="*", help="case names (substrings) to run")
    args = parser.parse_args()
    print("| case | exit | seconds | good article kept | last stderr line |")
    print("|---|---|---|---|---|")
    for name, make in CASES.items():
        if not args.only or any(part in name for part in args.only):
            run_case(name, make, args.timeout)


if __name__ == "__main__":
    main()
