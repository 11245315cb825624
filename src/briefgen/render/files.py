"""A brief's files replaced as one set (one file replaced whole is ``atomic_write``).

``write_set`` replaces several files (brief.md, .html, .pdf, .json) together.
POSIX has no rename of several files at once, so the set is changed through a
journal:

1. every file is written and fsynced under a temporary name in the folder;
2. the journal ``.briefgen-renames.json`` (temporary name -> final name for
   each file) is written the same way and renamed into place, and the folder
   is fsynced: from here on the new set is committed;
3. the renames run, the folder is fsynced, the journal is removed.

A build that stops before step 2 leaves the old set (and perhaps stray
temporary files, ``.brief.*.tmp``); one that stops after it leaves the journal,
and any later briefgen run on the folder (``build``, ``publish``, ``mail``)
calls ``finish_renames`` before it reads the brief, which completes the renames.
So briefgen never reads a mixed set: it sees the old set or the new one. A
program reading the folder directly can see a mixed set only while the renames
run (microseconds) or after a crash in step 3 until briefgen next runs there.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from .. import atomic_write
from ..errors import BriefgenError

JOURNAL_NAME = ".briefgen-renames.json"

log = logging.getLogger(__name__)


class OutputError(BriefgenError, OSError):
    """The brief's folder cannot be written; the message is one line."""


def _sync_folder(folder: Path) -> None:
    """Make the renames done in ``folder`` durable."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _journal_entries(folder: Path) -> list[tuple[str, str]] | None:
    """The renames an unfinished ``write_set`` left in ``folder``, or None when there are none."""
    try:
        entries = json.loads((folder / JOURNAL_NAME).read_bytes())
    except FileNotFoundError:
        return None
    except ValueError:
        entries = None
    # Only plain names inside the folder: a journal never moves a file anywhere else.
    plain = isinstance(entries, list) and all(
        isinstance(e, list) and len(e) == 2 and all(isinstance(n, str) and n not in ("", ".", "..") and Path(n).name == n for n in e)
        for e in entries
    )
    if not plain:
        log.warning("%s is not a journal briefgen wrote; removed without renaming anything", folder / JOURNAL_NAME)
        (folder / JOURNAL_NAME).unlink()
        return None
    return [(temporary, name) for temporary, name in entries]


def finish_renames(folder: Path) -> None:
    """Complete the renames of a ``write_set`` that stopped after committing (its journal is there).

    Safe to repeat: a temporary file already renamed is gone, so its rename is not done twice."""
    folder = Path(folder)
    try:
        entries = _journal_entries(folder)
        if entries is None:
            return
        for temporary, name in entries:
            if (folder / temporary).is_file():
                os.replace(folder / temporary, folder / name)
        _sync_folder(folder)
        (folder / JOURNAL_NAME).unlink()
        _sync_folder(folder)
    except OSError as error:
        raise OutputError(f"{folder} holds a half-replaced brief that cannot be completed: {error.strerror or error}") from error


def ensure_writable(folder: Path) -> None:
    """Create ``folder`` if needed; OutputError (one line) when a brief cannot be written there.
    Checked before a build's slow part, so an unwritable folder fails at once."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {folder}: {error.strerror or error}") from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write the brief in {folder}: the folder is not writable")


def write_set(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Replace the files named in ``files`` (name -> contents) in ``folder`` as one set (see above)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        finish_renames(folder)
        temporaries: list[Path] = []
        try:
            for name, data in files.items():
                temporaries.append(atomic_write.write_temporary(folder / name, data))
            journal = [[temporary.name, name] for temporary, name in zip(temporaries, files, strict=True)]
            atomic_write.write_atomic(folder / JOURNAL_NAME, json.dumps(journal).encode())
        except BaseException:
            for temporary in temporaries:
                temporary.unlink(missing_ok=True)
            raise
        _sync_folder(folder)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write the brief in {folder}: {error.strerror or error}") from error
    finish_renames(folder)
    return [folder / name for name in files]
