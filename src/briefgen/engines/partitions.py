"""The inputs cut into partitions of bounded size, each named by a digest of everything that shapes its analyses.

A partition holds at most ``Settings.partition_articles`` articles and about ``PARTITION_CHARS`` characters of
text, so the memory a partition needs on a worker, and the work lost when one dies, stay bounded whatever the
archive's size. Its name holds its position in the run and a digest of its articles (text and metadata, their
reference dates) and the analysis context (model, gazetteers, summary settings, briefgen's code and data):
the same inputs give the same names, so a re-run finds the partitions it completed before; changed inputs or
settings give new names, and their old partitions are never mistaken for current ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from ..cache import file_digest, package_digest
from ..config import Settings
from ..ingest.dates import reference_date
from ..model import Article
from ..nlp import model_identity

PARTITION_CHARS = 20_000_000  # a partition closes at this much text even before it has its articles


@dataclass
class Partition:
    """Consecutive articles of the inputs, analysed and stored together."""

    index: int
    name: str  # part-<index>-<digest>, the stem of its files
    articles: list[Article]


def analysis_context(settings: Settings) -> dict:
    """Everything besides an article itself that shapes its analysis (as the analysis cache keys it)."""
    return {
        "model": model_identity(settings.model),
        "gazetteers": file_digest(settings.gazetteers),
        "summary": [settings.summary_sentences, settings.summary_max_words],
        "briefgen": package_digest(),
    }


def _partition(index: int, articles: list[Article], context: dict, settings: Settings) -> Partition:
    keyed = [[asdict(a), reference_date(a, settings.date).isoformat()] for a in articles]
    digest = hashlib.sha256(json.dumps([context, keyed], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return Partition(index, f"part-{index:06d}-{digest[:16]}", articles)


def partitions_of(articles: Iterable[Article], settings: Settings) -> Iterator[Partition]:
    """``articles`` (read lazily) in partitions of at most ``settings.partition_articles`` articles and about
    ``PARTITION_CHARS`` characters; only one partition is held at a time."""
    context = analysis_context(settings)
    index, pending, chars = 0, [], 0
    for article in articles:
        pending.append(article)
        chars += len(article.text)
        if len(pending) >= settings.partition_articles or chars >= PARTITION_CHARS:
            yield _partition(index, pending, context, settings)
            index, pending, chars = index + 1, [], 0
    if pending:
        yield _partition(index, pending, context, settings)
