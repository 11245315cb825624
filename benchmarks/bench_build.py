"""Benchmark a day's build at volume: bare spaCy, extract, full build, warm rebuild, memory.

    python benchmarks/bench_build.py --articles 100 1000

Makes a corpus of N articles from the bundled examples and whatever corpora
../shared holds (the seed corpus, the eval sets' texts: read, never copied
into the project), varied so that duplicates do not make it trivial: about a
quarter are syndicated copies of another article (new headline, wire credit,
boilerplate), the rest are articles whose paragraphs are reordered and mixed
with a paragraph of another article, with shifted dates and numbers.

Everything is measured in one run on the same texts and process count:
bare ``nlp.pipe`` of the model, briefgen's analysis (``nlp.pipe`` + extract),
a cold ``briefgen build`` of all four formats in a fresh process, and a warm
rebuild of the unchanged day; peak memory is the most the build process and its
worker processes held at once (resident memory sampled every 0.2 s).
Prints a table; never run as a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _paragraphs(text: str) -> list[str]:
    parts = [p for p in text.split("\n\n") if p.strip()]
    if len(parts) > 2:
        return parts
    sentences = text.replace("\n", " ").split(". ")
    return [". ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def _shift_numbers(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if word.isdigit() and len(word) < 3 and rng.random() < 0.5:
            words[i] = str(int(word) + rng.randint(1, 5))
    return " ".join(words)


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
            paragraphs = _paragraphs(base)
            rng.shuffle(paragraphs[1:]) if len(paragraphs) > 2 else None
            other = _paragraphs(rng.choice(texts)[1])
            paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(other))
            text = _shift_numbers("\n\n".join(paragraphs), rng)
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
        line = next((l for l in status.splitlines() if l.startswith("VmRSS:")), "VmRSS: 0 kB")
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
            bare = bare_pipe_seconds([r["text"] for r in rows], processes, args.model)
            extract = analyse_seconds(rows, processes)
            cold, cold_peak = build_run(corpus, Path(folder) / "out", "2025-03-10")
            pages = _pdf_pages(Path(folder) / "out" / "brief.pdf")
            warm, _ = build_run(corpus, Path(folder) / "out", "2025-03-10")
        table.append((n, words, processes, bare, extract, cold, warm, cold_peak, pages))
        print(f"N={n} done", file=sys.stderr)

    print("| articles | words | processes | bare nlp.pipe s | extract s | extract throughput / bare | cold build s (all formats) | build / bare | warm rebuild s | warm / cold | peak MB | PDF pages |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n, words, processes, bare, extract, cold, warm, peak, pages in table:
        print(f"| {n} | {words} | {processes} | {bare:.1f} | {extract:.1f} | {bare / extract:.2f} | {cold:.1f} | {cold / bare:.2f} | {warm:.1f} | {warm / cold:.2f} | {peak:.0f} | {pages} |")
    if len(table) > 1:
        print(f"\npeak memory at {table[-1][0]} vs {table[0][0]} articles: {table[-1][7] / table[0][7]:.2f}x")


def _pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return -1
    return len(PdfReader(path).pages)


if __name__ == "__main__":
    main()
