"""``briefgen fetch`` against a real HTTP server on 127.0.0.1 that the tests start (``--allow-private`` to reach it).

The server (``Site``) runs in a thread, logs every request it receives, and
stops by itself after ``LIFETIME`` seconds should a test leave it running. Slow
answers wait on the server's stop event, so teardown ends them at once. Only
127.0.0.1 is ever connected to; other addresses appear only as values given to
the pure address check.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import trustme

from briefgen import __version__, cli
from briefgen.config_file import ConfigError, load_config
from briefgen.fetch.addresses import refusal

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
LIFETIME = 120  # seconds a Site lives at most
FAST = ["--allow-private", "--delay", "0.01", "--quiet"]

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class Site:
    """A real HTTP server on 127.0.0.1: ``routes`` (path -> handler) set by each test, ``requests`` logged."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path with query, headers)
        self.stop = threading.Event()
        self.active = self.most_active = 0
        self.starts: list[float] = []
        self._lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's name
                with site._lock:
                    site.requests.append((self.path, dict(self.headers.items())))
                    site.starts.append(time.monotonic())
                    site.active += 1
                    site.most_active = max(site.most_active, site.active)
                try:
                    site.routes.get(self.path.split("?", 1)[0], not_found)(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timed out, too large): that is the point of the test
                finally:
                    with site._lock:
                        site.active -= 1

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        if tls:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.timer = threading.Timer(LIFETIME, self.close)
        self.timer.daemon = True
        self.timer.start()

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200, **headers: str):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda handler: respond(handler, status, data, {"Content-Type": content_type, **headers})

    def close(self):
        self.stop.set()
        self.timer.cancel()
        self.server.shutdown()
        self.server.server_close()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hung up on purpose (timed out, too large) is not an error here


def respond(handler, status: int, body: bytes, headers: dict[str, str]):
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    if "Content-Length" not in headers:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def not_found(handler):
    respond(handler, 404, b"not here", {"Content-Type": "text/plain"})


@pytest.fixture
def site():
    server = Site()
    try:
        yield server
    finally:
        server.close()


def article_page(text_file: str, site_name: str | None = "Sample Wire", published: str = "2025-03-09", author: str = "Jane Roe",
                 canonical: str | None = None) -> str:
    """A news page around a sample article: its first line the headline, the rest paragraphs."""
    title, _, body = (EXAMPLES / text_file).read_text(encoding="utf-8").lstrip("# ").partition("\n\n")
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in body.split("\n\n") if paragraph.strip())
    site_meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    site_meta += f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{site_meta}'
            f'<meta name="author" content="{author}"><meta property="article:published_time" content="{published}T08:00:00Z">'
            f'</head><body><article><h1>{title}</h1>{paragraphs}<img src="/tracker.png"><a href="/elsewhere">More</a></article></body></html>')


def rss(site: Site, title: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>Item {path}</title><link>{site.url(path)}</link><pubDate>Sun, 09 Mar 2025 08:00:00 GMT</pubDate></item>"
                    for path in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{site.url("/")}</link>{items}</channel></rss>'


def fetch(*argv: str) -> int:
    return cli.main(["fetch", *argv])


def saved_records(folder: Path) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("[!.]*.json"))}


def failures(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("briefgen: failed ")]


def test_a_feed_saves_its_articles_then_answers_304_then_only_new_items_are_fetched(site, tmp_path, capsys):
    into = tmp_path / "inbox"
    site.page("/a", article_page("quetta-protest.txt"))
    site.page("/b", article_page("border-post-attack.md", site_name=None))
    site.routes["/feed.xml"] = lambda handler: (
        respond(handler, 304, b"", {}) if handler.headers.get("If-None-Match") == '"v1"'
        else respond(handler, 200, rss(site, "Frontier Times", ["/a", "/b"]).encode(), {"Content-Type": "application/rss+xml", "ETag": '"v1"'}))

    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 0
    records = saved_records(into)
    assert sorted(records) == ["127-0-0-1-a.json", "127-0-0-1-b.json"]
    assert (into / ".raw" / "127-0-0-1-a.html").read_bytes() == article_page("quetta-protest.txt").encode()
    assert records["127-0-0-1-a.json"]["publisher"] == "Sample Wire"  # the page's og:site_name
    assert records["127-0-0-1-b.json"]["publisher"] == "Frontier Times"  # no og:site_name: the feed's title
    assert records["127-0-0-1-b.json"]["published"] == "2025-03-09" and records["127-0-0-1-b.json"]["author"] == "Jane Roe"
    assert site.paths().count("/a") == 1 and "/tracker.png" not in site.paths() and "/elsewhere" not in site.paths()
    assert all(headers["User-Agent"] == f"briefgen/{__version__}" for _, headers in site.requests)

    # Second run: the feed has not changed; the server answers 304 and no page is fetched again.
    site.requests.clear()
    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 0
    assert site.paths() == ["/robots.txt", "/feed.xml"]
    assert site.requests[1][1]["If-None-Match"] == '"v1"'

    # Third run: a new item, and an old one again with a tracking parameter: only the new one is fetched.
    site.page("/c", article_page("quetta-protest.txt", published="2025-03-10"))
    site.page("/feed.xml", rss(site, "Frontier Times", ["/a?utm_source=rss", "/b", "/c"]), "application/rss+xml", ETag='"v2"')
    site.requests.clear()
    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 0
    assert site.paths() == ["/robots.txt", "/feed.xml", "/c"]
    assert sorted(saved_records(into)) == ["127-0-0-1-a.json", "127-0-0-1-b.json", "127-0-0-1-c.json"]


def test_a_canonical_link_is_the_url_and_its_host_is_not_taken_for_the_publisher(site, tmp_path):
    """trafilatura names a page without og:site_name after its canonical URL's host; the feed's title is the better name."""
    site.page("/story", article_page("quetta-protest.txt", site_name=None, canonical=site.url("/2025/story")))
    site.page("/feed.xml", rss(site, "Frontier Times", ["/story?utm_medium=feed"]), "application/rss+xml")
    assert fetch(site.url("/feed.xml"), "--into", str(tmp_path), *FAST) == 0
    (record,) = saved_records(tmp_path).values()
    assert (record["url"], record["publisher"]) == (site.url("/2025/story"), "Frontier Times")
    assert record["fetched_from"] == site.url("/story?utm_medium=feed")
    store = json.loads((tmp_path / ".briefgen-fetch.json").read_text(encoding="utf-8"))
    assert sorted(store["pages"]) == sorted([site.url("/2025/story"), site.url("/story")])


def test_a_canonical_link_to_another_site_is_not_taken(site, tmp_path):
    """A page may not pass itself off as another site's article, nor mark that article as seen (never fetched)."""
    site.page("/story", article_page("quetta-protest.txt", canonical="https://other-outlet.example/2025/their-story"))
    assert fetch(site.url("/story"), "--into", str(tmp_path), *FAST) == 0
    (record,) = saved_records(tmp_path).values()
    assert record["url"] == site.url("/story")
    store = json.loads((tmp_path / ".briefgen-fetch.json").read_text(encoding="utf-8"))
    assert sorted(store["pages"]) == [site.url("/story")]


def test_a_feed_entry_that_failed_is_tried_again_next_run(site, tmp_path):
    into = tmp_path / "inbox"
    site.page("/a", article_page("quetta-protest.txt"))
    site.page("/b", b"busy", "text/plain", status=503)
    site.routes["/feed.xml"] = lambda handler: (
        respond(handler, 304, b"", {}) if handler.headers.get("If-None-Match") == '"v1"'
        else respond(handler, 200, rss(site, "Frontier Times", ["/a", "/b"]).encode(), {"Content-Type": "application/rss+xml", "ETag": '"v1"'}))
    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 1
    site.page("/b", article_page("border-post-attack.md"))
    site.requests.clear()
    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 0
    assert site.paths() == ["/robots.txt", "/feed.xml", "/b"]
    assert "If-None-Match" not in site.requests[1][1]  # asked for in full: the 304 would have hidden /b
    site.requests.clear()
    assert fetch(site.url("/feed.xml"), "--into", str(into), *FAST) == 0
    assert site.paths() == ["/robots.txt", "/feed.xml"]  # all saved now: the validators are kept, the feed answers 304


def test_a_page_given_twice_is_fetched_once(site, tmp_path):
    site.page("/story", article_page("quetta-protest.txt"))
    into = tmp_path / "inbox"
    assert fetch(site.url("/story"), site.url("/story#top"), "--into", str(into), *FAST) == 0
    assert fetch(site.url("/story?fbclid=x"), "--into", str(into), *FAST) == 0
    assert site.paths().count("/story") == 1


def slow(site: Site, seconds: float) -> Route:
    def answer(handler):
        site.stop.wait(seconds)  # ends at teardown
        respond(handler, 200, article_page("quetta-protest.txt").encode(), {"Content-Type": "text/html"})
    return answer


def trickle(site: Site) -> Route:
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        while not site.stop.wait(0.1):
            handler.wfile.write(b" ")
            handler.wfile.flush()
    return answer


@pytest.mark.parametrize("route", [slow, trickle], ids=["answers after 40 s", "trickles a byte every 0.1 s"])
def test_a_slow_server_is_cut_off_at_the_timeout(site, tmp_path, capsys, route):
    """The issue's 40-second page, scaled down: a 1 s timeout against a server that takes 60 s (or forever)."""
    site.routes["/slow"] = route(site, 60) if route is slow else route(site)
    started = time.monotonic()
    assert fetch(site.url("/slow"), "--into", str(tmp_path), "--timeout", "1", *FAST) == 2
    assert time.monotonic() - started < 30  # the timeout is 1 s; the server would take 60 s or more (a generous bound on a busy machine)
    assert failures(capsys.readouterr().err) == [f"briefgen: failed {site.url('/slow')}: timed out after 1 s"]
    assert not saved_records(tmp_path)


def stream(size: int) -> Route:
    """A body of ``size`` bytes with no Content-Length (chunked), so only counting while reading can stop it."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        block = b"<p>" + b"x" * (1 << 16) + b"</p>"
        for _ in range(size // len(block)):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
        handler.wfile.write(b"0\r\n\r\n")
    return answer


def test_a_30_mb_page_is_refused_by_size(site, tmp_path, capsys):
    page = b"<html><body>" + b"<p>filler</p>" * (30_000_000 // 13) + b"</body></html>"
    site.page("/announced", page)
    site.routes["/chunked"] = stream(30_000_000)
    site.page("/bomb", gzip.compress(page, compresslevel=9), Content_Encoding="gzip")
    assert len(gzip.compress(page, compresslevel=9)) < 200_000  # small on the wire, 30 MB once decompressed
    assert fetch(site.url("/announced"), site.url("/chunked"), site.url("/bomb"), "--into", str(tmp_path), *FAST) == 2
    lines = failures(capsys.readouterr().err)
    assert lines == [
        f"briefgen: failed {site.url('/announced')}: larger than the 5,000,000-byte limit ({len(page):,} bytes announced); raise --max-bytes",
        f"briefgen: failed {site.url('/chunked')}: larger than the 5,000,000-byte limit; raise --max-bytes",
        f"briefgen: failed {site.url('/bomb')}: larger than the 5,000,000-byte limit (counted after decompression); raise --max-bytes",
    ]


def test_a_redirect_loop_stops_after_5_redirects(site, tmp_path, capsys):
    site.page("/loop1", b"", status=302, Location="/loop2")
    site.page("/loop2", b"", status=301, Location=site.url("/loop1"))
    assert fetch(site.url("/loop1"), "--into", str(tmp_path), *FAST) == 2
    assert failures(capsys.readouterr().err) == [f"briefgen: failed {site.url('/loop1')}: more than 5 redirects"]
    assert len([path for path in site.paths() if path.startswith("/loop")]) == 6  # the first request and 5 redirects


def test_a_redirect_is_followed_and_each_hop_checked(site, tmp_path, capsys):
    site.page("/old", b"", status=301, Location="/new")
    site.page("/new", article_page("quetta-protest.txt"))
    site.page("/to-file", b"", status=302, Location="file:///etc/passwd")
    assert fetch(site.url("/old"), site.url("/to-file"), "--into", str(tmp_path), *FAST) == 1
    err = capsys.readouterr().err
    assert failures(err) == [f"briefgen: failed {site.url('/to-file')}: redirected to a URL that is not fetched: only http and https URLs "
                             "are fetched, not file"]
    assert saved_records(tmp_path)["127-0-0-1-new.json"]["url"] == site.url("/new")


def test_a_404_and_a_non_html_type_fail_alone(site, tmp_path, capsys):
    site.page("/story", article_page("quetta-protest.txt"))
    site.page("/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
    assert fetch(site.url("/story"), site.url("/missing"), site.url("/logo.png"), "--into", str(tmp_path), *FAST) == 1
    assert failures(capsys.readouterr().err) == [
        f"briefgen: failed {site.url('/missing')}: HTTP 404",
        f"briefgen: failed {site.url('/logo.png')}: skipped: image/png is not HTML or a feed",
    ]
    assert list(saved_records(tmp_path)) == ["127-0-0-1-story.json"]


@pytest.mark.parametrize("robots", ["User-agent: *\nDisallow: /private/\n",
                                    "User-agent: otherbot\nDisallow: /\n\nUser-agent: briefgen\nDisallow: /private/\n"])
def test_robots_txt_is_honoured_at_every_hop(site, tmp_path, capsys, robots):
    site.page("/robots.txt", robots, "text/plain")
    site.page("/private/page", article_page("quetta-protest.txt"))
    site.page("/story", article_page("quetta-protest.txt"))
    site.page("/public", b"", status=302, Location="/private/page")
    assert fetch(site.url("/private/page"), site.url("/public"), site.url("/story"), "--into", str(tmp_path), *FAST) == 1
    assert failures(capsys.readouterr().err) == [f"briefgen: failed {site.url(path)}: disallowed by robots.txt" for path in ("/private/page", "/public")]
    assert sorted(site.paths()) == ["/public", "/robots.txt", "/story"]  # robots.txt read once; /private/page never requested
    assert list(saved_records(tmp_path)) == ["127-0-0-1-story.json"]


def test_a_loopback_url_is_refused_without_the_flag_and_no_request_reaches_the_server(site, tmp_path, capsys):
    site.page("/story", article_page("quetta-protest.txt"))
    for url in (site.url("/story"), site.url("/story").replace("127.0.0.1", "localhost")):
        assert fetch(url, "--into", str(tmp_path), "--quiet") == 2
        assert failures(capsys.readouterr().err) == [f"briefgen: failed {url}: refused: the host resolves to a loopback address (127.0.0.1)"]
    assert site.requests == [] and not saved_records(tmp_path)


def test_the_address_is_resolved_once_per_request_and_connected_to_as_checked(site, tmp_path, monkeypatch):
    """DNS rebinding: a name that resolves to a checked address first and to another later must not switch;
    the client connects to the address it checked, so it asks DNS about the name once per request."""
    site.page("/story", article_page("quetta-protest.txt"))
    real = socket.getaddrinfo
    asked: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if host == "news.test":
            asked.append(host)
            if len(asked) > 2:  # robots.txt and the page: one answer each; a third lookup would be a rebinding chance
                raise AssertionError("the name was resolved again after the check")
            host = "127.0.0.1"
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = site.url("/story").replace("127.0.0.1", "news.test")
    assert fetch(url, "--into", str(tmp_path), *FAST) == 0
    assert asked == ["news.test", "news.test"]
    assert {headers["Host"] for _, headers in site.requests} == {f"news.test:{site.server.server_address[1]}"}


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("::ffff:127.0.0.1", "a loopback address"),
    ("10.1.2.3", "a private address"),
    ("192.168.0.10", "a private address"),
    ("100.100.100.200", "a private address"),  # shared address space (a cloud's metadata service lives there too)
    ("fd00:ec2::254", "a private address"),
    ("169.254.169.254", "a link-local address (where cloud metadata services live)"),
    ("224.0.0.1", "a multicast address"),
    ("0.0.0.0", "a reserved address"),
    ("240.0.0.1", "a reserved address"),
    ("93.184.215.14", None),
    ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
])
def test_which_addresses_are_refused(address, reason):
    """A pure check of address values: nothing is connected to."""
    assert refusal(ipaddress.ip_address(address), allow_private=False) == reason


def test_allow_private_permits_private_addresses_but_never_multicast_or_reserved():
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_private=True) is None
    assert refusal(ipaddress.ip_address("169.254.169.254"), allow_private=True) is None
    assert refusal(ipaddress.ip_address("0.0.0.0"), allow_private=True) == "a reserved address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "gopher://127.0.0.1:70/"])
def test_only_http_and_https_are_fetched(url, tmp_path, capsys):
    assert fetch(url, "--into", str(tmp_path), *FAST) == 2
    assert "only http and https URLs are fetched" in capsys.readouterr().err


def test_credentials_in_a_url_never_reach_stderr(site, tmp_path, capsys):
    url = site.url("/missing?token=abc123&page=2").replace("http://", "http://reader:hunter2@")
    assert fetch(url, "--into", str(tmp_path), "--allow-private", "--delay", "0.01") == 2
    err = capsys.readouterr().err
    assert failures(err) == [f"briefgen: failed {site.url('/missing?token=***&page=2')}: HTTP 404"]
    assert "hunter2" not in err and "abc123" not in err and "reader" not in err
    assert all("Authorization" not in headers for _, headers in site.requests)


def test_at_most_two_requests_at_a_time_per_host_with_a_delay(site, tmp_path):
    paths = [f"/story{number}" for number in range(6)]
    for path in paths:
        site.routes[path] = slow(site, 0.3)
    site.page("/feed.xml", rss(site, "Frontier Times", paths), "application/rss+xml")
    assert fetch(site.url("/feed.xml"), "--into", str(tmp_path), "--allow-private", "--delay", "0.25", "--quiet") == 0
    assert site.most_active == 2
    starts = sorted(site.starts)  # robots.txt, the feed, the 6 stories: 7 gaps of 0.25 s, as the server sees them (a little jitter)
    assert all(later - earlier >= 0.15 for earlier, later in zip(starts, starts[1:], strict=False))
    assert starts[-1] - starts[0] >= 7 * 0.25 * 0.9
    assert len(saved_records(tmp_path)) == 6


def test_urls_from_a_feeds_file_and_nothing_to_fetch(site, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./briefgen.toml
    site.page("/story", article_page("quetta-protest.txt"))
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my sources\n\n{site.url('/story')}\n", encoding="utf-8")
    assert fetch("--feeds", str(listing), "--into", str(tmp_path / "inbox"), *FAST) == 0
    assert list(saved_records(tmp_path / "inbox")) == ["127-0-0-1-story.json"]
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert fetch("--feeds", str(empty), "--into", str(tmp_path / "inbox")) == 2
    assert capsys.readouterr().err == "briefgen: nothing to fetch: give URLs, --feeds FILE, or [sources] feeds in briefgen.toml\n"


# HTTPS: the client connects to the address it checked (127.0.0.1) yet verifies the certificate for the URL's host.
# A local CA (trustme) signs the server's certificate and is trusted through SSL_CERT_FILE, as a public CA would be.


@pytest.fixture
def tls_site(tmp_path, monkeypatch):
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)

    def serve(certified_name: str) -> Site:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert(certified_name).configure_cert(context)
        server = Site(tls=context)
        started.append(server)
        return server

    started: list[Site] = []
    yield serve
    for server in started:
        server.close()


def test_https_verifies_the_certificate_for_the_host_name_while_connecting_to_the_checked_address(tls_site, tmp_path):
    site = tls_site("localhost")
    site.page("/story", article_page("quetta-protest.txt"))
    url = site.url("/story").replace("127.0.0.1", "localhost")
    assert fetch(url, "--into", str(tmp_path), *FAST) == 0
    assert list(saved_records(tmp_path)) == ["localhost-story.json"]


def test_a_server_trickling_its_tls_handshake_is_cut_off_at_the_timeout(tmp_path, capsys):
    """Each byte comes before the socket's own timeout; only the request's deadline ends the handshake."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def trickle_handshake():
        connection, _ = listener.accept()
        with connection:
            connection.sendall(bytes([0x16, 0x03, 0x03, 0x40, 0x00]))  # a TLS handshake record of 16 kB...
            while not stop.wait(0.1):  # ...that never ends
                connection.sendall(b"\0")

    server = threading.Thread(target=trickle_handshake, daemon=True)
    server.start()
    started = time.monotonic()
    try:
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/story"
        assert fetch(url, "--into", str(tmp_path), "--timeout", "1", *FAST) == 2
        assert time.monotonic() - started < 30  # a generous bound: the handshake would never end
    finally:
        stop.set()
        listener.close()
        server.join(5)
    (line,) = failures(capsys.readouterr().err)
    assert "timed out after 1 s" in line  # robots.txt is the first request to the site, so it is the one cut off


def test_https_refuses_a_certificate_for_another_host(tls_site, tmp_path, capsys):
    site = tls_site("news.example.org")
    site.page("/story", article_page("quetta-protest.txt"))
    assert fetch(site.url("/story").replace("127.0.0.1", "localhost"), "--into", str(tmp_path), *FAST) == 2
    (line,) = failures(capsys.readouterr().err)
    assert "TLS failed" in line and not saved_records(tmp_path)
    assert "/story" not in site.paths()


def test_sources_in_briefgen_toml(tmp_path):
    config = tmp_path / "briefgen.toml"
    config.write_text('[sources]\nfeeds = ["https://news.example.org/rss.xml"]\nseen = "state/seen.json"\ntimeout = 5\ndelay = 0.5\n'
                      "allow_private = false\n", encoding="utf-8")
    assert load_config(config) == {"feeds": ["https://news.example.org/rss.xml"], "seen": tmp_path / "state" / "seen.json",
                                   "timeout": 5.0, "delay": 0.5, "allow_private": False}


@pytest.mark.parametrize(("line", "message"), [
    ("feeds = 3", "sources.feeds must be a URL or a list of URLs"),
    ('feeds = [""]', "sources.feeds must be a URL or a list of URLs"),
    ("timeout = 0", "sources.timeout must be a number of seconds above 0"),
    ('allow_private = "yes"', "sources.allow_private must be a boolean"),
    ('proxy = "http://proxy.example:3128"', "unknown setting 'sources.proxy'"),
])
def test_bad_sources_are_refused_in_one_line(tmp_path, line, message):
    config = tmp_path / "briefgen.toml"
    config.write_text(f"[sources]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(config)
