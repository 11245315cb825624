"""clean_text on very long inputs: hard-wrapped text is rejoined in linear time."""

from __future__ import annotations

import time

import pytest

from briefgen.ingest.clean import clean_text

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
