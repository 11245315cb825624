"""The ``publish``, ``mail`` and ``daily`` commands as library functions.

``cli.py`` parses the arguments and reads briefgen.toml; these functions take
its options (briefgen.toml's settings with the flags on top, one flat dict keyed
by option name, see ``config_file``) and, for ``daily``, the build's ``Settings``.
They do the work and return what they made; the CLI prints it. SMTP credentials
come only from the environment. ``daily`` first fetches ``[sources] feeds`` into
its first input folder (``fetch_folder``) when briefgen.toml names any.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import FORMATS, Settings
from ..errors import UsageError
from ..model import Article, Brief, Rejection
from .mail import DEADLINE, MailError, build_message, send, write_eml
from .site import SiteOptions, publish

USER_ENV, PASSWORD_ENV = "BRIEFGEN_SMTP_USER", "BRIEFGEN_SMTP_PASSWORD"
DIGEST_NAME = "digest.eml"
PUBLISH_FORMATS = ("md", "json")  # what a site page is made from
MAIL_FORMATS = ("md", "html")  # the digest's two parts


@dataclass
class Mailed:
    """The saved digest, and whom it was sent to (nobody when no SMTP server is set)."""

    eml: Path
    recipients: list[str]


@dataclass
class Daily:
    """What ``daily`` made: the brief and its files, then (when the brief has articles) its site page and the mail."""

    brief: Brief
    written: list[Path]
    page: Path | None = None
    mailed: Mailed | None = None


def _site(options: Mapping) -> Path:
    if not options.get("site"):
        raise UsageError("no site folder: give --site DIR (or site.dir in briefgen.toml)")
    return Path(options["site"])


def publish_brief(out_dir: Path, options: Mapping) -> Path:
    """Add the brief built in ``out_dir`` to the site ``options["site"]``; its page."""
    site_options = SiteOptions(title=options.get("site_title") or SiteOptions.title, base_url=options.get("base_url"),
                               organisation=options.get("organisation"), classification=options.get("classification"),
                               templates_dir=options.get("templates"))
    return publish(out_dir, _site(options), site_options)


def _credentials() -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user:
        return None
    if password is None:
        raise UsageError(f"${USER_ENV} is set but ${PASSWORD_ENV} is not")
    return user, password


def mail_brief(out_dir: Path, options: Mapping) -> Mailed:
    """Save the digest of the brief in ``out_dir``, then send it when an SMTP server is set; the saved copy survives a failed send."""
    message = build_message(out_dir, to=options.get("to") or (), sender=options.get("sender"),
                            subject=options.get("subject"), attach_pdf=bool(options.get("attach_pdf")), base_url=options.get("base_url"))
    eml = write_eml(message, options.get("eml") or Path(out_dir) / DIGEST_NAME)
    if not options.get("smtp"):
        return Mailed(eml, [])
    try:
        recipients = send(message, options["smtp"], options.get("security") or "none", _credentials(),
                          deadline=options.get("deadline") or DEADLINE)
    except (MailError, UsageError) as error:
        raise MailError(f"{error}; the digest is kept in {eml}") from None
    return Mailed(eml, list(recipients))


def daily_settings(settings: Settings, options: Mapping) -> Settings:
    """The build settings of a ``daily`` run: the formats asked for plus those the site (and the mail) are made from.

    Raises UsageError when no site is set: checked before anything is read or built.
    """
    _site(options)
    chosen = set(settings.formats) | set(PUBLISH_FORMATS) | set(MAIL_FORMATS if options.get("mail") else ())
    return dataclasses.replace(settings, formats=tuple(f for f in FORMATS if f in chosen))


def fetch_folder(inputs: Sequence[str]) -> Path:
    """Where ``daily`` saves what it fetches: its first input, a folder (made when missing). UsageError for a file or stdin."""
    folder = Path(inputs[0])
    if inputs[0] == "-" or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"[sources] feeds are fetched into the first input, which must be a folder; got {inputs[0]}")
    return folder


def daily(
    articles: Sequence[Article], rejected: Sequence[Rejection], settings: Settings, options: Mapping,
    previous: dict | None = None, progress=None,
) -> Daily:
    """Build the brief (``settings`` from ``daily_settings``), publish it, and mail it when ``options["mail"]``.

    Nothing is published or mailed when no article survives the analysis.
    """
    from ..pipeline import build_and_write

    brief, written = build_and_write(articles, rejected, settings, progress, previous)
    made = Daily(brief, written)
    if brief.articles:
        made.page = publish_brief(settings.out_dir, options)
        if options.get("mail"):
            made.mailed = mail_brief(settings.out_dir, options)
    return made
