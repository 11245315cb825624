"""Readers for article records: .json (one object or a list of them) and .jsonl (one object a line).

A record has ``text`` (required; an HTML body is reduced to its text) and optionally ``id`` (kept unchanged),
``title``, ``url``, ``published``, ``publisher``, ``author``. A bad line of a
.jsonl file is rejected alone ("path:LINE") and the other lines are used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import Article, Rejection
from .article import build_article, one_entry, slug
from .errors import Unusable
from .html import body_text


def read_json(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    value = parse_json(text)
    if value == []:  # no record to accept or reject: the file itself is rejected, or it would vanish unreported
        raise Unusable("no records (an empty JSON list)")
    if isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield read_record(item, f"{source}:{number}", f"{slug(stem)}-{number}")
    else:
        yield read_record(value, source, slug(stem))


def read_jsonl(text: str, source: str, stem: str) -> Iterator[Article | Rejection]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            value = parse_json(line, line_number=number)
        except Unusable as error:
            yield Rejection(line_source, str(error))
            continue
        yield read_record(value, line_source, f"{slug(stem)}-{number}")


def read_record(record: object, source: str, default_id: str) -> Article | Rejection:
    """One record as an Article, or a Rejection saying what is wrong with it (never an exception)."""
    return one_entry(source, lambda: _record_article(record, source, default_id))


def _record_article(record: object, source: str, default_id: str) -> Article | Rejection:
    if not isinstance(record, dict):
        return Rejection(source, f"not a JSON object (found {type(record).__name__})")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejection(source, 'no article text found (the record has no "text")')
    return build_article(
        source=source, id=record_id(record.get("id")) or default_id,
        text=body_text(text),
        title=record.get("title"), url=record.get("url"), publisher=record.get("publisher"),
        published=record.get("published"), author=record.get("author"),
    )


def record_id(value: object) -> str | None:
    """The record's own id, unchanged (a number becomes its digits)."""
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def parse_json(text: str, line_number: int | None = None) -> object:
    """The parsed value; raises Unusable with a one-line reason ("broken JSON at line 3: ...")."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        line = line_number or error.lineno
        raise Unusable(f"broken JSON at line {line}: {error.msg} (column {error.colno})") from None
    except RecursionError:
        raise Unusable("broken JSON: nested too deeply") from None
    except ValueError as error:  # e.g. a number of thousands of digits (Python's int digit limit)
        raise Unusable(f"unreadable JSON: {str(error).split(':')[0]}") from None
