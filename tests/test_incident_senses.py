"""Which sense an incident word has: ACLED's event kinds as news words them, and the non-violent senses that make no incident."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer

REFERENCE = date(2016, 9, 28)  # a Wednesday


def _types(nlp, text):
    return [i.type for i in extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Residents pelted police officers with stones in Nairobi on Tuesday.", "riot"),  # a riot: a crowd's violence
        ("Protesters turned violent, looting shops and torching cars in Charlotte on Wednesday.", "riot"),
        ("Angry motorcycle-taxi riders attacked a bus in Kampala on Tuesday.", "attack"),  # a physical target
        ("Gunmen killed 12 villagers in an attack on Kamba village in Zamfara state on Monday.", "attack"),
        ("An air strike on a market in Idlib killed nine people on Friday.", "bombing"),
        ("Soldiers fought rebels in a gun battle near Goma on Monday.", "armed_clash"),
        ("About a dozen people demonstrated outside the newspaper's offices in Dallas on Friday.", "protest"),
        ("Thousands rallied in Karachi on Sunday against the new law.", "protest"),  # a rally with a grievance
        ("Police arrested 12 suspects in Lahore on Saturday.", "arrest"),
        ("Gunmen abducted a doctor in Khuzdar on Friday.", "abduction"),
        ("The police shooting of a black man in Charlotte on Tuesday sparked protests.", "killing"),  # "of" names the target
        ("The junta used attack helicopters against resistance fighters in Magway on Monday.", "attack"),  # a weapon
        ("Military Captain, Squadron Killed by AA Rebels in N. Rakhine", "killing"),  # a title-case headline: capitals make no name
        ("Officials in Charlotte praised Thursday's protests for being largely peaceful.", "protest"),  # dated, so not general
        ("Small groups of protesters looped the streets of Charlotte on Sunday.", "protest"),  # people, not a plural event
        ("About a dozen people demonstrated outside the Dallas Morning News after it backed Clinton.", "protest"),  # a counted crowd
        ("Drone attack kills at least four suspected militants in Pakistan", "bombing"),  # a phrase of the lexicon is no name
        ("Militants fired two rockets at a checkpoint in Bannu on Monday.", "bombing"),  # a launch at a target
        ("Police shot a man in Charlotte on Tuesday.", "killing"),  # a victim shot
        ("A gunman shot a Navy veteran outside a hospital in Chicago on Monday.", "killing"),  # a victim whatever its noun
        ("A gunman shot dead a Navy veteran outside a veterans hospital in Chicago on Monday.", "killing"),
        ("Supporters of the party demonstrated outside the court in Lahore on Monday.", "protest"),  # people, nothing shown
        ("The 33-year-old Mexican national died in Fulham on Monday.", "killing"),  # a person's death
        ("The suspect died in custody in Tulsa on Friday.", "killing"),
        ("Rival groups clashed in Karachi on Monday.", "armed_clash"),  # groups clash physically
        ("A device exploded near a school in Quetta on Monday.", "bombing"),
        ("A man killed his neighbour in Lahore on Monday.", "killing"),  # a person killed
        ("Police killed a 13-year-old in Columbus on Monday.", "killing"),
        ("Protesters clashed with police in Charlotte on Wednesday.", "armed_clash"),
        ("Two people were killed by mortar fire in Idlib on Monday.", "bombing"),  # a happening, not a kind of thing
        ("Police say three Pakistan Taleban terrorists killed in Karachi clash - paper", "armed_clash"),  # a dash joins no compound
    ],
)
def test_acled_kinds_as_news_words_them(nlp, text, kind):
    assert _types(nlp, text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Chelsea's attack looked toothless in London on Saturday.",  # a football team's attack
        "Teachers went on strike in Lahore on Monday over unpaid salaries.",  # a labour strike
        "The campaign released attack ads in Ohio on Tuesday.",
        "Japan is developing space lasers in Tokyo to shoot down satellites.",
        "The Trump attack on the press continued in Ohio on Monday.",
        "Speaking at a rally in Novi, Michigan, Trump said he is making a demand of Obama.",  # a campaign rally
        "Trump said during a Friday evening rally in Michigan that Clinton once praised the deal.",
        "Clinton attacked Trump over his taxes at the debate in Hempstead on Monday.",  # a debate
        "Democrats blasted the committee in Washington on Friday for failing to act.",  # a figure of speech
        "Hackers attacked the party's servers in Washington last week.",  # a hack
        "The group threatened to attack the embassy in Nairobi on Friday.",  # a threat
        "The plan is the main tool to meet the emissions reduction target pledged in Paris.",
        "Patriot sold the troubled Federal mine to Mr. Clarke in West Virginia on Monday.",
        "Loretta Lynch said in Washington on Monday that the department would respond.",  # a name, not a lynching
        "Thousands of shootings happened in Chicago, but not every shooting resulted in a homicide.",  # statistics
        "Lynch said in Washington on Monday that the department would respond.",  # a name at the start
        "In the early '80s, Lynch worked at a law firm in Charlotte, where the client directed questions to a colleague.",
        # armed men mentioned, not taking part: a figure of speech
        "The ad released in Ohio on Monday shows remarks disparaging toward the military, including an attack on Sen. John McCain.",
        "The law requires police in Virginia to report when someone dies in custody or during an arrest.",  # what happens in general
        "Trump told the crowd in Ohio on Monday of the snake's taunt of the dying woman.",  # a state, not an event
        "In Yemen, a coalition is implicated in the bombing of schools and hospitals.",  # an allegation
        "Russian military jets shot flares at Swedish planes near Copenhagen on Monday.",  # a thing fired, no victim
        "Police officers shot a video of the scene in Denver on Tuesday.",  # a thing filmed
        "North Korea fired two ballistic missiles into the sea on Monday.",  # a launch at no target: a test
        "The council condemned the missile launch by North Korea on Monday.",
        "Police in riot gear lined the street in Charlotte on Thursday.",  # a kind of gear, not a riot
        "The bomb squad searched the station in Boston on Monday.",  # a kind of squad
        "As the commission's evidence demonstrated in London on Monday, the pool of talent is shrinking.",  # a showing
        "The senator demonstrated her skill as a negotiator in Ohio on Monday.",  # something shown
        "Obamacare is dying in Arizona, Trump said on Monday.",  # the death of a thing
        "The trade deal is dead in Ohio, Trump said on Monday.",
        "Trump said in Ohio on Monday that the rigged system is killing jobs.",  # a thing killed
        "Clinton said in Ohio on Monday that the plan kills the middle class.",
        "Trump's comments exploded on social media on Monday.",  # nothing physical exploded
        "Pence and Kaine clashed over taxes in Farmville on Tuesday.",  # people by name who clash argue
        "The two candidates clashed in St. Louis on Sunday.",
    ],
)
def test_non_violent_senses_make_no_incident(nlp, text):
    assert _types(nlp, text) == []


def test_armed_men_inside_the_event_phrase_take_part(nlp):
    text = "One Pakistani civilian killed, another injured in shooting between Indian, Pakistani troops"
    (incident,) = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert incident.location.admin1 == "Azad Kashmir"  # the contested border the shooting implies


@pytest.mark.parametrize(
    "text, types",
    [
        ("New deadly violence erupts in Guinea", ["killing"]),  # "deadly": people died, though uncounted
        ("Two fatal attacks hit northern Chad", ["attack"]),
        ("Violence erupts in Guinea", []),  # violence of words or of arms: nothing says which
    ],
)
def test_a_lethal_modifier_makes_an_event_physical(nlp, text, types):
    assert _types(nlp, text) == types
