"""The gazetteer: known actors and places, read from the package data files.

``data/actors.json`` (armed groups, agencies, media, institutions),
``data/places.json`` (provinces, districts, cities with their admin parents)
and ``data/country_aliases.json`` plus pycountry (countries) are merged into one
``Gazetteer``. Users extend it with files of the same shape (``--gazetteer``).
The NLP loader turns it into entity-ruler patterns; extractors use it to look
names up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

from .errors import BriefgenError

# The JSON contract's kinds (../shared/DESIGN.md) a gazetteer entry may have.
KINDS_OF_ACTOR = ("person", "organization", "armed_group", "state", "agency", "media", "group_of_people")
KINDS_OF_SOURCE = ("named_person", "official", "anonymous", "media", "institution", "document")
KINDS_OF_PLACE = ("country", "province", "district", "city", "region")

# Written forms that are case-sensitive abbreviations ("TTP", "U.S.") rather than names.
_ABBREVIATION = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,3}[A-Z]?\.?$|^[A-Z0-9-]{2,7}$")


def is_abbreviation(form: str) -> bool:
    """True for forms matched case-sensitively: "TTP", "IS-K", "U.S.", "JuA"."""
    return bool(_ABBREVIATION.match(form)) or (sum(c.isupper() for c in form) >= 2 and " " not in form and len(form) <= 6)


def normalize(name: str) -> str:
    """The lookup key of a name: case-folded, accents and punctuation-insensitive."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"[\s\-‐–]+", " ", text).strip(" .")


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    source_kind: str | None = None


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    kind: str  # country | province | district | city | region
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    aliases: tuple[str, ...] = ()


# Compared and hashed by identity: tables derived from a gazetteer are cached per gazetteer.
@dataclass(eq=False)
class Gazetteer:
    actors: list[ActorEntry] = field(default_factory=list)
    places: list[PlaceEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._actors: dict[str, ActorEntry] = {}
        self._places: dict[str, list[PlaceEntry]] = {}
        for actor in self.actors:
            for form in (actor.name, *actor.aliases):
                self._actors.setdefault(self._key(form), actor)
        for place in self.places:
            for form in (place.name, *place.aliases):
                bucket = self._places.setdefault(self._key(form), [])
                if place not in bucket:
                    bucket.append(place)

    @staticmethod
    def _key(form: str) -> str:
        # Abbreviations keep their case so "US" (the country) is not "us".
        return form.replace(".", "") if is_abbreviation(form) else normalize(form)

    def actor(self, name: str) -> ActorEntry | None:
        """The actor a written form names, if the gazetteer knows it."""
        return self._actors.get(self._key(name)) or self._actors.get(normalize(name))

    def places_named(self, name: str) -> list[PlaceEntry]:
        """Every place a written form may name (several when ambiguous)."""
        return self._places.get(self._key(name)) or self._places.get(normalize(name), [])

    def country(self, name: str) -> PlaceEntry | None:
        return next((p for p in self.places_named(name) if p.kind == "country"), None)


class GazetteerError(BriefgenError):
    """A gazetteer file that cannot be used; the message names the file and the entry."""


def _read_json(path: Path | resources.abc.Traversable) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer file {path} not found") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise GazetteerError(f"cannot read gazetteer file {path}: {error}") from None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _checked_entries(data: object, section: str, kinds: Iterable[str], optional: dict[str, Iterable[str] | None],
                     path: object) -> list[dict]:
    """The entries of ``data[section]``, each an object with a name, a known kind and well-typed optional fields.

    ``optional`` maps a field to its allowed values (None: any string; "aliases" is a list of strings).
    """
    if not isinstance(data, dict):
        raise GazetteerError(f"gazetteer file {path} is not a JSON object with \"actors\" and/or \"places\"")
    entries = data.get(section, [])
    if not isinstance(entries, list):
        raise GazetteerError(f"gazetteer file {path}: {section!r} must be a list")
    allowed = set(kinds)
    for number, entry in enumerate(entries, 1):
        where = f"gazetteer file {path}: {section} entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise GazetteerError(f"{where} needs a \"name\"")
        if entry.get("kind") not in allowed:
            raise GazetteerError(f"{where} ({entry['name']!r}): kind must be one of {', '.join(sorted(allowed))}")
        if "aliases" in entry and not _strings(entry["aliases"]):
            raise GazetteerError(f"{where} ({entry['name']!r}): aliases must be a list of names")
        for key, values in optional.items():
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or (values is not None and value not in values)):
                expected = "a name" if values is None else "one of " + ", ".join(values)
                raise GazetteerError(f"{where} ({entry['name']!r}): {key} must be {expected}")
    return entries


def _country_entries(aliases: dict[str, list[str]]) -> Iterable[PlaceEntry]:
    seen: set[str] = set()
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        common = getattr(country, "common_name", None)
        name = common or country.name
        # pycountry's "Iran, Islamic Republic of" style names get their short form.
        if "," in name:
            name = name.split(",")[0]
        forms = {country.name, name} | ({official} if official else set())
        for canonical, extra in aliases.items():
            if canonical in forms or any(e in forms for e in extra):
                name = canonical
                forms |= set(extra) | {canonical}
        seen.add(name)
        yield PlaceEntry(name=name, kind="country", country=name, aliases=tuple(sorted(forms - {name})))
    for canonical, extra in aliases.items():
        if canonical not in seen:
            yield PlaceEntry(name=canonical, kind="country", country=canonical, aliases=tuple(extra))


def read_gazetteer_file(path: Path | resources.abc.Traversable) -> tuple[list[ActorEntry], list[PlaceEntry]]:
    """Actors and places from one file of the data/actors.json or data/places.json shape.

    Raises GazetteerError, in one line naming the file and the entry, for a file that is missing, not JSON
    or not of that shape (an entry without a name, of an unknown kind, with aliases that are not names).
    """
    data = _read_json(path)
    actors = [
        ActorEntry(a["name"], a["kind"], tuple(a.get("aliases", ())), a.get("source_kind"))
        for a in _checked_entries(data, "actors", KINDS_OF_ACTOR, {"source_kind": KINDS_OF_SOURCE}, path)
    ]
    places = [
        PlaceEntry(
            p["name"], p["kind"], p.get("country"), p.get("admin1"), p.get("admin2"), tuple(p.get("aliases", ()))
        )
        for p in _checked_entries(data, "places", KINDS_OF_PLACE, {"country": None, "admin1": None, "admin2": None}, path)
    ]
    return actors, places


@lru_cache(maxsize=8)
def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The built-in gazetteer, with the user's files read after it (their entries win)."""
    data = resources.files("briefgen") / "data"
    actors, places = read_gazetteer_file(data / "actors.json")
    more_actors, more_places = read_gazetteer_file(data / "places.json")
    actors += more_actors
    places += more_places
    aliases = _read_json(data / "country_aliases.json")
    assert isinstance(aliases, dict)  # package data, checked by the tests
    places += _country_entries(aliases["aliases"])
    for extra in extra_files:
        user_actors, user_places = read_gazetteer_file(Path(extra))
        actors = user_actors + actors
        places = user_places + places
    return Gazetteer(actors=actors, places=places)
