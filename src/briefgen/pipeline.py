"""The library API: inputs in, ArticleBriefs or a whole Brief out.

ingest -> analyze (``nlp.pipe`` in batches, long texts in pieces) -> extract -> assemble -> render.
Each article's parse (where it is parsed alone) and extraction run within its
budget (``budget``): too slow or out of memory, it is a Rejection.
The CLI is a thin layer over ``read_articles``, ``analyse`` (for ``extract``)
and ``build_and_write`` (for ``build`` and ``daily``).

The extractors (and spaCy behind them) are imported only where an article is
analysed: a rebuild of an unchanged day reads its brief back without them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .assemble import assemble
from .assemble.duplicates import find_duplicates
from .budget import limit_worker_memory, within_budget
from .cache import AnalysisCache, file_digest
from .config import Settings
from .errors import BriefgenError
from .ingest import read_inputs
from .ingest.dates import reference_date
from .model import Article, ArticleBrief, Brief, Rejection, from_dict
from .nlp import load_pipeline, model_identity
from .parsing import parse, parse_together

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARALLEL_FROM = 64  # fewer new articles than this are parsed in this process

Progress = Callable[[int], None]


def read_articles(inputs: Sequence[str], settings: Settings, stdin=None) -> tuple[list[Article], list[Rejection]]:
    """All usable articles of the inputs, and the rejected inputs with their reasons."""
    articles: list[Article] = []
    rejected: list[Rejection] = []
    for item in read_inputs(inputs, max_bytes=settings.max_bytes, stdin=stdin, publishers=settings.publishers):
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            articles.append(item)
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


def _extract(nlp: Language, article: Article, doc: Doc | None, settings: Settings, title: Doc | None = None) -> ArticleBrief:
    """One article's ArticleBrief, parsing it first when ``parse_together`` left it to parse alone."""
    from .extract.article import extract_article

    return extract_article(article, parse(nlp, article.text) if doc is None else doc, settings, title)


def _analyse_batch(articles: Sequence[Article], settings: Settings) -> list[ArticleBrief | Rejection]:
    """Parse and extract a batch in this process."""
    from .extract.article import prepare_extractors

    nlp = load_pipeline(settings.model, settings.gazetteers)
    prepare_extractors(settings)
    results: list[ArticleBrief | Rejection] = []
    docs = parse_together(nlp, [a.text for a in articles], settings.batch_size)
    # Titles are parsed apart from the text (evidence offsets point into the text); an over-long one gets no claims.
    titles = parse_together(nlp, [a.title or "" for a in articles], settings.batch_size)
    for article, doc, title in zip(articles, docs, titles, strict=True):
        try:
            results.append(within_budget(article.source, settings.article_seconds, partial(_extract, nlp, article, doc, settings, title)))
        except BriefgenError:
            raise  # a missing data file or a bad setting is no fault of the article: it stops the run
        except Exception as error:  # one bad article must not sink the brief
            results.append(Rejection(article.source, f"could not be analysed ({type(error).__name__}: {error})"))
    return results


def _start_worker(memory_mb: int) -> None:
    """A pool worker ignores Ctrl-C, which reaches the whole process group: the parent alone stops the pool
    and reports it. Its memory is capped, so a pathological article is a MemoryError there."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_worker_memory(memory_mb)


Analyser = Callable[[Sequence[Article]], Iterator[ArticleBrief | Rejection]]


def _batches(articles: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), size)]


@contextmanager
def analysis_pool(settings: Settings, processes: int) -> Iterator[Analyser]:
    """A function giving the results for a list of articles in order, on ``processes`` worker processes that
    serve every call made within the block (each loads the model once), or in this process when it is 1.
    Several processes each parse *and* extract whole batches, so only the small ArticleBriefs cross between
    processes, never the Docs."""
    if processes == 1:
        yield lambda articles: (result for batch in _batches(articles, settings.batch_size) for result in _analyse_batch(batch, settings))
        return
    # Leaving the block, on Ctrl-C too, terminates the workers.
    with multiprocessing.get_context("fork").Pool(processes, _start_worker, (settings.worker_memory_mb,)) as pool:
        analyse_batch = partial(_analyse_batch, settings=settings)
        yield lambda articles: (result for results in pool.imap(analyse_batch, _batches(articles, settings.batch_size)) for result in results)


def _analysed(articles: list[Article], settings: Settings) -> Iterator[ArticleBrief | Rejection]:
    """Results for ``articles`` in order."""
    with analysis_pool(settings, processes_for(len(articles), settings)) as analyse_articles:
        yield from analyse_articles(articles)


def analyse(
    articles: Sequence[Article], settings: Settings, progress: Progress | None = None, cache: AnalysisCache | None = None,
) -> Iterator[ArticleBrief | Rejection]:
    """One ArticleBrief per article, in input order; an article that fails is a Rejection.

    Articles found in ``cache`` are not parsed again; the model is loaded only if some are new.
    """
    keys = [cache.key(a, reference_date(a, settings.date).isoformat()) if cache else None for a in articles]
    cached = {i: brief for i, key in enumerate(keys) if cache and key and (brief := cache.get(key)) is not None}
    fresh = _analysed([a for i, a in enumerate(articles) if i not in cached], settings)
    for index in range(len(articles)):
        result = cached.get(index) or next(fresh)
        key = keys[index]
        if cache and key and index not in cached and isinstance(result, ArticleBrief):
            cache.put(key, result)
        if progress:
            progress(1)
        yield result


def build_brief(
    articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings,
    progress: Progress | None = None, cache: AnalysisCache | None = None, previous: dict | None = None,
) -> Brief:
    """Find the duplicates, analyse every other article (through the cache when given), assemble one Brief;
    its stories are marked new or updated against ``previous`` (a brief from ``assemble.since.read_previous_brief``).

    A copy is not parsed: the brief lists it under the article kept in its place, whose analysis stands
    for both. A copy of an article that cannot be analysed is rejected with it, as it holds the same text.
    """
    from .extract.article import unanalysed_copy

    duplicates = find_duplicates(articles)
    kept_for = {copy: d.kept for d in duplicates for copy in d.copies}
    originals = [a for a in articles if a.id not in kept_for]
    results = dict(zip((a.id for a in originals), analyse(originals, settings, progress, cache), strict=True))
    briefs: list[ArticleBrief] = []
    failed = list(rejected)
    for article in articles:
        kept_id = kept_for.get(article.id)
        kept = results.get(kept_id) if kept_id else None
        if kept is None:
            item = results[article.id]
        elif isinstance(kept, Rejection):
            item = Rejection(article.source, f"a copy of {kept.source}, which could not be analysed")
        else:
            item = unanalysed_copy(article)
        if isinstance(item, Rejection):
            failed.append(item)
        else:
            briefs.append(item)
    if progress and kept_for:
        progress(len(kept_for))
    duplicates = [d for d in duplicates if isinstance(results[d.kept], ArticleBrief)]
    brief = assemble(briefs, settings.brief_title, settings.date.isoformat(), failed, previous, duplicates)
    brief.organisation, brief.classification = settings.organisation, settings.classification
    return brief


def _build_fingerprint(
    cache: AnalysisCache, articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings, previous: dict | None,
) -> str:
    """Everything a brief's outputs depend on: its articles' analyses, the rejections, settings, theme."""
    from .render.theme import theme_dirs

    theme = sorted(p for folder in theme_dirs(settings.templates_dir) for p in folder.rglob("*") if p.is_file())
    return cache.fingerprint(
        [cache.key(a, reference_date(a, settings.date).isoformat()) for a in articles],
        [(r.source, r.reason) for r in rejected],
        [settings.brief_title, settings.organisation, settings.classification, settings.date.isoformat(), settings.formats],
        previous,
        file_digest(theme),
    )


def build_and_write(
    articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings, progress: Progress | None = None,
    previous: dict | None = None,
) -> tuple[Brief, list[Path]]:
    """``build_brief`` through the output folder's cache, then every format written; no files when no article survives.

    When nothing that shapes the brief changed since the last build and its files are as that build left
    them, nothing is analysed or rendered again: the brief is read back from its JSON.
    """
    from .render import OUTPUT_NAMES, write_brief
    from .render.files import ensure_writable, finish_renames

    ensure_writable(Path(settings.out_dir))
    finish_renames(Path(settings.out_dir))  # a build stopped mid-write left a set to complete before it is read
    paths = [Path(settings.out_dir) / OUTPUT_NAMES[fmt] for fmt in settings.formats]
    cache = open_cache(settings) if settings.use_cache else None
    try:
        fingerprint = _build_fingerprint(cache, articles, rejected, settings, previous) if cache else None
        if cache and fingerprint and "json" in settings.formats and cache.outputs_current("build", fingerprint, paths):
            return from_dict(Brief, json.loads((Path(settings.out_dir) / OUTPUT_NAMES["json"]).read_text(encoding="utf-8"))), paths
        brief = build_brief(articles, rejected, settings, progress, cache, previous)
        if not brief.articles:
            return brief, []
        written = write_brief(brief, settings, cache, previous)
        if cache and fingerprint:
            cache.remember_outputs("build", fingerprint, written)
        return brief, written
    finally:
        if cache:
            cache.close()
