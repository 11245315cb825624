"""What the scripts scoring an ordinary news day share: the dev day, its labelled paragraphs, tables.

The day is the 84 articles of ``../shared/eval/stories-dev/`` (US election news, autumn 2016),
read and analysed through the library as a user's build would: ``read_articles`` on the folder,
then ``analyse`` (or ``build_brief``) with the day's date (the latest article date, else 2016-10-07)
and no cache. Paragraph labels (``attribution-dev.jsonl`` and the files keyed to its rows) are found
in each article's cleaned text, and the claims whose evidence lies inside a paragraph are matched to
its gold attributions by ``eval_attribution.matched_pairs`` (cue shares a word, content token F1 >= 0.5).

The data is research-use only: it is read from ``../shared/eval`` and never copied into the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.config import Settings
from briefgen.model import Article, ArticleBrief, Claim, Rejection
from briefgen.pipeline import analyse, read_articles
from eval_attribution import Attribution, matched_pairs

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
ARTICLES = EVAL / "stories-dev"
DAY_WITHOUT_DATES = dt.date(2016, 10, 7)  # the last day of the dev articles, for articles that carry no date


def options(description: str | None, flags: dict[str, str] | None = None) -> argparse.Namespace:
    """--json, and the script's own on/off ``flags`` (name -> help)."""
    parser = argparse.ArgumentParser(description=(description or "").split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    for name, help_text in (flags or {}).items():
        parser.add_argument(f"--{name}", action="store_true", help=help_text)
    return parser.parse_args()


def data_absent(*names: str) -> bool:
    """True, after printing the skip line, when any of the eval files or folders is missing."""
    missing = [name for name in names if not (EVAL / name).exists()]
    if missing:
        print(f"skipped: data absent ({', '.join(str(EVAL / name) for name in missing)})")
    return bool(missing)


def read_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def file_name(source: str) -> str:
    """The article file an input path or a PolNeAR provenance names."""
    return source.rsplit("/", 1)[-1]


def read_day() -> tuple[list[Article], list[Rejection], Settings]:
    """The dev articles and the settings a user would build them with as one day."""
    articles, rejected = read_articles([str(ARTICLES)], Settings(use_cache=False))
    latest = max((a.published for a in articles if a.published), default=None)
    day = dt.date.fromisoformat(latest) if latest else DAY_WITHOUT_DATES
    return articles, rejected, Settings(date=day, use_cache=False)


def analysed_day() -> dict[str, ArticleBrief]:
    """Every dev article analysed whole, by file name (an article that fails is left out)."""
    articles, _, settings = read_day()
    return {file_name(brief.source): brief for brief in analyse(articles, settings) if isinstance(brief, ArticleBrief)}


def headline(article: Article | ArticleBrief) -> str:
    """The article's title, else the first line of its text (the headline in these files)."""
    return article.title or article.text.strip().split("\n", 1)[0]


def locate(paragraph: str, text: str) -> tuple[int, int] | None:
    """Where ``paragraph`` lies in the cleaned ``text``: cleaning collapses whitespace and drops
    invisible characters (zero-width spaces), so words are matched across any whitespace."""
    visible = "".join(ch for ch in paragraph if unicodedata.category(ch) != "Cf")
    found = re.search(r"\s+".join(map(re.escape, visible.split())), text)
    return (found.start(), found.end()) if found else None


def is_title(paragraph: str, title: str | None) -> bool:
    """Whether a labelled paragraph is the article's title: the same words (a .txt headline loses its final
    period when it becomes the title)."""
    return title is not None and re.findall(r"\w+", paragraph) == re.findall(r"\w+", title)


def claims_in(paragraph: str, brief: ArticleBrief) -> list[Claim] | None:
    """The claims of a labelled paragraph, or None when it is not in the article: the claims whose evidence lies
    inside it in the cleaned text, or the headline's when it is the title. A USA Today "headline; " line with its
    subheadline is one paragraph in the file, but the title and the text's first paragraph once read: both parts count."""
    span = locate(paragraph, brief.text)
    if span is not None:
        return [c for c in brief.claims if span[0] <= c.evidence.start and c.evidence.end <= span[1]]
    if is_title(paragraph, brief.title):
        return brief.headline_claims
    headline, _, deck = paragraph.partition(";")
    if deck.strip() and is_title(headline, brief.title) and locate(deck, brief.text) is not None:
        return brief.headline_claims + (claims_in(deck, brief) or [])
    return None


def gold_attributions(row: dict) -> list[Attribution]:
    return [Attribution(q["speaker"] or "", q["cue"], q["content"], q["type"] == "direct") for q in row["quotes"]]


def as_attributions(claims: Sequence[Claim]) -> list[Attribution]:
    return [Attribution(c.speaker, c.cue, c.text, c.direct) for c in claims]


@dataclass
class LabelledParagraph:
    """One attribution-dev paragraph in its analysed article: its claims and their matches to its gold."""

    row: dict
    claims: list[Claim]  # the article's claims whose evidence lies inside the paragraph
    matches: dict[int, int]  # gold quote index -> index into claims

    @property
    def gold(self) -> list[Attribution]:
        return gold_attributions(self.row)


def labelled_paragraphs(briefs: dict[str, ArticleBrief]) -> tuple[list[LabelledParagraph], list[str]]:
    """The attribution-dev paragraphs found in their analysed articles (``claims_in``), and the ids of those not found."""
    found, missing = [], []
    for row in read_jsonl("attribution-dev.jsonl"):
        brief = briefs.get(file_name(row.get("text_provenance") or row["provenance"]))
        claims = claims_in(row["text"], brief) if brief is not None else None
        if claims is None:
            missing.append(row["id"])
            continue
        pairs = matched_pairs(as_attributions(claims), gold_attributions(row))
        found.append(LabelledParagraph(row, claims, {j: i for i, j in pairs}))
    return found, missing


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain table: text left-aligned, numbers right-aligned, floats with three decimals."""
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in rows]
    widths = [max([len(str(h)), *(len(row[k]) for row in cells)]) for k, h in enumerate(headers)]
    numeric = [all(isinstance(row[k], int | float) for row in rows) for k in range(len(headers))]
    for line in ([str(h) for h in headers], *cells):
        print("  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(line, widths, numeric, strict=True)).rstrip())


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
