"""clean_text on very long inputs: hard-wrapped text is rejoined in linear time."""

from __future__ import annotations

import time

import pytest

from briefgen.ingest.clean import LONGEST_RUN, clean_text

WRAPPED_LINES = 200_000
CONTINUATION = "and the convoy kept moving slowly along the road to the border post"


def wrapped_paragraph(number: int, lines: int) -> tuple[list[str], str]:
    """A one-sentence paragraph hard-wrapped over ``lines`` lines, and the paragraph the cleaner should give back."""
    wrapped = [f"Officials in district {number} said that", *[CONTINUATION] * (lines - 2), "until it arrived at dusk."]
    return wrapped, " ".join(wrapped)


@pytest.mark.parametrize("paragraph_count", [1, 4, 1000])
def test_long_hard_wrapped_text_cleans_fast_and_right(paragraph_count):
    paragraphs = [wrapped_paragraph(number, WRAPPED_LINES // paragraph_count) for number in range(paragraph_count)]
    text = "\n\n".join("\n".join(wrapped) for wrapped, _ in paragraphs)
    start = time.perf_counter()
    cleaned = clean_text(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 20, f"{WRAPPED_LINES} wrapped lines took {elapsed:.1f} s"
    assert cleaned == "\n\n".join(expected for _, expected in paragraphs)


@pytest.mark.parametrize("run", ["?" * 9000, "!" * 20000, "-=" * 8000, "a" * 5000])
def test_a_run_without_spaces_is_broken_so_it_tokenizes_in_linear_time(nlp, run):
    """spaCy's tokenizer took 10 s on 9,000 "?" in a row (its time grows with the square of a punctuation run)."""
    text = clean_text(f"Officials met on Monday. {run} Talks resumed.")
    assert max(len(word) for word in text.split()) <= LONGEST_RUN
    assert text.replace(" ", "") == f"OfficialsmetonMonday.{run}Talksresumed."  # nothing lost, only spaces added
    started = time.perf_counter()
    nlp.make_doc(text)
    assert time.perf_counter() - started < 2  # was about 10 s for 9,000 "?", and the square of it for longer runs


def test_words_and_links_of_ordinary_length_are_kept_whole():
    text = "See https://example.org/reports/2025/" + "annual-security-review-" * 5 + "final.pdf for the figures."
    assert clean_text(text) == text
