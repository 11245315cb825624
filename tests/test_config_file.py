"""briefgen.toml: valid files become flat settings; every mistake is a one-line ConfigError."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config_file import ConfigError, find_config, load_config

FULL = """
title = "Morning brief"
organisation = "Example Research Desk"
classification = "Unclassified // training"
formats = ["md", "html", "json"]
out = "build"
templates = "~/theme"

[site]
dir = "public"
base_url = "https://briefs.example.org/"
title = "Desk briefs"

[mail]
to = ["desk@example.org", "Zoë <zoe@example.org>"]
from = "briefs@example.org"
subject = "Today's brief"
smtp = "smtp.example.org:587"
security = "starttls"
attach_pdf = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefgen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file(tmp_path):
    settings = load_config(write(tmp_path, FULL))
    assert settings == {
        "title": "Morning brief", "organisation": "Example Research Desk", "classification": "Unclassified // training",
        "format": ("md", "html", "json"), "out": tmp_path / "build", "templates": Path("~/theme").expanduser(),
        "site": tmp_path / "public", "base_url": "https://briefs.example.org/", "site_title": "Desk briefs",
        "to": ["desk@example.org", "Zoë <zoe@example.org>"], "sender": "briefs@example.org", "subject": "Today's brief",
        "smtp": "smtp.example.org:587", "security": "starttls", "attach_pdf": True,
    }


@pytest.mark.parametrize("text, expected", [
    ("", {}),
    ('formats = "md, json"', {"format": ("md", "json")}),
    ('[mail]\nto = "desk@example.org"', {"to": ["desk@example.org"]}),
    ('[site]\ndir = "/srv/briefs"', {"site": Path("/srv/briefs")}),
    ("[mail]\ndeadline = 30", {"deadline": 30.0}),
    ("[mail]\ndeadline = 2.5", {"deadline": 2.5}),
])
def test_short_forms(tmp_path, text, expected):
    assert load_config(write(tmp_path, text)) == expected


@pytest.mark.parametrize("text, message", [
    ("titel = 'x'", "unknown setting 'titel'"),
    ("[mail]\npassword = 'x'", "unknown setting 'mail.password'"),
    ("title = 3", "title must be a string"),
    ("[mail]\nattach_pdf = 'yes'", "mail.attach_pdf must be a boolean"),
    ("[mail]\nattach_pdf = 1", "mail.attach_pdf must be a boolean"),
    ("[mail]\nsecurity = 'tls'", "mail.security must be one of starttls, ssl, none"),
    ("[mail]\nto = ['not an address']", "mail.to must be an e-mail address"),
    ("[mail]\nto = []", "mail.to must be an e-mail address"),
    ("formats = ['md', 'docx']", "formats must be a list of md, html, pdf, json"),
    ("site = 'public'", "site must be a table"),
    ("[site]\ndir = ''", "site.dir must be a non-empty string"),
    ("title = ", "not valid TOML"),
    ("[mail]\ndeadline = 0", "mail.deadline must be a number of seconds above 0"),
    ("[mail]\ndeadline = -5", "mail.deadline must be a number of seconds above 0"),
    ("[mail]\ndeadline = inf", "mail.deadline must be a number of seconds above 0"),
    ("[mail]\ndeadline = true", "mail.deadline must be a number of seconds above 0"),
    ("[mail]\ndeadline = '30'", "mail.deadline must be a number of seconds above 0"),
])
def test_mistakes_are_one_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value) and str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.toml")


def test_default_file_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config(None) == {}
    write(tmp_path, 'title = "Here"')
    assert find_config(None) == {"title": "Here"}
    other = tmp_path / "other.toml"
    other.write_text('title = "There"')
    assert find_config(other) == {"title": "There"}
