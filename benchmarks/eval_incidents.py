"""Score incident extraction on UCDP-coded headlines: ../shared/eval/incidents-dev.jsonl (Pakistan) and
incidents-world-dev.jsonl (28 countries).

Each row's text is analysed with its pub_date as the reference date; the
predicted incident with the most killed stands for the row. Printed scores:

- found: a row has at least one incident;
- killed: exact match with UCDP fatalities (0 and null count as equal);
- date: exact match, over rows whose date is recoverable from what the
  extractor sees: the gold date equals pub_date (an undated report is dated by
  its publication) or the text itself writes a date;
- country, admin1, place: compared after dropping admin words ("district",
  "province", "agency", "town", ...) and case; a gold admin1 is first resolved
  through the gazetteer, so "Khyber Pakhtunkwa province" and "Azad Jammu &
  Kashmir" meet their canonical names. Pre-2018 UCDP rows code the former
  tribal agencies under "Federally Administered Tribal Areas"; the gazetteer
  holds FATA as a historical region whose current admin1 is Khyber
  Pakhtunkhwa, so that gold value scores against today's province (the
  extractor reports current boundaries, as the districts themselves are the
  same). place: the predicted name or admin2 equals the gold location or admin2.
- admin1@named: admin1 over the rows whose text names the gold place at all
  (its location, admin2 or admin1, or a gazetteer alias of them such as
  "tribal area"): headlines like "air strikes kill 35 militants in northwest"
  carry no province to find.
- country@named: country over the rows whose text names the gold place or its
  country (the world set's README: headlines often join several reports, so
  country and province are scored only where the text names them). UCDP's
  country names ("Myanmar (Burma)") are compared through the gazetteer.
- country@nf, admin1@nf: the same over the named rows where an incident was
  found: how well places resolve, apart from whether the event is recognised.

A per-country table follows the totals. Skips (exit 0) when the shared data is absent.
Run: PYTHONPATH=src python benchmarks/eval_incidents.py [--set pakistan|world|both] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from briefgen.extract.dates import find_dates
from briefgen.extract.incidents import extract_incidents
from briefgen.extract.places import bare_name, resolve_place
from briefgen.gazetteer import load_gazetteer, normalize
from briefgen.nlp import load_pipeline

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = {"pakistan": EVAL / "incidents-dev.jsonl", "world": EVAL / "incidents-world-dev.jsonl"}
METRICS = ("found", "killed", "date", "country", "country@named", "admin1", "admin1@named", "place", "country@nf", "admin1@nf")


def _bare(name: str | None) -> str | None:
    return normalize(bare_name(name)) if name and name != "None" else None


def _admin1(gold: str | None, country: str) -> str | None:
    if not gold:
        return None
    location = resolve_place(gold, load_gazetteer(), country)
    return _bare(location.admin1 if location and location.admin1 else gold)


def _country(gold: str) -> str:
    """The gazetteer's name of a UCDP country: "Myanmar (Burma)" -> "Myanmar"."""
    entries = (load_gazetteer().country(form) for form in (gold, gold.split(" (")[0]))
    return next((entry.name for entry in entries if entry), gold)


def _place_named(row: dict, with_country: bool = False) -> bool:
    gazetteer = load_gazetteer()
    text = normalize(row["text"])
    names = {_bare(row[key]) for key in ("location", "admin2", "admin1")} - {None}
    if with_country:
        names.add(_bare(_country(row["country"])))
    forms = set(names)
    for name in names:
        for entry in gazetteer.places_named(name):
            forms.update(normalize(form) for form in (entry.name, *entry.aliases))
    return any(f" {form} " in f" {text} " for form in forms)


def _date_recoverable(row: dict, reference: date) -> bool:
    written = any(m.date and m.date.isoformat() == row["date"] for m in find_dates(row["text"], reference))
    return row["date"] == row["pub_date"] or written


def score(path: Path, nlp, verbose: bool) -> None:
    """Print the totals and the per-country table for one eval file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores: dict[str, dict[str, list[bool]]] = defaultdict(lambda: {name: [] for name in METRICS})
    misses = []
    for row, doc in zip(rows, nlp.pipe(row["text"] for row in rows), strict=True):
        reference = date.fromisoformat(row["pub_date"])
        incidents = extract_incidents(doc, reference, gazetteer=load_gazetteer())
        best = max(incidents, key=lambda i: i.killed or 0, default=None)
        location = best.location if best else None
        killed_ok = (best.killed if best else None) or 0
        gold_country = _country(row["country"])
        checks = {
            "found": bool(incidents),
            "killed": killed_ok == (row["fatalities"] or 0),
            "country": bool(location) and _bare(location.country) == _bare(gold_country),
            "admin1": bool(location) and _bare(location.admin1) == _admin1(row["admin1"], gold_country),
            "place": bool(location)
            and bool({_bare(location.name), _bare(location.admin2)} & {_bare(row["location"]), _bare(row["admin2"])} - {None}),
        }
        if _place_named(row, with_country=True):
            checks["country@named"] = checks["country"]
            if incidents:
                checks["country@nf"] = checks["country"]
        if _place_named(row):
            checks["admin1@named"] = checks["admin1"]
            if incidents:
                checks["admin1@nf"] = checks["admin1"]
        if _date_recoverable(row, reference):
            checks["date"] = bool(best) and best.date == row["date"]
        for group in ("all", row["country"]):
            for name, ok in checks.items():
                scores[group][name].append(ok)
        if not all(checks.values()):
            misses.append((row["id"], [k for k, v in checks.items() if not v], best, row["text"]))
    if verbose:
        for miss in misses:
            print(*miss, sep="\n  ")
    print(f"== {path.name}")
    print(f"{'metric':<13} {'score':>6} {'n':>4}")
    for name, values in scores["all"].items():
        print(f"{name:<13} {sum(values) / len(values) if values else float('nan'):>6.3f} {len(values):>4}")
    print(f"\n{'country':<26} {'rows':>4} " + " ".join(f"{name:>13}" for name in METRICS))
    countries = sorted((group for group in scores if group != "all"), key=lambda group: -len(scores[group]["found"]))
    for group in countries:
        cells = [f"{sum(v) / len(v):.2f} ({len(v):>2})" if v else "-" for v in scores[group].values()]
        print(f"{group[:26]:<26} {len(scores[group]['found']):>4} " + " ".join(f"{cell:>13}" for cell in cells))
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("pakistan", "world", "both"), default="both", help="which eval file to score")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every row that misses a metric")
    args = parser.parse_args()
    paths = [SETS[name] for name in SETS if args.set in (name, "both")]
    present = [path for path in paths if path.exists()]
    for path in set(paths) - set(present):
        print(f"skipped: {path} not found")
    if present:
        nlp = load_pipeline()
        for path in present:
            score(path, nlp, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
