"""Score the brief's stories on ../shared/eval/stories-dev: grouping (issue 15) and ranking (issue 22).

The 84 dev articles are built into one brief as a user would (``read_articles`` on the folder,
``build_brief`` with the day's date and no cache) and compared with the hand-made stories of
stories-dev.json:

- grouping: pairwise precision, recall and F1 of "same story" over article pairs, B-cubed alongside;
  an article the gold does not list is a planted copy and counts in the story of the gold article
  whose text it shares most words with (token F1). Every wrong merge (two articles in one brief story
  but in different gold stories) is printed with both headlines, and with ``--missed`` every missed gold
  pair (two articles of one gold story in different brief stories).
- ranking: for each gold story of two or more articles, the rank in the brief (1 = shown first) of the
  best-ranked brief story holding a majority of its articles, else any of them; the mean reciprocal rank
  over those gold stories, and the ranks of the three largest. To tell why a story ranks where it does,
  each row also says into how many brief stories its articles are split and how many of the stories
  ranked above it hold no article of a multi-article gold story. The ceiling printed with the MRR is the
  best any brief reaches without a wrong merge: two gold stories share a rank only inside one brief
  story, so at best the n multi-article gold stories take ranks 1 to n (MRR = (1 + 1/2 + ... + 1/n) / n).

Exits 0 with "skipped: data absent" when the data is missing. Run: ``python3 benchmarks/eval_stories.py [--json] [--missed]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from itertools import combinations

from briefgen.model import Brief
from briefgen.pipeline import build_brief
from dev_news import EVAL, data_absent, f1, file_name, headline, options, print_table, ratio, read_day
from eval_attribution import token_f1

HEADLINE_WIDTH = 70


def gold_story_of(brief: Brief, gold: list[dict]) -> dict[str, str]:
    """Every article file of the brief -> its gold story id (a planted copy takes its original's)."""
    story_of = {name: story["id"] for story in gold for name in story["articles"]}
    texts = {file_name(a.source): a.text for a in brief.articles}
    listed = {name: text for name, text in texts.items() if name in story_of}
    for name, text in texts.items():
        if name not in story_of and listed:
            original = max(listed, key=lambda other: token_f1(text, listed[other]))
            story_of[name] = story_of[original]
    return story_of


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """P, R, F1 of "same story" over the pairs of articles; an article the brief lacks is in no predicted pair."""
    names = sorted(gold)
    same_gold = {(a, b) for a, b in combinations(names, 2) if gold[a] == gold[b]}
    same_predicted = {(a, b) for a, b in combinations(names, 2) if a in predicted and predicted.get(b) == predicted[a]}
    precision, recall = ratio(len(same_gold & same_predicted), len(same_predicted)), ratio(len(same_gold & same_predicted), len(same_gold))
    return precision, recall, f1(precision, recall)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed P, R, F1: per article, the overlap of its predicted and gold stories, averaged."""
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in gold:
        members["gold", gold[name]].add(name)
        members["predicted", predicted.get(name, name)].add(name)
    precision = recall = 0.0
    for name in gold:
        in_gold, in_predicted = members["gold", gold[name]], members["predicted", predicted.get(name, name)]
        precision += len(in_gold & in_predicted) / len(in_predicted)
        recall += len(in_gold & in_predicted) / len(in_gold)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, f1(precision, recall)


def story_rank(articles: list[str], predicted: dict[str, str], rank_of: dict[str, int]) -> int | None:
    """Rank of the best-ranked brief story holding a majority of ``articles``, else any of them."""
    held: dict[str, int] = defaultdict(int)
    for name in articles:
        if name in predicted:
            held[predicted[name]] += 1
    majority = [rank_of[story] for story, count in held.items() if 2 * count > len(articles)]
    return min(majority or [rank_of[story] for story in held], default=None)


def mrr_ceiling(stories: int) -> float:
    """The best mean reciprocal rank of ``stories`` gold stories when no brief story holds two of them."""
    return sum(1 / rank for rank in range(1, stories + 1)) / stories if stories else 0.0


def main() -> int:
    args = options(__doc__, {"missed": "also print the gold pairs the brief puts in different stories"})
    if data_absent("stories-dev", "stories-dev.json"):
        return 0
    started = time.perf_counter()
    articles, rejected, settings = read_day()
    brief = build_brief(articles, rejected, settings)
    seconds = time.perf_counter() - started

    gold_stories = json.loads((EVAL / "stories-dev.json").read_text(encoding="utf-8"))["stories"]
    gold = gold_story_of(brief, gold_stories)
    predicted = {file_name(a.source): a.story for a in brief.articles if a.story}
    rank_of = {story.id: rank for rank, story in enumerate(brief.stories, 1)}
    titles = {file_name(a.source): headline(a) for a in brief.articles}

    wrong_merges = sorted(
        (
            {"story": predicted[a], "rank": rank_of[predicted[a]], "articles": [a, b], "gold": [gold[a], gold[b]], "headlines": [titles[a], titles[b]]}
            for a, b in combinations(sorted(predicted), 2)
            if predicted[a] == predicted[b] and gold[a] != gold[b]
        ),
        key=lambda merge: merge["rank"],
    )
    missed = [
        {"gold": gold[a], "articles": [a, b], "headlines": [titles[a], titles[b]]}
        for a, b in combinations(sorted(gold), 2)
        if gold[a] == gold[b] and (a not in predicted or predicted.get(b) != predicted[a])
    ]
    multi = sorted((s for s in gold_stories if len(s["articles"]) > 1), key=lambda s: -len(s["articles"]))
    in_multi = {predicted[name] for s in multi for name in s["articles"] if name in predicted}
    ranks = [
        {
            "gold": s["id"],
            "size": len(s["articles"]),
            "rank": (rank := story_rank(s["articles"], predicted, rank_of)),
            "split": len({predicted[name] for name in s["articles"] if name in predicted}),
            "above_other": sum(1 for story, r in rank_of.items() if rank and r < rank and story not in in_multi),
            "label": s["label"],
        }
        for s in multi
    ]
    metrics = {
        "articles": len(articles),
        "rejected": len(brief.rejected),
        "date": settings.date.isoformat(),
        "gold_stories": len(gold_stories),
        "brief_stories": len(brief.stories),
        "seconds": round(seconds, 1),
        "pairwise": dict(zip(("precision", "recall", "f1"), pairwise(predicted, gold), strict=True)),
        "bcubed": dict(zip(("precision", "recall", "f1"), bcubed(predicted, gold), strict=True)),
        "mrr": sum(1 / r["rank"] for r in ranks if r["rank"]) / len(ranks) if ranks else 0.0,
        "mrr_ceiling": mrr_ceiling(len(ranks)),
        "largest_ranks": [r["rank"] for r in ranks[:3]],
        "ranks": ranks,
        "wrong_merges": wrong_merges,
        "missed_pairs": missed,
    }
    if args.json:
        print(json.dumps(metrics, indent=1, ensure_ascii=False))
        return 0

    print(
        f"{metrics['articles']} articles ({metrics['rejected']} rejected), brief of {metrics['date']}: "
        f"{metrics['brief_stories']} stories against {metrics['gold_stories']} gold stories; built in {seconds:.1f} s"
    )
    print_table(["grouping", "P", "R", "F1"], [[name, *metrics[name].values()] for name in ("pairwise", "bcubed")])
    print()
    print_table(
        ["gold", "size", "rank", "split", "above", "label"],
        [[r["gold"], r["size"], r["rank"] or "-", r["split"], r["above_other"], r["label"][:HEADLINE_WIDTH]] for r in ranks],
    )
    print("(split: brief stories holding its articles; above: stories ranked above it with no article of a multi-article gold story)")
    print(
        f"mean reciprocal rank {metrics['mrr']:.3f} (ceiling without a wrong merge {metrics['mrr_ceiling']:.3f}); "
        f"the three largest gold stories rank {', '.join(str(r) for r in metrics['largest_ranks'])}"
    )
    print(f"\nwrong merges: {len(wrong_merges)} pairs")
    for merge in wrong_merges:
        (a, b), (gold_a, gold_b) = merge["headlines"], merge["gold"]
        print(f"  {merge['story']} (rank {merge['rank']}): [{gold_a}] {a[:HEADLINE_WIDTH]}  ×  [{gold_b}] {b[:HEADLINE_WIDTH]}")
    if args.missed:
        print(f"\nmissed gold pairs: {len(missed)}")
        for pair in missed:
            a, b = pair["headlines"]
            print(f"  [{pair['gold']}] {a[:HEADLINE_WIDTH]}  ×  {b[:HEADLINE_WIDTH]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
