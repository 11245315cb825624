"""Score source kinds, the sourcing profile and attribution on whole dev articles (issue 21).

The 84 articles of ../shared/eval/stories-dev/ are analysed whole, as in real use. Each labelled
paragraph of attribution-dev.jsonl is found in its article's cleaned text (``text_provenance`` names
the file), and the claims whose evidence lies inside it (the headline's claims for a paragraph that is the
article's title, also with a USA Today subheadline: ``dev_news.claims_in``) are matched to its gold attributions as
eval_attribution does (cue shares a word, content token F1 >= 0.5, one to one). Printed:

- kinds: over matched claims whose gold speaker has a kind in source-kinds-dev.jsonl (``unknown`` is not
  scored), the share whose ``speaker_kind`` is that kind; each kind's recall and precision (anonymous
  among them);
- profile: per paragraph with a scored gold quote, the L1 distance between the shares of each kind among
  its claims (less those matched to ``unknown`` quotes) and among its scored quotes (0 the same profile, 2
  disjoint, 1 when briefgen finds no claim there), averaged;
- attribution: precision, recall, F1 and speaker accuracy of the whole-article claims per paragraph, and
  of ``extract_claims`` on each paragraph alone (eval_attribution's run). A speaker is right when it shares
  a content word with the gold speaker or, for a pronoun in pronoun-speakers-dev.jsonl, with its referent.

With ``--speed``, also the cost of the analysis (issue 21: within 15 % of bare spaCy): bare ``nlp.pipe`` of the
model and briefgen's ``analyse`` (parsing with the gazetteer, every extractor) over the same dev article texts, in
one process each, alternating, best of ROUNDS rounds, measured in the same run.

Exits 0 with "skipped: data absent" when the data is missing. Run: ``python3 benchmarks/eval_sources.py [--json] [--speed]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import replace
from typing import Any

from bench_build import bare_pipe_seconds
from dev_news import (
    analysed_day,
    as_attributions,
    data_absent,
    gold_attributions,
    labelled_paragraphs,
    options,
    print_table,
    ratio,
    read_day,
    read_jsonl,
)
from eval_attribution import Attribution, Score, briefgen_attributions, matched_pairs, speaker_right

KINDS = ("official", "named_person", "institution", "media", "document", "anonymous")
UNSCORED = "unknown"
ROUNDS = 2


def analysis_speed() -> dict[str, float]:
    """Seconds of bare ``nlp.pipe`` and of ``analyse`` over the dev articles' texts, one process each, best of ROUNDS."""
    from briefgen.pipeline import analyse

    articles, _, settings = read_day()
    texts = [article.text for article in articles]
    bare, briefgen = [], []
    for _ in range(ROUNDS):  # alternating, so both see the same load
        bare.append(bare_pipe_seconds(texts, 1, None))
        start = time.perf_counter()
        list(analyse(articles, replace(settings, processes=1)))  # a generator: each brief made as it is taken
        briefgen.append(time.perf_counter() - start)
    return {"articles": len(articles), "bare_seconds": min(bare), "analyse_seconds": min(briefgen), "ratio": min(briefgen) / min(bare)}


def attribution_score(predicted: list[Attribution], gold: list[Attribution], referents: dict[int, str], stop_words: frozenset[str]) -> Score:
    """eval_attribution's score, with a pronoun speaker also right when it names the pronoun's referent."""
    matched = matched_pairs(predicted, gold)
    right = sum(
        speaker_right(predicted[i].speaker, gold[j].speaker, stop_words)
        or (j in referents and speaker_right(predicted[i].speaker, referents[j], stop_words))
        for i, j in matched
    )
    return Score(len(gold), len(predicted), len(matched), right)


def scored_kinds(kind_of: dict[tuple[str, int], str], key: str, quotes: int) -> list[str]:
    """The gold kinds of a paragraph's quotes, less the unscored ones."""
    return [kind for j in range(quotes) if (kind := kind_of.get((key, j), UNSCORED)) != UNSCORED]


def profile_distance(predicted: list[str], gold: list[str]) -> float:
    """L1 distance between the shares of each kind in two lists of kinds."""
    have, want = Counter(predicted), Counter(gold)
    return sum(abs(ratio(have[kind], len(predicted)) - ratio(want[kind], len(gold))) for kind in KINDS)


def kind_row(kind: str, pairs: list[tuple[str, str]]) -> dict:
    """How one kind fares over (gold kind, predicted kind) pairs: counts, recall and precision."""
    gold, predicted = sum(g == kind for g, _ in pairs), sum(p == kind for _, p in pairs)
    right = sum(g == p == kind for g, p in pairs)
    return {"gold": gold, "predicted": predicted, "right": right, "recall": ratio(right, gold), "precision": ratio(right, predicted)}


def attribution_row(result: Score) -> dict:
    return {
        "gold": result.gold, "predicted": result.predicted, "matched": result.matched, "precision": result.precision,
        "recall": result.recall, "f1": result.f1, "speaker_accuracy": result.speaker_accuracy,
    }


def paragraphs_alone(rows: list[dict], referents: dict[str, dict[int, str]], stop_words: frozenset[str]) -> Score:
    """Each labelled paragraph parsed and its claims extracted on its own, as eval_attribution does."""
    from briefgen.nlp import load_pipeline

    total = Score(0, 0, 0, 0)
    for row, doc in zip(rows, load_pipeline().pipe(row["text"] for row in rows), strict=True):
        total += attribution_score(briefgen_attributions(doc), gold_attributions(row), referents.get(row["id"], {}), stop_words)
    return total


def main() -> int:
    args = options(__doc__, {"speed": "also time the analysis against bare nlp.pipe on the same texts"})
    if data_absent("stories-dev", "attribution-dev.jsonl", "source-kinds-dev.jsonl", "pronoun-speakers-dev.jsonl"):
        return 0
    from spacy.lang.en.stop_words import STOP_WORDS

    stop_words = frozenset(STOP_WORDS)
    kind_of = {(row["id"], row["i"]): row["kind"] for row in read_jsonl("source-kinds-dev.jsonl")}
    referents: dict[str, dict[int, str]] = {}
    for row in read_jsonl("pronoun-speakers-dev.jsonl"):
        referents.setdefault(row["id"], {})[row["i"]] = row["referent"]
    paragraphs, missing = labelled_paragraphs(analysed_day())

    pairs: list[tuple[str, str]] = []  # (gold kind, predicted kind) of each scored matched claim
    distances = []
    whole = Score(0, 0, 0, 0)
    for paragraph in paragraphs:
        key = paragraph.row["id"]
        gold_kinds = {j: kind_of.get((key, j), UNSCORED) for j in range(len(paragraph.gold))}
        pairs += [(gold_kinds[j], paragraph.claims[i].speaker_kind) for j, i in paragraph.matches.items() if gold_kinds[j] != UNSCORED]
        unscored_claims = {i for j, i in paragraph.matches.items() if gold_kinds[j] == UNSCORED}
        scored_gold = scored_kinds(kind_of, key, len(paragraph.gold))
        if scored_gold:
            claimed = [c.speaker_kind for i, c in enumerate(paragraph.claims) if i not in unscored_claims]
            distances.append(profile_distance(claimed, scored_gold))
        whole += attribution_score(as_attributions(paragraph.claims), paragraph.gold, referents.get(key, {}), stop_words)
    unfound = [row for row in read_jsonl("attribution-dev.jsonl") if row["id"] in set(missing)]
    whole += Score(sum(len(row["quotes"]) for row in unfound), 0, 0, 0)  # a paragraph not found: its attributions are missed
    for row in unfound:  # ... and its profile is that of no claim
        scored_gold = scored_kinds(kind_of, row["id"], len(row["quotes"]))
        if scored_gold:
            distances.append(profile_distance([], scored_gold))
    alone = paragraphs_alone([p.row for p in paragraphs] + unfound, referents, stop_words)

    by_kind = {kind: kind_row(kind, pairs) for kind in KINDS}
    metrics: dict[str, Any] = {
        "paragraphs": len(paragraphs) + len(missing),
        "not_found": missing,
        "kinds": {"scored": len(pairs), "right": sum(g == p for g, p in pairs), "accuracy": ratio(sum(g == p for g, p in pairs), len(pairs))},
        "by_kind": by_kind,
        "anonymous": {"precision": by_kind["anonymous"]["precision"], "recall": by_kind["anonymous"]["recall"]},
        "profile_l1": {"paragraphs": len(distances), "mean": sum(distances) / len(distances) if distances else 0.0},
        "attribution": {"whole_article": attribution_row(whole), "paragraph_alone": attribution_row(alone)},
    }
    if args.speed:
        metrics["speed"] = analysis_speed()
    if args.json:
        print(json.dumps(metrics, indent=1))
        return 0

    print(f"{metrics['paragraphs']} labelled paragraphs, {len(missing)} not found in their article's cleaned text or title (scored as having no claim)")
    kinds = metrics["kinds"]
    print(f"kinds right: {kinds['accuracy']:.3f} ({kinds['right']} of {kinds['scored']} matched claims with a scored gold kind)")
    print_table(
        ["kind", "gold", "predicted", "right", "recall", "precision"],
        [[kind, c["gold"], c["predicted"], c["right"], c["recall"], c["precision"]] for kind, c in by_kind.items()],
    )
    profile = metrics["profile_l1"]
    print(f"sourcing profile: mean L1 distance {profile['mean']:.3f} over {profile['paragraphs']} paragraphs (0 same, 2 disjoint)")
    print()
    print_table(
        ["attribution", "gold", "pred", "match", "P", "R", "F1", "speaker"],
        [[mode.replace("_", " "), *row.values()] for mode, row in metrics["attribution"].items()],
    )
    if args.speed:
        speed = metrics["speed"]
        print(f"\nanalysis of the {speed['articles']} articles, one process, best of {ROUNDS}: bare nlp.pipe {speed['bare_seconds']:.1f} s, "
              f"briefgen analyse {speed['analyse_seconds']:.1f} s: {speed['ratio']:.2f} x bare ({speed['ratio'] - 1:+.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
