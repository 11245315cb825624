"""Source kinds by the labelling rule (../shared/eval/source-kinds.md), judged from the whole text, on
sentences written for these tests; datelines are no speakers; the brief flags stories resting on anonymous sources."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.assemble import assemble
from briefgen.config import Settings
from briefgen.extract.claims import extract_claims
from briefgen.extract.sources import collect_sources
from briefgen.gazetteer import load_gazetteer
from briefgen.model import ArticleBrief, Claim, Evidence, SentenceSpan
from briefgen.render import render_markdown


def kind_of(nlp, text: str, speaker: str) -> str:
    """The kind of the claim whose speaker is ``speaker`` in ``text``."""
    claims = extract_claims(nlp(text), gazetteer=load_gazetteer())
    kinds = [claim.speaker_kind for claim in claims if claim.speaker == speaker]
    assert kinds, [claim.speaker for claim in claims]
    return kinds[0]


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        # A later mention takes the kind of the fullest mention of the person.
        ("FBI Director James Comey testified on Tuesday. Comey said the inquiry was closed.", "Comey", "official"),
        ("Sen. Elizabeth Warren questioned the bank's chief. Warren said the board had failed.", "Warren", "official"),
        ("Mayor Bill de Blasio visited the site on Sunday. De Blasio said the blast was intentional.", "De Blasio", "official"),
        ("Adam Schiff (D-Calif.) spoke on Monday. Schiff said the hacking had to be answered.", "Schiff", "official"),
        (
            "Ildefonso Guajardo Villarreal, the Mexican secretary of the economy, came to Washington. "
            "Guajardo Villarreal said the talks would go on.",
            "Guajardo Villarreal",
            "official",
        ),
        # An apposition describes by office; the names in its relative clause are not the person's title.
        (
            "Obama met Mitch McConnell, now the Senate majority leader, who had called Barack Obama a failure. McConnell said the vote would wait.",
            "McConnell",
            "official",
        ),
        # A headline label is a name even when the parser takes it for a common noun.
        ("Sanders: Clinton needs to get tougher with Trump.\nBernie Sanders spoke to MSNBC on Monday.", "Sanders", "named_person"),
        # The person's own first names, split from the surname by a nickname, are not another person the title serves.
        ('Rep. Robert C. "Bobby" Scott threw open his back yard on Monday. Scott said the bill would pass.', "Scott", "official"),
        # Out of office or running for it: a named person.
        ("Former Secretary of State Hillary Clinton spoke in Ohio. Clinton said the plan was sound.", "Clinton", "named_person"),
        ("The Democratic presidential nominee said the plan was sound.", "The Democratic presidential nominee", "named_person"),
        # A title inside a quotation is the quoted speaker's word, not the article's description.
        ('"We know Secretary Clinton\'s record," the governor said. Clinton said the plan was sound.', "Clinton", "named_person"),
        # An office in a union, a campaign or an international organisation is no state office.
        ("Traders' union president Nadia Baloch said the shops would stay shut.", "Traders' union president Nadia Baloch", "named_person"),
        ("Trump campaign spokesman Jason Miller said the debate was rigged.", "Trump campaign spokesman Jason Miller", "named_person"),
        ("U.N. Secretary General Ban Ki-moon said the talks had failed.", "U.N. Secretary General Ban Ki-moon", "named_person"),
        # A role is an office only in a state body.
        ("Film director Ava DuVernay spoke in Ohio. DuVernay said the film was hard to make.", "DuVernay", "named_person"),
        # A role in a state body is an office, also with no name.
        ("The FBI director said the inquiry was closed.", "The FBI director", "official"),
        ("The deputy director of the CIA said the report was accurate.", "The deputy director of the CIA", "official"),
        # Someone's circle is on the record; an office is an office whoever it serves.
        ("Obama's former campaign strategist said the ad was a mistake.", "Obama's former campaign strategist", "named_person"),
        ("Obama's press secretary said the ad was a mistake.", "Obama's press secretary", "official"),
        ("Bryan Pagliano refused to appear. Pagliano's lawyer said his client would not testify.", "Pagliano's lawyer", "named_person"),
        # Institutions.
        ("The Clinton campaign said the ads would run until November.", "The Clinton campaign", "institution"),
        ("Human rights groups said the detainees were mistreated.", "Human rights groups", "institution"),
        ("The International Atomic Energy Agency said the test was detected.", "The International Atomic Energy Agency", "institution"),
        # Police and military ranks written out.
        ("Colonel Amir Khan told reporters that two soldiers were wounded.", "Colonel Amir Khan", "official"),
        ("Lieutenant Ana Ruiz said the road was closed.", "Lieutenant Ana Ruiz", "official"),
        # State bodies.
        ("The White House said the visit would go ahead.", "The White House", "official"),
        ("The world's largest economies said the deal was fair.", "The world's largest economies", "official"),
        ("The state said the new rules would apply from May.", "The state", "official"),
        ("State regulators said the mine had to close.", "State regulators", "official"),
        # Documents.
        ("Recent polls show the race is tied in Ohio.", "Recent polls", "document"),
        ("Court papers show the firm paid the fine in 2015.", "Court papers", "document"),
        ("The polling average shows the race tied in Florida.", "The polling average", "document"),
        ("A new ad from the campaign says the senator voted against veterans.", "A new ad from the campaign", "document"),
        ("The film explains how the law changed the prisons.", "The film", "document"),
        # An outlet's poll or average is a document, not the outlet speaking.
        ("Reuters's polling average shows the race tied in Florida.", "Reuters's polling average", "document"),
        ("A CNN poll shows the race tied in Ohio.", "A CNN poll", "document"),
        ("A Reuters-Ipsos poll shows the race tied in Ohio.", "A Reuters-Ipsos poll", "document"),
        ("A new Bloomberg Politics national poll shows the race tied.", "A new Bloomberg Politics national poll", "document"),
        # Media: outlets, or a count of them.
        ("Dozens of newspapers said the candidate was unfit.", "Dozens of newspapers", "media"),
        ("Papers such as The New York Times said the candidate was unfit.", "Papers such as The New York Times", "media"),
        # News outlets and fact-checkers, however their names are cased.
        ("PolitiFact said the claim was mostly false.", "PolitiFact", "media"),
        ("Politifact said the claim was mostly false.", "Politifact", "media"),
        ("RT and its defenders say that the network is fair.", "RT and its defenders", "media"),
        # Unnamed groups and people: anonymous; an unnamed group qualified elsewhere by a state role: official.
        ("Americans worried about the border say the wall is needed.", "Americans worried about the border", "anonymous"),
        ("A group of doctors said the claims were false.", "A group of doctors", "anonymous"),
        ("My mother said the town had changed.", "My mother", "anonymous"),
        ("Oversight Committee Republicans met on Monday. Republicans said the timing was suspicious.", "Republicans", "official"),
        (
            "A group of Republicans and Democrats on the Armed Services Committee met on Monday. Democrats said the budget was too small.",
            "Democrats",
            "official",
        ),
    ],
)
def test_speaker_kinds_follow_the_rule(nlp, text, speaker, kind):
    assert kind_of(nlp, text, speaker) == kind


def test_a_surname_joins_its_fullest_mention_as_one_source(nlp):
    text = "FBI Director James Comey said the inquiry was closed. Comey said no charges would follow."
    sources = collect_sources(extract_claims(nlp(text), gazetteer=load_gazetteer()))
    assert [(source.name, source.kind, source.claims) for source in sources] == [("FBI Director James Comey", "official", 2)]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Washington (AFP) – Hillary Clinton on Monday said the plan would fail.", "Hillary Clinton"),
        ("BEIRUT (Reuters) - Syrian rebels said on Tuesday they had retaken the town.", "Syrian rebels"),
    ],
)
def test_a_dateline_is_never_a_speaker(nlp, text, speaker):
    assert [claim.speaker for claim in extract_claims(nlp(text), gazetteer=load_gazetteer())] == [speaker]


def _story(kinds: list[str]) -> ArticleBrief:
    """One article whose claims have the given speaker kinds."""
    pieces = [f"Claim number {i} was made about the road, someone said." for i in range(len(kinds))]
    spans, start = [], 0
    for piece in pieces:
        spans.append(SentenceSpan(start, start + len(piece)))
        start += len(piece) + 1
    claims = [
        Claim(f"Claim number {i} was made about the road", f"speaker {i}", kind, "said", False, False, Evidence(i, span.start, span.end))
        for i, (kind, span) in enumerate(zip(kinds, spans, strict=True))
    ]
    return ArticleBrief(
        id="a1", title="The valley road", url=None, publisher="Valley Times", published="2024-04-08",
        source="x.txt", text=" ".join(pieces), sentences=spans, claims=claims,
    )


@pytest.mark.parametrize(
    "kinds, flagged",
    [
        (["anonymous", "anonymous", "official"], True),
        (["anonymous", "official"], False),
        (["official", "named_person", "anonymous"], False),
    ],
)
def test_the_brief_says_when_a_story_rests_mostly_on_anonymous_sources(tmp_path, kinds, flagged):
    settings = Settings(out_dir=tmp_path / "out", date=dt.date(2024, 4, 8), formats=("md",))
    markdown = render_markdown(assemble([_story(kinds)], "Day", "2024-04-08"), settings)
    lines = [line for line in markdown.splitlines() if "rests mostly on anonymous sources" in line]
    assert lines == ([f"This story rests mostly on anonymous sources ({kinds.count('anonymous')} of {len(kinds)} claims)."] if flagged else [])
