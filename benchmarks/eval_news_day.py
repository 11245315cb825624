"""Score an ordinary news day's speakers and incidents on whole dev articles (issue 22).

The 84 articles of ../shared/eval/stories-dev/ are analysed whole, as in real use. Printed:

- pronoun speakers: each attribution of pronoun-speakers-dev.jsonl (a gold speaker that is only a pronoun,
  with its referent read from the whole article) whose paragraph's claims match it (as eval_attribution
  matches: cue shares a word, content token F1 >= 0.5) is right when the claim's speaker shares a content
  word with the referent and is not itself a bare pronoun (a speaker with no content word);
- incidents, against incidents-politics-dev.jsonl (labelled by incident-rule.md): a reported incident is
  right when it matches a labelled incident of its article one to one, by sentence (token F1 >= 0.5 between
  the incident's sentence and the labelled one, or one inside the other) or else by a compatible type
  (violence; protest or riot; arrest or abduction); background incidents (``background``: the text dates
  them well before the article) are not the day's and are left out, as the labels list them apart; precision, recall, and how many of the articles that
  report no incident get some. The false incidents are printed with their sentences (the first 20).

Exits 0 with "skipped: data absent" when the data is missing. Run: ``python3 benchmarks/eval_news_day.py [--json]``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from briefgen.model import ArticleBrief, Incident
from dev_news import analysed_day, data_absent, labelled_paragraphs, options, print_table, ratio, read_jsonl
from eval_attribution import MIN_CONTENT_F1, speaker_right, token_f1, words

SHOWN = 20  # false incidents and wrong speakers printed
# The families within which a reported type and a labelled one (incident-rule.md) are the same kind of event.
REPORTED_FAMILY = {
    "attack": "violence", "armed_clash": "violence", "bombing": "violence", "killing": "violence",
    "protest": "protest or riot", "riot": "protest or riot", "arrest": "arrest or abduction", "abduction": "arrest or abduction",
}
LABELLED_FAMILY = {
    "armed clash": "violence", "explosion": "violence", "violence against civilians": "violence",
    "protest": "protest or riot", "riot": "protest or riot", "arrest/abduction": "arrest or abduction",
}


def pronoun_speakers(paragraphs, stop_words: frozenset[str]) -> tuple[int, int, list[dict]]:
    """Labelled pronoun speakers, those matched to a claim, and each matched one's verdict."""
    by_id = {p.row["id"]: p for p in paragraphs}
    rows = read_jsonl("pronoun-speakers-dev.jsonl")
    verdicts = []
    for row in rows:
        paragraph = by_id.get(row["id"])
        if paragraph is None or row["i"] not in paragraph.matches:
            continue
        speaker = paragraph.claims[paragraph.matches[row["i"]]].speaker
        named = bool(set(words(speaker)) - stop_words)
        right = named and speaker_right(speaker, row["referent"], stop_words)
        verdicts.append({"id": row["id"], "i": row["i"], "pronoun": row["speaker"], "referent": row["referent"], "speaker": speaker, "right": right})
    return len(rows), len(verdicts), verdicts


def incident_sentence(brief: ArticleBrief, incident: Incident) -> str:
    span = brief.sentences[incident.evidence.sentence]
    return brief.text[span.start : span.end]


def same_sentence(reported: str, labelled: str) -> tuple[bool, float]:
    """Whether two sentences are one (token F1 >= 0.5, or one inside the other), and their token F1."""
    a, b = " ".join(reported.split()), " ".join(labelled.split())
    overlap = token_f1(a, b)
    return overlap >= MIN_CONTENT_F1 or a in b or b in a, overlap


def match_incidents(reported: list[tuple[Incident, str]], labelled: list[dict]) -> dict[int, int]:
    """Reported index -> labelled index, one to one: sentence matches first (best overlap first), then same-family types."""
    candidates = []
    for i, (incident, sentence) in enumerate(reported):
        for j, gold in enumerate(labelled):
            by_sentence, overlap = same_sentence(sentence, gold["sentence"])
            family = REPORTED_FAMILY.get(incident.type)
            if by_sentence or (family and family == LABELLED_FAMILY.get(gold["type"])):
                candidates.append((by_sentence, overlap, i, j))
    matched: dict[int, int] = {}
    for _, _, i, j in sorted(candidates, reverse=True):
        if i not in matched and j not in matched.values():
            matched[i] = j
    return matched


def incidents(briefs: dict[str, ArticleBrief]) -> dict[str, Any]:
    reported = right = labelled = quiet_articles = quiet_with_incidents = 0
    false_incidents, missed = [], []
    for row in read_jsonl("incidents-politics-dev.jsonl"):
        brief = briefs.get(row["file"])
        # The day's incidents are scored; background (events the text dates well before) is listed apart, as the labels do.
        found = [(incident, incident_sentence(brief, incident)) for incident in brief.incidents if not incident.background] if brief else []
        matched = match_incidents(found, row["incidents"])
        reported, right, labelled = reported + len(found), right + len(matched), labelled + len(row["incidents"])
        if not row["incidents"]:
            quiet_articles += 1
            quiet_with_incidents += bool(found)
        false_incidents += [
            {"file": row["file"], "type": incident.type, "trigger": incident.trigger, "sentence": sentence}
            for i, (incident, sentence) in enumerate(found) if i not in matched
        ]
        missed += [{"file": row["file"], **gold} for j, gold in enumerate(row["incidents"]) if j not in matched.values()]
    return {
        "reported": reported, "right": right, "labelled": labelled, "precision": ratio(right, reported), "recall": ratio(right, labelled),
        "articles_without": quiet_articles, "articles_without_given_some": quiet_with_incidents,
        "false": false_incidents, "missed": missed,
    }


def main() -> int:
    args = options(__doc__)
    if data_absent("stories-dev", "attribution-dev.jsonl", "pronoun-speakers-dev.jsonl", "incidents-politics-dev.jsonl"):
        return 0
    from spacy.lang.en.stop_words import STOP_WORDS

    stop_words = frozenset(STOP_WORDS)
    briefs = analysed_day()
    paragraphs, missing = labelled_paragraphs(briefs)
    labelled, matched, verdicts = pronoun_speakers(paragraphs, stop_words)
    right = sum(v["right"] for v in verdicts)
    metrics = {
        "pronoun_speakers": {
            "labelled": labelled, "matched": matched, "right": right, "accuracy": ratio(right, matched),
            "paragraphs_not_found": len(missing), "wrong": [v for v in verdicts if not v["right"]],
        },
        "incidents": incidents(briefs),
    }
    if args.json:
        print(json.dumps(metrics, indent=1, ensure_ascii=False))
        return 0

    speakers, found = metrics["pronoun_speakers"], metrics["incidents"]
    print_table(
        ["metric", "value", "count"],
        [
            ["pronoun speakers right", speakers["accuracy"], f"{right} of {matched} matched ({labelled} labelled)"],
            ["incident precision", found["precision"], f"{found['right']} of {found['reported']} reported"],
            ["incident recall", found["recall"], f"{found['right']} of {found['labelled']} labelled"],
            ["articles without incidents given some", ratio(found["articles_without_given_some"], found["articles_without"]),
             f"{found['articles_without_given_some']} of {found['articles_without']}"],
        ],
    )
    print(f"\nwrong pronoun speakers ({len(speakers['wrong'])}, first {SHOWN}):")
    for verdict in speakers["wrong"][:SHOWN]:
        print(f"  {verdict['pronoun']!r} means {verdict['referent']!r}; briefgen: {verdict['speaker']!r}  ({verdict['id']})")
    print(f"\nfalse incidents ({len(found['false'])}, first {SHOWN}):")
    for false in found["false"][:SHOWN]:
        print(f"  {false['type']} ({false['trigger']}) in {false['file']}: {' '.join(false['sentence'].split())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
