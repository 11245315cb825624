"""One incident per event: mentions of one event merge, two events split, counts stay with their event."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer

REFERENCE = date(2016, 9, 28)  # a Wednesday


def _incidents(nlp, text):
    return extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())


def test_one_killing_told_in_five_sentences_is_one_incident(nlp):
    text = (
        "A police officer shot dead a man in Charlotte on Tuesday. The man, Keith Scott, was killed outside his apartment. "
        "His family said the shooting was unjustified. Witnesses said officers shot him four times. "
        "The killing sparked anger across the city."
    )
    (incident,) = _incidents(nlp, text)
    assert (incident.killed, incident.date) == (1, "2016-09-27")


@pytest.mark.parametrize(
    "update",
    [
        "The death toll rose to 12 on Tuesday, officials said.",
        "By Tuesday the death toll had climbed to 12.",
    ],
)
def test_a_new_death_toll_updates_its_event(nlp, update):
    (incident,) = _incidents(nlp, "A bomb exploded at a market in Mogadishu on Monday, killing five people. " + update)
    assert (incident.type, incident.killed, incident.date) == ("bombing", 12, "2016-09-26")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed three soldiers in Bannu on Monday, and a bomb killed two civilians in Quetta on Tuesday.",
        "Gunmen killed three soldiers in Bannu on Monday. Separately, a roadside bomb killed two civilians in Bannu.",
    ],
)
def test_two_events_stay_two_and_never_add_up(nlp, text):
    assert sorted(i.killed for i in _incidents(nlp, text)) == [2, 3]


def test_a_definite_mention_of_a_told_event_said_elsewhere_makes_none(nlp):
    text = (
        "Twenty-nine people were injured in Chelsea on Saturday night by an explosion. "
        "The mayor visited the hospital. Officials met in the morning. Schools stayed open. "
        "Following initial reports of the explosion, Trump said at an event in Colorado Springs that a bomb had gone off."
    )
    (incident,) = _incidents(nlp, text)
    assert (incident.type, incident.injured) == ("bombing", 29)
