"""Benchmark a day's build at volume: bare spaCy, extract, full build, warm rebuild, memory.

    python benchmarks/bench_build.py --articles 100 1000

Makes a corpus of N articles from the bundled examples and whatever corpora
../shared holds (the seed corpus, the eval sets' texts: read, never copied
into the project), varied so that duplicates do not make it trivial: about a
quarter are syndicated copies of another article (new headline, wire credit,
boilerplate); the rest are other outlets' tellings of a source article (its lead
and about half of its other sentences, a passage of another article, shifted
numbers), which group into stories without being duplicates of each other.

Everything is measured in one run on the same texts and process count:
bare ``nlp.pipe`` of the model, briefgen's analysis (``nlp.pipe`` + extract) of
every article, a cold ``briefgen build`` (which does not parse the duplicates it
finds: the "copies" column) of all four formats in a fresh process, and a warm
rebuild of the unchanged day, in several rounds (timings on a shared machine
vary by 10-15 % from run to run: the table shows medians); peak memory is the most the build process and its
worker processes held at once (resident memory sampled every 0.2 s).
Prints a table; never run as a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WIRES = ["Frontier Wire", "Valley Post", "Daily Ledger", "Coastal Herald", "Capital News", "Morning Star"]
BOILERPLATE = ["Subscribe to our newsletter for more.", "Follow us on social media.", "Copyright the publisher. All rights reserved."]


def source_texts() -> list[tuple[str, str]]:
    """(title, text) of every article available here."""
    from briefgen.ingest import read_inputs
    from briefgen.model import Article

    inputs = [str(ROOT / "examples" / "articles")]
    if (SHARED / "corpus").is_dir():
        inputs.append(str(SHARED / "corpus"))
    texts = [(a.title or a.id, a.text) for a in read_inputs(inputs) if isinstance(a, Article)]
    for name, key in (("summaries-dev.jsonl", "text"), ("attribution-dev.jsonl", "text")):
        path = SHARED / "eval" / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if len(row[key].split()) > 60:
                    texts.append((row[key].split(".")[0][:80], row[key]))
    return texts


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")) if s.strip()]


def _shift_numbers(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if word.isdigit() and len(word) < 3 and rng.random() < 0.5:
            words[i] = str(int(word) + rng.randint(1, 5))
    return " ".join(words)


def _rewrite(text: str, other: str, rng: random.Random) -> str:
    """Another outlet's telling of ``text``: its lead, then about half of its other sentences
    (two such tellings share too little to be near-duplicates), a passage of ``other``."""
    sentences, extra = _sentences(text), _sentences(other)
    body = [s for s in sentences[1:] if rng.random() < 0.5] or sentences[1:2]
    start = rng.randrange(max(len(extra) - 1, 1))
    body.insert(rng.randint(0, len(body)), " ".join(extra[start : start + 2]))
    paragraphs = [sentences[0]] + [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    return _shift_numbers("\n\n".join(paragraphs), rng)


def make_corpus(n: int, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    texts = source_texts()
    day = dt.date(2025, 3, 10)
    rows: list[dict] = []
    for i in range(n):
        if rows and rng.random() < 0.25:
            original = rng.choice(rows)
            text = f"{rng.choice(WIRES).upper()} - " + original["text"] + "\n\n" + rng.choice(BOILERPLATE)
            title = "Report: " + original["title"]
        else:
            title, base = texts[i % len(texts)]
            text = _rewrite(base, rng.choice(texts)[1], rng)
        published = (day - dt.timedelta(days=rng.randint(0, 2))).isoformat()
        rows.append({"id": f"bench-{i:05d}", "title": title, "publisher": rng.choice(WIRES), "published": published, "text": text})
    return rows


def bare_pipe_seconds(texts: list[str], processes: int, model: str | None) -> float:
    """Plain spaCy: the same model, no gazetteer, no extraction."""
    import spacy

    from briefgen.nlp import DEFAULT_MODELS

    nlp = None
    for name in [model] if model else DEFAULT_MODELS:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return time.perf_counter() - start


def analyse_seconds(rows: list[dict], processes: int) -> float:
    from briefgen.config import Settings
    from briefgen.model import Article
    from briefgen.nlp import load_pipeline
    from briefgen.pipeline import analyse

    settings = Settings(date=dt.date(2025, 3, 10), processes=processes)
    load_pipeline(settings.model)  # loading is not extraction
    articles = [Article(source=f"bench:{i}", **row) for i, row in enumerate(rows)]
    start = time.perf_counter()
    for _ in analyse(articles, settings):
        pass
    return time.perf_counter() - start


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (MB)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        line = next((row for row in status.splitlines() if row.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[int(entry.name)] = int(line.split()[1])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


def build_run(corpus: Path, out: Path, date: str) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one ``briefgen build``: the most its process and its
    workers held at once, sampled every 0.2 s."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "build", str(corpus), "--out", str(out), "--date", date, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mb(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"briefgen build failed with exit code {process.returncode}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--model")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of bare, extract and cold build (default 3)")
    args = parser.parse_args()
    from briefgen.config import Settings
    from briefgen.pipeline import processes_for

    table = []
    for n in args.articles:
        rows = make_corpus(n)
        words = sum(len(r["text"].split()) for r in rows)
        processes = processes_for(n, Settings())
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "day.jsonl"
            corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            rounds = []
            for round_ in range(args.repeat):
                # Each round measures all three back to back, so a ratio compares runs made under the same load.
                out = Path(folder) / f"out{round_}"
                bare = bare_pipe_seconds([r["text"] for r in rows], processes, args.model)
                extract = analyse_seconds(rows, processes)
                cold, peak = build_run(corpus, out, "2025-03-10")
                rounds.append((bare, extract, cold, peak))
            pages = _pdf_pages(out / "brief.pdf")
            brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
            copies = sum(len(d["copies"]) for d in brief["duplicates"])
            warm, _ = build_run(corpus, out, "2025-03-10")
        table.append((n, words, copies, processes, rounds, warm, pages))
        print(f"N={n} done", file=sys.stderr)

    print(f"Medians of {args.repeat} rounds; each ratio is the median of the rounds' ratios, with its range.\n")
    columns = [
        "articles", "words", "copies (not parsed by build)", "processes", "bare nlp.pipe s", "extract s", "extract throughput / bare",
        "cold build s (all formats)", "build / bare", "warm rebuild s", "warm / cold", "peak MB", "PDF pages",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n, words, copies, processes, rounds, warm, pages in table:
        bare, extract, cold = (median(r[i] for r in rounds) for i in range(3))
        throughput = [r[0] / r[1] for r in rounds]
        ratio = [r[2] / r[0] for r in rounds]
        print(f"| {n} | {words} | {copies} | {processes} | {bare:.1f} | {extract:.1f} | {_spread(throughput)} | {cold:.1f} "
              f"| {_spread(ratio)} | {warm:.1f} | {warm / cold:.2f} | {max(r[3] for r in rounds):.0f} | {pages} |")
    if len(table) > 1:
        peaks = [max(r[3] for r in row[4]) for row in table]
        print(f"\npeak memory at {table[-1][0]} vs {table[0][0]} articles: {peaks[-1] / peaks[0]:.2f}x")


def _spread(values: list[float]) -> str:
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else f"{values[0]:.2f}"


def _pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return -1
    return len(PdfReader(path).pages)


if __name__ == "__main__":
    main()
