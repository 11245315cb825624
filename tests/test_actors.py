"""Actors: gazetteer corrections, abbreviation linking, person-name merging."""

from __future__ import annotations

import pytest

from briefgen.extract.abbreviations import find_abbreviations
from briefgen.extract.actors import extract_actors
from briefgen.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("The banned Tehreek-e-Taliban Pakistan (TTP) claimed it.", "TTP", "Tehreek-e-Taliban Pakistan"),
        ("According to Inter-Services Public Relations (ISPR), two died.", "ISPR", "Inter-Services Public Relations"),
        ("The Sindh Freedom Front (SFF) denied any role.", "SFF", "Sindh Freedom Front"),
        ("Officials of the World Health Organization (WHO) arrived.", "WHO", "World Health Organization"),
    ],
)
def test_abbreviation_definitions(nlp, text, short, long):
    found = {(a.short.text, a.long.text) for a in find_abbreviations(nlp(text))}
    assert (short, long) in found


@pytest.mark.parametrize("text", ["He was born in 1990 (aged 34).", "The rate rose (sharply) in May.", "Unbalanced ( parenthesis TTP"])
def test_no_false_abbreviations(nlp, text):
    assert list(find_abbreviations(nlp(text))) == []


def _actors(nlp, text):
    return {a.name: a for a in extract_actors(nlp(text), load_gazetteer())}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Daesh claimed the bombing in Kabul.", "Daesh", "armed_group"),
        ("Fighters loyal to ISIS attacked the town.", "Daesh", "armed_group"),
        ("The Afghan Taliban denied the report.", "Taliban", "armed_group"),
        ("The ISPR said troops responded.", "Inter-Services Public Relations", "agency"),
        ("Reuters reported the blast first.", "Reuters", "media"),
        ("Officials in the US and Pakistan met in Islamabad.", "United States", "state"),
        ("Interior Minister Mohsin Naqvi visited the site.", "Mohsin Naqvi", "person"),
    ],
)
def test_actor_kinds(nlp, text, name, kind):
    actors = _actors(nlp, text)
    assert name in actors, actors.keys()
    assert actors[name].kind == kind


def test_aliases_merge_into_one_actor(nlp):
    actors = _actors(nlp, "The Baloch Liberation Army (BLA) claimed the attack. Police blamed the BLA for two earlier blasts.")
    assert actors["Baloch Liberation Army"].aliases == ["BLA"]
    assert actors["Baloch Liberation Army"].mentions == 3


def test_surname_folds_into_full_name(nlp):
    actors = _actors(nlp, "Interior Minister Mohsin Naqvi visited Quetta. Naqvi said the attackers would be caught.")
    assert actors["Mohsin Naqvi"].mentions == 2
    assert "Naqvi" not in actors


@pytest.mark.parametrize(
    "text, full, short",
    [
        # a surname written with its particle capitalized, or with another apostrophe, is the same person
        ("Mayor Bill de Blasio spoke in Chelsea. De Blasio said the blast was intentional.", "Bill de Blasio", "De Blasio"),
        ("Commissioner James O’Neill arrived at noon. O'Neill said the cause was unknown.", "James O’Neill", "O'Neill"),
        ("Osama bin Laden was killed in 2011. Bin Laden had hidden in Abbottabad.", "Osama bin Laden", "Bin Laden"),
        # a hyphenated surname stays one word
        ("Douglas Holtz-Eakin leads the forum. Holtz-Eakin said the plan costs more.", "Douglas Holtz-Eakin", "Holtz-Eakin"),
    ],
)
def test_a_surname_folds_whatever_its_particle_case_or_apostrophe(nlp, text, full, short):
    actors = _actors(nlp, text)
    assert short in actors[full].aliases and short not in actors


def test_provinces_are_places_not_actors(nlp):
    actors = _actors(nlp, "Two soldiers died in Khyber-Pakhtunkhwa’s North Waziristan district.")
    assert not any("Khyber" in name or "Waziristan" in name for name in actors)


def test_evidence_points_at_mentions(nlp):
    doc = nlp("Daesh took responsibility. Officials blamed Daesh again.")
    daesh = _actors(nlp, doc.text)["Daesh"]
    assert [doc.text[e.start : e.end] for e in daesh.evidence] == ["Daesh", "Daesh"]
    assert [e.sentence for e in daesh.evidence] == [0, 1]


@pytest.mark.parametrize(
    ("text", "name", "kind", "not_names"),
    [
        # a mention ending in a connector runs on into the next entity
        ("Protesters looped the streets around Bank of America Stadium on Sunday.", "Bank of America", "organization", {"Bank of", "Bank", "America"}),
        # trailing words and marks the model ran on are no part of the name
        (
            "The Charlotte Panthers played the Minnesota Vikings - while fans chanted outside.",
            "Minnesota Vikings",
            "organization",
            {"Minnesota Vikings - while"},
        ),
        ("Hillary Clinton suggested that Donald Trump ''doesn't want the American people to know.''", "Donald Trump", "person", {"Donald Trump ''"}),
        # a bare surname tagged ORG is the person named in full in the same article
        ("Trump said on Monday that the rally went well. Donald Trump then left for Ohio.", "Donald Trump", "person", {"Trump"}),
    ],
)
def test_names_are_whole_and_typed_by_their_person(nlp, text, name, kind, not_names):
    actors = _actors(nlp, text)
    assert name in actors, actors.keys()
    assert actors[name].kind == kind
    assert not not_names & actors.keys()
