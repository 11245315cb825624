"""Headlines joined with ";" and no space (as feed exports and event coders join them) are separate sentences."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Flooding cuts the coastal road;Ferry services resume after two days",
            ["Flooding cuts the coastal road;", "Ferry services resume after two days"],
        ),
        ("Talks stall in the capital;“We will not sign,” minister says", ["Talks stall in the capital;", "“We will not sign,” minister says"]),
        ("Markets rally;STOCKS CLOSE HIGHER", ["Markets rally;", "STOCKS CLOSE HIGHER"]),
    ],
)
def test_a_semicolon_before_a_capital_joins_two_headlines(nlp, text, sentences):
    doc = nlp(text)
    assert [sentence.text for sentence in doc.sents] == sentences
    assert doc.text == text


@pytest.mark.parametrize("text", ["He came; She left.", "The ratio was 3;4 in the last test.", "See the notes;the list follows."])
def test_other_semicolons_stay_as_the_parser_reads_them(nlp, text):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1


def test_a_count_in_the_second_joined_headline_is_read(nlp):
    doc = nlp("Tension grows in Maiduguri after curfew;Nine killed as gunmen attack a market in Maiduguri")
    incidents = extract_incidents(doc, date(2024, 3, 2), gazetteer=load_gazetteer())
    assert [incident.killed for incident in incidents] == [9]
