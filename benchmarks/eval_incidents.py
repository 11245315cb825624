"""Score incident extraction on ../shared/eval/incidents-dev.jsonl (UCDP-coded headlines).

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

Skips (exit 0) when the shared data is absent. Run: python benchmarks/eval_incidents.py
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from briefgen.extract.dates import find_dates
from briefgen.extract.incidents import extract_incidents
from briefgen.extract.places import name_forms, resolve_place
from briefgen.gazetteer import load_gazetteer, normalize
from briefgen.nlp import load_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "incidents-dev.jsonl"


def _bare(name: str | None) -> str | None:
    return normalize(name_forms(name)[-1]) if name and name != "None" else None


def _admin1(gold: str, country: str) -> str | None:
    location = resolve_place(gold, load_gazetteer(), country)
    return _bare(location.admin1 if location and location.admin1 else gold)


def _place_named(row: dict) -> bool:
    gazetteer = load_gazetteer()
    text = normalize(row["text"])
    names = {_bare(row[key]) for key in ("location", "admin2", "admin1")} - {None}
    forms = set(names)
    for name in names:
        for entry in gazetteer.places_named(name):
            forms.update(normalize(form) for form in (entry.name, *entry.aliases))
    return any(f" {form} " in f" {text} " for form in forms)


def _date_recoverable(row: dict, reference: date) -> bool:
    written = any(m.date and m.date.isoformat() == row["date"] for m in find_dates(row["text"], reference))
    return row["date"] == row["pub_date"] or written


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    scores = {name: [] for name in ("found", "killed", "date", "country", "admin1", "admin1@named", "place")}
    misses = []
    for row, doc in zip(rows, nlp.pipe(row["text"] for row in rows), strict=True):
        reference = date.fromisoformat(row["pub_date"])
        incidents = extract_incidents(doc, reference, gazetteer=load_gazetteer())
        scores["found"].append(bool(incidents))
        best = max(incidents, key=lambda i: i.killed or 0, default=None)
        location = best.location if best else None
        killed_ok = (best.killed if best else None) or 0
        checks = {
            "killed": killed_ok == (row["fatalities"] or 0),
            "country": bool(location) and _bare(location.country) == _bare(row["country"]),
            "admin1": bool(location) and _bare(location.admin1) == _admin1(row["admin1"], row["country"]),
            "place": bool(location)
            and bool({_bare(location.name), _bare(location.admin2)} & {_bare(row["location"]), _bare(row["admin2"])} - {None}),
        }
        if _place_named(row):
            checks["admin1@named"] = checks["admin1"]
        if _date_recoverable(row, reference):
            checks["date"] = bool(best) and best.date == row["date"]
        for name, ok in checks.items():
            scores[name].append(ok)
        if not all(checks.values()) or not incidents:
            misses.append((row["id"], [k for k, v in checks.items() if not v], best, row["text"]))
    if "-v" in sys.argv:
        for miss in misses:
            print(*miss, sep="\n  ")
    print(f"{'metric':<13} {'score':>6} {'n':>4}")
    for name, values in scores.items():
        print(f"{name:<13} {sum(values) / len(values):>6.3f} {len(values):>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
