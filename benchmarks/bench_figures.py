"""How much the pictures (map and charts) add to a day's build: issue 16 asks for at most 10 % at 1,000 articles.

    python benchmarks/bench_figures.py --articles 1000

Makes the corpus of ``bench_build.py`` (same seed), runs one cold ``briefgen build`` (all four formats) that also
fills the analysis cache, then warm builds in alternating rounds with the default theme and with a theme whose
templates drop the figure lines (``{{ figure(...) }}``; the rest falls back to the built-in templates). With the
analysis cached, a warm build is reading, assembling and rendering only, so the difference of the two medians is what the
figures cost (making the SVG, placing it in the HTML, typesetting it in the PDF), printed against the cold build,
which is what a user waits for. Also prints ``brief_figures`` alone on the built brief. Never run as a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench_build import make_corpus


def build_seconds(corpus: Path, out: Path, *options: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(corpus), "--out", str(out), "--date", "2025-03-10", "--quiet", *options],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def theme_without_figures(folder: Path) -> Path:
    """The built-in templates that place a figure, less those lines."""
    folder.mkdir()
    from briefgen.render.theme import builtin_theme_dir

    for template in sorted(builtin_theme_dir().glob("*.j2")):
        text = template.read_text(encoding="utf-8")
        if "figure(" in text:
            kept = [line for line in text.splitlines(keepends=True) if "figure(" not in line]
            (folder / template.name).write_text("".join(kept), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of warm builds with and without figures (default 3)")
    args = parser.parse_args()
    from briefgen.model import Brief, from_dict
    from briefgen.render.figures import brief_figures

    rows = make_corpus(args.articles)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        corpus = folder / "day.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out = folder / "out"
        cold = build_seconds(corpus, out)
        plain = theme_without_figures(folder / "no-figures")
        with_figures, without = [], []
        # Alternating, so both see the same load; each build's theme differs from the last one's, so each renders
        # (a build whose inputs, settings and theme are unchanged is skipped), from the cached analyses.
        for _ in range(args.repeat):
            without.append(build_seconds(corpus, out, "--templates", str(plain)))
            with_figures.append(build_seconds(corpus, out))
        brief = from_dict(Brief, json.loads((out / "brief.json").read_text(encoding="utf-8")))
        start = time.perf_counter()
        figures = brief_figures(brief)
        alone = time.perf_counter() - start
        html_bytes = (out / "brief.html").stat().st_size
    cost = median(with_figures) - median(without)
    print(f"{dt.date.today()}: {args.articles} articles, {len(brief.timeline)} incidents in the timeline, {len(figures)} figures")
    print("| cold build s | warm build s, with figures | warm build s, without | figures cost s | share of the cold build "
          "| brief_figures() s | brief.html bytes |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {cold:.1f} | {median(with_figures):.1f} | {median(without):.1f} | {cost:.1f} | {cost / cold:.1%} | {alone:.2f} | {html_bytes} |")


if __name__ == "__main__":
    main()
