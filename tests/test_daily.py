"""``briefgen daily``: build + publish (+ mail), settings from briefgen.toml with flags on top."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import feedparser
import pytest

from briefgen import cli
from test_mail import smtp_server  # noqa: F401  (the loopback SMTP server fixture)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "articles" / "quetta-protest.txt"


def daily(*argv: str) -> int:
    return cli.main(["daily", *argv])


def test_daily_builds_publishes_and_mails(tmp_path, smtp_server, monkeypatch, capsys):  # noqa: F811
    mailbox, smtp = smtp_server
    monkeypatch.chdir(tmp_path)  # relative paths in the file are taken from the file's folder, not from here
    config = tmp_path / "conf" / "briefgen.toml"
    config.parent.mkdir()
    config.write_text(f"""
title = "Desk brief"
organisation = "Example Research Desk"
classification = "Unclassified // training"
formats = ["md", "json"]
out = "build"
[site]
dir = "public"
base_url = "https://briefs.example.org/"
[mail]
to = "overridden@example.org"
from = "briefs@example.org"
subject = "Brief du jour — Quetta"
smtp = "{smtp}"
""", encoding="utf-8")
    code = daily(str(ARTICLE), "--date", "2025-03-10", "--config", str(config), "--mail", "--to", "desk@example.org", "-q")
    assert code == 0, capsys.readouterr().err
    build, site = config.parent / "build", config.parent / "public"
    built = sorted(p.name for p in build.iterdir() if not p.name.startswith("."))
    assert built == ["brief.html", "brief.json", "brief.md", "digest.eml"]  # html added for the mail
    assert (site / "2025-03-10" / "index.html").is_file() and (site / "index.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Desk brief" in index and "Example Research Desk" in index and "Unclassified // training" in index
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries[0].link == "https://briefs.example.org/2025-03-10/index.html"
    (envelope,) = mailbox.received
    assert envelope.rcpt_tos == ["desk@example.org"]  # --to wins over the file
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == "Brief du jour — Quetta" and message["From"] == "briefs@example.org"
    assert not (tmp_path / "public").exists()


def test_daily_needs_a_site_before_building(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert daily(str(ARTICLE), "--out", str(tmp_path / "out")) == 2
    assert capsys.readouterr().err == "briefgen: no site folder: give --site DIR (or site.dir in briefgen.toml)\n"
    assert not (tmp_path / "out").exists()


def test_daily_with_a_bad_config_is_one_line(tmp_path, capsys):
    config = tmp_path / "briefgen.toml"
    config.write_text("[mail]\nsecurity = 'tls'\n")
    assert daily(str(ARTICLE), "--site", str(tmp_path / "site"), "--config", str(config)) == 2
    assert capsys.readouterr().err == f"briefgen: {config}: mail.security must be one of starttls, ssl, none\n"


def test_daily_with_nothing_usable_publishes_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    site = tmp_path / "site"
    assert daily(str(empty), "--site", str(site), "--out", str(tmp_path / "out"), "-q") == 2
    error = capsys.readouterr().err
    assert "rejected" in error and "nothing built or published" in error
    assert not site.exists()


def test_daily_mail_failure_keeps_the_site_and_the_eml(tmp_path, smtp_server, capsys):  # noqa: F811
    mailbox, smtp = smtp_server
    mailbox.refuse.add("nobody@example.org")
    out, site = tmp_path / "out", tmp_path / "site"
    code = daily(str(ARTICLE), "--date", "2025-03-11", "--out", str(out), "--site", str(site), "--format", "md,json",
                 "--mail", "--to", "nobody@example.org", "--smtp", smtp, "-q")
    assert code == 2
    assert (site / "2025-03-11" / "brief.json").is_file() and (out / "digest.eml").is_file()
    assert capsys.readouterr().err.endswith(f"nothing was sent; the digest is kept in {out / 'digest.eml'}\n")


def test_security_flags_exclude_each_other(capsys):
    with pytest.raises(SystemExit):
        cli.main(["daily", "x", "--starttls", "--ssl"])
    assert "not allowed with" in capsys.readouterr().err
