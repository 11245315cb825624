"""Which addresses briefgen fetch may connect to, decided after DNS resolution.

A URL from a feed is untrusted: without this check a feed entry could point
the fetcher at the machine itself (127.0.0.1, a local admin page), the local
network (10.0.0.0/8...) or a cloud metadata service (169.254.169.254, which
hands out credentials). The host is resolved once, every address it resolves
to is checked, and the client then connects to a checked address itself, so a
second DNS answer (DNS rebinding) can never switch the address after the check.
"""

from __future__ import annotations

import ipaddress
import socket

from .errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of ``host`` to connect to, each one checked; raises FetchError when it does not resolve
    or when any of its addresses is refused (a name that also resolves to a private address is not trusted)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"cannot resolve the host: {getattr(error, 'strerror', None) or error}") from None
    addresses = list(dict.fromkeys(str(answer[4][0]).split("%", 1)[0] for answer in answers))
    for text in addresses:
        reason = refusal(ipaddress.ip_address(text), allow_private)
        if reason:
            raise FetchError(f"refused: the host resolves to {reason} ({text})")
    if not addresses:
        raise FetchError("cannot resolve the host: no address")
    return addresses


def refusal(address: Address, allow_private: bool) -> str | None:
    """Why ``address`` must not be connected to, or None. ``allow_private`` permits loopback, private,
    link-local and shared addresses (a test server, an intranet); multicast, reserved and unspecified never."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "a reserved address"
    if address.is_loopback:
        kind = "a loopback address"
    elif address.is_link_local:
        kind = "a link-local address (where cloud metadata services live)"
    elif address.is_reserved:
        return "a reserved address"
    elif not address.is_global:
        kind = "a private address"
    else:
        return None
    return None if allow_private else kind
