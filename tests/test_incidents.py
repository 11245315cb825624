"""Incident detection: events vs generic mentions, one incident per event, dates, places, actors."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer
from briefgen.model import Actor

REFERENCE = date(2024, 4, 8)  # a Monday


def _incidents(nlp, text, actors=()):
    return extract_incidents(nlp(text), REFERENCE, actors, gazetteer=load_gazetteer())


@pytest.mark.parametrize(
    "text",
    [
        "Officials warned of a potential attack on the capital.",
        "Terrorist attacks have surged across the country this year.",
        "The group could carry out Moscow style attacks in other countries.",
        "Analysts fear the threat of attacks will grow.",
        "The minister said the militants would attack again.",
        "Police foiled a plot to bomb a market.",
        "Unlike demonstrations in Charlotte, the rally in Tulsa stayed calm.",
        # what a general event leads to is general too
        "Not every raid on a checkpoint in Kabul ended in a killing.",
        "Such ambushes near Bannu often lead to a murder.",
        # a headline without a verb naming only a country is a topic
        "Terrorist attacks in Pakistan: a timeline",
        # in a sentence of the text, the present says what happens in general
        "Clashes erupt in Bangui whenever the rains end.",
        "Attacks on journalists rise in Mexico",
    ],
)
def test_generic_mentions_are_not_incidents(nlp, text):
    assert _incidents(nlp, text) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Two soldiers were killed in a clash with militants in Bannu.", "armed_clash"),
        ("A suicide blast at a market in Quetta killed six people.", "bombing"),
        ("Gunmen ambushed a police patrol in Dera Ismail Khan on Sunday.", "attack"),
        ("Unknown men abducted a doctor in Khuzdar on Friday.", "abduction"),
        ("Police arrested 12 suspects in Lahore on Saturday.", "arrest"),
        ("Thousands staged a protest in Karachi on Sunday.", "protest"),
        ("A tribal elder was shot dead in Bajaur yesterday.", "killing"),
        # a plural event noun that did something in the past happened
        ("Protests broke out in Peshawar after the verdict.", "protest"),
        ("Shells hit a market in Idlib on Sunday.", "bombing"),
        # a headline without a verb reports events
        ("Clashes in the southern countryside of Aleppo", "armed_clash"),
        # so does a headline's present ("Clashes erupt": the events that broke out)
        ("Clashes erupt in Bangui", "armed_clash"),
        ("Helicopters drop barrel bombs on villages in Daraa", "bombing"),
    ],
)
def test_types(nlp, text, kind):
    incidents = _incidents(nlp, text)
    assert [i.type for i in incidents] == [kind]


def test_continuation_merges_into_one_incident(nlp):
    text = (
        "Three militants were killed in an exchange of fire with troops in Kurram district on Saturday, the army said. "
        "According to the army, the troops engaged the militants' hideout and three militants were killed."
    )
    incidents = _incidents(nlp, text)
    assert len(incidents) == 1
    assert incidents[0].killed == 3 and incidents[0].location.admin2 == "Kurram"


def test_two_places_in_one_sentence_are_two_incidents(nlp):
    text = "A bomb killed two policemen in Peshawar on Friday, while gunmen shot dead a teacher in Quetta on Saturday."
    incidents = _incidents(nlp, text)
    assert [(i.location.name, i.date) for i in incidents] == [("Peshawar", "2024-04-05"), ("Quetta", "2024-04-06")]


def test_casualties_stay_with_their_own_event(nlp):
    text = "A bomb killed two policemen and injured five in Peshawar on Friday, while gunmen shot dead a teacher in Quetta on Saturday."
    assert [(i.killed, i.injured) for i in _incidents(nlp, text)] == [(2, 5), (1, None)]


def test_event_date_wins_over_report_date(nlp):
    text = "Two militants were killed in Khyber district on Friday, officials said on Sunday."
    (incident,) = _incidents(nlp, text)
    assert (incident.date, incident.date_text) == ("2024-04-05", "on Friday")


def test_report_date_is_the_fallback(nlp):
    (incident,) = _incidents(nlp, "Four soldiers were killed in a blast in Chaman, the military said on Sunday.")
    assert (incident.date, incident.date_text) == ("2024-04-07", "on Sunday")


def test_undated_event_is_dated_by_its_report(nlp):
    (incident,) = _incidents(nlp, "Militants kill three policemen in Tank district.")
    assert (incident.date, incident.date_text) == ("2024-04-08", None)


def test_period_gives_no_day(nlp):
    (incident,) = _incidents(nlp, "Five people were killed in a blast in Kabul last week.")
    assert (incident.date, incident.date_text) == (None, "last week")


def test_most_specific_place(nlp):
    (incident,) = _incidents(nlp, "Two soldiers were killed in an attack in Khyber-Pakhtunkhwa's North Waziristan district.")
    location = incident.location
    assert (location.name, location.admin2, location.admin1, location.country) == (
        "North Waziristan", "North Waziristan", "Khyber Pakhtunkhwa", "Pakistan")


@pytest.mark.parametrize(
    "text, admin1, country",
    [
        ("Insurgents kill two rangers in Narathiwat", "Narathiwat", "Thailand"),  # tagged ORG by the NER
        ("A car bomb killed nine people in Syria's Homs on Friday.", "Homs", "Syria"),
        ("An air strike killed four people in Gaza on Friday.", "Gaza Strip", "Palestine"),
    ],
)
def test_places_beyond_the_ner(nlp, text, admin1, country):
    (incident,) = _incidents(nlp, text)
    assert (incident.location.admin1, incident.location.country) == (admin1, country)


def test_domain_words_are_not_places(nlp):
    (incident,) = _incidents(nlp, "A guard was shot dead outside Police headquarters in Lahore on Friday.")
    assert incident.location.name == "Lahore"


def test_country_of_the_victims_without_a_place(nlp):
    (incident,) = _incidents(nlp, "Indian shelling kills two Pakistani civilians.")
    assert incident.location.country == "Pakistan"


def test_actors_use_canonical_names(nlp):
    actors = [Actor(name="Tehreek-e-Taliban Pakistan", kind="armed_group", aliases=["TTP"])]
    (incident,) = _incidents(nlp, "TTP militants attacked a police station in Bannu, killing two policemen.", actors)
    assert "Tehreek-e-Taliban Pakistan" in incident.actors and "police" in incident.actors


def test_seed_article(nlp, shared_dir, seed_expected):
    lines = (shared_dir / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8").split("\n")
    cut = next(i for i, line in enumerate(lines) if line.rstrip().endswith("…"))
    reference = date.fromisoformat(seed_expected["reference_date"])
    incidents = extract_incidents(nlp("\n".join(lines[:cut])), reference, gazetteer=load_gazetteer())
    (expected,) = seed_expected["incidents"]["must"]
    assert len(incidents) == 1, incidents
    (incident,) = incidents
    assert incident.type == expected["type"] and incident.killed == expected["killed"]
    assert incident.date == expected["date"] and expected["date_text_has"] in incident.date_text
    for field, value in expected["location"].items():
        assert getattr(incident.location, field) == value


@pytest.mark.parametrize(
    "text",
    [
        "The boy was hurt in a fall in Peshawar but was not attacked, police said.",
        "The suspect faces charges including assault in Lahore.",
        "Officials will review the case on March 27 in Karachi.",
    ],
)
def test_negated_legal_and_date_words_are_not_incidents(nlp, text):
    assert _incidents(nlp, text) == []


def test_protest_against_a_killing_is_a_protest(nlp):
    (incident,) = _incidents(nlp, "Hundreds held a protest in Quetta on Sunday against the killing of a student.")
    assert (incident.type, incident.killed) == ("protest", None)


def test_separately_starts_a_new_incident(nlp):
    text = (
        "Two policemen were killed in an attack in Bannu on Sunday. "
        "Separately, three soldiers were killed in a blast in Bannu on Sunday."
    )
    assert [i.killed for i in _incidents(nlp, text)] == [2, 3]


def test_definite_mention_later_joins_its_incident(nlp):
    text = (
        "Six soldiers were killed when militants attacked a checkpoint in Zhob district on Saturday. "
        "The province has a long border with Afghanistan. Trade resumed at the crossing in the evening. "
        "Schools stayed open across the region. The government condemned the attack and promised a response."
    )
    incidents = _incidents(nlp, text)
    assert len(incidents) == 1 and incidents[0].killed == 6


@pytest.mark.parametrize(
    "text, perpetrators, targets",
    [
        ("Gunmen ambushed a police patrol in Dera Ismail Khan on Sunday.", ["militants"], ["police"]),
        ("Militants kill six soldiers in Bannu.", ["militants"], ["security forces"]),
        ("Three policemen were killed by militants in Bannu on Sunday.", ["militants"], ["police"]),
        ("A checkpoint was attacked by gunmen in Zhob district on Saturday.", ["militants"], []),
        ("Soldiers were attacked in Bannu on Sunday.", [], ["security forces"]),
        ("Militants launched an attack on a police station in Tank on Friday.", ["militants"], ["police"]),
        ("The convoy of security forces came under attack in Kurram on Friday.", [], ["security forces"]),
        ("Indian shelling kills two Pakistani civilians.", ["India"], ["Pakistan", "civilians"]),
        ("Police arrested 12 militants in Lahore on Saturday.", ["police"], ["militants"]),
        # peacekeepers are an armed side: attacked, they make an attack without anyone hurt
        ("U.N. peacekeepers were attacked in Mali on Tuesday.", [], ["United Nations", "peacekeepers"]),
    ],
)
def test_perpetrators_and_targets(nlp, text, perpetrators, targets):
    (incident,) = _incidents(nlp, text)
    assert (incident.perpetrators, incident.targets) == (perpetrators, targets)
    assert set(perpetrators + targets) <= set(incident.actors)


@pytest.mark.parametrize(
    "text, actors, targets",
    [
        ("Security forces and militants exchanged fire in Khyber district on Friday.", {"security forces", "militants"}, []),
        ("Police clashed with students in Dhaka on Monday.", {"police", "civilians"}, []),
        ("A clash between Taliban fighters and Pakistani troops erupted in Kurram on Friday.", {"militants", "security forces"}, []),
        # a two-word side is one side ("peacekeeping troops" are no other security forces)
        ("Peacekeeping troops clashed with militiamen in Bangui on Monday.", {"peacekeepers", "militants"}, []),
        # A side killed in a clash is a victim, but its opponent is no perpetrator.
        ("Two soldiers were killed in a clash with militants in Bannu.", {"security forces", "militants"}, ["security forces"]),
    ],
)
def test_clashes_have_no_perpetrator(nlp, text, actors, targets):
    (incident,) = _incidents(nlp, text)
    assert actors <= set(incident.actors) and "security forces" not in set(incident.actors) - actors
    assert (incident.perpetrators, incident.targets) == ([], targets)


def test_sides_gather_across_a_merged_incident(nlp):
    actors = [Actor(name="Tehreek-e-Taliban Pakistan", kind="armed_group", aliases=["TTP"])]
    text = (
        "Two policemen were killed in an attack on a checkpoint in Bannu on Sunday. "
        "The TTP claimed responsibility for the attack."
    )
    (incident,) = _incidents(nlp, text, actors)
    assert incident.perpetrators == ["Tehreek-e-Taliban Pakistan"] and incident.targets == ["police"]


@pytest.mark.parametrize(
    "text",
    [
        "Salah's late strike against Chelsea sealed a 2-1 win at Anfield on Sunday.",
        "The final in Madrid on Saturday was billed as a clash of titans.",
        "Supermarkets in London are locked in a price war.",
        "The opposition leader launched an attack on the budget in Islamabad on Tuesday.",
        "Stocks staged a strong rally in Karachi on Monday.",
        "The striker shot twice in the derby in Lahore on Friday.",
        "The senator's bill was killed in committee on Friday.",
        "The two candidates clashed over taxes in a televised debate in Lahore on Sunday.",
        "Trump clashed with reporters in Florida on Monday.",  # the press argues; the NER misses "Trump" here
        # a clash of schedules does not break out
        "The summit faces a scheduling clash in Britain.",
        "Scheduling clashes hit the summit in Britain",
    ],
)
def test_sport_and_figures_of_speech_are_not_incidents(nlp, text):
    assert _incidents(nlp, text) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("A strike on a market in Idlib killed nine people on Friday.", "bombing"),  # people killed
        ("Militants attacked a checkpoint on Tuesday.", "attack"),  # an armed side, no place
        ("A roadside bomb exploded near a school on Friday.", "bombing"),  # a weapon
        ("Police clashed with students in Dhaka on Monday.", "armed_clash"),  # security forces
        ("Police clashed with journalists outside the court in Istanbul on Monday.", "armed_clash"),  # even with the press
        ("Thousands staged a protest in Karachi on Sunday.", "protest"),  # a place of event
        ("Gunmen attacked fans after a football match in Lahore, killing two.", "attack"),  # armed beats sport
        # fighting that breaks out is physical, even placed only by a country
        ("Fresh clashes hit C. Africa", "armed_clash"),
        ("Fighting broke out in South Sudan on Sunday.", "armed_clash"),
        ("Heavy fighting raged in the Central African Republic on Monday.", "armed_clash"),
    ],
)
def test_conflict_context_keeps_incidents(nlp, text, kind):
    assert [i.type for i in _incidents(nlp, text)] == [kind]


def test_a_figurative_sentence_does_not_join_an_incident(nlp):
    text = (
        "Two soldiers were killed in an attack in Bannu on Sunday. "
        "The opposition then launched an attack on the budget, killing the proposal."
    )
    (incident,) = _incidents(nlp, text)
    assert incident.killed == 2 and incident.type == "attack"


def test_what_a_protest_is_against_is_no_event_of_its_own(nlp):
    text = "Traders marched through Quetta on Monday to protest against extortion calls that have targeted their shops for months."
    assert [i.type for i in _incidents(nlp, text)] == ["protest"]
