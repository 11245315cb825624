"""Background: an event the text dates well before the article is kept apart from the day's news."""

from datetime import date

import pytest

from briefgen.assemble.stories import merge_incidents
from briefgen.extract.dates import find_dates, latest_day
from briefgen.extract.incidents import extract_incidents
from briefgen.gazetteer import load_gazetteer
from briefgen.model import ArticleBrief

REFERENCE = date(2016, 9, 28)  # a Wednesday


def _incidents(nlp, text):
    return extract_incidents(nlp(text), REFERENCE, gazetteer=load_gazetteer())


@pytest.mark.parametrize(
    "text, when, date_text",
    [
        ("In 2000, they attacked the USS Cole, killing 17 American sailors.", None, "In 2000"),
        ("A similar attack in October 2013 killed 14 people in Mombasa.", None, "in October 2013"),
        ("Last year's bombing in Ankara killed 100 people.", None, "Last year"),
        ("The Feb. 13 death of Justice Antonin Scalia left the court split.", "2016-02-13", "Feb. 13"),  # seven months before
        ("Clinton praised the 2011 raid that killed Osama bin Laden in Abbottabad.", None, "2011"),
        ("My father died 22 years ago of brain cancer.", "1994-10-04", "22 years ago"),
        ("Mr. Obama spoke on the 50th anniversary of the protest march in Selma, Ala.", None, "anniversary"),
        ("She praised his work after the Sept. 11 terrorist attacks in New York.", "2016-09-11", "Sept. 11"),  # 17 days before
    ],
)
def test_an_event_dated_well_before_is_background_with_its_own_date(nlp, text, when, date_text):
    (incident,) = _incidents(nlp, text)
    assert incident.background and incident.date == when and incident.date_text == date_text


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 12 villagers in Zamfara state on Monday.",
        "Police arrested 12 protesters in Charlotte last week.",
        "A bomb exploded near a school in Mogadishu on Sept. 20, killing three.",  # within its week or two: still the news
    ],
)
def test_the_days_news_is_not_background(nlp, text):
    (incident,) = _incidents(nlp, text)
    assert not incident.background


def test_a_recalled_attack_is_its_own_incident_and_never_adds_up(nlp):
    text = (
        "Eight people were killed in an attack on a bus in Mandera on Monday. "
        "A similar attack in October 2013 killed 14 people."
    )
    today, past = _incidents(nlp, text)
    assert (today.killed, today.date, today.background) == (8, "2016-09-26", False)
    assert (past.killed, past.date, past.date_text, past.background) == (14, None, "in October 2013", True)


@pytest.mark.parametrize(
    "text, last",
    [("in the 1960s", date(1969, 12, 31)), ("last year", date(2015, 12, 31)), ("in October", date(2015, 10, 31)), ("recently", None)],
)
def test_latest_day_a_period_can_mean(text, last):
    (mention,) = find_dates(text, REFERENCE)
    assert latest_day(mention, REFERENCE) == last


def test_background_stays_off_the_stories_incidents(nlp):
    text = (
        "Eight people were killed in an attack on a bus in Mandera on Monday. "
        "A similar attack in October 2013 killed 14 people."
    )
    article = ArticleBrief("a1", None, None, "Daily", "2016-09-28", "a1.txt", text, incidents=_incidents(nlp, text))
    assert [item.incident.killed for item in merge_incidents([article])] == [8]


@pytest.mark.parametrize(
    "text",
    [
        "The film revisits the police killing of Laquan McDonald in Chicago.",  # named by its victim
        "She was accused of failing to act during the attack on the embassy in Nairobi.",  # framing another clause
        "Critics said he lived in Dallas around the time of Kennedy's assassination.",  # "the time of" a named death
        "Since the bombing of the marathon in Boston, security at races has been tight.",  # "since" framing an argument
        "Since the Orlando nightclub shooting, gun control has returned to the debate.",
        "Trump said the attack on police officers in Dallas showed the need for law and order.",  # a definite description
        "Militants had bombed the market in Peshawar.",  # the past perfect
    ],
)
def test_an_event_only_recalled_as_known_is_background_without_a_date(nlp, text):
    (incident,) = _incidents(nlp, text)
    assert incident.background and incident.date is None and incident.date_text is None


@pytest.mark.parametrize(
    "text, when",
    [
        # recalled first, then told with its day: the day's news
        ("Officials discussed the death of Terence Crutcher in Tulsa. Crutcher was shot on Friday by a police officer.", "2016-09-23"),
        ("The police shooting of Keith Scott in Charlotte on Tuesday was filmed.", "2016-09-27"),  # dated where it is named
        ("Protests broke out in Charlotte after the shooting of Keith Scott.", "2016-09-28"),  # the framed clause is an event itself
        ("Police said militants had attacked a checkpoint in Bannu.", "2016-09-28"),  # reported speech: the report's tense
        ("Yemen army 'kills wanted IS militant' in Taiz", "2016-09-28"),  # a quote mark is no possessive
    ],
)
def test_an_event_told_or_dated_as_news_is_the_days(nlp, text, when):
    (incident,) = _incidents(nlp, text)
    assert not incident.background and incident.date == when


def test_a_definite_event_named_beside_the_days_news_is_the_days(nlp):
    text = (
        "A bomb exploded in Chelsea on Saturday night, injuring 29 people. "
        "Clinton said she had been briefed about the bombings in New York and New Jersey and the attack in Minnesota."
    )
    assert [(i.location.name, i.background) for i in _incidents(nlp, text)] == [("Chelsea", False), ("Minnesota", False)]
