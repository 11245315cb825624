"""A plain file's publisher from the user's [publishers] table: the outlet its file name or folder names."""

from __future__ import annotations

import json

import pytest

from briefgen.cli import main
from briefgen.config_file import ConfigError, load_config
from briefgen.ingest import read_inputs

BODY = "Flood waters rose across the Riverton valley on Tuesday, officials said.\n\nThe district agency opened three relief camps."
TABLE = {"nyt": "The New York Times", "wash-post": "The Washington Post", "dawn": "Dawn"}


@pytest.mark.parametrize(("relative", "content", "publisher"), [
    ("nyt_2016-09-19_floods.txt", BODY, "The New York Times"),
    ("NYT_2016-09-19_floods.txt", BODY, "The New York Times"),  # case aside
    ("wash-post_2016-09-16_floods.md", BODY, "The Washington Post"),
    ("dawn/floods.txt", BODY, "Dawn"),  # the folder names the outlet
    ("dawn/2025/floods.txt", BODY, "Dawn"),  # the nearest folder the table knows
    ("nyt_2016-09-19_floods.md", f"---\npublisher: Reuters\n---\n{BODY}", "Reuters"),  # its own publisher wins
    ("guardian_2016-09-19_floods.txt", BODY, None),  # not in the table
    ("floods.txt", BODY, None),
])
def test_publisher_from_file_name_or_folder(tmp_path, relative, content, publisher):
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    (article,) = read_inputs([str(path)], publishers=TABLE)
    assert article.publisher == publisher


def test_a_feed_keeps_its_own_publisher_field(tmp_path):
    path = tmp_path / "nyt_export.jsonl"
    path.write_text(json.dumps({"title": "Floods", "text": BODY}) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)], publishers=TABLE)
    assert article.publisher is None  # only plain files are named by their file name


def test_the_table_comes_from_briefgen_toml(tmp_path, capsys):
    (tmp_path / "briefgen.toml").write_text('[publishers]\nnyt = "The New York Times"\n', encoding="utf-8")
    assert load_config(tmp_path / "briefgen.toml") == {"publishers": {"nyt": "The New York Times"}}
    article = tmp_path / "in" / "nyt_2016-09-19_floods.txt"
    article.parent.mkdir()
    article.write_text("Floods close the valley road\n\n" + BODY, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article.parent), "--config", str(tmp_path / "briefgen.toml"), "--out", str(out),
                 "--format", "json", "--date", "2016-09-20", "-q"]) == 0
    brief = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert [a["publisher"] for a in brief["articles"]] == ["The New York Times"]
    assert brief["articles"][0]["published"] == "2016-09-19"


@pytest.mark.parametrize("value", ["5", "''", "['a']"])
def test_a_publisher_must_be_a_name(tmp_path, value):
    (tmp_path / "briefgen.toml").write_text(f"[publishers]\nnyt = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="publishers.nyt must be a non-empty string"):
        load_config(tmp_path / "briefgen.toml")
