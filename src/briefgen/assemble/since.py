"""What changed since a previous brief (``--since PREVIOUS/brief.json``).

A story is "new" when none of its articles (by id or URL) and none of its
incidents appeared in the previous brief, "updated" when it continues a
previous story but reports an incident that brief did not have.
``read_previous_brief`` reads and checks that brief once, when the command's
arguments are read, so a bad file stops the build before any analysis.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..model import Brief, Location, Story, from_dict, to_dict
from .grouping import event_key, incident_key


def read_previous_brief(path: Path | str) -> dict:
    """The brief.json at ``path``, checked against the model and in its normal form (every field present).

    Raises UsageError with a one-line message for a missing or unreadable file, bad JSON, or JSON that is not a brief.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"--since {path}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"--since {path}: not valid JSON: {error}") from None
    except RecursionError:
        raise UsageError(f"--since {path}: not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):  # from_dict passes null through as None, which would mean "no --since"
        raise UsageError(f"--since {path}: not a brief.json made by briefgen")
    try:
        # from_dict fails on a missing required field or a wrong shape; to_dict gives back every field the marking reads
        return to_dict(from_dict(Brief, data))
    except (TypeError, KeyError, AttributeError, ValueError):
        raise UsageError(f"--since {path}: not a brief.json made by briefgen") from None


def _previous_keys(previous: dict) -> tuple[set[str], set[tuple]]:
    articles = previous.get("articles", [])
    seen_articles = {a.get("id") for a in articles} | {a.get("url") for a in articles if a.get("url")}
    seen_articles.discard(None)
    seen_incidents = set()
    for story in previous.get("stories", []):
        for item in story.get("incidents", []):
            incident = item.get("incident", {})
            key = event_key(incident.get("type"), incident.get("date"), Location(**incident.get("location", {})))
            if key:
                seen_incidents.add(key)
    return seen_articles, seen_incidents


def mark_changes(stories: Sequence[Story], previous: dict, urls: dict[str, str | None]) -> None:
    """Set each story's status; ``urls`` maps today's article ids to their URLs."""
    seen_articles, seen_incidents = _previous_keys(previous)
    for story in stories:
        keys = {incident_key(i.incident) for i in story.incidents} - {None}
        continued = any(a in seen_articles or urls.get(a) in seen_articles for a in story.articles) or bool(keys & seen_incidents)
        if not continued:
            story.status = "new"
        elif keys - seen_incidents:
            story.status = "updated"
