"""The one base of briefgen's own errors: anything the CLI reports in one line.

Every error briefgen raises on purpose (a bad setting, an unusable file, a
failed send) derives from ``BriefgenError``; the command line prints its
message on one line and exits with 2. Anything else is a bug: a traceback
only with ``--debug``.
"""

from __future__ import annotations


class BriefgenError(Exception):
    """An error the user can act on; its message is one line."""


class UsageError(BriefgenError):
    """A missing, contradictory or unusable setting (a flag, briefgen.toml, a --since file)."""
