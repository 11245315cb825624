"""The gazetteer data is part of the product: every entry must be well formed and unambiguous."""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest

from briefgen.gazetteer import load_gazetteer, normalize
from briefgen.nlp import LABELS

ACTOR_KINDS = {"person", "organization", "armed_group", "state", "agency", "media", "group_of_people"}
SOURCE_KINDS = {"named_person", "official", "anonymous", "media", "institution", "document"}


def _data(name):
    return json.loads((resources.files("briefgen") / "data" / name).read_text(encoding="utf-8"))


def test_actor_entries_are_well_formed():
    for entry in _data("actors.json")["actors"]:
        assert entry["kind"] in ACTOR_KINDS and entry["kind"] in LABELS, entry
        assert entry.get("source_kind", "official") in SOURCE_KINDS, entry
        assert entry["name"] not in entry.get("aliases", []), entry


def test_no_written_form_names_two_actors():
    owners: dict[str, str] = {}
    for entry in _data("actors.json")["actors"]:
        for form in [entry["name"], *entry.get("aliases", [])]:
            key = normalize(form)
            assert owners.setdefault(key, entry["name"]) == entry["name"], f"{form!r} names {owners[key]} and {entry['name']}"


def _iso_subdivisions(country: str) -> set[str]:
    found = pycountry.countries.get(name=country) or pycountry.countries.get(common_name=country)
    return {normalize(s.name) for s in pycountry.subdivisions.get(country_code=found.alpha_2) or []} if found else set()


def test_place_entries_have_known_parents():
    gazetteer = load_gazetteer()
    for place in gazetteer.places:
        assert place.kind in LABELS
        if place.country:
            assert gazetteer.country(place.country), place
        if place.admin1:
            curated = any(p.kind in {"province", "region"} for p in gazetteer.places_named(place.admin1))
            assert curated or normalize(place.admin1) in _iso_subdivisions(place.country), place


@pytest.mark.parametrize(
    ("form", "name"),
    [("TTP", "Tehreek-e-Taliban Pakistan"), ("Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan"),
     ("ISIS", "Daesh"), ("the Islamic State", "Daesh"), ("ISPR", "Inter-Services Public Relations")],
)
def test_actor_lookup(form, name):
    assert load_gazetteer().actor(form).name == name


@pytest.mark.parametrize(("form", "name"), [("US", "United States"), ("U.S.", "United States"), ("Iran", "Iran"), ("Britain", "United Kingdom")])
def test_country_lookup(form, name):
    assert load_gazetteer().country(form).name == name


def test_lower_case_us_is_not_a_country():
    assert load_gazetteer().country("us") is None


def test_user_gazetteer_extends_and_wins(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"actors": [{"name": "Valley Defence Front", "kind": "armed_group", "aliases": ["VDF"]}]}))
    gazetteer = load_gazetteer((str(extra),))
    assert gazetteer.actor("VDF").name == "Valley Defence Front"
    assert gazetteer.actor("TTP").name == "Tehreek-e-Taliban Pakistan"
