"""The rare specifics that tie two articles to one event, whatever words they otherwise use.

- An *occasion*: an article that looks back on "Monday night's debate" or "the Sept. 11 memorial" names
  an occasion noun (``data/occasion_nouns.txt``) within a few words of a day before its own date, or
  tells what happened during or at a named one ("said during NBC's commander in chief forum", prepositions
  in ``data/occasion_prepositions.txt``) in a lead that names a single past day, which is then the
  occasion's day. Two articles looking back on the same occasion on the same day report one event or
  its aftermath, however differently they tell it. Only the lead counts (the headline and first
  paragraphs), where an article says what it is about; a day on or after the article's date is a
  preview or the day's own news, not an event it looks back on. Occasions of one day happen in many
  countries (elections of one Sunday in Peru and in Chad): two leads that both name countries
  (``lead_countries``) and share none are not at the same occasion.
- An exact *amount* anywhere in the text: "$916 million" is one figure of one event; a round "$1 billion"
  is said of many.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import islice, takewhile

from ..extract.dates import find_dates
from ..lexicons import word_set
from ..model import ArticleBrief

LEAD_PARAGRAPHS = 3  # after the headline: where an article says what it is about
OCCASION_WINDOW = 8  # words either side of a day that may name its occasion
OCCASION_PHRASE = 5  # words after "during" or "at" that may name the occasion: "during NBC's commander in chief forum"
LOOK_BACK_DAYS = 7  # a weekday name reaches back a week at most
AMOUNT = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion|trillion)\b)?|\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|trillion)\b", re.IGNORECASE)
SPECIFIC_DIGITS = 3  # significant digits that make an amount exact: "$916 million", not "$1 billion" nor "$15 an hour"
_WORD = re.compile(r"[\w'’-]+")
# A non-blank line, ended by any separator str.splitlines() knows (none of them is matched by \S).
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")
_CLAUSE = re.compile(r"[^.,;:!?\n]+")  # a stretch of text without punctuation: where a preposition's phrase lies


def headline(article: ArticleBrief) -> str:
    """The article's title, else its first line (the headline of most plain-text archives)."""
    return article.title or article.text.strip().split("\n", 1)[0]


def _lead_lines(article: ArticleBrief) -> list[re.Match]:
    """The text's first non-blank lines as far as the lead goes: LEAD_PARAGRAPHS paragraphs, after the first line
    when that is the headline (an article without a title)."""
    return list(islice(_LINE.finditer(article.text), LEAD_PARAGRAPHS + (0 if article.title else 1)))


def lead(article: ArticleBrief) -> str:
    """The headline and the first LEAD_PARAGRAPHS paragraphs (one line each) of the text."""
    lines = [line.group(0) for line in _lead_lines(article)]
    return "\n".join([headline(article), *(lines if article.title else lines[1:])])


def lead_countries(article: ArticleBrief) -> set[str]:
    """The states the article's lead names (actors of kind state with a mention there)."""
    lines = _lead_lines(article)
    end = lines[-1].end() if lines else 0
    return {actor.name for actor in article.actors if actor.kind == "state" and any(e.start < end for e in actor.evidence)}


def _occasion_nouns(words: list[str]) -> Iterator[str]:
    nouns = word_set("occasion_nouns")
    for word in words:
        singular = word.lower().strip("'’").removesuffix("'s").removesuffix("’s")
        for form in (singular, singular.removesuffix("s")):
            if form in nouns:
                yield form
                break


def _occasions_attended(text: str) -> set[str]:
    """The named occasions that follow "during" or "at" in the same clause of ``text``: the occasion noun with a
    name before it or its own capital ("during NBC's commander in chief forum", "at a Commander-in-Chief Forum"),
    the name telling it from others of its kind. A number stops the phrase: "at least 3 debates" counts
    occasions, "during the 2012 election" is one of another year."""
    prepositions = word_set("occasion_prepositions")
    found: set[str] = set()
    for clause in _CLAUSE.findall(text):
        words = _WORD.findall(clause)
        for position, word in enumerate(words):
            if word.lower() not in prepositions:
                continue
            phrase = list(takewhile(lambda w: not any(c.isdigit() for c in w), words[position + 1 : position + 1 + OCCASION_PHRASE]))
            for end, noun in enumerate(phrase, 1):
                if any(w[0].isupper() for w in phrase[:end]):
                    found.update(_occasion_nouns([noun]))
    return found


def occasions(article: ArticleBrief) -> set[tuple[str, dt.date]]:
    """The occasions the article's lead looks back on: (occasion noun, its day)."""
    try:
        published = dt.date.fromisoformat(article.published or "")
    except ValueError:
        return set()
    text = lead(article)
    found: set[tuple[str, dt.date]] = set()
    if not any(_occasion_nouns(_WORD.findall(text))):
        return found  # most leads name no occasion: their dates need not be read
    past_days = set()
    for mention in find_dates(text, published):
        if mention.date is None or not 0 < (published - mention.date).days <= LOOK_BACK_DAYS:
            continue
        past_days.add(mention.date)
        before = _WORD.findall(text[: mention.start])[-OCCASION_WINDOW:]
        after = _WORD.findall(text[mention.end :])[:OCCASION_WINDOW]
        found |= {(noun, mention.date) for noun in _occasion_nouns(before + after)}
    if len(past_days) == 1:  # with two past days in the lead, which one an occasion was on is not told
        [day] = past_days
        found |= {(noun, day) for noun in _occasions_attended(text)}
    return found


def exact_amounts(text: str) -> set[str]:
    """The amounts of money and millions in ``text`` written with SPECIFIC_DIGITS significant digits or more."""
    found = set()
    for match in AMOUNT.finditer(text):
        amount = " ".join(match.group(0).lower().replace("$ ", "$").split())
        if len(re.sub(r"\D", "", amount).strip("0")) >= SPECIFIC_DIGITS:
            found.add(amount)
    return found
