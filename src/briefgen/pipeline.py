"""The library API: inputs in, ArticleBriefs or a whole Brief out.

ingest -> analyze (``nlp.pipe`` in batches) -> extract -> assemble. The CLI is
a thin layer over ``extract_articles`` and ``build_brief``; rendering is left
to ``render.write_brief``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .assemble import assemble
from .config import Settings
from .extract.article import extract_article
from .ingest import read_inputs
from .model import Article, ArticleBrief, Brief, Rejection
from .nlp import load_pipeline

Progress = Callable[[int], None]


def read_articles(inputs: Sequence[str], settings: Settings, stdin=None) -> tuple[list[Article], list[Rejection]]:
    """All usable articles of the inputs, and the rejected inputs with their reasons."""
    articles, rejected = [], []
    for item in read_inputs(inputs, max_bytes=settings.max_bytes, stdin=stdin):
        (rejected if isinstance(item, Rejection) else articles).append(item)
    return articles, rejected


def analyse(articles: Iterable[Article], settings: Settings, progress: Progress | None = None) -> Iterator[ArticleBrief | Rejection]:
    """One ArticleBrief per article, in input order; an article that fails is a Rejection."""
    nlp = load_pipeline(settings.model, settings.gazetteers)
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        try:
            yield extract_article(article, doc, settings)
        except Exception as error:  # one bad article must not sink the brief
            yield Rejection(article.source, f"could not be analysed ({type(error).__name__}: {error})")
        if progress:
            progress(1)


def build_brief(articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings, progress: Progress | None = None) -> Brief:
    """Analyse the articles and assemble them into one Brief."""
    briefs, failed = [], list(rejected)
    for item in analyse(articles, settings, progress):
        (failed if isinstance(item, Rejection) else briefs).append(item)
    previous = json.loads(Path(settings.since).read_text(encoding="utf-8")) if settings.since else None
    return assemble(briefs, settings.brief_title, settings.date.isoformat(), failed, previous)
