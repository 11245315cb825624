"""The library API: inputs in, ArticleBriefs or a whole Brief out.

ingest -> analyze (``nlp.pipe`` in batches) -> extract -> assemble. The CLI is
a thin layer over ``extract_articles`` and ``build_brief``; rendering is left
to ``render.write_brief``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterator, Sequence

from spacy.tokens import Doc

from .assemble import assemble
from .cache import AnalysisCache, file_digest
from .config import Settings
from .extract.article import extract_article, reference_date
from .ingest import read_inputs
from .model import Article, ArticleBrief, Brief, Rejection
from .nlp import load_pipeline, model_identity

PARALLEL_FROM = 64  # fewer new articles than this are parsed in this process

Progress = Callable[[int], None]


def read_articles(inputs: Sequence[str], settings: Settings, stdin=None) -> tuple[list[Article], list[Rejection]]:
    """All usable articles of the inputs, and the rejected inputs with their reasons."""
    articles, rejected = [], []
    for item in read_inputs(inputs, max_bytes=settings.max_bytes, stdin=stdin):
        (rejected if isinstance(item, Rejection) else articles).append(item)
    return articles, rejected


def open_cache(settings: Settings) -> AnalysisCache:
    """The output folder's analysis cache, keyed to this model, gazetteer and settings."""
    return AnalysisCache(
        Path(settings.out_dir),
        {
            "model": model_identity(settings.model),
            "gazetteers": file_digest(settings.gazetteers),
            "summary": [settings.summary_sentences, settings.summary_max_words],
        },
    )


def processes_for(count: int, settings: Settings) -> int:
    """Worker processes for ``count`` articles: one per core (two at most) once starting them pays off."""
    if settings.processes:
        return settings.processes
    return min(2, os.cpu_count() or 1) if count >= PARALLEL_FROM else 1


def _parsed(articles: list[Article], settings: Settings) -> Iterator[tuple[Doc, Article]]:
    if not articles:
        return iter(())
    nlp = load_pipeline(settings.model, settings.gazetteers)
    pairs = ((article.text, article) for article in articles)
    return nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size, n_process=processes_for(len(articles), settings))


def analyse(
    articles: Sequence[Article], settings: Settings, progress: Progress | None = None, cache: AnalysisCache | None = None,
) -> Iterator[ArticleBrief | Rejection]:
    """One ArticleBrief per article, in input order; an article that fails is a Rejection.

    Articles found in ``cache`` are not parsed again; the model is loaded only if some are new.
    """
    keys = [cache.key(a, reference_date(a, settings.date).isoformat()) if cache else None for a in articles]
    cached = {i: brief for i, key in enumerate(keys) if key and (brief := cache.get(key)) is not None}
    parsed = _parsed([a for i, a in enumerate(articles) if i not in cached], settings)
    for index, article in enumerate(articles):
        if index in cached:
            result = cached[index]
        else:
            doc, _ = next(parsed)
            try:
                result = extract_article(article, doc, settings)
                if cache:
                    cache.put(keys[index], result)
            except Exception as error:  # one bad article must not sink the brief
                result = Rejection(article.source, f"could not be analysed ({type(error).__name__}: {error})")
        if progress:
            progress(1)
        yield result


def build_brief(
    articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings,
    progress: Progress | None = None, cache: AnalysisCache | None = None,
) -> Brief:
    """Analyse the articles (through the cache when given) and assemble them into one Brief."""
    briefs, failed = [], list(rejected)
    for item in analyse(articles, settings, progress, cache):
        (failed if isinstance(item, Rejection) else briefs).append(item)
    previous = json.loads(Path(settings.since).read_text(encoding="utf-8")) if settings.since else None
    return assemble(briefs, settings.brief_title, settings.date.isoformat(), failed, previous)
