"""Clean an article's main text: normalize characters, drop what is not the article, keep paragraphs.

What is dropped is described by patterns in ``data/boilerplate.json``, each
matched against a whole short line, so a real sentence that merely contains
"share" or "follow" is never touched:

- boilerplate lines: comment prompts, share/follow/subscribe/newsletter,
  cookie and advert notices, "Click here", "Read more: ...";
- teasers: short lines of other stories cut off with an ellipsis;
- sections of other stories: a heading such as "Related stories" and the
  short headline-like lines under it;
- a trailing run of short non-sentence lines that contains any of the above.

Paragraphs come out separated by one blank line. When the input has no blank
lines at all, each line is taken to be a paragraph. A line starting in lower
case after one that ends mid-sentence is a hard wrap and is joined back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..lexicons import lexicon

BULLETS = "•·*-–—»>|▪►"
SENTENCE_END = re.compile(r"[.!?;:…][\"'”’)\]]*$")
SPACES = re.compile(r"[^\S\n\t]+")  # horizontal whitespace other than tabs
# Control characters (Unicode Cc) except tab and newline, plus BOM and zero-width space (Cf, never wanted).
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u200b]")
# No word is this long: a longer run without a space (a row of "?", an inline blob) is broken with a space
# every LONGEST_RUN characters, as spaCy's tokenizer takes time growing with the square of a run of punctuation.
LONGEST_RUN = 300
LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN}}}(?=\S)")


class Rules(NamedTuple):
    line_max_chars: int
    line_max_words: int
    teaser_max_words: int
    headline_max_words: int
    teasers: re.Pattern
    lines: re.Pattern
    sections: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled patterns of ``data/boilerplate.json``."""
    data = lexicon("boilerplate")
    social = "(" + "|".join(re.escape(name) for name in data["social_networks"]) + ")"

    def compiled(key: str) -> re.Pattern:
        alternatives = "|".join(f"(?:{pattern.replace('{social}', social)})" for pattern in data[key])
        return re.compile(alternatives, re.IGNORECASE)

    return Rules(
        data["line_max_chars"], data["line_max_words"], data["teaser_max_words"], data["headline_max_words"],
        compiled("teasers"), compiled("lines"), compiled("sections"),
    )


def normalize(text: str) -> str:
    """One newline style, no control characters (except newline and tab), no run of more than LONGEST_RUN
    characters without a space, NFC, trimmed lines and text."""
    text = "\n".join(text.splitlines())  # \r\n, \r, U+2028... all become \n
    text = LONG_RUN.sub(r"\g<0> ", SPACES.sub(" ", UNWANTED.sub("", text)))
    lines = (line.strip() for line in text.split("\n"))
    return unicodedata.normalize("NFC", "\n".join(lines).strip())


class Line(NamedTuple):
    paragraph: int
    text: str


def clean_text(text: str) -> str:
    """The article text without boilerplate, paragraphs separated by a blank line ("" if nothing is left)."""
    lines = list(_lines(normalize(text)))
    kept = _drop_boilerplate(lines)
    paragraphs: dict[int, list[str]] = {}
    for line in kept:
        paragraphs.setdefault(line.paragraph, []).append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs.values())


def _lines(text: str):
    """Non-blank lines with their paragraph number (blank-line blocks, or one line each if there are none)."""
    one_per_line = "\n\n" not in text
    paragraph = 0
    for line in _unwrapped(text.split("\n")):
        if not line:
            paragraph += 1
            continue
        yield Line(paragraph, line)
        if one_per_line:
            paragraph += 1


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines with hard-wrapped sentences rejoined: a line starting in lower case continues an unfinished one."""
    # Each joined line is kept as its pieces and joined once at the end, and only the last piece is
    # checked for a sentence end (a continuation starts with a letter, so the end lies within it):
    # growing one string and searching all of it again for every piece took quadratic time.
    joined: list[list[str]] = []
    for line in lines:
        if joined and joined[-1][-1] and line[:1].islower() and not SENTENCE_END.search(joined[-1][-1]):
            joined[-1].append(line)
        else:
            joined.append([line])
    return [" ".join(pieces) for pieces in joined]


def _drop_boilerplate(lines: list[Line]) -> list[Line]:
    kinds = [line_kind(line.text) for line in lines]
    dropped = [kind not in ("article", "headline") for kind in kinds]
    in_section = False  # under a "Related stories"-style heading
    for index, kind in enumerate(kinds):
        if kind == "section":
            in_section = True
        elif kind == "article":
            in_section = False
        elif kind == "headline" and in_section:
            dropped[index] = True
    # A trailing run of dropped and headline-like lines goes as a whole when any of it is boilerplate.
    run_start = len(lines)
    while run_start and (dropped[run_start - 1] or kinds[run_start - 1] == "headline"):
        run_start -= 1
    if any(dropped[run_start:]):
        dropped[run_start:] = [True] * (len(lines) - run_start)
    return [line for line, drop in zip(lines, dropped, strict=False) if not drop]


def line_kind(line: str) -> str:
    """'section', 'teaser', 'boilerplate', 'headline' (short, no sentence end) or 'article'."""
    found = rules()
    bare = line.lstrip(BULLETS).strip()
    if len(bare) > found.line_max_chars:
        return "article"
    words = len(bare.split())
    if words <= found.line_max_words:
        if found.sections.fullmatch(bare):
            return "section"
        if found.lines.fullmatch(bare):
            return "boilerplate"
    if words < found.teaser_max_words and found.teasers.fullmatch(bare):
        return "teaser"
    if words <= found.headline_max_words and not SENTENCE_END.search(bare):
        return "headline"
    return "article"
