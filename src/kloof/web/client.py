"""The network address of the client, for the throttles and the security log.

Without a proxy it is the address of the connection (``REMOTE_ADDR``). Behind a
reverse proxy every connection comes from the proxy, so all users would share
one address and one user's wrong guesses would hold up everybody. With
``KLOOF_TRUSTED_PROXIES`` set, a connection from one of those addresses is read
further: ``X-Forwarded-For`` lists the addresses each proxy saw, the last one
added by the nearest proxy. Walking it from the right, the first address that is
not a trusted proxy is the client. Addresses to its left were written by the
client itself and are never believed; from any other address the header is
ignored altogether, so a client cannot choose its own address by sending one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: How long an address may be in the database's columns (IPv6 text).
ADDRESS_LENGTH = 45
#: An IPv6 client usually has a whole /64 to itself: one throttle for all of it.
IPV6_THROTTLE_PREFIX = 64


def address(request: HttpRequest | None) -> str:
    """The client's network address, as text ("" when there is no request)."""
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))[:ADDRESS_LENGTH]
    proxies: Sequence[Network] = getattr(settings, "TRUSTED_PROXIES", ())
    if not proxies or not _within(_parse(remote), proxies):
        return remote
    return _forwarded_client(request.META.get("HTTP_X_FORWARDED_FOR", ""), remote, proxies)


def _forwarded_client(header: str, remote: str, proxies: Sequence[Network]) -> str:
    nearest = remote
    for hop in reversed([part.strip() for part in str(header).split(",") if part.strip()]):
        parsed = _parse(hop)
        if parsed is None:
            break  # not an address: what stands left of it is not to be believed either
        if not _within(parsed, proxies):
            return str(parsed)
        nearest = str(parsed)
    # Only proxies (or nothing usable) in the header: the last address believed.
    return nearest


def throttle_key(client: str) -> str:
    """The key the throttles count ``client`` under: the address itself, or for
    IPv6 its /64 network (one household or server has all of it)."""
    parsed = _parse(client)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_THROTTLE_PREFIX), strict=False))
    return str(parsed) if parsed is not None else client


def _parse(text: str) -> Address | None:
    """An address from ``text``; a port after it is dropped ("192.0.2.1:8080",
    "[2001:db8::1]:443", as some proxies write them), an IPv4 address written as
    IPv6 as the IPv4 address."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped  # ::ffff:192.0.2.1 is 192.0.2.1 (a dual-stack socket)
    return parsed


def _within(address: Address | None, networks: Sequence[Network]) -> bool:
    return address is not None and any(address in network for network in networks)
