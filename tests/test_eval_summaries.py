"""The summaries evaluation command on a small JSONL written here."""

from __future__ import annotations

import json

from briefgen.eval.__main__ import main

ARTICLE = (
    "Floods swept through the river town of Karsh on Tuesday, forcing thousands of families from their homes. "
    "Rescue teams used boats to reach villages cut off by the water, the provincial disaster agency said. "
    "The agency said at least twelve people had died and more rain was expected this week."
)


def test_scores_briefgen_beside_stored_systems(tmp_path, capsys):
    rows = [
        {"id": "a1", "text": ARTICLE, "references": ["Floods in Karsh killed twelve people.", "Thousands left their homes in Karsh."],
         "systems": {"LEAD-1": "Floods swept through the river town of Karsh on Tuesday."}},
        {"id": "a2", "text": ARTICLE, "references": ["Twelve died in floods in Karsh."]},
    ]
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    assert main(["summaries", str(path), "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out
    table = [line.split()[0] for line in out.splitlines() if line.startswith(("briefgen", "LEAD-1"))]
    assert sorted(table) == ["LEAD-1", "briefgen"]
    assert "% of extract time" in out


def test_absent_file_is_a_clean_exit(tmp_path, capsys):
    assert main(["summaries", str(tmp_path / "missing.jsonl")]) == 0
    assert "no such file" in capsys.readouterr().out
