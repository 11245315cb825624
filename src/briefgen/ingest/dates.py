"""Publication dates from untrusted metadata, normalized to YYYY-MM-DD (None when unreadable),
and the date an article's relative dates ("on Sunday") resolve against."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from ..model import Article

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
# Unambiguous written forms; day/month order is never guessed for all-numeric dates.
FORMATS = (
    "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d",
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%b. %d, %Y",
    "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y", "%d %b. %Y",
    "%A, %B %d, %Y", "%a, %b %d, %Y", "%A, %d %B %Y", "%a, %d %b %Y", "%A %d %B %Y",
)
PLAUSIBLE_YEARS = range(1800, 2201)
DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def normalize_date(value: object) -> str | None:
    """``value`` as YYYY-MM-DD: ISO dates and datetimes, RFC 2822, written-out dates, Unix seconds.

    None for a year no news article has (year 1 or 9999 would also push relative dates out of range).
    """
    normalized = _normalized(value)
    return normalized if normalized and int(normalized[:4]) in PLAUSIBLE_YEARS else None


def date_in_name(name: str) -> str | None:
    """An ISO date written in a file name (``outlet_2016-10-12_slug``) as YYYY-MM-DD, else None."""
    match = DATE_IN_NAME.search(name)
    return normalize_date("-".join(match.groups())) if match else None


def _normalized(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    match = ISO_DATE.match(text)
    if match:
        return _valid(*map(int, match.groups()))
    for fmt in FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_timestamp(seconds: float) -> str | None:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def reference_date(article: Article, fallback: date) -> date:
    """The date relative dates resolve against: the article's own, else the brief's."""
    if article.published:
        try:
            return date.fromisoformat(article.published)
        except ValueError:
            pass
    return fallback
