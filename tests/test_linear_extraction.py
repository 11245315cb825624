"""Extraction stays near-linear in the article's length: hostile and long texts finish within a generous bound.

The texts are benchmarks/bench_extract.py's. A long text is one parsed piece
repeated with ``Doc.from_docs`` (parsing is not what is timed, and parsing
300,000 characters would take most of a minute). The old extractors, which
rescanned the Doc's entities for every claim and compared every pair of
claims, took two minutes and more on the repeated texts; the bound is 30 s.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import string
import time
from pathlib import Path

from spacy.tokens import Doc

from briefgen.config import Settings
from briefgen.extract.actors import extract_actors
from briefgen.extract.article import extract_article
from briefgen.gazetteer import load_gazetteer
from briefgen.model import Article, ArticleBrief

BOUND_SECONDS = 30
BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_extract.py"


def _benchmark_texts():
    spec = importlib.util.spec_from_file_location("bench_extract", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _benchmark_texts()


def _timed_extraction(nlp, piece: str, copies: int) -> tuple[ArticleBrief, float]:
    doc = Doc.from_docs([nlp(piece)] * copies, ensure_whitespace=False)
    article = Article(id="long", text=doc.text, source="long")
    started = time.perf_counter()
    brief = extract_article(article, doc, Settings(date=dt.date(2025, 3, 10)))
    return brief, time.perf_counter() - started


def test_tiny_sentences(nlp):
    brief, seconds = _timed_extraction(nlp, "Sam left. " * 100, 80)
    assert seconds < BOUND_SECONDS
    assert len(brief.sentences) == 8_000
    assert [actor.name for actor in brief.actors] == ["Sam"] and brief.actors[0].mentions == 8_000


def test_said_sentences_keep_their_speakers(nlp):
    """6,000 reported sentences: 100 named speakers, each followed by "He said", which resolves to the
    speaker (a person by the NER, or by a surname the article names a person with)."""
    piece = bench.said_sentences(200) + " "
    brief, seconds = _timed_extraction(nlp, piece, 30)
    assert seconds < BOUND_SECONDS
    assert len(brief.claims) == 6_000
    people = {actor.name for actor in brief.actors if actor.kind == "person"}
    assert len(people) > 90
    for named, pronoun in zip(brief.claims[::2], brief.claims[1::2], strict=True):
        sentence = brief.sentences[named.evidence.sentence]
        assert brief.text[sentence.start : sentence.end].startswith(f"{named.speaker} said the road")
        assert (pronoun.cue, pronoun.text) == ("said", "the police had blocked the bridge")
        assert pronoun.speaker == named.speaker
    assert len(brief.sources) == 100


def test_real_text_repeated(nlp, shared_dir):
    """400,000 characters of news: each copy of the 50,000 yields the same claims. A referring speaker
    ("the military") of the first copy has no earlier copy to point back to, so speakers are compared from the second."""
    piece = bench.real_text(50_000) + "\n\n"
    brief, seconds = _timed_extraction(nlp, piece, 8)
    assert seconds < BOUND_SECONDS
    copies: list[list[tuple]] = [[] for _ in range(8)]
    for claim in brief.claims:
        copies[claim.evidence.start // len(piece)].append((claim.text, claim.cue, claim.direct, claim.speaker))
    assert len(copies[0]) > 100
    assert [claim[:3] for claim in copies[0]] == [claim[:3] for claim in copies[1]]
    assert all(copy == copies[1] for copy in copies[2:])
    assert len(brief.incidents) >= 8


def _letters(number: int) -> str:
    """Three letters naming ``number`` (0 -> "aaa")."""
    return "".join(string.ascii_lowercase[number // 26**place % 26] for place in (2, 1, 0))


def test_many_abbreviations(nlp):
    """3,000 organisations defined as "Front Group Xyz (FGXYZ)" that no entity covers: each becomes an actor
    named by its long form. The Doc is built from words with sentence starts only: no parse is needed."""
    words, sentence_starts = [], []
    for number in range(3_000):
        code = _letters(number)
        sentence = ["The", "Front", "Group", code.title(), "(", f"FG{code.upper()}", ")", "attacked", "."]
        words += sentence
        sentence_starts += [True] + [False] * (len(sentence) - 1)
    doc = Doc(nlp.vocab, words=words, sent_starts=sentence_starts)
    started = time.perf_counter()
    actors = extract_actors(doc, load_gazetteer())
    assert time.perf_counter() - started < BOUND_SECONDS
    assert {(actor.name, tuple(actor.aliases), actor.mentions) for actor in actors} == {
        (f"Front Group {_letters(number).title()}", (f"FG{_letters(number).upper()}",), 1) for number in range(3_000)
    }
