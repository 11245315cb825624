"""Articles longer than spaCy takes at once: parsed in pieces into one Doc with the article's exact text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from briefgen.cli import main
from briefgen.config import Settings
from briefgen.model import Article, ArticleBrief, Rejection
from briefgen.parsing import parse, split_pieces
from briefgen.pipeline import analyse, read_articles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def paragraphs(shared_dir) -> list[str]:
    text = (shared_dir / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _long_text(paragraphs: list[str], chars: int) -> str:
    """Real news paragraphs, numbered so that no two are the same, until ``chars`` characters."""
    parts, size = [], 0
    while size < chars:
        part = f"In section {len(parts)}, the report said: {paragraphs[len(parts) % len(paragraphs)]}\n\n"
        parts.append(part)
        size += len(part)
    return "".join(parts)


def _article(text: str, name: str) -> Article:
    return Article(id=name, title=name, url=None, publisher=None, published=None, source=name, text=text)


@pytest.mark.parametrize(
    ("text", "piece_end"),
    [
        ("First paragraph here.\n\nSecond one follows.\n\n" * 400, "\n\n"),  # paragraph breaks
        ("One sentence ends. Another one starts! " * 400, " "),  # sentence ends only
        ("words without any end " * 400, " "),  # spaces only
        ("x" * 9000, "x"),  # no break at all: cut hard
    ],
)
def test_pieces_join_back_to_the_text(text, piece_end):
    pieces = split_pieces(text, 1000)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(piece) <= 1000 for piece in pieces)
    assert all(piece.endswith(piece_end) for piece in pieces[:-1])


def test_sentence_break_wins_over_a_space():
    pieces = split_pieces("Officials said the road was closed after the attack. " * 100, 1000)
    assert all(piece.endswith("attack. ") for piece in pieces[:-1])


def test_long_doc_has_the_text_and_offsets_of_the_article(nlp, paragraphs, monkeypatch):
    text = _long_text(paragraphs, 20_000)
    monkeypatch.setattr(nlp, "max_length", 4000)  # the pieces are at most this long
    doc = parse(nlp, text)
    assert doc.text == text
    pieces, offset, expected_ents = split_pieces(text, 4000), 0, []
    assert len(pieces) > 4
    for piece in pieces:
        expected_ents += [(ent.start_char + offset, ent.end_char + offset, ent.label_) for ent in nlp(piece).ents]
        assert doc.char_span(offset, offset + 1, alignment_mode="expand")[0].is_sent_start, "each piece starts a sentence"
        offset += len(piece)
    assert [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] == expected_ents
    assert all(text[ent.start_char : ent.end_char] == ent.text for ent in doc.ents)


def test_article_over_max_length_is_analysed_with_the_others(nlp, paragraphs, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 4000)  # the old code gave up on the whole batch (spaCy's E088)
    articles = [_article(_long_text(paragraphs, 12_000), "long"), _article(paragraphs[0], "short")]
    long_brief, short_brief = analyse(articles, Settings())
    assert isinstance(long_brief, ArticleBrief) and isinstance(short_brief, ArticleBrief)
    text = long_brief.text
    assert long_brief.sentences[0].start == 0 and long_brief.sentences[-1].end <= len(text)
    assert "Tehreek-e-Taliban Pakistan" in [actor.name for actor in long_brief.actors]
    for actor in long_brief.actors:
        for evidence in actor.evidence:
            sentence = long_brief.sentences[evidence.sentence]
            assert sentence.start <= evidence.start < evidence.end <= sentence.end


@Language.component("briefgen_test_fails_on_boom")
def _fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("this text breaks the parser")
    return doc


def test_a_text_that_breaks_the_batch_is_rejected_alone(nlp, paragraphs):
    articles = [_article(paragraphs[0], "first"), _article("BOOM went the parser.", "bad"), _article(paragraphs[1], "last")]
    nlp.add_pipe("briefgen_test_fails_on_boom", last=True)
    try:
        first, bad, last = analyse(articles, Settings())
    finally:
        nlp.remove_pipe("briefgen_test_fails_on_boom")
    assert isinstance(first, ArticleBrief) and isinstance(last, ArticleBrief)
    assert bad == Rejection("bad", "could not be analysed (ValueError: this text breaks the parser)")


def test_build_with_an_article_over_a_million_characters(paragraphs, tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "long.txt").write_text("A long report on the militancy\n\n" + _long_text(paragraphs, 1_600_000), encoding="utf-8")
    for name in ("quetta-protest.txt", "border-post-attack.md"):
        (inputs / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    articles, _ = read_articles([str(inputs)], Settings())
    assert max(len(a.text) for a in articles) > 1_000_000  # over spaCy's max_length once cleaned
    config = tmp_path / "briefgen.toml"
    config.write_text("article_seconds = 5\n", encoding="utf-8")  # too short for 1.2 M characters: the test stays fast
    out = tmp_path / "out"
    code = main(["build", str(inputs), "--out", str(out), "--format", "md,json", "--config", str(config), "--quiet"])
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert errors == [f"briefgen: rejected {inputs / 'long.txt'}: took longer than 5 s to analyse"]
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert sorted(Path(a["source"]).name for a in brief["articles"]) == ["border-post-attack.md", "quetta-protest.txt"]
