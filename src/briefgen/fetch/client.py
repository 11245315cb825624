"""The HTTP client of briefgen fetch: one GET at a time per call, with every limit a crawler of untrusted URLs needs.

Built on urllib3's connection classes rather than its pool, because the client
must choose the address itself: the host is resolved and checked once
(``addresses.resolve``) and the connection goes to that address, with the Host
header and TLS server name (and certificate check) still the URL's host. So a
DNS answer that changes between the check and the connection cannot matter.

Limits, each a ``FetchError`` with a one-line reason:

- redirects are followed by hand, at most ``MAX_REDIRECTS``, each hop checked
  again (scheme, address, robots.txt through ``check_hop``);
- one deadline per request (connect, headers and body together): a timer shuts
  the socket down when it passes, so a server that trickles a byte a second is
  cut off as surely as one that never answers;
- the body is read in chunks after decompression (urllib3 decodes gzip,
  deflate, br, zstd), so a small compressed body cannot inflate past ``max_bytes``;
- per host, at most two requests at a time and a delay (``politeness``).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.response import BaseHTTPResponse
from urllib3.util import make_headers

from .. import __version__
from ..config import FetchSettings
from .addresses import resolve
from .errors import FetchError
from .politeness import HostGate
from .urls import BadURL, host_header, host_port, request_target, web_url

USER_AGENT = f"briefgen/{__version__}"
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024

# A check of the response's headers before its body is read: a reason to skip it, or None to read it.
HeaderCheck = Callable[[Mapping[str, str]], str | None]


@dataclass
class Response:
    url: str  # where the body came from, after redirects
    status: int
    headers: Mapping[str, str]  # names in any case (urllib3's HTTPHeaderDict)
    body: bytes


class Client:
    """GET requests within ``settings`` (timeout, max_bytes, allow_private, delay)."""

    def __init__(self, settings: FetchSettings):
        self.settings = settings
        self.gate = HostGate(settings.delay)
        self.accept_encoding = make_headers(accept_encoding=True)["accept-encoding"]

    def get(self, url: str, *, headers: Mapping[str, str] | None = None, check_hop: Callable[[str], str | None] | None = None,
            check_headers: HeaderCheck | None = None, max_bytes: int | None = None) -> Response:
        """The final response for ``url`` (redirects followed); a 3xx without a usable Location, a 304, 4xx
        and 5xx are returned as they are, with no body. ``check_hop(url)`` may refuse each URL visited;
        ``check_headers`` may refuse a 2xx response before its body is read."""
        for _ in range(MAX_REDIRECTS + 1):
            try:
                url = web_url(url)
            except BadURL as error:
                raise FetchError(f"redirected to a URL that is not fetched: {error}") from None
            host, port = host_port(url)
            addresses = resolve(host, port, self.settings.allow_private)
            reason = check_hop(url) if check_hop else None
            if reason:
                raise FetchError(reason)
            with self.gate.turn(f"{host}:{port}"):
                response = self._request(url, addresses, headers or {}, check_headers, max_bytes or self.settings.max_bytes)
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location:
                return response
            url = urljoin(url, location.strip())
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str, addresses: list[str], headers: Mapping[str, str], check_headers: HeaderCheck | None,
                 max_bytes: int) -> Response:
        """One GET of ``url`` from one of ``addresses`` (its host's, already checked)."""
        scheme = urlsplit(url).scheme.lower()
        host, port = host_port(url)
        timeout = self.settings.timeout
        deadline = time.monotonic() + timeout
        opened: list[HTTPConnection] = []  # what the deadline shuts down, the TLS handshake included
        expired = threading.Event()

        def cut_off() -> None:
            expired.set()
            for connection in opened:
                _shutdown(connection)

        timer = threading.Timer(timeout, cut_off)
        timer.daemon = True
        timer.start()
        try:
            connection = _connect(scheme, host, port, addresses, deadline, opened)
            connection.request("GET", request_target(url), headers={
                "Host": host_header(url), "User-Agent": USER_AGENT, "Accept-Encoding": self.accept_encoding, **headers,
            }, preload_content=False, decode_content=True)
            raw = connection.getresponse()
            body = b""
            if 200 <= raw.status < 300:
                reason = check_headers(raw.headers) if check_headers else None
                if reason:
                    raise FetchError(reason)
                body = _capped_body(raw, max_bytes)
        except (OSError, HTTPError, http.client.HTTPException, FetchError) as error:
            # The sockets' own timeouts count down the same deadline: whichever ends it first, the reason is the same.
            if expired.is_set() or _is_timeout(error):
                raise FetchError(f"timed out after {timeout:g} s") from None
            if isinstance(error, FetchError):
                raise
            raise FetchError(_failure(error)) from None
        finally:
            timer.cancel()
            for connection in opened:
                connection.close()
        if expired.is_set():  # the cut-off may have ended a body that runs until the connection closes
            raise FetchError(f"timed out after {timeout:g} s")
        return Response(url, raw.status, raw.headers, body)


def _connect(scheme: str, host: str, port: int, addresses: list[str], deadline: float, opened: list[HTTPConnection]) -> HTTPConnection:
    """A connection to the first of ``addresses`` that answers (each added to ``opened`` first); for https the
    certificate must name ``host``."""
    failure: BaseException | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        connection = (HTTPSConnection(address, port, timeout=remaining, server_hostname=host, assert_hostname=host)
                      if scheme == "https" else HTTPConnection(address, port, timeout=remaining))
        opened.append(connection)
        try:
            connection.connect()
        except (OSError, HTTPError, ValueError) as error:  # ValueError: urllib3's CertificateError (wrong host name)
            failure = error
            continue
        return connection
    raise FetchError(_failure(failure) if failure else "timed out while connecting")


def _shutdown(connection: HTTPConnection) -> None:
    """Wake a read blocked on ``connection``'s socket (from the deadline's timer thread)."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _capped_body(response: BaseHTTPResponse, max_bytes: int) -> bytes:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    announced = response.headers.get("content-length", "")
    if encoding == "identity" and announced.isdigit() and int(announced) > max_bytes:
        raise FetchError(_too_large(max_bytes, f" ({int(announced):,} bytes announced)"))
    chunks, size = [], 0
    while chunk := response.read(CHUNK, decode_content=True):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(max_bytes, " (counted after decompression)" if encoding != "identity" else ""))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int, detail: str) -> str:
    return f"larger than the {max_bytes:,}-byte limit{detail}; raise --max-bytes"


def _socket_error(error: BaseException) -> BaseException:
    """The socket's error behind a network error: urllib3's NewConnectionError and ReadTimeoutError wrap it."""
    return error.__cause__ if isinstance(error.__cause__, OSError) else error


def _is_timeout(error: BaseException) -> bool:
    return isinstance(_socket_error(error), TimeoutError | socket.timeout | Urllib3Timeout)


def _failure(error: BaseException) -> str:
    """A one-line reason for a network error, without the URL (which may hold credentials)."""
    error = _socket_error(error)
    if isinstance(error, ssl.SSLError | ValueError):
        return f"TLS failed: {getattr(error, 'reason', None) or error}"
    if _is_timeout(error):
        return "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return f"connection failed ({type(error).__name__})"
