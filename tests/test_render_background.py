"""A story's background incidents are listed apart: not on the timeline, not in its incidents table or severity."""

from __future__ import annotations

import datetime as dt

from briefgen.assemble import assemble
from briefgen.config import Settings
from briefgen.model import ArticleBrief, Evidence, Incident, Location, SentenceSpan
from briefgen.render import render_markdown

TEXT = "Eight people were killed in an attack on a bus in Mandera on Monday. A similar attack in October 2013 killed 14 people."


def _article(background_killed: int) -> ArticleBrief:
    first, second = SentenceSpan(0, 68), SentenceSpan(69, len(TEXT))
    place = Location("Mandera", None, "Mandera", "Kenya")
    today = Incident("attack", "2016-09-26", "on Monday", place, 8, None, [], Evidence(0, first.start, first.end))
    past = Incident("attack", None, "in October 2013", place, background_killed, None, [], Evidence(1, second.start, second.end), background=True)
    return ArticleBrief(
        id="a1", title="Bus attack in Mandera", url=None, publisher="Daily", published="2016-09-28", source="a1.txt",
        text=TEXT, sentences=[first, second], incidents=[today, past],
    )


def test_background_is_listed_apart_from_the_days_incidents():
    brief = assemble([_article(14)], "Brief", "2016-09-28")
    assert [entry.killed for entry in brief.timeline] == [8]
    markdown = render_markdown(brief, Settings(date=dt.date(2016, 9, 28)))
    background = markdown.split("### Background", 1)[1]
    assert "in October 2013" in background and "14 killed" in background


def test_background_does_not_weigh_in_a_storys_severity():
    light, heavy = (assemble([_article(killed)], "Brief", "2016-09-28").stories[0].score for killed in (1, 10_000))
    assert light == heavy
