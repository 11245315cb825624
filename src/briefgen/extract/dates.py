"""Dates: find date expressions in text and resolve them against a reference date.

The reference date is the article's publication date (or the user's --date).
Rules, in the order they matter:

- A day written in full ("19 August 2021") is that day. A month and day
  without a year ("April 6") take the most recent such day not after the
  reference date; no year is ever invented beyond that.
- "on the night between April 6 and 7" (or "night of 6/7 April") is the first
  night: April 6.
- Relative words count from the reference date: "today" 0, "yesterday" and
  "last night" -1, "three days ago" -3; a weekday ("on Sunday", "early
  Tuesday") is the most recent such day on or before the reference date
  ("last Sunday": strictly before).
- Periods ("last week", "recently", a bare month, "in 2015", "in the 1960s") name no single
  day: they resolve to ``None`` with kind "range", and the text is kept.
- ``latest_day`` is the last day a mention can mean: the day itself, else the end of a
  period the text dates ("in October 2013": October 31, 2013; "last year": December 31
  of the year before), else None ("recently"). It tells an event of the day from one
  the text dates well before it (background).

Which date an incident gets is decided in ``incidents`` (see its docstring).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from ..lexicons import lexicon


class DateMention(NamedTuple):
    """One date expression: character offsets into the searched text, and what it resolves to."""

    start: int
    end: int
    text: str
    date: date | None
    kind: str  # "day" | "range"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _month_numbers() -> dict[str, int]:
    months = {}
    for number in range(1, 13):
        full, short = calendar.month_name[number].lower(), calendar.month_abbr[number].lower()
        months[full] = months[short] = months[short + "."] = number
    months["sept"] = months["sept."] = 9
    return months


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, int], list[tuple[str, re.Pattern]]]:
    words = lexicon("date_words")
    months = _month_numbers()
    month = f"(?P<month>{_alternation(months)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    weekdays = _alternation(d.lower() for d in calendar.day_name)
    numbers = _alternation(lexicon("number_words")["units"])
    decade = r"\b(?:in|since|during) the (?:19|20)\d0s\b"  # "in the 1960s"
    night_day = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    patterns = [
        ("night", rf"night (?:between|of) (?:the )?{month} {day}\s*(?:and|-|/|to|–)\s*{night_day}"),
        ("night_dm", rf"night (?:between|of) (?:the )?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|-|/|to|–)\s*{night_day} {month}"),
        ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
        ("dmy", rf"{day} (?:of )?{month},? {year}"),
        ("mdy", rf"{month} {day},? {year}"),
        ("md", rf"{month} {day}\b"),
        ("dm", rf"\b{day} (?:of )?{month}"),
        ("ago", rf"(?P<count>\d+|{numbers}) (?P<unit>{_alternation(words['unit_days'])}) (?:{_alternation(words['ago_words'])})"),
        ("weekday", rf"(?:(?P<prefix>{_alternation(words['weekday_prefixes'])}) )?(?P<weekday>{weekdays})"),
        ("relative", rf"(?P<relative>{_alternation(words['days'])})"),
        ("range", rf"(?:{_alternation(words['ranges'])})|\bin {month}(?: {year})?\b(?! [0-3]?\d)|\b(?:in|since) (?:19|20)\d\d\b|{decade}"),
    ]
    compiled = [(name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for name, pattern in patterns]
    return months, compiled


def _latest_not_after(month: int, day: int, reference: date) -> date | None:
    for year in (reference.year, reference.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference:
            return candidate
    return None


def _shifted(reference: date, days: int) -> date | None:
    """``reference`` moved by ``days``; None when that leaves the calendar (before year 1, after 9999)."""
    try:
        return reference + timedelta(days=days)
    except OverflowError:
        return None


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(name: str, match: re.Match, reference: date) -> tuple[date | None, str]:
    months, _ = _patterns()
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if name == "iso":
        return _day_or_none(int(groups["year"]), int(groups["mnum"]), int(groups["day"])), "day"
    if name in ("dmy", "mdy"):  # these patterns, and the next, always hold a month name
        return _day_or_none(int(groups["year"]), months[groups["month"].lower()], int(groups["day"])), "day"
    if name in ("night", "night_dm", "md", "dm"):
        return _latest_not_after(months[groups["month"].lower()], int(groups["day"]), reference), "day"
    words = lexicon("date_words")
    if name == "ago":
        count = groups["count"].lower()
        number = int(count) if count.isdigit() else lexicon("number_words")["units"][count]
        return _shifted(reference, -number * words["unit_days"][groups["unit"].lower()]), "day"
    if name == "weekday":
        target = [d.lower() for d in calendar.day_name].index(groups["weekday"].lower())
        back = (reference.weekday() - target) % 7
        if back == 0 and groups.get("prefix", "").lower() == "last":
            back = 7
        return _shifted(reference, -back), "day"
    if name == "relative":
        return _shifted(reference, words["days"][groups["relative"].lower()]), "day"
    return None, "range"


def find_dates(text: str, reference: date) -> Iterator[DateMention]:
    """Every date expression in ``text``, left to right, longest first where they overlap."""
    _, patterns = _patterns()
    found = []
    for name, pattern in patterns:
        for match in pattern.finditer(text):
            found.append((match.start(), -match.end(), name, match))
    taken_until = -1
    for start, negative_end, name, match in sorted(found, key=lambda item: item[:2]):
        if start < taken_until:
            continue
        taken_until = -negative_end
        resolved, kind = _resolve(name, match, reference)
        yield DateMention(start, -negative_end, match.group(0), resolved, kind)


def latest_day(mention: DateMention, reference: date) -> date | None:
    """The last day ``mention`` can mean: its day, else the end of the period it names, else None ("recently")."""
    if mention.date is not None:
        return mention.date
    text = mention.text.lower()
    months, _ = _patterns()
    decade = re.search(r"((?:19|20)\d)0s", text)
    if decade:
        return date(int(decade.group(1)) * 10 + 9, 12, 31)
    year = re.search(r"(?:19|20)\d\d", text)
    month = next((number for name, number in months.items() if re.search(rf"\b{re.escape(name)}(?!\w)", text)), None)
    if year:
        return _month_end(int(year.group(0)), month) if month else date(int(year.group(0)), 12, 31)
    if month:  # "in October": the latest October that has begun by the reference date
        return _month_end(reference.year if month <= reference.month else reference.year - 1, month)
    period = lexicon("date_words")["previous_periods"].get(text)
    if period == "year":
        return date(reference.year - 1, 12, 31)
    if period == "month":
        return reference.replace(day=1) - timedelta(days=1)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def resolve_date(text: str, reference: date) -> tuple[date | None, str | None]:
    """The first date expression of ``text`` resolved against ``reference``: (date or None, its text).

    (None, text) for a period such as "last week"; (None, None) when the text has no date.
    """
    mention = next(find_dates(text, reference), None)
    return (mention.date, mention.text) if mention else (None, None)
