"""From a reader's raw text and metadata to an Article (or a Rejection), and the ids articles get."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from ..model import Article, Rejection
from .clean import clean_text
from .dates import normalize_date
from .errors import failure_reason
from .opinion import is_opinion

NO_TEXT = "no article text found"
NOT_SLUG = re.compile(r"[\W_]+")
WEB_SCHEMES = ("http", "https")


def build_article(
    *, source: str, id: str, text: str, title: object = None, url: object = None,
    publisher: object = None, published: object = None, author: object = None,
) -> Article | Rejection:
    """The cleaned Article, or a Rejection when no text is left after cleaning.

    A first paragraph that repeats the title is dropped: the headline is metadata, and kept in the
    text it would also be the article's first sentence (and its summary's).
    """
    headline = metadata_text(title)
    cleaned = without_headline(clean_text(text), headline)
    if not cleaned:
        return Rejection(source, NO_TEXT)
    link = web_url(url)
    return Article(
        id=id, text=cleaned, source=source, title=headline, url=link,
        publisher=metadata_text(publisher), published=normalize_date(published), author=metadata_text(author),
        opinion=is_opinion(headline, link, cleaned),
    )


def without_headline(text: str, headline: str | None) -> str:
    """``text`` without a first paragraph that only repeats ``headline`` (case and end punctuation aside)."""
    first, _, rest = text.partition("\n\n")
    if headline and rest and _bare(first) == _bare(headline):
        return rest
    return text


def _bare(line: str) -> str:
    return " ".join(line.split()).rstrip(".!?:;").casefold()


def one_entry(source: str, read: Callable[[], Article | Rejection]) -> Article | Rejection:
    """``read()`` for one entry of a file of many (a feed item, a record): whatever goes wrong rejects that entry alone."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - one hostile entry must not drop the others of its file
        return Rejection(source, failure_reason(error))


def metadata_text(value: object) -> str | None:
    """A metadata value as one trimmed line; None for empty or non-scalar values."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    line = " ".join(str(value).split())
    return line or None


def web_url(value: object) -> str | None:
    """An http(s) URL, or None: a "javascript:" or "file:" URL must never reach a link in the brief."""
    url = metadata_text(value)
    if url is None or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


def slug(name: str) -> str:
    """A stable id from a file name: lower case, words joined by hyphens."""
    return NOT_SLUG.sub("-", name.lower()).strip("-") or "article"


class UniqueIds:
    """Hands out ids unique within one read: a taken id gets "-2", "-3", ..."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.last_suffix: dict[str, int] = {}  # so a thousand equal ids do not rescan their suffixes

    def claim(self, wanted: str) -> str:
        candidate = wanted
        while candidate in self.taken:
            self.last_suffix[wanted] = self.last_suffix.get(wanted, 1) + 1
            candidate = f"{wanted}-{self.last_suffix[wanted]}"
        self.taken.add(candidate)
        return candidate
