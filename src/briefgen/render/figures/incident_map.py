"""The incident map: country outlines (and province lines on a regional map), one circle per place sized by the
number killed, place names, a legend.

The extent is fitted to the places with a margin, or is the whole world when they lie too far apart to read
on one regional map. Longitudes are taken round the shortest way, so places on both sides of the antimeridian
(Fiji, Chukotka and Alaska) make one compact map. Countries are named in grey where their name fits. The projection is equirectangular with its parallels spaced
true at the map's middle latitude: simple, and faithful enough at the scale of a region.
Labels are placed from the gravest place down; one that would cover another label, a circle or the legend is
dropped, so a day of 500 incidents shows its main places by name and the rest as circles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import Svg, num, text_width
from .world import Extent, outlines, province_outlines, shift_lon

WIDTH = 640
WORLD = Extent(-180.0, -58.0, 180.0, 84.0)  # Antarctica left out
REGIONAL_LIMIT = (150.0, 70.0)  # the largest span (degrees of longitude, latitude) drawn as a region
MIN_SPAN = 4.0  # degrees: a single place is shown within its region
RATIO = (0.5, 0.7)  # height / width of a regional map
LABEL_SIZE = 11.0
COUNTRY_SIZE = 10.0
MAX_COUNTRY_LABELS = 12
MIN_STEP = 1.0  # pixels between an outline's points
MAX_LABELS = 30
LEGEND_KILLED = (1, 10, 100)
KILLED_FILL, NONE_FILL = "#b2182b", "#5b6470"


@dataclass
class Place:
    """One place on the map, its incidents aggregated."""

    name: str
    lat: float
    lon: float
    incidents: int = 0
    killed: int = 0
    link: str | None = None  # the fragment of its first incident's row ("#timeline-row-3")

    @property
    def radius(self) -> float:
        """Circle area grows with the number killed; places without deaths get the smallest circle."""
        return min(3.0 + 1.5 * math.sqrt(self.killed), 26.0)


def fit_extent(places: list[Place]) -> Extent:
    """The map's area: the places with a margin, widened to a readable shape; the world when they are far apart."""
    lons = sorted({place.lon for place in places})
    # The shortest way round: the extent starts after the widest gap between neighbouring longitudes.
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 or (360 if len(lons) == 1 else 0) for i in range(len(lons))]
    widest = gaps.index(max(gaps))
    west = lons[(widest + 1) % len(lons)]
    east = west + 360 - gaps[widest]
    south, north = min(p.lat for p in places), max(p.lat for p in places)
    if east - west > REGIONAL_LIMIT[0] or north - south > REGIONAL_LIMIT[1]:
        return WORLD
    span_lon, span_lat = max(east - west, MIN_SPAN), max(north - south, MIN_SPAN / 2)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    span_lon, span_lat = span_lon * 1.4, span_lat * 1.4  # a fifth of the span as margin on each side
    cos_lat = max(math.cos(math.radians(mid_lat)), 0.2)
    ratio = span_lat / (span_lon * cos_lat)
    if ratio < RATIO[0]:
        span_lat = RATIO[0] * span_lon * cos_lat
    elif ratio > RATIO[1]:
        span_lon = span_lat / (RATIO[1] * cos_lat)
    south = min(max(mid_lat - span_lat / 2, -85.0), 85.0 - span_lat)
    return Extent(mid_lon - span_lon / 2, south, mid_lon + span_lon / 2, south + span_lat)


class Projection:
    """Degrees to SVG pixels over ``extent``; the height follows from the width and the middle latitude."""

    def __init__(self, extent: Extent, width: int):
        self.extent, self.width = extent, width
        cos_lat = 1.0 if extent == WORLD else math.cos(math.radians((extent.south + extent.north) / 2))
        self.scale = width / (extent.east - extent.west)
        self.height = round((extent.north - extent.south) * self.scale / cos_lat)
        self.y_scale = self.height / (extent.north - extent.south)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """A place's position, its longitude taken the short way round to the map's middle."""
        return self.outline_point(shift_lon(lon, self.extent.center_lon), lat)

    def outline_point(self, lon: float, lat: float) -> tuple[float, float]:
        """A point of an outline, whose ring ``world.outlines`` has already moved as a whole (its points are not
        moved one by one, which would tear a ring running past 180)."""
        return (lon - self.extent.west) * self.scale, (self.extent.north - lat) * self.y_scale


def _outline_path(rings: list[list[tuple[float, float]]], projection: Projection) -> str:
    """One country as path data: points rounded to half a pixel, each at least a pixel from the last kept
    (a world map needs a tenth of the points a region does)."""
    limit = 2.0 * max(projection.width, projection.height)
    commands = []
    for ring in rings:
        points: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = projection.outline_point(lon, lat)
            point = (min(max(round(x * 2) / 2, -limit), limit), min(max(round(y * 2) / 2, -limit), limit))
            if not points or abs(point[0] - points[-1][0]) + abs(point[1] - points[-1][1]) >= MIN_STEP:
                points.append(point)
        xs, ys = [x for x, _ in points], [y for _, y in points]
        if len(points) < 3 or (max(xs) - min(xs) < 1.5 and max(ys) - min(ys) < 1.5):
            continue
        commands.append("M" + "L".join(f"{num(x)} {num(y)}" for x, y in points) + "Z")
    return "".join(commands)


Box = tuple[float, float, float, float]


def _overlaps(box: Box, others: list[Box]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _legend(svg: Svg, places: list[Place], height: int) -> Box:
    """Circles for 1, 10, 100 killed (those the map reaches) and the grey of no deaths; returns the box it covers."""
    most = max(place.killed for place in places)
    steps = [Place("", 0, 0, killed=k) for k in LEGEND_KILLED if k <= max(most, 1)]
    width = 12 + sum(2 * p.radius + 34 for p in steps) + (110 if any(p.killed == 0 for p in places) else 0)
    box_height = 2 * steps[-1].radius + 26
    top = height - box_height - 6
    svg.element("rect", x=6, y=top, width=num(width), height=num(box_height), fill="#ffffff", fill_opacity="0.85", stroke="#c9ced6")
    svg.text(12, top + 13, "Killed", size=10, fill="#1b1f24")
    x, base = 12.0, top + 18 + steps[-1].radius
    for step in steps:
        svg.element("circle", cx=x + step.radius, cy=base, r=step.radius, fill=KILLED_FILL, fill_opacity="0.75", stroke="#ffffff")
        svg.text(x + 2 * step.radius + 4, base + 4, str(step.killed), size=10, fill="#1b1f24")
        x += 2 * step.radius + 34
    if any(place.killed == 0 for place in places):
        svg.element("circle", cx=x + 3, cy=base, r=3, fill=NONE_FILL)
        svg.text(x + 10, base + 4, "none reported", size=10, fill="#1b1f24")
    return (6, top, 6 + width, top + box_height)


def draw_map(places: list[Place], label: str, width: int = WIDTH) -> str:
    """The ``<svg>`` of the places (at least one), named ``label``."""
    projection = Projection(fit_extent(places), width)
    svg = Svg(width, projection.height, label, "incident-map")
    svg.element("rect", width=width, height=projection.height, fill="#e8eef4")
    svg.open("g", fill="#f7f5f0", stroke="#aab1ba", stroke_width="0.6", fill_rule="evenodd", aria_hidden="true")
    countries = outlines(projection.extent, projection.scale)
    for _, rings in countries:
        path = _outline_path(rings, projection)
        if path:
            svg.element("path", d=path)
    svg.close("g")
    provinces = [path for _, rings in province_outlines(projection.extent, projection.scale) if (path := _outline_path(rings, projection))]
    if provinces:
        svg.open("g", fill="none", stroke="#c3c9d1", stroke_width="0.4", aria_hidden="true")
        for path in provinces:
            svg.element("path", d=path)
        svg.close("g")
    # Largest first, so a small circle is never hidden under a large one.
    drawn = sorted(places, key=lambda p: (-p.radius, p.name, p.lat, p.lon))
    centres = {id(place): projection.point(place.lon, place.lat) for place in drawn}
    for place in drawn:
        x, y = centres[id(place)]
        summary = f"{place.name}: {place.incidents} incident{'s' if place.incidents != 1 else ''}, {place.killed} killed"
        if place.link:
            svg.open("a", href=place.link)
        svg.open("circle", cx=x, cy=y, r=place.radius, fill=KILLED_FILL if place.killed else NONE_FILL,
                 fill_opacity="0.75" if place.killed else "0.9", stroke="#ffffff", stroke_width="1")
        svg.element("title", summary)
        svg.close("circle")
        if place.link:
            svg.close("a")
    taken = [_legend(svg, places, projection.height)]
    taken += [(x - p.radius, y - p.radius, x + p.radius, y + p.radius) for p in drawn for x, y in [centres[id(p)]] if p.radius > 3]
    labelled = 0
    # Only the gravest places are tried: on a day of hundreds of places the rest stay circles.
    for place in sorted(places, key=lambda p: (-p.killed, -p.incidents, p.name))[: 3 * MAX_LABELS]:
        if labelled == MAX_LABELS:
            break
        x, y = centres[id(place)]
        box = _label_box(place, x, y, projection, taken)
        if box:
            taken.append(box)
            svg.text(box[0], box[3] - 3, place.name, size=LABEL_SIZE, halo=True, fill="#1b1f24")
            labelled += 1
    named = 0
    for name, rings in sorted(countries, key=lambda country: -_visible_area(country[1], projection)):
        box = _country_label_box(name, rings, projection, taken) if named < MAX_COUNTRY_LABELS else None
        if box:
            taken.append(box)
            named += 1
            svg.text((box[0] + box[2]) / 2, box[3] - 3, name, size=COUNTRY_SIZE, anchor="middle", fill="#7b838d", letter_spacing="0.5")
    svg.text(width - 4, projection.height - 4, "Outlines: Natural Earth", size=8, anchor="end", fill="#5b6470")
    return svg.markup()


def _label_box(place: Place, x: float, y: float, projection: Projection, taken: list[Box]) -> Box | None:
    """The first free spot for the place's name: right of its circle, left, above, below; None when all are taken."""
    width, height, gap = text_width(place.name, LABEL_SIZE), LABEL_SIZE + 3, place.radius + 3
    for left, top in ((x + gap, y - height / 2), (x - gap - width, y - height / 2), (x - width / 2, y - gap - height), (x - width / 2, y + gap)):
        box = (left, top, left + width, top + height)
        inside = box[0] >= 2 and box[1] >= 2 and box[2] <= projection.width - 2 and box[3] <= projection.height - 2
        # A place's own circle may be under its label's near edge only.
        others = [t for t in taken if t != (x - place.radius, y - place.radius, x + place.radius, y + place.radius)]
        if inside and not _overlaps(box, others):
            return box
    return None


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    """Whether (x, y) lies inside the polygon ``ring`` (even-odd rule)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _visible_box(ring: list[tuple[float, float]], projection: Projection) -> Box:
    """The part of the map a projected ring's bounding box covers (empty when it is off the map)."""
    left, top = max(min(x for x, _ in ring), 0.0), max(min(y for _, y in ring), 0.0)
    right, bottom = min(max(x for x, _ in ring), float(projection.width)), min(max(y for _, y in ring), float(projection.height))
    return left, top, max(right, left), max(bottom, top)


def _visible_area(rings: list[list[tuple[float, float]]], projection: Projection) -> float:
    left, top, right, bottom = _visible_box([projection.outline_point(lon, lat) for lon, lat in max(rings, key=len)], projection)
    return (right - left) * (bottom - top)


def _country_label_box(name: str, rings: list[list[tuple[float, float]]], projection: Projection, taken: list[Box]) -> Box | None:
    """A free spot for a country's name inside its largest ring's visible part, when the name fits in it: the
    middle of that part, else the middles of its quarters; None when none is inside the country and free."""
    ring = [projection.outline_point(lon, lat) for lon, lat in max(rings, key=len)]
    left, top, right, bottom = _visible_box(ring, projection)
    width, height = text_width(name, COUNTRY_SIZE) + 4, COUNTRY_SIZE + 3
    if right - left < width or bottom - top < 2 * height:
        return None
    for fx, fy in ((0.5, 0.5), (0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
        x, y = left + fx * (right - left), top + fy * (bottom - top)
        box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        fits = box[0] >= 2 and box[1] >= 2 and box[2] <= projection.width - 2 and box[3] <= projection.height - 2
        if fits and _inside(x, y, ring) and not _overlaps(box, taken):
            return box
    return None
