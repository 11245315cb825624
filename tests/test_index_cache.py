"""The GeoNames index in the user's cache folder: read back while its data holds, built again when the data
changes or the file is corrupt, and never a reason to fail."""

from __future__ import annotations

import gzip

import pytest

from briefgen.extract import geonames
from briefgen.lexicons import lexicon
from briefgen.user_cache import cache_dir, cached_build, content_key

HEADER = "lat,lon,name,admin1,admin2,cc\n"
ALPHA = HEADER + "10.5,20.25,Qarlonville,Alpha Province,,PK\n"
BETA = HEADER + "11.5,21.25,Qarlonville,Beta Province,,PK\n"


@pytest.fixture
def small_index(monkeypatch, tmp_path):
    """geo_index over a one-town CSV given by ``use(text)``, cached under ``tmp_path``; counts the builds."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(geonames, "_large_cities_bytes", lambda: b"")
    monkeypatch.setattr(geonames, "_smaller_towns_bytes", lambda: gzip.compress(b"lat,lon,name,admin1,admin2,cc,population\n"))
    # the real admin1 aliases name areas this CSV lacks
    monkeypatch.setattr(geonames, "lexicon", lambda name: {"aliases": {}} if name == "admin1_aliases" else lexicon(name))
    builds: list[bytes] = []
    build = geonames._build_index

    def counted_build(towns: bytes, cities: bytes, smaller: bytes) -> geonames.GeoIndex:
        builds.append(towns)
        return build(towns, cities, smaller)

    monkeypatch.setattr(geonames, "_build_index", counted_build)

    def use(text: str) -> geonames.GeoIndex:
        monkeypatch.setattr(geonames, "_geonames_bytes", lambda: text.encode())
        geonames.geo_index.cache_clear()  # a new process
        return geonames.geo_index()

    yield use, builds
    geonames.geo_index.cache_clear()  # the next test reads the real index again


def _admin1(index: geonames.GeoIndex) -> list[str | None]:
    return [town.admin1 for town in index.towns("Qarlonville")]


def test_the_next_process_reads_the_index_instead_of_building_it(small_index):
    use, builds = small_index
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert len(builds) == 1
    (town,) = use(ALPHA).towns("qarlonville")
    assert (town.name, town.code, town.lat, town.lon, town.population) == ("Qarlonville", "PK", 10.5, 20.25, 0)
    assert use(ALPHA).area("PK", "Alpha") is not None


def test_changed_data_builds_the_index_again(small_index):
    use, builds = small_index
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert _admin1(use(BETA)) == ["Beta Province"]  # not the stale Alpha
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert len(builds) == 3


@pytest.mark.parametrize("content", [b"", b"garbage", b"not a key\n\x80\x05junk", None])
def test_a_corrupt_cache_file_is_built_again(small_index, content):
    use, builds = small_index
    use(ALPHA)
    (path,) = cache_dir().glob("*.pickle")
    key = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes((key + b"\n" + b"\x80\x05truncated") if content is None else content)  # None: right key, broken pickle
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert len(builds) == 2
    assert _admin1(use(ALPHA)) == ["Alpha Province"]
    assert len(builds) == 2  # the rebuilt file replaced the corrupt one


def test_an_unwritable_cache_folder_still_gives_the_value(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cached_build("numbers", content_key([b"1"]), lambda: [1, 2]) == [1, 2]
    assert cached_build("numbers", content_key([b"1"]), lambda: [3]) == [3]  # nothing was stored


def test_content_key_depends_on_where_parts_end():
    assert content_key([b"ab", b"c"]) != content_key([b"a", b"bc"])
    assert content_key([b"ab", b"c"]) == content_key([b"ab", b"c"])
