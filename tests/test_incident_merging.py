"""One incident per event: a later mention naming a victim already told is that event, whatever day its sentence gives."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer

REFERENCE = date(2016, 9, 21)  # a Wednesday

_TOLD = "Clinton criticized the officer on Tuesday for shooting and killing Terence Crutcher in Tulsa. "
_BETWEEN = "Her remarks drew praise. Supporters of the campaign thanked her. The campaign then moved on to Ohio. "


def _incidents(nlp, text):
    return extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())


@pytest.mark.parametrize(
    "later",
    [
        "Crutcher was killed Friday near a busy intersection in Tulsa.",  # the victim as the subject of a passive
        "Her comments on Tuesday about the shooting death of Crutcher came as facts were still being gathered.",  # "of" the victim
        "Police in Tulsa have released video of Crutcher's killing.",  # the victim's possessive
    ],
)
def test_a_mention_naming_a_told_victim_is_that_event(nlp, later):
    (incident,) = _incidents(nlp, _TOLD + _BETWEEN + later)
    assert incident.type == "killing" and incident.location.name == "Tulsa"


def test_two_victims_are_two_events(nlp):
    text = _TOLD + _BETWEEN + "Keith Lamont Scott was shot dead by police in Charlotte on Tuesday."
    assert [i.location.name for i in _incidents(nlp, text)] == ["Tulsa", "Charlotte"]


@pytest.mark.parametrize(
    "headline",
    [
        "Suicide bombing in northern Mali as jihadists step up their campaign",  # armed, placed only by its country
        "Taliban claim attack on police convoy in eastern Afghanistan",
        "Rebels shell market town to drive out traders",  # no place at all, but an armed side doing it
        "Somali forces suffer heavy casualties in militant ambush",  # placed only by a side's nationality
    ],
)
def test_an_armed_event_placed_or_done_by_a_side_is_an_incident(nlp, headline):
    assert len(_incidents(nlp, headline)) == 1


@pytest.mark.parametrize(
    "headline",
    [
        "Militants could attack targets in Kenya, police warn",  # hypothetical
        "Thousands protest in Germany over pension reform",  # nothing armed, nothing dated, only a country
        "Peacekeepers in northern Mali have often been targeted by insurgents.",  # a body sentence's perfect, no day: a pattern
        "Somali forces took part in a training exercise.",  # a country's armed side and no event
    ],
)
def test_an_armed_side_or_a_country_alone_makes_no_incident(nlp, headline):
    assert _incidents(nlp, headline) == []


@pytest.mark.parametrize(
    ("headline", "kind", "country"),
    [
        # taking a place is a battle (ACLED: territory overtaken or regained)
        ("Afghan forces retake district centre from insurgents", "armed_clash", "Afghanistan"),
        ("Iraqi troops recapture town from jihadists", "armed_clash", "Iraq"),
        ("Syrian rebels seize military airport after heavy fighting", "armed_clash", "Syria"),
        ("Rebels take control of the border town of Bunagana in Congo", "armed_clash", "Democratic Republic of the Congo"),
    ],
)
def test_taking_a_place_is_a_battle(nlp, headline, kind, country):
    assert [(i.type, i.location.country) for i in _incidents(nlp, headline)] == [(kind, country)]


@pytest.mark.parametrize(
    "text",
    [
        "Police seized drugs and cash in Karachi on Monday.",
        "Republicans seized control of the Senate in November.",
        "The opposition hopes to capture the mood of voters in Lahore.",
    ],
)
def test_taking_no_place_is_no_battle(nlp, text):
    assert all(i.type != "armed_clash" for i in _incidents(nlp, text))
