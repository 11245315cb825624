"""One analysed article (Article + spaCy Doc) in, one ArticleBrief out.

Each family lives in its own module (actors, claims, sources, incidents,
summary); this module only calls them in order and gathers their results.
Everything a setting changes reaches them as a parameter: the gazetteer of
the settings' ``--gazetteer`` files (read once a process for those files),
the summary's length, the reference date.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..gazetteer import load_gazetteer
from ..ingest.dates import reference_date
from ..model import Article, ArticleBrief
from .actors import extract_actors
from .claims import extract_claims
from .evidence import sentence_spans
from .geonames import geo_index
from .incidents import extract_incidents
from .sources import collect_sources
from .summary import summarize


def unanalysed_copy(article: Article) -> ArticleBrief:
    """The entry of a duplicate that is not parsed: its metadata and text, nothing extracted."""
    return ArticleBrief(
        id=article.id, title=article.title, url=article.url, publisher=article.publisher,
        published=article.published, source=article.source, text=article.text, author=article.author, opinion=article.opinion,
    )


def prepare_extractors(settings: Settings) -> None:
    """Build once a process what every article's extraction shares (the gazetteer, the GeoNames index), so that
    no article's time budget pays for it."""
    load_gazetteer(settings.gazetteers)
    geo_index()


def extract_article(article: Article, doc: Doc, settings: Settings, title: Doc | None = None) -> ArticleBrief:
    """Everything the brief says about one article, each item with its evidence; ``title`` is the parsed
    title, whose claims are the headline's (its speakers classed by the text's mentions of them)."""
    gazetteer = load_gazetteer(settings.gazetteers)
    actors = extract_actors(doc, gazetteer)
    claims = extract_claims(doc, actors, gazetteer=gazetteer)
    headline_claims = extract_claims(title, actors, gazetteer=gazetteer, body=doc) if title is not None and len(title) else []
    incidents = extract_incidents(doc, reference_date(article, settings.date), actors, gazetteer=gazetteer)
    return ArticleBrief(
        id=article.id,
        title=article.title,
        url=article.url,
        publisher=article.publisher,
        published=article.published,
        source=article.source,
        text=article.text,
        author=article.author,
        opinion=article.opinion,
        sentences=sentence_spans(doc),
        summary=summarize(doc, settings.summary_sentences, settings.summary_max_words, incidents),
        actors=actors,
        claims=claims,
        sources=collect_sources(claims, actors),
        incidents=incidents,
        headline_claims=headline_claims,
    )
