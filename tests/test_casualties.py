"""Casualty counts: numerals, number words, conjuncts, singular victims, and numbers that are not counts."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.extract.incidents.casualties import parse_number
from briefgen.gazetteer import load_gazetteer

REFERENCE = date(2024, 4, 8)


@pytest.mark.parametrize(
    "text, value",
    [("20", 20), ("1,500", 1500), ("two", 2), ("Eleven", 11), ("twenty-five", 25), ("twenty five", 25),
     ("two hundred", 200), ("a dozen", 12), ("dozens", None), ("several", None), ("blue", None)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Two terrorists were killed in a clash with troops in Bannu on Sunday.", 2, None),
        ("At least 20 soldiers were killed when militants stormed a post in Zhob district.", 20, None),
        ("A woman was killed and three children were injured in a blast in Quetta.", 1, 3),
        ("Three policemen and a civilian were killed in an ambush in Lakki Marwat.", 4, None),
        ("Gunmen shot dead two traders in Peshawar on Friday.", 2, None),
        # a phrase split by its object
        ("Soldiers burned three villagers alive in Kachin state on Monday.", 3, None),
        ("Gunmen shot two traders dead in Peshawar on Friday.", 2, None),
        ("A roadside bomb killed one soldier and wounded two others in Kurram.", 1, 2),
        ("Five militants died in the fighting in Orakzai, officials said.", 5, None),
        ("The death toll from the bombing in Mastung rose to 52 on Saturday.", 52, None),
        ("Dozens were killed in a suicide attack in Kabul.", None, None),
        # A person noun a headline capitalizes, tagged as a name, is still one person.
        ("Teen killed as Kenyan town protests for second day", 1, None),
        ("Farmer killed as Chad village protests for third day", 1, None),
        # Numbers that are not victims: years, ages, vehicles.
        ("A 25-year-old man was killed in a shooting in Mardan in 2023.", 1, None),
        ("Militants torched 1,500 trucks and killed four drivers near Khuzdar.", 4, None),
        ("Security forces killed eight militants and arrested 14 suspects in Hangu.", 8, None),
        # a bound the parse reads as a preposition, with the count as its object
        ("Airstrikes kill over 30 in Idlib", 30, None),
        ("Shelling killed over 12 in Donetsk on Sunday.", 12, None),
        # a headline's colon gives who says it, not whom the verb killed
        ("Mogadishu siege hotel cleared, 5 attackers killed: police", 5, None),
        # people named by what they were doing or where they came from
        ("20 tourists killed as Tunisia's worst terror attack ends", 20, None),
        ("Nine migrants killed as boat is shelled off Zuwara", 9, None),
        # no count: a date, a time
        ("Gunmen killed a guard in Kirkuk in 2021 and fled.", 1, None),
    ],
)
def test_sentence_counts(nlp, text, killed, injured):
    incidents = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert incidents, text
    assert (incidents[0].killed, incidents[0].injured) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, killed_text, injured, injured_text",
    [
        ("Dozens were killed in a suicide attack in Kabul.", None, "Dozens", None, None),
        ("The blast killed dozens of people in Kabul on Friday.", None, "dozens", None, None),
        ("Scores injured as bomb hits market in Peshawar", None, None, None, "Scores"),
        ("Several soldiers were killed and scores of people were injured in an attack in Bannu.", None, "Several", None, "scores"),
        ("A number of militants were killed in Kurram on Friday.", None, "A number", None, None),
        ("Hundreds of people were wounded in the explosion in Karachi.", None, None, None, "Hundreds"),
        # An exact count leaves no text.
        ("Two soldiers were killed and dozens injured in a blast in Bannu on Sunday.", 2, None, None, "dozens"),
        ("Four soldiers were killed and seven injured in a blast in Bannu on Sunday.", 4, None, 7, None),
    ],
)
def test_vague_counts_are_kept_as_text(nlp, text, killed, killed_text, injured, injured_text):
    (incident,) = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert (incident.killed, incident.killed_text, incident.injured, incident.injured_text) == (
        killed, killed_text, injured, injured_text)


def test_an_exact_count_later_replaces_the_vague_one(nlp):
    text = "Dozens were killed in a blast at a market in Quetta on Friday. The death toll rose to 34, police said."
    (incident,) = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert (incident.killed, incident.killed_text) == (34, None)
