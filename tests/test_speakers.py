"""Who a referring speaker is, read from the whole text the way a reader does (issue 22 item 1, issue 21 item 2)."""

from __future__ import annotations

import pytest

from briefgen.extract.claims import extract_claims
from briefgen.gazetteer import load_gazetteer


def speaker_of(nlp, text: str, cue: str) -> str:
    claims = [claim for claim in extract_claims(nlp(text), gazetteer=load_gazetteer()) if claim.cue.lower() == cue]
    assert claims, f"no claim with cue {cue!r}"
    return claims[-1].speaker


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        # gender from a title: "Mrs." cannot be "he", so the next subject is
        ("Mrs. Alder will face the same fire Mr. Brennan has. He noted that coal mining was in decline.", "noted", "Mr. Brennan"),
        # gender from an earlier pronoun about the person: Robin Vance is "she", so "he" is the man she questioned
        ("Robin Vance opened the hearing. She said the budget was late. Robin Vance then questioned Alex Moreno about the delay. "
         "He said the money had run out.", "said", "Alex Moreno"),
        # a person named inside a quotation is never the antecedent
        ("Former Governor Ed Rendell agreed that the rules should change. "
         "“There is absolutely no chance Hillary Clinton will withdraw,” he said.", "said", "Former Governor Ed Rendell"),
        # the subject of the previous sentence, not a name in a later clause
        ("Mary Dunne, despite admitting that she had doubts, believes Ruth Adler is correct about the vote. "
         "“The votes are there,” she said.", "said", "Mary Dunne"),
        # "She called him ...": the object is not the speaker
        ("Maria Lopez met Juan Perez on Monday. She called him a liar.", "called", "Maria Lopez"),
        # "they" needs a plural: the plural object, not the singular subject
        ("The agreement had to include the developing economies, even if they argued that the standards were unfair.", "argued",
         "the developing economies"),
        # a relative pronoun after an apposition means the named person
        ("Obama has had a frosty relationship with McConnell, now the Senate majority leader, who in 2010 said the goal "
         "was to make Obama a one-term president.", "said", "McConnell"),
        # "According to X" makes X the one a following pronoun points back to
        ("According to retired General Norman Ham, the current administration has shuffled through military leaders. "
         "“We are on our fourth secretary of defense,” he said.", "said", "retired General Norman Ham"),
    ],
)
def test_pronoun_speaker_is_the_agreeing_antecedent(nlp, text, cue, speaker):
    assert speaker_of(nlp, text, cue) == speaker


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        # "I" in a letter is the signature that follows it
        ("LETTERS.\n\nI believe the council should listen to the farmers.\n\nChris Smith.\n\n"
         "I think the mayor is wrong about the bridge.\n\nToni Williams.", "believe", "Chris Smith"),
        ("LETTERS.\n\nI believe the council should listen to the farmers.\n\nChris Smith.\n\n"
         "I think the mayor is wrong about the bridge.\n\nToni Williams.", "think", "Toni Williams"),
        # "I" in a column is the person of the closing author note
        ("I grew up in a small town. I believe the town will recover from the floods.\n\n"
         "Charlotte Meehan is a playwright in Boston.", "believe", "Charlotte Meehan"),
    ],
)
def test_first_person_is_the_signed_author(nlp, text, cue, speaker):
    assert speaker_of(nlp, text, cue) == speaker


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        ("“We will not leave the square,” she said.", "said", "she (unresolved)"),
        ("The storm passed on Sunday. “Nothing is left,” he said.", "said", "he (unresolved)"),
        # a woman's name the text never genders, and a man by title: "she" is not the man
        ("Mr. Haddad arrived late. “We start now,” she said.", "said", "she (unresolved)"),
    ],
)
def test_pronoun_without_antecedent_is_kept_and_marked(nlp, text, cue, speaker):
    assert speaker_of(nlp, text, cue) == speaker


def test_relative_clause_claim_has_its_subject_and_the_resolved_speaker(nlp):
    text = (
        "Traders shut markets in Quetta\n\n"
        "Hundreds of traders marched through Quetta on Monday to protest against extortion calls that they say "
        "have targeted the city's businesses for months."
    )
    claim = next(claim for claim in extract_claims(nlp(text), gazetteer=load_gazetteer()) if claim.cue == "say")
    assert claim.speaker == "Hundreds of traders"
    assert claim.text == "extortion calls have targeted the city's businesses for months"


def test_names_never_carry_over_between_articles(nlp):
    """Gender learnt about a name in one article says nothing about the same name in another."""
    first = "Chris Smith spoke first. She said the plan was sound."
    second = "Chris Smith arrived on Monday. He said the roads were closed."
    assert speaker_of(nlp, first, "said") == "Chris Smith"
    assert speaker_of(nlp, second, "said") == "Chris Smith"


@pytest.mark.parametrize(
    "text, cue, speaker",
    [
        # a label ending the headline: its evidence stops at the line break
        ("Poll: Wealthy voters abandon the party.\n\nA new poll shows that voters with high incomes have left.", ":", "Poll"),
        # a headline without a full stop that the parser runs into the first sentence
        ("Traders shut markets in Quetta over threats\n\nPolice said two men had been arrested on Sunday.", "said", "Police"),
        ("“We pay our taxes,” the union said\n\nThe mayor did not answer the traders on Monday.", "said", "the union"),
    ],
)
def test_claims_stay_in_their_paragraph(nlp, text, cue, speaker):
    claim = next(claim for claim in extract_claims(nlp(text), gazetteer=load_gazetteer()) if claim.cue == cue)
    paragraph_start = text.rfind("\n", 0, claim.evidence.start) + 1
    paragraph_end = text.find("\n", paragraph_start) % (len(text) + 1)
    assert claim.speaker == speaker
    assert paragraph_start <= claim.evidence.start and claim.evidence.end <= paragraph_end
