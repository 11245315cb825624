"""The one error of fetching a URL: its message is the one-line reason named beside the URL on stderr."""

from __future__ import annotations


class FetchError(Exception):
    """This URL could not be fetched or used (refused, timed out, too large, HTTP 404...); one item fails, not the run."""
