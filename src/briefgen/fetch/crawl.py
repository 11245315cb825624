"""One fetch run: the URLs given (feeds or pages), then the new articles the feeds link to, saved into a folder.

Two rounds: first every URL given (a feed with its stored ETag/Last-Modified,
so an unchanged feed answers 304 with no body), then each feed entry's page
that the seen-URL store does not hold. Nothing else is ever requested: not the
links or images inside a page, not a feed linked from an entry. Each URL that
fails is one ``Rejection`` (the URL as ``urls.shown`` writes it, and the
reason); the others go on.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import FetchSettings
from ..ingest.decode import decode_bytes
from ..ingest.errors import Unusable, failure_reason
from ..ingest.html import author_names, extract
from ..model import Rejection
from .client import Client, Response
from .errors import FetchError
from .feeds import Entry, charset, feed_entries, is_feed, looks_like_html, unwanted
from .robots import Robots
from .saving import SavedArticle, save_article
from .store import STORE_NAME, SeenStore
from .urls import BadURL, canonical, shown, web_url

WORKERS = 8  # requests in flight over all hosts (each host gets at most two: politeness.PER_HOST)
Progress = Callable[[int, int], None]  # (URLs done, URLs known so far)


@dataclass
class FetchReport:
    saved: list[Path] = field(default_factory=list)  # the records written, in the order of the URLs
    failed: list[Rejection] = field(default_factory=list)
    unchanged_feeds: int = 0  # feeds that answered 304 Not Modified
    already_saved: int = 0  # pages (given, or linked from a feed) the store holds: not fetched

    @property
    def exit_code(self) -> int:
        """As for build: 0 every URL fetched (or unchanged), 1 some failed, 2 every URL failed."""
        if not self.failed:
            return 0
        return 1 if self.saved or self.unchanged_feeds or self.already_saved else 2


@dataclass
class _Outcome:
    saved: Path | None = None
    entries: list[Entry] | None = None  # a feed's; with its validators (ETag, Last-Modified), stored once its entries are saved
    validators: tuple[str | None, str | None] = (None, None)
    unchanged: bool = False
    failure: str | None = None


class _Run:
    def __init__(self, into: Path, settings: FetchSettings):
        self.into = into
        self.client = Client(settings)
        self.robots = Robots(self.client)
        self.store = SeenStore(settings.seen or into / STORE_NAME)

    def given(self, url: str) -> _Outcome:
        """A URL the user named: a feed (its entries returned) or a page (saved)."""
        validators = self.store.validators(url)
        conditional = {name: value for name, value in (("If-None-Match", validators.get("etag")),
                                                        ("If-Modified-Since", validators.get("last_modified"))) if value}
        response = self._get(url, conditional, feeds_too=True)
        if response.status == 304:
            return _Outcome(unchanged=True)
        text = _decoded(response)
        if is_feed(response.headers, text):
            return _Outcome(entries=feed_entries(text, response.url),
                            validators=(response.headers.get("etag"), response.headers.get("last-modified")))
        return _Outcome(saved=self._save(url, response, text, None))

    def entry(self, entry: Entry) -> _Outcome:
        """A page a feed links to: saved, with the feed's title, date and author where the page has none."""
        response = self._get(entry.url, {}, feeds_too=False)
        return _Outcome(saved=self._save(entry.url, response, _decoded(response), entry))

    def _get(self, url: str, headers: dict[str, str], feeds_too: bool) -> Response:
        response = self.client.get(url, headers=headers, check_hop=self.robots.refusal,
                                   check_headers=lambda got: unwanted(got, feeds_too))
        if response.status == 304 and headers:
            return response
        if not 200 <= response.status < 300:
            raise FetchError(f"HTTP {response.status}" + (" (a redirect without a Location)" if 300 <= response.status < 400 else ""))
        return response

    def _save(self, url: str, response: Response, text: str, entry: Entry | None) -> Path:
        if not looks_like_html(text):
            raise FetchError("skipped: not HTML" + (" or a feed" if entry is None else ""))
        document = extract(text)
        if document is None or not document.text:
            raise FetchError("no article text found")
        page_url = _own_url(document.url, response.url)
        said = entry or Entry(url, None, None, None, None)  # what the feed says, used where the page says nothing
        record = SavedArticle(
            url=page_url, title=document.title or said.title, publisher=_publisher(document.sitename, page_url, said.feed_title),
            published=document.date or said.published, author=author_names(document.author) or said.author,
            text=document.text, fetched_from=shown(url), fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        path = save_article(self.into, record, response.body)
        self.store.add([url, response.url, page_url], path.name)
        return path


def fetch_sources(urls: Sequence[str], into: Path, settings: FetchSettings, progress: Progress | None = None) -> FetchReport:
    """Fetch ``urls`` (feeds or pages) and the new articles of the feeds into the folder ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    run = _Run(into, settings)
    report = FetchReport()
    given: dict[str, str] = {}  # canonical URL -> the URL as given first
    for url in urls:
        try:
            given.setdefault(canonical(web_url(url)), web_url(url))
        except BadURL as error:
            report.failed.append(Rejection(shown(url), str(error)))
    report.already_saved += sum(run.store.seen(url) for url in given.values())
    pending = [url for url in given.values() if not run.store.seen(url)]
    counter = _Counter(len(pending), progress)
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(lambda url: counter.done(_attempt(run.given, url)), pending))
        entries: dict[str, Entry] = {}  # canonical URL -> the entry, once however many feeds link it
        linked_from: dict[str, list[str]] = {}  # canonical URL of an entry -> the feeds linking it
        for url, outcome in zip(pending, outcomes, strict=True):
            _record(report, url, outcome)
            for entry in outcome.entries or ():
                if run.store.seen(entry.url):
                    report.already_saved += 1
                    continue
                entries.setdefault(canonical(entry.url), entry)
                linked_from.setdefault(canonical(entry.url), []).append(url)
        counter.add(len(entries))
        failed_feeds: set[str] = set()
        for key, outcome in zip(entries, pool.map(lambda entry: counter.done(_attempt(run.entry, entry)), entries.values()), strict=True):
            _record(report, entries[key].url, outcome)
            if outcome.failure:
                failed_feeds.update(linked_from[key])
    for url, outcome in zip(pending, outcomes, strict=True):
        if outcome.entries is not None:
            # a feed with an entry that failed is asked for again in full next time, so that entry is tried again
            run.store.set_validators(url, *((None, None) if url in failed_feeds else outcome.validators))
    return report


def _attempt(fetch: Callable, item) -> _Outcome:
    try:
        return fetch(item)
    except Exception as error:  # noqa: BLE001 - one hostile page or feed must not end a run of many
        return _Outcome(failure=str(error) if isinstance(error, FetchError | Unusable) else failure_reason(error))


def _record(report: FetchReport, url: str, outcome: _Outcome) -> None:
    if outcome.failure:
        report.failed.append(Rejection(shown(url), outcome.failure))
    elif outcome.saved:
        report.saved.append(outcome.saved)
    elif outcome.unchanged:
        report.unchanged_feeds += 1


class _Counter:
    """Progress over URLs whose number grows when the feeds are read."""

    def __init__(self, total: int, progress: Progress | None):
        self.total, self.finished, self.progress = total, 0, progress
        self._lock = threading.Lock()  # done() is called from the worker threads

    def add(self, more: int) -> None:
        with self._lock:
            self.total += more
            self._show()

    def done(self, outcome: _Outcome) -> _Outcome:
        with self._lock:
            self.finished += 1
            self._show()
        return outcome

    def _show(self) -> None:
        if self.progress:
            self.progress(self.finished, self.total)


def _decoded(response: Response) -> str:
    """The body as text: the charset the headers name when it decodes cleanly, else as ingest decodes a file."""
    declared = charset(response.headers)
    if declared:
        try:
            return response.body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    if not response.body.strip():
        raise FetchError("empty response")
    return decode_bytes(response.body)


def _http_url(value: str | None) -> str | None:
    try:
        return web_url(value) if value else None
    except BadURL:
        return None


def _own_url(declared: str | None, fetched: str) -> str:
    """The page's own (canonical) URL when it lies on the site the page came from (or a subdomain of it, or the
    site is its subdomain: an AMP page's canonical); else the URL fetched. A page may not name another site's URL:
    it would be shown as that site's article and mark that URL as seen, so it would never be fetched."""
    url = _http_url(declared)
    if url is None:
        return fetched

    def host(value: str) -> str:
        name = (urlsplit(value).hostname or "").lower()
        return name[4:] if name.startswith("www.") else name

    own, other = host(fetched), host(url)
    same_site = own == other or own.endswith("." + other) or other.endswith("." + own)
    return url if own and same_site else fetched


def _publisher(site: str | None, page_url: str, feed_title: str | None) -> str | None:
    """The page's site name (og:site_name); else the feed's title. trafilatura's last resort, the host name
    taken from the page's URL, counts only when there is no feed title."""
    parts = urlsplit(page_url)
    hosts = {name.lower() for name in (parts.hostname or "", parts.netloc)}  # trafilatura may keep the port
    guessed = site is not None and site.lower() in hosts | {host.removeprefix("www.") for host in hosts}
    return feed_title if feed_title and (not site or guessed) else site
