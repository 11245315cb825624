"""URLs as briefgen fetch compares, requests and shows them.

``canonical`` is the form the seen-URL store keys on (tracking parameters
dropped, so a feed's ``?utm_source=rss`` copy of a saved article is not fetched
again); ``shown`` is the only form a URL takes on stderr: no user name or
password, the values of credential-like query parameters masked.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..lexicons import word_list, word_set

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
MASK = "***"


class BadURL(ValueError):
    """A URL briefgen never requests; the message says why in a few words."""


def web_url(url: str) -> str:
    """``url`` stripped, when it is an http(s) URL with a host; raises BadURL otherwise (file:, ftp:, javascript:...)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number or out of range
    except ValueError:
        raise BadURL("not a valid URL") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise BadURL(f"only http and https URLs are fetched, not {parts.scheme or 'a URL without a scheme'}")
    if not parts.hostname:
        raise BadURL("no host in the URL")
    return url


def url_list(text: str) -> list[str]:
    """The URLs of a list file: one a line, blank lines and ``#`` comments skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def host_port(url: str) -> tuple[str, int]:
    """The host (lower-case, IPv6 without brackets) and port a request for ``url`` goes to."""
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or DEFAULT_PORTS[parts.scheme.lower()]


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, without credentials: the scope of a robots.txt."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), _netloc(parts.scheme, parts.hostname or "", parts.port), "", "", ""))


def request_target(url: str) -> str:
    """The path and query an HTTP request line carries for ``url`` (never the fragment)."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def host_header(url: str) -> str:
    parts = urlsplit(url)
    return _netloc(parts.scheme, parts.hostname or "", parts.port)


def canonical(url: str) -> str:
    """``url`` as the seen-URL store keys it: lower-case scheme and host, no default port, credentials,
    fragment or tracking parameters (``utm_*``, ``fbclid``... listed in data/tracking_parameters.txt)."""
    parts = urlsplit(url.strip())
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(name)]
    return urlunsplit((parts.scheme.lower(), _netloc(parts.scheme, parts.hostname or "", parts.port), parts.path or "/",
                       urlencode(query), ""))


def shown(url: str) -> str:
    """``url`` as stderr may show it: no ``user:password@``, credential-like parameter values as ``***``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "(an unreadable URL)"
    secret = word_set("secret_parameters")
    query = [(name, MASK if name.lower() in secret else value) for name, value in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit((parts.scheme, _netloc(parts.scheme, parts.hostname or "", port), parts.path,
                       urlencode(query, safe="*"), parts.fragment))


def _netloc(scheme: str, host: str, port: int | None) -> str:
    shown_host = f"[{host}]" if ":" in host else host
    return shown_host if port is None or DEFAULT_PORTS.get(scheme.lower()) == port else f"{shown_host}:{port}"


def _tracking(name: str) -> bool:
    name = name.lower()
    return any(name.startswith(entry[:-1]) if entry.endswith("*") else name == entry for entry in word_list("tracking_parameters"))
