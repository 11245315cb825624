"""Incidents worded as the news words ACLED's categories: explosions and remote violence, violence against
civilians (the dead found), riots; and their counts where the parse is broken or the count is written oddly."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer

REFERENCE = date(2024, 3, 4)


def _incidents(nlp, text: str) -> list[tuple[str, int | None, str | None]]:
    return [(i.type, i.killed, i.location.name) for i in extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # explosions and remote violence
        ("An air raid hit a crowded market in Bannu on Sunday.", ("bombing", None, "Bannu")),
        ("Heavy bombardment of villages near Quetta continued on Monday.", ("bombing", None, "Quetta")),
        ("A man blew himself up near a police checkpoint in Peshawar on Friday.", ("bombing", None, "Peshawar")),
        ("Artillery fire hit homes in Kurram on Tuesday.", ("bombing", None, "Kurram")),
        # violence against civilians
        ("Four farmers were slain in their fields near Bannu on Monday.", ("killing", 4, "Bannu")),
        ("A shopkeeper was hacked to death in Quetta on Saturday.", ("killing", 1, "Quetta")),
        ("Two women were burned alive in a village near Peshawar.", ("killing", 2, "Peshawar")),
        ("A teacher was shot to death outside a school in Karachi.", ("killing", 1, "Karachi")),
        ("Three bodies found in a ravine near Quetta", ("killing", 3, "Quetta")),
        ("Human remains found in sacks near Karachi", ("killing", None, "Karachi")),
        ("No Fewer Than 12 Bodies Discovered Near Bannu", ("killing", 12, "Bannu")),
        # battles told by their toll
        ("Militants suffered heavy casualties in Kurram on Monday.", ("killing", None, "Kurram")),
        ("The army inflicted casualties on militants near Bannu.", ("killing", None, "Bannu")),
        # riots
        ("Angry residents ransacked a police station in Karachi on Monday.", ("riot", None, "Karachi")),
        ("Supporters of the candidate went on a rampage in Quetta on Friday.", ("riot", None, "Quetta")),
    ],
)
def test_acled_categories_as_the_news_words_them(nlp, text, expected):
    assert _incidents(nlp, text) == [expected]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Renewed fighting in Kurram kills over 50", 50),  # "50" read as a date by the NER
        ("At least 21 soldiers reported killed in raids near Bannu", 21),  # "killed" completes "reported"
        ("At least 98 dead in Pakistan after clashes", 98),  # "dead" parsed as the root: the number beside it, people killed
        ("Ruling party activist killed as opposition men torch shop in Quetta", 1),  # a headline's passive, tagged past tense
        ("Opposition leader killed as rival men torch office in Quetta", 1),
        ("She was killed in a blast in Quetta on Monday.", 1),  # "she" is one
        ("He was killed in Quetta on Monday, police said.", 1),
    ],
)
def test_counts_where_the_parse_or_the_ner_is_broken(nlp, text, killed):
    assert [incident.killed for incident in extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())] == [killed]


@pytest.mark.parametrize(
    "text",
    [
        "Percy Walton, the one death row inmate whose sentence was commuted, was freed in Richmond, Virginia.",
        "The murder charges against the mayor of Karachi were dropped on Monday.",
    ],
)
def test_a_death_word_modifying_a_noun_counts_no_dead(nlp, text):
    assert all(incident.killed is None for incident in extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer()))


def test_a_casualty_of_a_campaign_is_no_incident(nlp):
    assert _incidents(nlp, "Truth was the first casualty of the campaign in Ohio on Tuesday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dead named as a homicide, counted by a multiple, or a body put on show
        ("A homicide was reported in a street of Tijuana on Sunday.", ("killing", None, "Tijuana")),
        ("Triple homicide reported on the outskirts of Culiacan", ("killing", 3, "Culiacan")),
        ("Body hanged from a bridge in Cuernavaca", ("killing", 1, "Cuernavaca")),
        ("Bodies abandoned on a highway near Tijuana", ("killing", None, "Tijuana")),
    ],
)
def test_the_dead_as_crime_news_words_them(nlp, text, expected):
    assert _incidents(nlp, text) == [expected]


@pytest.mark.parametrize(
    ("text", "killed_text", "country"),
    [
        # an uncounted plural noun naming the victims: people died, how many unknown; forces of a government or a junta are armed
        ("Junta Forces Suffer Heavy Casualties in Fighting for Magway Town", "Heavy Casualties", "Myanmar"),
        ("Afghan defence ministry says heavy casualties inflicted on insurgents", "heavy casualties", "Afghanistan"),
        ("Government forces suffer casualties near Sudan's border", "casualties", "Sudan"),
    ],
)
def test_uncounted_victims_of_armed_sides_are_an_incident(nlp, text, killed_text, country):
    incidents = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert [(i.killed, i.killed_text, i.location.country) for i in incidents] == [(None, killed_text, country)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a military's words for killing people
        ("Russian troops destroyed 30 Ukrainian soldiers near Bakhmut", [("killing", 30, "Bakhmut")]),
        ("Security forces neutralised four terrorists in Bannu on Monday.", [("killing", 4, "Bannu")]),
        # what is destroyed or eliminated is no one
        ("The floods destroyed 40 homes near Bakhmut on Monday.", []),
        ("The plan would eliminate 500 jobs in Ohio.", []),
    ],
)
def test_destroying_people_is_killing_them(nlp, text, expected):
    assert _incidents(nlp, text) == expected
