"""briefgen.toml: the settings of a scheduled brief (``briefgen daily``), read with tomllib.

The file is flat at the top (the brief) with a ``[site]``, a ``[mail]`` and a ``[sources]``
(the feeds and pages ``daily`` fetches first) table;
``load_config`` validates it and returns one flat dict whose keys are the
command-line option names, so command-line flags can be laid on top of it.
Relative paths are taken from the file's own folder, so a cron job can run
from anywhere. Passwords never belong here: see ``publish.mail``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .config import FORMATS, PDF_VARIANTS
from .errors import BriefgenError

DEFAULT_CONFIG = Path("briefgen.toml")
SECURITY = ("starttls", "ssl", "none")

# (table, key) -> (flat key, expected type); "path", "addresses", "urls", "formats", "pdf_variant" and "seconds" are checked specially.
_SCHEMA = {
    (None, "title"): ("title", str),
    (None, "organisation"): ("organisation", str),
    (None, "classification"): ("classification", str),
    (None, "formats"): ("format", "formats"),
    (None, "pdf_variant"): ("pdf_variant", "pdf_variant"),
    (None, "out"): ("out", "path"),
    (None, "templates"): ("templates", "path"),
    (None, "article_seconds"): ("article_seconds", "seconds"),
    (None, "worker_memory_mb"): ("worker_memory_mb", int),
    ("site", "dir"): ("site", "path"),
    ("site", "base_url"): ("base_url", str),
    ("site", "title"): ("site_title", str),
    ("mail", "to"): ("to", "addresses"),
    ("mail", "from"): ("sender", str),
    ("mail", "subject"): ("subject", str),
    ("mail", "smtp"): ("smtp", str),
    ("mail", "security"): ("security", str),
    ("mail", "attach_pdf"): ("attach_pdf", bool),
    ("mail", "deadline"): ("deadline", "seconds"),
    ("sources", "feeds"): ("feeds", "urls"),
    ("sources", "seen"): ("seen", "path"),
    ("sources", "timeout"): ("timeout", "seconds"),
    ("sources", "delay"): ("delay", "seconds"),
    ("sources", "allow_private"): ("allow_private", bool),
}
# [publishers]: any key (an outlet's name as file names or folders write it) -> the publisher's name.
MAPPING_TABLES = {"publishers": "publishers"}
_TABLES = {table for table, _ in _SCHEMA if table} | set(MAPPING_TABLES)
MAX_SECONDS = 86_400  # a time limit longer than a day is no limit
_TYPE_NAMES = {bool: "boolean", str: "string", int: "whole number"}


def is_seconds(value: object) -> bool:
    """Whether ``value`` is a usable time limit: a number (not a boolean) above 0 and at most MAX_SECONDS."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= MAX_SECONDS


class ConfigError(BriefgenError):
    """A briefgen.toml that cannot be used; the message is one line naming the file."""


def _value(name: str, value, kind, folder: Path):
    if kind == "path":
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty string (a path)")
        return folder / Path(value).expanduser()
    if kind == "addresses":
        addresses = [value] if isinstance(value, str) else value
        if not isinstance(addresses, list) or not addresses or not all(isinstance(a, str) and "@" in a for a in addresses):
            raise ValueError(f"{name} must be an e-mail address or a list of them")
        return list(addresses)
    if kind == "urls":
        urls = [value] if isinstance(value, str) else value
        if not isinstance(urls, list) or not all(isinstance(url, str) and url.strip() for url in urls):
            raise ValueError(f"{name} must be a URL or a list of URLs")
        return [url.strip() for url in urls]
    if kind == "formats":
        chosen = value.split(",") if isinstance(value, str) else value
        if not isinstance(chosen, list) or not chosen or not all(isinstance(f, str) and f.strip() in FORMATS for f in chosen):
            raise ValueError(f"{name} must be a list of {', '.join(FORMATS)}")
        return tuple(dict.fromkeys(f.strip() for f in chosen))
    if kind == "pdf_variant":
        if value not in PDF_VARIANTS:
            raise ValueError(f"{name} must be one of {', '.join(PDF_VARIANTS)}")
        return value
    # bool is an int in Python: check types exactly so `attach_pdf = 1` and `article_seconds = true` are refused.
    if kind == "seconds":
        if not is_seconds(value):
            raise ValueError(f"{name} must be a number of seconds above 0 and at most {MAX_SECONDS}")
        return float(value)
    if type(value) is not kind:
        raise ValueError(f"{name} must be a {_TYPE_NAMES[kind]}")
    return value


def _entries(data: dict):
    """((table, key), value) for every setting in the parsed file."""
    for key, value in data.items():
        if key in _TABLES:
            if not isinstance(value, dict):
                raise ValueError(f"{key} must be a table ([{key}])")
            yield from (((key, inner), inner_value) for inner, inner_value in value.items())
        else:
            yield (None, key), value


def load_config(path: Path | str) -> dict:
    """The validated settings of a briefgen.toml as a flat dict (only the keys the file sets).

    Raises ConfigError with a one-line message for a missing, unreadable or invalid file.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    settings: dict = {}
    try:
        for (table, key), value in _entries(data):
            name = f"{table}.{key}" if table else key
            if table in MAPPING_TABLES:
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f"{name} must be a non-empty string (the publisher's name)")
                settings.setdefault(MAPPING_TABLES[table], {})[key.lower()] = value.strip()
                continue
            if (table, key) not in _SCHEMA:
                raise ValueError(f"unknown setting {name!r}")
            flat, kind = _SCHEMA[(table, key)]
            settings[flat] = _value(name, value, kind, path.parent)
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None
    if settings.get("security", "none") not in SECURITY:
        raise ConfigError(f"{path}: mail.security must be one of {', '.join(SECURITY)}")
    return settings


def find_config(path: Path | str | None) -> dict:
    """The settings of ``path``, else of ./briefgen.toml when present, else none."""
    if path is not None:
        return load_config(path)
    return load_config(DEFAULT_CONFIG) if DEFAULT_CONFIG.is_file() else {}
