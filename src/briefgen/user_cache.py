"""Indexes built from installed data, kept in the user's cache folder so that a process reads them instead of building them.

A value is stored under a name with the key of what it was made from (``content_key`` of the data
files' bytes and of the code that builds it) and read back only while that key holds, so a cached
index is never stale. A file that is missing, unreadable, corrupt or made from other data is built
again and replaced: written to a temporary file and renamed, so processes building at once never read
half a file. Where the folder cannot be written, the value is used without being stored.

The folder is ``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``. Its files are pickles
written by briefgen itself.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar, cast

from .atomic_write import write_atomic

Value = TypeVar("Value")
_MISSING = object()  # no usable stored value


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefgen"


def content_key(parts: Iterable[bytes]) -> str:
    """A hash of ``parts`` in order (each length-prefixed, so no two sequences share a key)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _read(path: Path, key: str) -> object:
    """The value stored in ``path`` under ``key``, else ``_MISSING``."""
    try:
        with path.open("rb") as file:
            if file.readline().rstrip(b"\n") != key.encode():
                return _MISSING
            collecting = gc.isenabled()
            gc.disable()  # unpickling many small objects triggers collections that find nothing to free
            try:
                return pickle.load(file)
            finally:
                if collecting:
                    gc.enable()
    except Exception:  # a truncated or corrupt pickle raises almost any error: it is built again
        return _MISSING


def _write(path: Path, key: str, value: object) -> None:
    with suppress(OSError):  # a folder that cannot be written: the value is used without being stored
        write_atomic(path, key.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def cached_build(name: str, key: str, build: Callable[[], Value]) -> Value:
    """The value stored as ``name`` under ``key``, else ``build()``, stored for the next process."""
    path = cache_dir() / f"{name}.pickle"
    stored = _read(path, key)
    if stored is not _MISSING:
        return cast(Value, stored)  # stored by this function for the same name and key
    built = build()
    _write(path, key, built)
    return built
