"""Country outlines for the maps: Natural Earth 1:50m admin-0, simplified and quantized (``data/world_countries.json``).

The file is made by ``scripts/build_world_geometry.py``; it is read once per process, and only the rings
that reach into a map's extent are decoded. Each country has its rings twice: simplified to 0.02 degrees,
and to a coarser tolerance for maps of a continent or the world, where that is under a pixel.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Extent:
    """A map's area in degrees; ``east`` may pass 180 when the map spans the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @property
    def center_lon(self) -> float:
        return (self.west + self.east) / 2


@functools.cache
def _countries() -> tuple[float, float, list[dict]]:
    """(stored units per degree, the coarse rings' tolerance in degrees, the countries)."""
    data = json.loads(resources.files("briefgen").joinpath("data", "world_countries.json").read_text(encoding="utf-8"))
    return float(data["scale"]), float(data["coarse_tolerance"]), data["countries"]


def _decode(ring: list[int], scale: float) -> list[tuple[float, float]]:
    x, y = ring[0], ring[1]
    points = [(x / scale, y / scale)]
    for i in range(2, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        points.append((x / scale, y / scale))
    return points


def shift_lon(lon: float, center: float) -> float:
    """``lon`` moved by a whole turn to lie within 180 degrees of ``center`` (maps across the antimeridian)."""
    return lon + 360 * round((center - lon) / 360)


def outlines(extent: Extent, pixels_per_degree: float) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """The name and rings (lon, lat) of every country reaching into ``extent``, each ring moved by a whole
    turn when the extent lies across the antimeridian; the coarse rings when they are off by under a pixel."""
    scale, coarse_tolerance, countries = _countries()
    level = "coarse" if coarse_tolerance * pixels_per_degree <= 1.0 else "rings"
    center = extent.center_lon
    shapes = []
    for country in countries:
        _, south, _, north = (value / scale for value in country["bbox"])
        if north < extent.south or south > extent.north:
            continue
        rings = []
        for ring in country[level]:
            points = _decode(ring, scale)
            lons = [lon for lon, _ in points]
            turn = shift_lon((min(lons) + max(lons)) / 2, center) - (min(lons) + max(lons)) / 2
            if max(lons) + turn < extent.west or min(lons) + turn > extent.east:
                continue
            rings.append([(lon + turn, lat) for lon, lat in points] if turn else points)
        if rings:
            shapes.append((country["name"], rings))
    return shapes
