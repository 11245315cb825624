"""The ``publish``, ``mail`` and ``daily`` subcommands: argparse registration and dispatch.

``cli.py`` calls ``add_commands(subparsers, common)`` while building its parser
and hands parsed arguments for these commands to ``run(args)``. Settings come
from briefgen.toml (``--config FILE``, else ./briefgen.toml when present) with
command-line flags on top; SMTP credentials only from the environment.
Exit codes: 0 done; 1 the brief was built from only some inputs; 2 usage error
or failure, with one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..config import FORMATS, Settings, parse_formats
from ..config_file import ConfigError, find_config
from ..messages import report_rejections
from ..nlp import ModelNotFound
from .mail import MailError, build_message, send, write_eml
from .site import PublishError, SiteOptions, publish

COMMANDS = ("publish", "mail", "daily")
USER_ENV, PASSWORD_ENV = "BRIEFGEN_SMTP_USER", "BRIEFGEN_SMTP_PASSWORD"
DIGEST_NAME = "digest.eml"
PUBLISH_FORMATS = ("md", "json")  # what a site page is made from
MAIL_FORMATS = ("md", "html")  # the digest's two parts


class UsageError(Exception):
    """A missing or contradictory setting."""


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="settings file (default ./briefgen.toml when present)")


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, help="the site's folder (or site.dir in briefgen.toml)")
    parser.add_argument("--base-url", help="the site's public URL, for absolute links in the Atom feed")
    parser.add_argument("--site-title", help="the site's name (default: Briefs)")


def _add_mail_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", action="append", metavar="ADDR", help="recipient (repeatable)")
    parser.add_argument("--from", dest="sender", metavar="ADDR", help="sender address")
    parser.add_argument("--subject", metavar="TEXT", help="subject (default: the brief's title)")
    parser.add_argument("--smtp", metavar="HOST:PORT", help="send through this SMTP server (else only the .eml is written); "
                        f"login from ${USER_ENV} and ${PASSWORD_ENV}")
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls", help="upgrade the connection with STARTTLS")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl", help="connect over TLS (SMTPS)")
    parser.add_argument("--attach-pdf", action=argparse.BooleanOptionalAction, help="attach brief.pdf")
    parser.add_argument("--eml", type=Path, metavar="FILE", help=f"where to save the message (default OUT_DIR/{DIGEST_NAME})")


def add_commands(subparsers, common_parent: argparse.ArgumentParser) -> None:
    """Register ``publish``, ``mail`` and ``daily`` on the CLI's subparsers."""

    publish_parser = subparsers.add_parser("publish", help="add a built brief to a static site")
    publish_parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder of a build (brief.json, brief.md, ...)")
    _add_site_options(publish_parser)
    publish_parser.add_argument("--templates", type=Path, help="folder of templates overriding the built-in theme")
    _add_config(publish_parser)

    mail_parser = subparsers.add_parser("mail", help="e-mail a built brief (or save it as .eml)")
    mail_parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder of a build (brief.md, brief.html, ...)")
    _add_mail_options(mail_parser)
    _add_config(mail_parser)

    daily = subparsers.add_parser("daily", parents=[common_parent], help="build a brief, publish it and optionally mail it")
    daily.add_argument("--out", type=Path, help="build folder (default out/)")
    daily.add_argument("--format", type=parse_formats, help="comma-separated subset of md,html,pdf,json (md,json always)")
    daily.add_argument("--title", help="the brief's title")
    daily.add_argument("--templates", type=Path, help="folder of templates overriding the built-in theme")
    _add_site_options(daily)
    daily.add_argument("--mail", action="store_true", help="also e-mail the digest")
    _add_mail_options(daily)
    _add_config(daily)


def _merged(args: argparse.Namespace) -> dict:
    """briefgen.toml's settings with the flags given on the command line on top."""
    settings = find_config(getattr(args, "config", None))
    settings.update({key: value for key, value in vars(args).items() if value is not None})
    return settings


def _site_options(settings: dict) -> SiteOptions:
    return SiteOptions(title=settings.get("site_title") or SiteOptions.title, base_url=settings.get("base_url"),
                       organisation=settings.get("organisation"), classification=settings.get("classification"),
                       templates_dir=settings.get("templates"))


def _publish(out_dir: Path, settings: dict) -> None:
    if not settings.get("site"):
        raise UsageError("no site folder: give --site DIR (or site.dir in briefgen.toml)")
    print(publish(out_dir, settings["site"], _site_options(settings)))


def _credentials() -> tuple[str, str] | None:
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user:
        return None
    if password is None:
        raise UsageError(f"${USER_ENV} is set but ${PASSWORD_ENV} is not")
    return user, password


def _mail(out_dir: Path, settings: dict) -> None:
    """Save the digest, then send it when an SMTP server is set; the saved copy survives a failed send."""
    message = build_message(out_dir, to=settings.get("to") or (), sender=settings.get("sender"),
                            subject=settings.get("subject"), attach_pdf=bool(settings.get("attach_pdf")))
    eml = write_eml(message, settings.get("eml") or Path(out_dir) / DIGEST_NAME)
    print(eml)
    if not settings.get("smtp"):
        return
    try:
        recipients = send(message, settings["smtp"], settings.get("security") or "none", _credentials())
    except (MailError, UsageError) as error:
        raise MailError(f"{error}; the digest is kept in {eml}") from None
    print(f"sent to {', '.join(recipients)}")


def _build(args: argparse.Namespace, settings: dict) -> int | None:
    """Build the brief like ``briefgen build``; the exit code so far, or None when nothing was built."""
    from ..pipeline import build_and_write, read_articles

    needed = PUBLISH_FORMATS + (MAIL_FORMATS if settings.get("mail") else ())
    chosen = set(settings.get("format") or FORMATS) | set(needed)
    build_settings = Settings(
        out_dir=settings.get("out") or Path("out"), formats=tuple(f for f in FORMATS if f in chosen),
        date=args.date, title=settings.get("title"), templates_dir=settings.get("templates"), model=args.model,
        gazetteers=tuple(args.gazetteer), max_bytes=args.max_bytes, quiet=args.quiet, summary_sentences=args.summary_sentences,
        organisation=settings.get("organisation"), classification=settings.get("classification"),
    )
    articles, rejected = read_articles(args.inputs, build_settings, stdin=sys.stdin.buffer)
    brief, paths = build_and_write(articles, rejected, build_settings) if articles else (None, [])
    if brief is None or not brief.articles:
        report_rejections(brief.rejected if brief else rejected)
        print("briefgen: no usable article in the inputs; nothing built or published", file=sys.stderr)
        return None
    for path in paths:
        print(path)
    report_rejections(brief.rejected)
    return 1 if brief.rejected else 0


def _run(args: argparse.Namespace) -> int:
    settings = _merged(args)
    if args.command == "publish":
        _publish(args.out_dir, settings)
        return 0
    if args.command == "mail":
        _mail(args.out_dir, settings)
        return 0
    if not settings.get("site"):  # checked before the (slow) build
        raise UsageError("no site folder: give --site DIR (or site.dir in briefgen.toml)")
    code = _build(args, settings)
    if code is None:
        return 2
    out_dir = settings.get("out") or Path("out")
    _publish(out_dir, settings)
    if settings.get("mail"):
        _mail(out_dir, settings)
    return code


def run(args: argparse.Namespace) -> int:
    """Run a ``publish``, ``mail`` or ``daily`` command; the exit code (errors are one line on stderr)."""
    try:
        return _run(args)
    except (ConfigError, PublishError, MailError, UsageError, ModelNotFound) as error:
        print(f"briefgen: {error}", file=sys.stderr)
    except OSError as error:
        print(f"briefgen: {args.command} failed: {error}", file=sys.stderr)
    return 2
