"""Outlines for the maps: Natural Earth countries (1:50m admin-0, ``data/world_countries.json``) and provinces
(1:10m admin-1, ``data/world_provinces.json``), simplified and quantized.

The files are made by ``scripts/build_world_geometry.py``; each is read once per process, and only the rings
that reach into a map's extent are decoded. Each country has its rings twice: simplified to 0.02 degrees,
and to a coarser tolerance for maps of a continent or the world, where that is under a pixel. Provinces have
one level, for regional maps only: on a map of a continent their lines would be noise.
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


PROVINCE_PIXELS_PER_DEGREE = 12.0  # provinces are drawn on maps spanning under about 50 degrees of longitude

Rings = list[list[tuple[float, float]]]


@functools.cache
def _layer(name: str) -> dict:
    """``data/world_NAME.json``: its stored units per degree (``scale``) and its shapes under NAME."""
    return json.loads(resources.files("briefgen").joinpath("data", f"world_{name}.json").read_text(encoding="utf-8"))


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


def _rings_in(extent: Extent, shapes: list[dict], level: str, scale: float) -> list[tuple[dict, Rings]]:
    """Each shape reaching into ``extent`` with its rings there (lon, lat), each ring moved by a whole turn when
    the extent lies across the antimeridian."""
    center = extent.center_lon
    found = []
    for shape in shapes:
        west, south, east, north = (value / scale for value in shape["bbox"])
        if north < extent.south or south > extent.north:
            continue
        if east - west < 360 and not any(east + turn >= extent.west and west + turn <= extent.east for turn in (-360, 0, 360)):
            continue
        rings = []
        for ring in shape[level]:
            points = _decode(ring, scale)
            lons = [lon for lon, _ in points]
            turn = shift_lon((min(lons) + max(lons)) / 2, center) - (min(lons) + max(lons)) / 2
            if max(lons) + turn < extent.west or min(lons) + turn > extent.east:
                continue
            rings.append([(lon + turn, lat) for lon, lat in points] if turn else points)
        if rings:
            found.append((shape, rings))
    return found


def outlines(extent: Extent, pixels_per_degree: float) -> list[tuple[str, Rings]]:
    """The name and rings (lon, lat) of every country reaching into ``extent``; the coarse rings when they are
    off by under a pixel."""
    data = _layer("countries")
    level = "coarse" if float(data["coarse_tolerance"]) * pixels_per_degree <= 1.0 else "rings"
    return [(shape["name"], rings) for shape, rings in _rings_in(extent, data["countries"], level, float(data["scale"]))]


def province_outlines(extent: Extent, pixels_per_degree: float) -> list[tuple[str, Rings]]:
    """The name and rings of every province reaching into ``extent`` on a regional map; none on smaller scales."""
    if pixels_per_degree < PROVINCE_PIXELS_PER_DEGREE:
        return []
    data = _layer("provinces")
    return [(shape["name"], rings) for shape, rings in _rings_in(extent, data["provinces"], "rings", float(data["scale"]))]
