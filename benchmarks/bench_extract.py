"""Time the extractors and the assembly on hostile inputs: work must grow about linearly with the input.

    PYTHONPATH=src python3 benchmarks/bench_extract.py [CASE ...] [--profile] [--timeout SECONDS]

Each case runs in its own process (so a runaway case is stopped at ``--timeout``
and its memory does not leak into the next): the text is parsed first (not
timed; the model's length limit is raised for the 1 MB case), then
``extract_article`` is timed; the ``assemble`` case times assemble +
render_markdown of many articles with huge actor and claim lists. Real text
comes from ../shared (the seed corpus and the summary eval set's articles: read,
never copied into the project). ``--profile`` prints the top of cProfile's
cumulative listing. Prints one line per case; never run as a test.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import multiprocessing
import pstats
import resource
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
MEGABYTE = 1_000_000


def real_text(size: int) -> str:
    """Real articles from ../shared, repeated to ``size`` characters."""
    texts = [(SHARED / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8")]
    with open(SHARED / "eval" / "summaries-dev.jsonl", encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines]
    pieces, total = [], 0
    while total < size:
        for text in texts:
            pieces.append(text)
            total += len(text) + 2
    return "\n\n".join(pieces)[:size]


FIRST_NAMES = ("John", "Mary", "Ali", "Peter", "Sara", "Ahmed", "Grace", "David", "Fatima", "Carlos")
SURNAMES = ("Smith", "Jones", "Khan", "Brown", "Lee", "Garcia", "Okafor", "Novak", "Haddad", "Tanaka")


def said_sentences(count: int) -> str:
    """``count`` reported sentences, named speakers (cycling through 100 names) alternating with "He said"."""
    sentences = []
    for i in range(count):
        name = f"{FIRST_NAMES[i // 2 % 10]} {SURNAMES[i // 20 % 10]}"
        sentences.append(f"{name} said the road to the market was closed." if i % 2 == 0 else "He said the police had blocked the bridge.")
    return " ".join(sentences)


TEXTS = {
    "questions": lambda: "?" * 9_000,
    "tiny-sentences": lambda: "Sam left. " * 8_000,
    "many-speakers": lambda: " ".join(
        f"John Smith{i}, Mary Jones, Ali Khan, Peter Brown and Sara Lee said the talks in Kabul failed." for i in range(2_000)
    ),
    "said-sentences": lambda: said_sentences(2_000),
    "real-200k": lambda: real_text(200_000),
    "numbers": lambda: " ".join(str(i) for i in range(20_000)),
    "deep-quotes": lambda: "He said " + "“she said " * 3_000 + "yes" + "”" * 3_000 + ".",
    "unbalanced-quotes": lambda: 'The minister said "the talks failed. ' * 2_000,
    "real-1mb": lambda: real_text(MEGABYTE),
}


def _extract_case(name: str, profile: bool) -> str:
    from briefgen.config import Settings
    from briefgen.extract.article import extract_article
    from briefgen.model import Article
    from briefgen.nlp import load_pipeline

    text = TEXTS[name]()
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    parse_start = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - parse_start
    article = Article(id=name, text=text, source=name)
    settings = Settings(date=dt.date(2025, 3, 10))
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    brief = extract_article(article, doc, settings)
    if profiler:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    took = time.perf_counter() - start
    return (f"{len(text):>9,} chars, parse {parse:6.1f} s, extract {took:7.2f} s: "
            f"{len(brief.claims)} claims, {len(brief.actors)} actors, {len(brief.incidents)} incidents")


def _assemble_case(profile: bool) -> str:
    from briefgen.assemble import assemble
    from briefgen.config import Settings
    from briefgen.model import Actor, ArticleBrief, Claim, Evidence, SentenceSpan, Source
    from briefgen.render import render_markdown

    articles = []
    for number in range(200):
        # One sentence per claim, so that each claim's evidence names a sentence the article has.
        sentences, spans, offset = [], [], 0
        for i in range(500):
            sentences.append(f"Person {number} {i} said the talks in city {number % 20} failed again.")
            spans.append(SentenceSpan(offset, offset + len(sentences[-1])))
            offset = spans[-1].end + 1
        actors = [Actor(f"Person {number} {i}", "person", aliases=[f"{i}"], mentions=i % 7 + 1) for i in range(500)]
        claims = [
            Claim(f"the talks in city {number % 20} failed again", f"Person {number} {i}", "named_person", "said", i % 2 == 0,
                  False, Evidence(i, spans[i].start, spans[i].end), actor=f"Person {number} {i}")
            for i in range(500)
        ]
        sources = [Source(f"Person {number} {i}", "named_person", False, 1, f"Person {number} {i}") for i in range(500)]
        articles.append(ArticleBrief(id=f"a{number}", title=f"Talks {number}", url=None, publisher=f"outlet {number % 9}", published=None,
                                     source=f"a{number}", text=" ".join(sentences), sentences=spans,
                                     actors=actors, claims=claims, sources=sources))
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    brief = assemble(articles, "Brief", "2025-03-10")
    markdown = render_markdown(brief, Settings(date=dt.date(2025, 3, 10)))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    took = time.perf_counter() - start
    return f"200 articles x 500 actors/claims/sources: assemble + render_markdown {took:7.2f} s, {len(markdown):,} chars of Markdown"


def _run(name: str, profile: bool, results) -> None:
    line = _assemble_case(profile) if name == "assemble" else _extract_case(name, profile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put(f"{line}, peak {peak:,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=[*TEXTS, "assemble"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    for name in args.cases:
        results = multiprocessing.Queue()
        worker = multiprocessing.Process(target=_run, args=(name, args.profile, results))
        worker.start()
        worker.join(args.timeout)
        if worker.is_alive():
            worker.terminate()
            worker.join()
            print(f"{name:>18}: stopped after {args.timeout:.0f} s", flush=True)
        else:
            print(f"{name:>18}: {results.get() if not results.empty() else f'failed (exit {worker.exitcode})'}", flush=True)


if __name__ == "__main__":
    main()
