"""Headlines inside a text: joined with ";" and no space (as feed exports and event coders join them) they are
separate sentences; in title case or all caps they are parsed as the same words in sentence case."""

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


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Curfew imposed in the port city;12 dead after clashes with police", ["Curfew imposed in the port city;", "12 dead after clashes with police"]),
        ("Floods cut road to Kano;3 missing", ["Floods cut road to Kano;", "3 missing"]),
    ],
)
def test_a_semicolon_between_a_word_and_a_count_joins_two_headlines(nlp, text, sentences):
    assert [sentence.text for sentence in nlp(text).sents] == sentences


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        # a headline without a stop ends on no name's particle ("Apaseo el | Grande"), and the name is read whole
        ("Human remains found in plastic bags in Apaseo el Grande", "Apaseo el Grande", "Guanajuato"),
        ("Police arrest 3 in San Juan de los Lagos", "San Juan de los Lagos", "Jalisco"),
    ],
)
def test_a_name_with_particles_is_one_sentence_and_one_place(nlp, text, place, admin1):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    (incident,) = extract_incidents(doc, date(2024, 3, 2), gazetteer=load_gazetteer())
    assert (incident.location.name, incident.location.admin1) == (place, admin1)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Renewed fighting in Bangui kills over 40;residents-flee-the-city", 40),
        ("Gunmen in Maiduguri kill 14;traders-count-their-losses", 14),
    ],
)
def test_a_count_glued_to_a_lowercase_word_by_a_semicolon_is_read(nlp, text, killed):
    incidents = extract_incidents(nlp(text), date(2024, 3, 2), gazetteer=load_gazetteer())
    assert [incident.killed for incident in incidents] == [killed]


def test_a_count_in_the_second_joined_headline_is_read(nlp):
    doc = nlp("Tension grows in Maiduguri after curfew;Nine killed as gunmen attack a market in Maiduguri")
    incidents = extract_incidents(doc, date(2024, 3, 2), gazetteer=load_gazetteer())
    assert [incident.killed for incident in incidents] == [9]


@pytest.mark.parametrize(
    ("text", "verb", "lemmas"),
    [
        ("Junta Troops Torch Six Villages Near Quetta", "Torch", {"Troops": "troop", "Villages": "village"}),
        ("Gunmen Ambush Police Convoy In Kurram", "Ambush", {"Gunmen": "gunman"}),
        ("REBELS ABDUCT TWELVE FARMERS NEAR LAKKI MARWAT", "ABDUCT", {"FARMERS": "farmer"}),
        # title case that keeps its function words small
        ("Resistance Fighters Seize Border Town from Junta Troops", "Seize", {"Fighters": "fighter", "Troops": "troop"}),
        ("Gunmen Kill Twelve Farmers after Dispute over Land", "Kill", {"Farmers": "farmer"}),
    ],
)
def test_a_title_case_or_all_caps_headline_is_parsed_in_sentence_case(nlp, text, verb, lemmas):
    doc = nlp(text)
    assert doc.text == text
    words = {token.text: token for token in doc}
    assert words[verb].pos_ == "VERB" and words[verb].lemma_ == verb.lower()
    assert {word: words[word].lemma_ for word in lemmas} == lemmas


@pytest.mark.parametrize(
    ("text", "kind", "killed", "place"),
    [
        ("MILITANTS SHELL POLICE POST IN QUETTA", "bombing", None, "Quetta"),
        ("GUNMEN KILL FOUR VILLAGERS NEAR BANNU", "killing", 4, "Bannu"),
        ("TWO SOLDIERS KILLED AS MILITANTS RAID CHECKPOINT IN BANNU", "attack", 2, "Bannu"),
    ],
)
def test_an_all_caps_headline_reports_its_incident_and_place(nlp, text, kind, killed, place):
    incidents = extract_incidents(nlp(text), date(2024, 3, 2), gazetteer=load_gazetteer())
    assert [(incident.type, incident.killed, incident.location.name) for incident in incidents] == [(kind, killed, place)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("“Full panic mode,” said Leslie Wimes, a South Florida-based president of the Democratic African-American Women Caucus.", ["Wimes", "Caucus"]),
        ("Senator Elizabeth Warren told the Senate Banking Committee that Wells Fargo misled customers.", ["Warren", "Fargo"]),
        ("They were with Donald Trump in New York.", ["Donald", "Trump"]),
    ],
)
def test_a_sentence_merely_full_of_names_keeps_its_own_parse(nlp, text, names):
    words = {token.text: token for token in nlp(text)}
    assert [(words[name].pos_, words[name].lemma_) for name in names] == [("PROPN", name) for name in names]
