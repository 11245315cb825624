"""Source kinds and claim counts on sentences written for these tests, plus the seed article's source facts."""

from __future__ import annotations

import pytest

from briefgen.extract.claims import extract_claims
from briefgen.extract.sources import collect_sources
from briefgen.gazetteer import load_gazetteer
from test_claims import seed_text


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Jane Morrow said the factory would close.", "named_person"),
        ("A police spokesman said the road was closed.", "official"),
        ("Pakistani officials said the border would reopen.", "official"),
        ("The military said two soldiers were killed.", "official"),
        ("The ISPR said two soldiers were killed.", "official"),
        ("A source familiar with the talks said a deal was near.", "anonymous"),
        ("Diplomatic sources said the envoy would resign.", "anonymous"),
        ("American media reports said the plan was dropped.", "media"),
        ("Reuters reported that the plant had shut down.", "media"),
        ("The report found that prices rose sharply.", "document"),
        ("Amnesty International said the detainees were mistreated.", "institution"),
    ],
)
def test_source_kinds(nlp, text, kind):
    sources = collect_sources(extract_claims(nlp(text), gazetteer=load_gazetteer()))
    assert [source.kind for source in sources] == [kind]
    assert sources[0].anonymous is (kind == "anonymous")


def test_claims_are_counted_per_source(nlp):
    text = (
        "Jane Morrow said the factory would close. "
        "The union said the workers were not told. "
        "Morrow said the decision was final."
    )
    sources = collect_sources(extract_claims(nlp(text), gazetteer=load_gazetteer()))
    assert {source.name: source.claims for source in sources} == {"Jane Morrow": 2, "The union": 1}


def test_actor_speakers_link_to_the_actor(nlp):
    sources = collect_sources(extract_claims(nlp("The ISPR said two soldiers were killed."), gazetteer=load_gazetteer()))
    assert sources[0].actor == "Inter-Services Public Relations"


def test_seed_article_sources(nlp, shared_dir, seed_expected):
    sources = collect_sources(extract_claims(nlp(seed_text(shared_dir)), gazetteer=load_gazetteer()))
    for fact in seed_expected["sources"]["must"]:
        assert any(
            fact["name_has"] in source.name and source.kind == fact["kind"] for source in sources
        ), f"no source satisfies {fact}: {sources}"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The union said the strike would go on.", "institution"),
        ("A witness said the car was red.", "anonymous"),
        ("Critics said the law was rushed.", "anonymous"),
    ],
)
def test_unnamed_speakers(nlp, text, kind):
    assert [source.kind for source in collect_sources(extract_claims(nlp(text), gazetteer=load_gazetteer()))] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "A police official in Bannu, who asked not to be named, said the attackers were likely members of the TTP.",
        "A senior police officer, speaking on condition of anonymity, said the callers may have links to a gang.",
        "An army officer who was not authorised to speak to the media said two posts had been overrun.",
    ],
)
def test_officials_who_ask_for_anonymity_are_anonymous_sources(nlp, text):
    claims = extract_claims(nlp(text), gazetteer=load_gazetteer())
    assert len(claims) == 1, claims
    assert claims[0].speaker_kind == "anonymous" and claims[0].cue == "said"
