"""End to end: the briefgen command on the seed article, the samples and bad inputs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def _brief_text(out: Path) -> str:
    """Everything a reader of the brief sees, in all formats."""
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(out / "brief.pdf").pages)
    return "\n".join([(out / "brief.md").read_text(), (out / "brief.html").read_text(), pdf_text])


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory, shared_dir):
    out = tmp_path_factory.mktemp("seed")
    code = main(["build", str(shared_dir / "corpus" / "tribune-ttp-daesh.txt"), "--date", "2024-04-08", "--out", str(out), "--quiet"])
    return code, out


def test_seed_build_writes_four_formats(seed_build):
    code, out = seed_build
    assert code == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["brief.html", "brief.json", "brief.md", "brief.pdf"]
    pdf = PdfReader(out / "brief.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Tehreek-e-Taliban Pakistan" in text and "Key claims" in text.replace("KEY CLAIMS", "Key claims")
    assert pdf.metadata.title and pdf.metadata.author is None  # the author is --organisation, none given here


def test_seed_cleaning_facts(seed_build, seed_expected):
    _, out = seed_build
    seen = _brief_text(out) + (out / "brief.json").read_text()
    for name in seed_expected["cleaning"]["must_not_contain"]:
        assert name not in seen, name


def test_seed_actor_facts(seed_build, seed_expected):
    _, out = seed_build
    actors = json.loads((out / "brief.json").read_text())["articles"][0]["actors"]
    for must in seed_expected["actors"]["must"]:
        found = [a for a in actors if a["name"] == must["name"]]
        assert found and found[0]["kind"] == must["kind"], must
        assert set(must.get("aliases", [])) <= set(found[0]["aliases"]), must
    for must_not in seed_expected["actors"]["must_not"]:
        assert not [a for a in actors if a["name"] == must_not["name"] and a["kind"] == must_not.get("kind", a["kind"])], must_not


def test_evidence_offsets_point_into_text(seed_build):
    _, out = seed_build
    article = json.loads((out / "brief.json").read_text())["articles"][0]
    text, sentences = article["text"], article["sentences"]
    items = [e for a in article["actors"] for e in a["evidence"]]
    items += [c["evidence"] for c in article["claims"]] + [i["evidence"] for i in article["incidents"]]
    assert items
    for ev in items:
        sentence = sentences[ev["sentence"]]
        assert sentence["start"] <= ev["start"] < ev["end"] <= len(text)
    for s in article["summary"]:
        assert text[sentences[s["sentence"]]["start"] : sentences[s["sentence"]]["end"]].strip() == s["text"].strip()


def test_build_is_deterministic(tmp_path):
    outputs = []
    for name in ("one", "two"):
        assert main(["build", str(EXAMPLES), "--date", "2025-03-10", "--out", str(tmp_path / name), "--format", "md,html,json", "-q"]) == 0
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / name).glob("brief.*")})
    assert outputs[0] == outputs[1]


def test_samples_build_all_inputs(tmp_path, capsys):
    assert main(["build", str(EXAMPLES), "--date", "2025-03-10", "--out", str(tmp_path), "--format", "json", "-q"]) == 0
    brief = json.loads((tmp_path / "brief.json").read_text())
    assert len(brief["articles"]) == 6
    assert "sample-wire-0311" in {a["id"] for a in brief["articles"]}


def test_extract_prints_one_article_per_line(capsys):
    assert main(["extract", str(EXAMPLES / "feed-export.jsonl"), "--date", "2025-03-10", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["sample-wire-0311", "sample-wire-0312"]
    assert json.loads(lines[0])["source"].endswith("feed-export.jsonl:1")


def test_some_rejected_inputs_exit_1_and_are_named(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "noise.txt").write_bytes(os.urandom(4096))
    code = main(["build", str(tmp_path / "empty.txt"), str(tmp_path / "noise.txt"), str(EXAMPLES / "quetta-protest.txt"),
                 "--out", str(tmp_path / "out"), "--format", "md", "--date", "2025-03-10", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert (tmp_path / "out" / "brief.md").exists()
    rejected = [line for line in err.splitlines() if line.startswith("briefgen: rejected")]
    assert len(rejected) == 2 and "empty.txt" in rejected[0] and "noise.txt" in rejected[1]
    assert "Traceback" not in err


@pytest.mark.parametrize("quiet", [False, True])
def test_a_build_ends_with_one_closing_line_unless_quiet(tmp_path, capsys, quiet):
    (tmp_path / "empty.txt").write_text("")
    code = main(["build", str(tmp_path / "empty.txt"), str(EXAMPLES / "quetta-protest.txt"), str(EXAMPLES / "border-post-attack.md"),
                 "--out", str(tmp_path / "out"), "--format", "md,json", "--date", "2025-03-10", *(["-q"] if quiet else [])])
    assert code == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("briefgen: rejected") and "empty.txt" in lines[0]
    if quiet:
        assert len(lines) == 1
        return
    brief = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    incidents = sum(len(story["incidents"]) for story in brief["stories"])
    claims = sum(len(article["claims"]) for article in brief["articles"])
    assert len(lines) == 2 and incidents and claims
    assert re.fullmatch(
        rf"briefgen: 2 articles used, 1 rejected; 2 stories, {incidents} incidents?, {claims} claims?; \d+\.\d s", lines[1]
    )


def test_nothing_usable_exits_2_and_keeps_previous_brief(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.md").write_text("yesterday's brief")
    (tmp_path / "broken.json").write_text('{"text": "unterminated')
    (tmp_path / "blank.txt").write_text("   \n\t\n")
    code = main(["build", str(tmp_path / "broken.json"), str(tmp_path / "blank.txt"), "--out", str(out), "-q"])
    assert code == 2
    assert (out / "brief.md").read_text() == "yesterday's brief"
    assert "Traceback" not in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "x.txt", "--date", "08/04/2024"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "x.txt", "--format", "docx"])
    assert exit_info.value.code == 2


def test_hostile_inputs_build_safely(tmp_path, capsys):
    (tmp_path / "jinja.md").write_text(
        "# Template trick {{ 7*7 }}\n\nOfficials said {{ config }} and {% raw %} were typed by the reporter."
        " The army said two militants were killed on Sunday.\n"
    )
    (tmp_path / "page.html").write_text(
        "<html><head><title>Hostile page</title><script>alert(1)</script></head><body><article>"
        "<p onclick='alert(2)'>Police in Quetta said three men were arrested on Monday after a raid on a warehouse in the city.</p>"
        "<iframe src='file:///etc/passwd'></iframe><img src='file:///etc/passwd' onerror='alert(3)'>"
        "<p>The raid followed weeks of surveillance, a police spokesman told reporters, adding that weapons were recovered.</p>"
        "</article></body></html>"
    )
    out = tmp_path / "out"
    assert main(["build", str(tmp_path), "--out", str(out), "--date", "2025-03-10", "-q"]) == 0
    html = (out / "brief.html").read_text()
    assert "<script" not in html and "onclick" not in html and "<iframe" not in html and "file:///etc/passwd" not in html
    assert "{{ 7*7 }}" in (out / "brief.md").read_text().replace("\\*", "*")
    # no template ran the article's {{ 7*7 }} (the map's SVG coordinates may hold any digits)
    assert "49" not in re.sub(r'<figure class="brief-figure.*?</figure>', "", html, flags=re.S)


def test_unchanged_day_is_not_rebuilt_but_changes_are(tmp_path, monkeypatch):
    import briefgen.pipeline as pipeline

    calls = []
    real = pipeline.build_brief
    monkeypatch.setattr(pipeline, "build_brief", lambda *a, **k: calls.append(1) or real(*a, **k))
    args = ["build", str(EXAMPLES / "feed-export.jsonl"), "--date", "2025-03-10", "--out", str(tmp_path), "--format", "md,json", "-q"]
    assert main(args) == 0 and len(calls) == 1
    first = (tmp_path / "brief.md").read_bytes()
    assert main(args) == 0 and len(calls) == 1  # nothing changed: nothing analysed or rendered
    monkeypatch.chdir(tmp_path.parent)
    assert main(args[:-5] + ["--out", tmp_path.name] + args[-3:]) == 0 and len(calls) == 1  # the same folder, named relatively
    (tmp_path / "brief.md").write_text("edited by hand")
    assert main(args) == 0 and len(calls) == 2 and (tmp_path / "brief.md").read_bytes() == first
    assert main(args + ["--title", "Another title"]) == 0 and len(calls) == 3
    assert "# Another title" in (tmp_path / "brief.md").read_text()
