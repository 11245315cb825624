"""One file replaced whole: written to a temporary name beside it, fsynced, then renamed over it, so a reader sees
the old file or the new one, never half of one. Used by every writer (briefs, archives, fetched pages, caches);
``render.files`` builds the replacement of a brief's whole set of files on it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new, fsynced file beside ``path``; its name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; a written file gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
