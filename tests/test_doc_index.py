"""The per-Doc index answers as spaCy's own (slower) lookups do, on real text."""

from __future__ import annotations

import json

from briefgen.extract.doc_index import doc_entities, doc_text, entities_in, entities_starting_in, sentence_bounds


def test_index_answers_as_spacy_does(nlp, shared_dir):
    """Entities of sentences and of spans across sentences, entities by start, each token's sentence, the text."""
    with open(shared_dir / "eval" / "summaries-dev.jsonl", encoding="utf-8") as lines:
        text = "\n\n".join(json.loads(line)["text"] for line, _ in zip(lines, range(5), strict=False))
    doc = nlp(text)
    spans = [*doc.sents, *(doc[start : start + 40] for start in range(0, len(doc), 17)), doc[5:5], doc[:]]
    assert len(doc.ents) > 100
    for span in spans:
        assert entities_in(span) == list(span.ents)
        assert entities_starting_in(doc, span.start, span.end) == [e for e in doc.ents if span.start <= e.start < span.end]
    assert [(e.label_, e.ent_id_, e.kb_id_) for e in doc_entities(doc)] == [(e.label_, e.ent_id_, e.kb_id_) for e in doc.ents]
    assert doc_text(doc) == doc.text
    for token in doc:
        start, end = sentence_bounds(token)
        assert doc[start:end] == token.sent
