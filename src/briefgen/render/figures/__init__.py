"""The brief's figures: what each shows is computed here from the Brief; templates only place them.

``brief_figures`` returns each figure as a ``<figure>`` (an inline ``<svg>`` with ``role="img"``, an
accessible name and a ``<figcaption>``), keyed by the name a Markdown template places it with
(``{{ figure("map") }}``, see ``render.figure_marker``):

- ``map``: every incident of the timeline on one map, a circle per place sized by the number killed;
- ``days``: incidents and killed per day over the brief's window (up to WINDOW_DAYS days ending on its
  date), with the days before it from the ``--since`` brief;
- ``areas``: incidents and killed by country, or by province when every placed incident is in one country;
- ``story-N-map``: story N's incidents, when they lie in two or more places.

Figures are not part of the JSON contract: brief.json is unchanged, and the Markdown carries none.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from html import escape

from ...model import Brief, Location
from .charts import AreaCount, DayCount, by_area_chart, day_label, per_day_chart
from .incident_map import Place, draw_map

WINDOW_DAYS = 14
AREA_LIMIT = 8
LABELLED_PLACES = 5  # places named in a map's accessible name


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _figure(svg: str, caption: str, kind: str) -> str:
    return f'<figure class="brief-figure {kind}">{svg}<figcaption>{escape(caption, quote=False)}</figcaption></figure>'


def place_name(location: Location) -> str | None:
    return location.name or location.admin2 or location.admin1 or location.country


def _point(location: Location) -> tuple[float, float] | None:
    """(lat, lon) of a location when they are degrees on Earth (a brief.json read back may hold anything)."""
    lat, lon = location.lat, location.lon
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon)):
        return None
    return (float(lat), float(lon)) if -90 <= lat <= 90 and -180 <= lon <= 180 else None  # type: ignore[operator, arg-type]


def places_of(incidents: Iterable[tuple[Location, int | None, str | None]]) -> list[Place]:
    """(location, killed, link) of incidents as places: one per point, counts summed, named by its most
    frequent name, linked to its first incident's row. Incidents without coordinates are left out, and so are
    those placed only by their country: a circle in the middle of a country would mark a place nothing happened in."""
    by_point: dict[tuple[float, float], tuple[Place, dict[str, int]]] = {}
    for location, killed, link in incidents:
        name, point = place_name(location), _point(location)
        if name is None or point is None or name == location.country:
            continue
        lat, lon = point
        place, names = by_point.setdefault((round(lat, 2), round(lon, 2)), (Place(name, lat, lon, link=link), {}))
        place.incidents += 1
        place.killed += killed or 0
        names[name] = names.get(name, 0) + 1
    for place, names in by_point.values():
        place.name = min(names, key=lambda name: (-names[name], name))
    return [place for place, _ in by_point.values()]


def _map_figure(places: list[Place], incidents: int, what: str) -> str:
    killed = sum(place.killed for place in places)
    named = sorted(places, key=lambda p: (-p.killed, -p.incidents, p.name))
    listed = "; ".join(f"{p.name}, {_plural(p.incidents, 'incident')}, {p.killed} killed" for p in named[:LABELLED_PLACES])
    more = f"; and {_plural(len(places) - LABELLED_PLACES, 'other place')}" if len(places) > LABELLED_PLACES else ""
    label = f"Map of {what}: {listed}{more}"
    placed = sum(place.incidents for place in places)
    caption = (f"Where {what} took place: {_plural(placed, 'incident')} in {_plural(len(places), 'place')}, {killed} killed. "
               "A circle's area grows with the number killed; each circle links to its first row in the timeline.")
    if incidents > placed:
        caption += f" {_plural(incidents - placed, 'incident')} placed only by country or not at all {'is' if incidents - placed == 1 else 'are'} not shown."
    return _figure(draw_map(places, label), caption, "brief-map")


def _as_day(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _days_figure(days: list[DayCount]) -> str:
    span = f"{day_label(days[0].day)} to {day_label(days[-1].day)}"
    listed = "; ".join(f"{day_label(d.day)}{' (previous brief)' if d.previous else ''}: {_plural(d.incidents, 'incident')}, {d.killed} killed"
                       for d in days)
    caption = (f"Incidents and killed per day, {span} {days[-1].day.year}"
               f"{', the days before this brief from the previous brief' if days[0].previous else ''}. Undated incidents are not counted.")
    return _figure(per_day_chart(days, f"Incidents and killed per day, {span}: {listed}"), caption, "brief-chart")


def day_counts(brief: Brief, previous: dict | None = None) -> list[DayCount]:
    """Incidents and killed per day: from the first dated incident (at most WINDOW_DAYS days back) to the brief's
    date; with the previous brief, its days before that window too (at most WINDOW_DAYS more)."""
    dated = [(day, entry.killed or 0) for entry in brief.timeline if (day := _as_day(entry.date))]
    brief_day = _as_day(brief.date)
    if not dated or brief_day is None:
        return []
    end = brief_day if any(day <= brief_day for day, _ in dated) else max(day for day, _ in dated)
    start = max(min(day for day, _ in dated), end - dt.timedelta(days=WINDOW_DAYS - 1))
    before = []
    for entry in (previous or {}).get("timeline") or []:
        day = _as_day(entry.get("date")) if isinstance(entry, dict) else None
        if day and start - dt.timedelta(days=WINDOW_DAYS) <= day < start:
            killed = entry.get("killed")
            before.append((day, killed if isinstance(killed, int) and not isinstance(killed, bool) else 0))
    first = min([start] + [day for day, _ in before])
    counts = {first + dt.timedelta(days=n): DayCount(first + dt.timedelta(days=n)) for n in range((end - first).days + 1)}
    for day in counts:
        counts[day].previous = day < start
    for day, killed in dated + before:
        if day in counts:
            counts[day].incidents += 1
            counts[day].killed += killed
    return list(counts.values())


def area_counts(brief: Brief) -> tuple[list[AreaCount], str]:
    """Incidents and killed by country, or by province when all placed incidents are in one country;
    the AREA_LIMIT largest, the rest summed as one row. Returns the rows and what they are ("country", "province")."""
    countries = {entry.location.country for entry in brief.timeline} - {None}
    by_province = len(countries) == 1
    areas: dict[str, AreaCount] = {}
    for entry in brief.timeline:
        name = (entry.location.admin1 if by_province else entry.location.country) or ("province unknown" if by_province else "place unknown")
        area = areas.setdefault(name, AreaCount(name))
        area.incidents += 1
        area.killed += entry.killed or 0
    rows = sorted(areas.values(), key=lambda a: (-a.incidents, -a.killed, a.name))
    kind = "province" if by_province else "country"
    if len(rows) > AREA_LIMIT:
        rest = rows[AREA_LIMIT - 1 :]
        other = AreaCount(f"{len(rest)} other {'provinces' if by_province else 'countries'}", sum(a.incidents for a in rest), sum(a.killed for a in rest))
        rows = rows[: AREA_LIMIT - 1] + [other]
    return rows, kind


def brief_figures(brief: Brief, previous: dict | None = None, story_limit: int | None = None) -> dict[str, str]:
    """Every figure the brief has, as ``<figure>`` HTML by name; a figure with nothing to show is left out.
    Story maps are made for the first ``story_limit`` stories (all when None)."""
    rows = {(entry.article, entry.incident): f"#timeline-row-{n}" for n, entry in enumerate(brief.timeline, 1)}
    figures: dict[str, str] = {}
    places = places_of((entry.location, entry.killed, rows[(entry.article, entry.incident)]) for entry in brief.timeline)
    if places:
        figures["map"] = _map_figure(places, len(brief.timeline), "the day's incidents")
    days = day_counts(brief, previous)
    if len(days) > 1 and sum(day.incidents for day in days) > 1:  # one incident is a row, not a trend
        figures["days"] = _days_figure(days)
    areas, kind = area_counts(brief)
    if len(areas) > 1:
        listed = "; ".join(f"{a.name}: {_plural(a.incidents, 'incident')}, {a.killed} killed" for a in areas)
        caption = f"Incidents by {kind}: each bar is as long as the number of incidents; the number killed follows it."
        figures["areas"] = _figure(by_area_chart(areas, f"Incidents and killed by {kind}: {listed}"), caption, "brief-chart")
    for number, story in enumerate(brief.stories[:story_limit], 1):
        story_places = places_of((i.incident.location, i.incident.killed, rows.get((i.reports[0].article, i.reports[0].incident))) for i in story.incidents)
        if len(story_places) > 1:
            figures[f"story-{number}-map"] = _map_figure(story_places, len(story.incidents), "this story's incidents")
    return figures
