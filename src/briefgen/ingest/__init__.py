"""Read every input format safely: files, directories and stdin become Articles or Rejections.

``read_inputs`` never raises for bad content: each unusable input (or .jsonl
line) becomes a ``Rejection`` with a one-line reason for the user.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from ..model import Article, Rejection
from .article import UniqueIds
from .clean import clean_text
from .decode import decode_bytes
from .discover import Input, discover
from .errors import Unusable, failure_reason
from .formats import READERS, reader_for, sniff
from .publishers import PLAIN_SUFFIXES, publisher_named

__all__ = ["clean_text", "read_inputs"]

STDIN_STEM = "stdin"


def read_inputs(
    inputs: Sequence[str], *, max_bytes: int = 5_000_000, stdin: BinaryIO | None = None, publishers: Mapping[str, str] | None = None,
) -> Iterator[Article | Rejection]:
    """Articles from ``inputs`` in the order given (directory contents sorted), with ids unique in this call.

    ``publishers`` (outlet name as files and folders write it, lower-cased -> publisher) names the publisher of plain files.
    """
    ids = UniqueIds()
    for item in discover(inputs, READERS.keys()):
        if isinstance(item, Rejection):
            yield item
            continue
        for result in _read(item, max_bytes, stdin):
            if isinstance(result, Article):
                result.id = ids.claim(result.id)
                if publishers and item.path is not None and item.path.suffix.lower() in PLAIN_SUFFIXES and not result.publisher:
                    result.publisher = publisher_named(item.path, publishers)
            yield result


def _read(item: Input, max_bytes: int, stdin: BinaryIO | None) -> Iterator[Article | Rejection]:
    try:
        if item.path is None:
            text = _decoded(_read_stdin(stdin, max_bytes), "empty input")
            yield from sniff(text)(text, item.source, STDIN_STEM)
        else:
            reader = reader_for(item.path.suffix)
            text = _decoded(_read_file(item.path, max_bytes), "empty file")
            yield from reader(text, item.source, item.path.stem)
    except OSError as error:
        yield Rejection(item.source, f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 - one hostile input must not end a run of many
        yield Rejection(item.source, failure_reason(error))


def _read_file(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise Unusable(_too_large(max_bytes, f" ({_size(size)})"))
    with path.open("rb") as file:
        data = file.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise Unusable(_too_large(max_bytes, ""))
    return data


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Unusable(_too_large(max_bytes, ""))
    return data


def _decoded(data: bytes, empty_reason: str) -> str:
    if not data:
        raise Unusable(empty_reason)
    text = decode_bytes(data)
    if not text.strip():
        raise Unusable(f"{empty_reason} (only whitespace)")
    return text


def _too_large(max_bytes: int, actual: str) -> str:
    return f"larger than the {_size(max_bytes)} limit{actual}; raise --max-bytes"


def _size(count: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"
