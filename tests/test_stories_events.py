"""Grouping by event: articles that tell one event in different words are one story; same topic, other event, apart.

Each case is a day of short articles written for the test, read from ``outlet_date_slug.txt`` files as an
archive holds them (first line the headline, the date in the file name) and built into a brief.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.assemble.specifics import exact_amounts, occasions
from briefgen.assemble.stories import build_stories, outlet
from briefgen.config import Settings
from briefgen.ingest import read_inputs
from briefgen.model import ArticleBrief, Evidence, Incident, Location
from briefgen.pipeline import build_brief

DEBATE_ATTACKS = (
    "huff_2016-09-27_clinton-attacks.txt",
    "Clinton casts Trump as a fraud.\n\n"
    "HEMPSTEAD, N.Y. - Hillary Clinton repeatedly attacked Donald Trump as a fraud during the first presidential debate "
    "Monday night, pressing him on his refusal to release his tax returns.\n\n"
    "Her campaign said the exchange showed voters a steady candidate. Trump's aides insisted he had won.\n",
)
DEBATE_APOLOGY = (
    "politico_2016-09-28_axelrod-dean.txt",
    "Axelrod tells Dean to apologize.\n\n"
    "David Axelrod on Wednesday urged Howard Dean to apologize for a tweet mocking Donald Trump's sniffing during the Monday night debate.\n\n"
    "Axelrod, a former adviser to President Obama, called the tweet outrageous in an interview with CNN.\n",
)
DEBATE_FACT_CHECK = (
    "breitbart_2016-09-29_chicago-claim.txt",
    "PolitiFact rates Trump's Chicago claim true.\n\n"
    "Following Monday's presidential debate, PolitiFact checked the Republican nominee's claim that thousands of shootings "
    "had happened in Chicago this year. The fact-checkers rated it true.\n",
)
CONTEMPT_VOTE = (
    "politico_2016-09-28_house-panel-vote.txt",
    "House panel votes to hold former aide in contempt.\n\n"
    "A House committee voted on Tuesday to hold a former State Department aide in contempt of Congress for refusing "
    "to testify about Hillary Clinton's email server.\n\n"
    "The vote split along party lines, and Democrats called it a stunt.\n",
)
DEBATE_RUN_UP = (
    "upi_2016-09-26_stein-removed.txt",
    "Stein escorted from debate site.\n\n"
    "Green Party candidate Jill Stein was escorted off the Hofstra University campus on Monday afternoon, hours before "
    "the first debate between Donald Trump and Hillary Clinton.\n\n"
    "Stein did not qualify for the stage.\n",
)
TAX_REPORT = (
    "nyt_2016-10-02_trump-returns.txt",
    "Trump's 1995 returns show a huge loss.\n\n"
    "Donald Trump declared a loss of $916 million on his 1995 income tax returns, records obtained by the newspaper show, "
    "a deduction that could have let him legally avoid paying federal income taxes for up to 18 years.\n",
)
TAX_REACTION = (
    "west-journal_2016-10-04_sanders-loopholes.txt",
    "Sanders vows to close real estate loopholes.\n\n"
    "Bernie Sanders said on Tuesday that he wants to close the provisions of the tax code that let Donald Trump "
    "claim a loss of $916 million and perhaps avoid paying income taxes for years.\n",
)
SUPER_PAC_HAUL = (
    "usa-today_2016-10-03_super-pac-haul.txt",
    "Super PAC donations pass a milestone.\n\n"
    "Super PAC donations have passed $1 billion, driven by a small group of wealthy donors backing Donald Trump "
    "and Hillary Clinton, filings show.\n",
)
FORUM_REPORT = (
    "usa-today_2016-09-08_candidates-vie-for-vets.txt",
    "Candidates vie for veterans' support.\n\n"
    "Donald Trump and Hillary Clinton vied for the title of commander in chief Wednesday, each saying the other lacks "
    "the judgment to lead the armed forces.\n\n"
    "Clinton defended her record as secretary of state during a Commander-in-Chief Forum sponsored by NBC News.\n",
)
FORUM_REACTION = (
    "politico_2016-09-08_flynn-backs-trump.txt",
    "Flynn says Trump was right about the generals.\n\n"
    "Retired Lt. Gen. Michael Flynn said Donald Trump was right when he said Wednesday night that the generals had been "
    "reduced to rubble.\n\n"
    "Trump's comments, which came during NBC's commander in chief forum, drew scrutiny from veterans' groups.\n",
)
OTHER_FORUM = (
    "wash-post_2016-09-08_kaine-town-hall.txt",
    "Kaine courts teachers in Ohio.\n\n"
    "Tim Kaine promised more money for public schools on Tuesday, telling teachers that the federal government owed them help.\n\n"
    "He spoke at a town-hall forum in Cleveland organised by a teachers' union.\n",
)
CLINTON_SPEECH = (
    "politico_2016-09-21_clinton-wages.txt",
    "Clinton promises higher wages.\n\n"
    "Hillary Clinton promised to raise the minimum wage, telling factory workers in a speech Tuesday in Ohio that families had waited long enough.\n\n"
    "Her campaign said the plan would be paid for by taxes on the wealthy.\n",
)
TRUMP_SPEECH = (
    "usa-today_2016-09-21_trump-border.txt",
    "Trump vows a tougher border.\n\n"
    "Donald Trump vowed in a speech Tuesday in Arizona to build a wall and to deport criminals in his first hour in office.\n\n"
    "His aides said details would follow in the coming weeks.\n",
)
COLLEGE_COSTS = (
    "nyt_2016-10-03_college-costs.txt",
    "Candidates are quiet on college costs.\n\n"
    "Families saving for college face bills of $1 billion a year in the state, and neither Hillary Clinton nor "
    "Donald Trump has said how he or she would lower them.\n",
)
PERU_ELECTION = (
    "reuters_2016-04-11_peru-runoff.txt",
    "Fujimori heads for runoff in Peru.\n\n"
    "LIMA - Keiko Fujimori won the most votes in Sunday's presidential election in Peru but fell short of a majority, "
    "setting up a runoff in June, official results showed on Monday.\n\n"
    "Her rivals were still counting votes in the capital.\n",
)
CHAD_ELECTION = (
    "afp_2016-04-11_chad-vote.txt",
    "Chad's Deby seeks fifth term.\n\n"
    "N'DJAMENA - Voters in Chad queued for hours in Sunday's presidential election, in which President Idriss Deby "
    "seeks a fifth term after 26 years in power, officials said on Monday.\n\n"
    "Opposition parties complained of irregularities.\n",
)


def day_of(tmp_path: Path, articles: list[tuple[str, str]], date: dt.date):
    folder = tmp_path / "day"
    folder.mkdir()
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")
    brief = build_brief(list(read_inputs([str(folder)])), [], Settings(out_dir=tmp_path / "out", date=date, processes=1, use_cache=False))
    return {a.source.rsplit("/", 1)[-1]: a.story for a in brief.articles}


@pytest.mark.parametrize(
    ("articles", "together", "apart"),
    [
        # Reactions to one debate in different words, each looking back on "Monday night's debate".
        ([DEBATE_ATTACKS, DEBATE_APOLOGY, DEBATE_FACT_CHECK], [(0, 1), (0, 2), (1, 2)], []),
        # The same campaign, another event (a vote the day after), and a run-up piece of the debate day: apart.
        ([DEBATE_ATTACKS, DEBATE_APOLOGY, CONTEMPT_VOTE, DEBATE_RUN_UP], [(0, 1)], [(0, 2), (1, 2), (0, 3), (1, 3)]),
        # The report and a reaction two days later share the exact figure; a round one ("$1 billion") is said of many things.
        ([TAX_REPORT, TAX_REACTION, SUPER_PAC_HAUL, COLLEGE_COSTS], [(0, 1)], [(2, 3), (0, 2), (0, 3)]),
        # A report of the forum and a reaction to a remark made during it; a forum of another day stays apart.
        ([FORUM_REPORT, FORUM_REACTION, OTHER_FORUM], [(0, 1)], [(0, 2), (1, 2)]),
        # Two candidates' speeches of the same Tuesday are two events: the day's news has many speeches.
        ([CLINTON_SPEECH, TRUMP_SPEECH, COLLEGE_COSTS], [], [(0, 1)]),
        # Elections of one Sunday in two countries are two events: leads naming countries must share one.
        ([PERU_ELECTION, CHAD_ELECTION], [], [(0, 1)]),
    ],
)
def test_one_event_is_one_story_and_another_event_is_apart(nlp, tmp_path, articles, together, apart):
    story = day_of(tmp_path, articles, dt.date(2016, 10, 4))
    names = [name for name, _ in articles]
    for first, second in together:
        assert story[names[first]] == story[names[second]], f"{names[first]} and {names[second]} should be one story"
    for first, second in apart:
        assert story[names[first]] != story[names[second]], f"{names[first]} and {names[second]} should be apart"


def brief_of(text: str, published: str, title: str | None = None) -> ArticleBrief:
    return ArticleBrief("a", title, None, None, published, "a.txt", text)


@pytest.mark.parametrize(
    ("text", "published", "found"),
    [
        ("Clinton won.\nShe attacked Trump during the debate Monday night.", "2016-09-27", {("debate", dt.date(2016, 9, 26))}),
        ("Fowler spoke.\nShe left the Sept. 11 memorial early.", "2016-09-12", {("memorial", dt.date(2016, 9, 11))}),
        ("Flynn spoke.\nTrump said at the forum Wednesday that the generals failed.", "2016-09-08", {("forum", dt.date(2016, 9, 7))}),
        # The article's own day is its news or a preview, not an occasion it looks back on.
        ("Stein removed.\nStein was removed on Monday, hours before the debate.", "2016-09-26", set()),
        # An occasion noun far from the day does not name it.
        ("Poll.\nOn Monday a poll came out, and voters were asked many questions about whom they trust before the debate.", "2016-09-28", set()),
        ("Undated.\nThe debate was Monday.", "", set()),
        # What happened during or at an occasion, in a lead naming one past day: the occasion was that day.
        (
            "Flynn backs Trump.\nFlynn said Trump was right when he said Wednesday night that the generals failed.\n"
            "The remark came during NBC's commander in chief forum.",
            "2016-09-08",
            {("forum", dt.date(2016, 9, 7))},
        ),
        (
            "Clinton's doctor speaks.\nClinton's doctor said on Monday that the candidate, who stumbled into a van on Sunday morning "
            "in front of cameras and reporters, has pneumonia.\nShe had left early after feeling overheated at the Ground Zero memorial.",
            "2016-09-12",
            {("memorial", dt.date(2016, 9, 11))},
        ),
        # Occasions the day's news has many of: their day does not name one event.
        ("Wages.\nClinton said in a speech Tuesday that wages must rise.", "2016-09-21", set()),
        ("Budget.\nThe mayor told a news conference on Monday that the city will hire teachers.", "2016-09-21", set()),
        ("Contempt.\nThe House panel's vote on Tuesday split along party lines.", "2016-09-22", set()),
        # Two past days in the lead: which one the forum was on is not told.
        (
            "Candidates trade barbs.\nTrump spoke on Tuesday about trade and Clinton replied on Wednesday, after a long silence that "
            "her aides had planned for weeks.\nThe two had met during the forum.",
            "2016-09-08",
            set(),
        ),
        # An occasion without a name may be any of the day's many speeches or news conferences.
        ("Jobs.\nClinton said on Tuesday that wages must rise for the families she met in Ohio.\nShe spoke during a speech on trade.", "2016-09-22", set()),
        ("Budget.\nThe mayor said on Tuesday that the city will hire more teachers next year.\nHe spoke at a news conference.", "2016-09-22", set()),
        # A number counts things or names another year; "after" and "before" are said of occasions to come.
        ("Count.\nThe party said on Tuesday that it wants more contests in the race.\nAt least 3 Democratic debates will be held.", "2016-09-22", set()),
        (
            "Record.\nThe governor said on Tuesday that voters would judge him by the jobs he brought to the state.\n"
            "He added that his record during the 2012 election speaks for itself.",
            "2016-09-22",
            set(),
        ),
        ("Plans.\nThe senator said on Tuesday that the bill must wait for a calmer season in the capital.\nIt can pass after the vote.", "2016-09-22", set()),
        # "by a vote" is not an occasion attended; "before" points at an occasion to come.
        ("Voter rolls.\nA federal court ruled Friday against the purge of the rolls.\nBy a 2-to-1 vote, the judges sent the case back.", "2016-09-25", set()),
        ("Stein.\nStein said on Saturday that voters want a choice, and she asked for a place on the stage before the debate.", "2016-09-26", set()),
    ],
)
def test_an_article_looks_back_on_an_occasion_of_a_past_day(text, published, found):
    assert occasions(brief_of(text, published)) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Trump declared a loss of $916 million in 1995.", {"$916 million"}),
        ("Donations passed $1 billion, then $1.15 billion.", {"$1.15 billion"}),
        ("It costs $25,000 a year; 14.7 million watched.", {"14.7 million"}),
        ("About 2 million accounts, $200 each, a $15 wage and $1.1 billion in fees.", set()),
    ],
)
def test_an_exact_amount_has_three_significant_digits(text, found):
    assert exact_amounts(text) == found


@pytest.mark.parametrize(
    ("source", "publisher", "expected"),
    [
        ("day/huff-post_2016-09-27_clinton-attacks.txt", None, "huff-post"),  # an archive's outlet_date_slug name
        ("day/huff-post_2016-09-27_clinton-attacks.txt", "HuffPost", "HuffPost"),  # a publisher named by the input or [publishers]
        ("day/clinton_attacks.txt", None, "a"),  # no date after the first part: not an outlet's name
        ("-:2", None, "a"),
    ],
)
def test_an_articles_outlet(source, publisher, expected):
    assert outlet(ArticleBrief("a", None, None, publisher, None, source, "Text.")) == expected


def test_two_articles_of_one_outlet_count_as_one_outlet():
    blast = Incident("bombing", "2016-09-17", "Saturday", Location("Chelsea", "New York County", "New York", "United States"), 0, 29, [], Evidence(0, 0, 10))
    articles = [
        ArticleBrief(f"a{day}", None, None, None, f"2016-09-{day}", f"day/politico_2016-09-{day}_chelsea.txt", "A bomb went off in Chelsea.", incidents=[blast])
        for day in (17, 18)
    ]
    [story] = build_stories(articles, {}, dt.date(2016, 9, 18))
    assert story.publishers == ["politico"]
