"""Regenerate src/briefgen/data/world_countries.json, the country outlines of the incident maps.

The source is Natural Earth's 1:50m admin-0 countries (public domain) as the TopoJSON
``countries-50m.json`` of the npm package world-atlas 2.0.2 (Natural Earth 4.1.0):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/build_world_geometry.py package/countries-50m.json

Each country's rings are decoded from the shared arcs, made continuous across the antimeridian, simplified (Douglas-Peucker,
TOLERANCE degrees), and quantized to 1/SCALE degree, each ring stored as its first point
then the differences between points, so the file stays small and is read fast.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SCALE = 100  # stored coordinates are hundredths of a degree (about 1 km)
TOLERANCE = 0.02  # degrees: finer than any map briefgen draws at its size
COARSE_TOLERANCE = 0.25  # degrees: the outlines of maps of a continent or the world (under a pixel there)
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "briefgen" / "data" / "world_countries.json"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        # at least four points
        rings = [r for r in (encode_ring(simplify(ring, TOLERANCE)) for ring in country_rings(geometry, arcs)) if len(r) >= 8]
        coarse = [r for r in (encode_ring(simplify(ring, COARSE_TOLERANCE)) for ring in country_rings(geometry, arcs)) if len(r) >= 8]
        lons = [lon for ring in country_rings(geometry, arcs) for lon, _ in ring]
        lats = [lat for ring in country_rings(geometry, arcs) for _, lat in ring]
        bbox = [round(min(lons) * SCALE), round(min(lats) * SCALE), round(max(lons) * SCALE), round(max(lats) * SCALE)]
        countries.append({"name": geometry["properties"]["name"], "bbox": bbox, "rings": rings, "coarse": coarse})
    countries.sort(key=lambda country: country["name"])
    data = {
        "source": "Natural Earth 1:50m admin-0 countries 4.1.0 (public domain), via the npm package world-atlas 2.0.2; "
        "made by scripts/build_world_geometry.py",
        "scale": SCALE,
        "coarse_tolerance": COARSE_TOLERANCE,
        "countries": countries,
    }
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(countries)} countries, {sum(len(r) // 2 for c in countries for r in c['rings'])} points, "
          f"{args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
