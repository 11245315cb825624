"""Date resolution against a reference date: absolute, relative, weekdays, nights, periods."""

from datetime import date

import pytest

from briefgen.extract.dates import find_dates, resolve_date

MONDAY = date(2024, 4, 8)


@pytest.mark.parametrize(
    "text, reference, expected, written",
    [
        ("The raid took place on Sunday.", MONDAY, date(2024, 4, 7), "on Sunday"),
        ("Gunmen struck early Tuesday.", MONDAY, date(2024, 4, 2), "early Tuesday"),
        ("Police said on Monday that ...", MONDAY, MONDAY, "on Monday"),
        ("It happened last Monday.", MONDAY, date(2024, 4, 1), "last Monday"),
        ("Two men were shot yesterday.", MONDAY, date(2024, 4, 7), "yesterday"),
        ("A blast shook the town last night.", MONDAY, date(2024, 4, 7), "last night"),
        ("The market reopened today.", MONDAY, MONDAY, "today"),
        ("The convoy was hit three days ago.", MONDAY, date(2024, 4, 5), "three days ago"),
        ("on the night between April 6 and 7", MONDAY, date(2024, 4, 6), "night between April 6 and 7"),
        ("on the night of 6/7 April", MONDAY, date(2024, 4, 6), "night of 6/7 April"),
        ("The blast of 19 August 2021 killed four.", MONDAY, date(2021, 8, 19), "19 August 2021"),
        ("on March 3, 2019", MONDAY, date(2019, 3, 3), "March 3, 2019"),
        ("on 2023-11-30", MONDAY, date(2023, 11, 30), "2023-11-30"),
        # Month and day without a year: the most recent such day not after the reference.
        ("on April 6", MONDAY, date(2024, 4, 6), "April 6"),
        ("on April 20", MONDAY, date(2023, 4, 20), "April 20"),
        # Across month and year ends.
        ("yesterday", date(2024, 3, 1), date(2024, 2, 29), "yesterday"),
        ("yesterday", date(2024, 1, 1), date(2023, 12, 31), "yesterday"),
        ("on Saturday", date(2024, 1, 1), date(2023, 12, 30), "on Saturday"),
        ("on Dec. 30", date(2024, 1, 2), date(2023, 12, 30), "Dec. 30"),
        ("two days ago", date(2024, 3, 1), date(2024, 2, 28), "two days ago"),
    ],
)
def test_days(text, reference, expected, written):
    assert resolve_date(text, reference) == (expected, written)


@pytest.mark.parametrize("text, written", [("last week", "last week"), ("Rebels attacked in March.", "in March"),
                                           ("The group emerged in 2015.", "in 2015"), ("recently", "recently")])
def test_periods_have_no_day_but_keep_their_text(text, written):
    assert resolve_date(text, MONDAY) == (None, written)


def test_no_date():
    assert resolve_date("Militants attacked a checkpoint.", MONDAY) == (None, None)


def test_offsets_point_into_the_text():
    text = "The attack on Friday was confirmed on Sunday."
    mentions = list(find_dates(text, MONDAY))
    assert [text[m.start : m.end] for m in mentions] == ["on Friday", "on Sunday"]
    assert [m.date for m in mentions] == [date(2024, 4, 5), date(2024, 4, 7)]
