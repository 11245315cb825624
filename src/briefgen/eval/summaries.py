"""Score briefgen's summaries with ROUGE against references and stored systems.

Reads a JSONL file of ``{id, text, references: [...], systems: {name: summary}}``
(``systems`` optional), summarizes each text, and prints ROUGE-1, ROUGE-2 and
ROUGE-Lsum F1 (Porter stemming; one sentence a line for Lsum; averaged over an
article's references, then over articles) for briefgen beside every stored
system, with average length in words, and the time summaries add to analysis.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from statistics import mean

METRICS = ("rouge1", "rouge2", "rougeLsum")
BRIEFGEN = "briefgen"
# Stored summaries and references are plain strings: split them where a sentence
# mark is followed by space, which is all Lsum needs.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="JSONL with id, text, references (and optionally systems)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--sentences", type=int, default=3, help="max_sentences for summarize (default 3)")
    parser.add_argument("--words", type=int, default=75, help="max_words for summarize (default 75)")


def _lines(summary: str) -> str:
    return "\n".join(part.strip() for part in _SENTENCE_BREAK.split(summary.strip()) if part.strip())


def _scores(scorer, summary_lines: str, references: list[str]) -> dict[str, float]:
    """F1 per metric, averaged over the references."""
    per_reference = [scorer.score(_lines(reference), summary_lines) for reference in references]
    return {metric: mean(s[metric].fmeasure for s in per_reference) for metric in METRICS}


def _load(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as rows:
        items = [json.loads(line) for line in rows if line.strip()]
    return items[:limit] if limit else items


def _table(rows: dict[str, list[dict]], lengths: dict[str, list[int]]) -> str:
    averaged = {name: {m: 100 * mean(s[m] for s in scores) for m in METRICS} for name, scores in rows.items()}
    order = sorted(averaged, key=lambda name: (-averaged[name]["rouge1"], name))
    width = max(len(name) for name in order) + 2
    lines = [f"{'system':<{width}}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}{'words':>7}"]
    for name in order:
        a = averaged[name]
        marker = "  <-" if name == BRIEFGEN else ""
        lines.append(
            f"{name:<{width}}{a['rouge1']:>7.2f}{a['rouge2']:>7.2f}{a['rougeLsum']:>8.2f}{mean(lengths[name]):>7.1f}{marker}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"{args.file}: no such file; nothing to evaluate (the eval data lives in ../shared/eval)")
        return 0
    from rouge_score import rouge_scorer

    from ..extract.actors import extract_actors
    from ..extract.incidents import extract_incidents
    from ..extract.sentence_filters import word_count
    from ..extract.summary import summarize
    from ..gazetteer import load_gazetteer
    from ..nlp import load_pipeline

    items = _load(args.file, args.limit)
    if not items:
        print(f"{args.file}: no articles")
        return 0
    nlp = load_pipeline()
    # Warm both up, so that loading and compiling once is not counted as per-article time.
    summarize(nlp("Warm-up: the pipeline, the word lists and the patterns load once."))
    texts = [item["text"] for item in items]
    started = time.process_time()
    docs = list(nlp.pipe(texts))
    pipe_seconds = time.process_time() - started

    # Summaries get the article's incidents, as in ``briefgen extract`` (the texts carry no date).
    gazetteer = load_gazetteer()
    incidents = [extract_incidents(doc, None, extract_actors(doc, gazetteer), gazetteer=gazetteer) for doc in docs]
    started = time.process_time()
    summaries = [summarize(doc, args.sentences, args.words, doc_incidents) for doc, doc_incidents in zip(docs, incidents, strict=True)]
    summarize_seconds = time.process_time() - started

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows: dict[str, list[dict]] = {BRIEFGEN: []}
    lengths: dict[str, list[int]] = {BRIEFGEN: []}
    for item, summary in zip(items, summaries, strict=True):
        rows[BRIEFGEN].append(_scores(scorer, "\n".join(s.text for s in summary), item["references"]))
        lengths[BRIEFGEN].append(sum(word_count(s.text) for s in summary))
        for name, output in item.get("systems", {}).items():
            rows.setdefault(name, []).append(_scores(scorer, _lines(output), item["references"]))
            lengths.setdefault(name, []).append(word_count(output))

    print(f"{len(items)} articles from {args.file}; briefgen: max {args.sentences} sentences, {args.words} words")
    print("ROUGE F1 x 100, averaged over each article's references, then over articles:")
    print(_table(rows, lengths))
    tokens = sum(len(doc) for doc in docs)
    pipe_seconds = max(pipe_seconds, 1e-6)
    # CPU time of this process, so that other jobs on the machine do not skew the comparison.
    print(f"\nCPU time: nlp.pipe {pipe_seconds:.2f} s for {len(docs)} texts ({tokens / pipe_seconds:,.0f} tokens/s); "
          f"summarize {summarize_seconds:.3f} s = {100 * summarize_seconds / pipe_seconds:.1f}% of extract time")
    return 0
