"""clean_text: boilerplate goes, every real line stays, paragraphs are kept."""

from __future__ import annotations

import time

import pytest

from briefgen.ingest.clean import clean_text, line_kind, normalize

ARTICLE = [
    "Heavy rain flooded the lower districts of Riverton on Tuesday, the city's disaster agency said.",
    "Residents who share a wall with the embankment were moved to schools, officials said.",
    "Rescue teams will follow the river downstream on Wednesday to look for the missing.",
    "“We are doing everything we can…” the mayor told reporters, before leaving for the camps.",
]


@pytest.mark.parametrize("line", [
    "Leave a Comment",
    "Leave a reply",
    "12 Comments",
    "Join the conversation",
    "Share this article",
    "Share on WhatsApp",
    "Facebook | Twitter | Email",
    "Follow us on Twitter",
    "Follow @dailyexample for live updates",
    "Subscribe to our newsletter",
    "Sign up for our morning briefing newsletter",
    "Click here to read the full report",
    "Advertisement",
    "Story continues below advertisement",
    "We use cookies to improve your experience on our website.",
    "Read more: Floods displace thousands in the north",
    "Also read: Minister resigns over bridge collapse",
    "Copyright © 2024 Daily Example. All rights reserved.",
    "Tags: floods, Riverton, weather",
    "• Share",
    "Reporting by Jane Doe in Riverton; Editing by John Roe",
    "Image caption, Residents queue for water in Riverton",
    "Header image: Flood waters in the lower district. — Photo by author",
    "Listen to this article",
    "4 min read",
    "By Jane Roe",
    "By Jane Roe and Ali Khan | Riverton",
    "By Jane Roe, Staff Reporter",
])
def test_boilerplate_lines(line):
    assert line_kind(line) == "boilerplate"


@pytest.mark.parametrize("line", [
    "Governor Ana Mendes has announced a new relief package for the families of…",
    "The border crossing at Eastgate reopened after three days of talks between the two...",
])
def test_teasers(line):
    assert line_kind(line) == "teaser"


@pytest.mark.parametrize("line", ["Related Topics", "More on this story", "More from Riverton", "You may also like", "Most read", "Trending"])
def test_section_headings(line):
    assert line_kind(line) == "section"


@pytest.mark.parametrize("line", [
    *ARTICLE,
    "The two countries share a long border and follow the same trade rules, the report said.",
    "Follow-up talks are due next week.",
    "Subscribers to the service complained about outages.",
    "Copyright holders sued the platform on Monday.",
    "Investors will share the costs, the company said in a statement on Friday.",
    "Editing by the committee changed the draft, officials said.",
    "By Monday, 40 people had died, officials said.",
    "By the end of the day the river had fallen.",
    "Photographs of the damage were shared widely on Monday, police said.",
])
def test_real_sentences_are_article(line):
    assert line_kind(line) == "article"


@pytest.mark.parametrize("line", [
    " ".join(["x"] * 39) + " zzz",
    " | ".join(["email"] * 30) + " zzz",
    "share " * 20 + "on " * 19 + "zzz",
    "word" * 120 + "…",
    "follow " + "on " * 38 + "zzz",
])
def test_patterns_do_not_backtrack_catastrophically(line):
    line_kind("warm up the compiled patterns")
    started = time.perf_counter()
    line_kind(line)
    assert time.perf_counter() - started < 0.05


def test_trailing_teasers_and_comment_prompt_removed():
    tail = [
        "Minister Ravi Kato has praised the efforts of volunteers in…",
        "Storm warnings were issued for the coastal towns of Lunet and…",
        "Leave a Comment",
    ]
    cleaned = clean_text("\n".join(ARTICLE + tail))
    assert cleaned == "\n\n".join(ARTICLE)


def test_related_section_with_plain_headlines_removed():
    text = "\n\n".join(ARTICLE) + "\n\nRelated stories\n\nBridge collapse kills two in Eastgate\n\nMayor opens new school\n"
    assert clean_text(text) == "\n\n".join(ARTICLE)


def test_trailing_run_of_short_lines_goes_only_with_boilerplate():
    kept_tail = "Riverton Daily"  # a short closing line with no boilerplate after it stays
    assert clean_text("\n".join(ARTICLE + [kept_tail])).endswith(kept_tail)
    assert clean_text("\n".join(ARTICLE + [kept_tail, "Share", "Twitter"])) == "\n\n".join(ARTICLE)


def test_inline_boilerplate_removed_between_paragraphs():
    text = "\n\n".join([ARTICLE[0], "Advertisement", ARTICLE[1], "Read more: Dam repairs begin", ARTICLE[2]])
    assert clean_text(text) == "\n\n".join(ARTICLE[:3])


def test_blank_line_paragraphs_keep_their_inner_lines():
    text = "First line of a paragraph.\nSecond line of it.\n\n\n\nNext paragraph here."
    assert clean_text(text) == "First line of a paragraph.\nSecond line of it.\n\nNext paragraph here."


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister said the\nplan would fail.\nPolice arrived.", "The minister said the plan would fail.\n\nPolice arrived."),
    ("The minister said the\nplan would fail.\n\nPolice arrived\nat noon.", "The minister said the plan would fail.\n\nPolice arrived at noon."),
    ("Aid arrived.\nmore was promised.", "Aid arrived.\n\nmore was promised."),
    ("Floods hit Riverton\nResidents fled on Monday.", "Floods hit Riverton\n\nResidents fled on Monday."),
])
def test_hard_wrapped_lines_are_joined(text, expected):
    assert clean_text(text) == expected


def test_normalize_newlines_controls_and_nfc():
    text = "Cafe\u0301 owners\r\nsaid\x07 it\u00a0was\tfine.\rEnd\x00."
    assert normalize(text) == "Caf\u00e9 owners\nsaid it was\tfine.\nEnd."


def test_nothing_left_is_empty_string():
    assert clean_text("Share\nLeave a Comment\n\n") == ""


def test_seed_article_cleaning(shared_dir, seed_expected):
    original = (shared_dir / "corpus" / "tribune-ttp-daesh.txt").read_text(encoding="utf-8")
    cleaned = clean_text(original)
    for unwanted in seed_expected["cleaning"]["must_not_contain"]:
        assert unwanted not in cleaned
    kept_lines = cleaned.split("\n\n")
    real_lines = [line for line in original.splitlines() if not any(
        unwanted in line for unwanted in seed_expected["cleaning"]["must_not_contain"])]
    assert kept_lines == [line.strip() for line in real_lines]
