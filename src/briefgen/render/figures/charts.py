"""The brief's charts: incidents and killed per day, and incidents by country (by province within one country).

Each chart takes plain counts (``DayCount``, ``AreaCount``) that ``figures.__init__`` computes from the brief,
and returns an ``<svg>``. Dates are written with fixed month names, never the locale's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .svg import Svg, text_width

WIDTH = 640
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CURRENT_FILL, PREVIOUS_FILL, KILLED_FILL = "#0b5cad", "#9db7d3", "#b2182b"
INK, MUTED, RULE = "#1b1f24", "#4d5561", "#d5d9df"


@dataclass
class DayCount:
    day: dt.date
    incidents: int = 0
    killed: int = 0
    previous: bool = False  # counted from the --since brief (days before this brief's window)


@dataclass
class AreaCount:
    name: str
    incidents: int = 0
    killed: int = 0


def day_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def per_day_chart(days: list[DayCount], label: str) -> str:
    """Two bar panels over the same days: incidents, then killed; the previous brief's days in a lighter blue."""
    panel, top, left, bottom = 78, 22, 8, 22
    height = top + 2 * (panel + top) + bottom - top
    svg = Svg(WIDTH, height, label, "per-day-chart")
    slot = (WIDTH - 2 * left) / len(days)
    bar = min(slot * 0.7, 48)
    every = max(1, round(len(days) / 14 + 0.49))  # at most about 14 date labels
    for index, (title, field, fill) in enumerate((("Incidents per day", "incidents", CURRENT_FILL), ("Killed per day", "killed", KILLED_FILL))):
        y0 = top + index * (panel + top)
        most = max(getattr(day, field) for day in days) or 1
        svg.text(left, y0 - 8, title, size=11, fill=INK, font_weight="bold")
        svg.element("line", x1=left, y1=y0 + panel, x2=WIDTH - left, y2=y0 + panel, stroke=RULE)
        for i, day in enumerate(days):
            value = getattr(day, field)
            x = left + i * slot + (slot - bar) / 2
            if value:
                height_of_bar = max(panel * 0.85 * value / most, 1.0)
                svg.open("rect", x=x, y=y0 + panel - height_of_bar, width=bar, height=height_of_bar,
                         fill=PREVIOUS_FILL if day.previous else fill)
                svg.element("title", f"{day_label(day.day)}: {value} {field}")
                svg.close("rect")
                svg.text(x + bar / 2, y0 + panel - height_of_bar - 3, str(value), size=9, anchor="middle", fill=MUTED)
    base = top + 2 * (panel + top) - top
    for i, day in enumerate(days):
        if i % every == 0 or i == len(days) - 1:
            svg.text(left + i * slot + slot / 2, base + 14, day_label(day.day), size=9, anchor="middle", fill=MUTED)
    if any(day.previous for day in days):
        svg.element("rect", x=WIDTH - 160, y=4, width=10, height=10, fill=PREVIOUS_FILL)
        svg.text(WIDTH - 146, 13, "in the previous brief", size=9, fill=MUTED)
    return svg.markup()


def by_area_chart(areas: list[AreaCount], label: str) -> str:
    """One bar per area, as long as its incidents, with its incidents and killed written after it."""
    row, top, name_width = 20, 8, 150
    height = top * 2 + row * len(areas)
    svg = Svg(WIDTH, height, label, "by-area-chart")
    most = max(area.incidents for area in areas) or 1
    room = WIDTH - name_width - 150
    for i, area in enumerate(areas):
        y = top + i * row
        name = area.name if text_width(area.name, 11) <= name_width - 12 else area.name[: int((name_width - 12) / 6.6) - 1] + "…"
        svg.text(name_width - 8, y + 14, name, size=11, anchor="end", fill=INK)
        length = max(room * area.incidents / most, 1.0)
        svg.element("rect", x=name_width, y=y + 4, width=length, height=row - 8, fill=CURRENT_FILL)
        counts = f"{area.incidents} incident{'s' if area.incidents != 1 else ''}, {area.killed} killed"
        svg.text(name_width + length + 6, y + 14, counts, size=10, fill=MUTED)
    svg.element("line", x1=name_width, y1=top, x2=name_width, y2=height - top, stroke=RULE)
    return svg.markup()

