"""Helpers for views and URLs: submitted data, ids in paths, the client's address."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, QueryDict

# The largest id a bigint primary key can hold.
MAX_ID = 2**63 - 1
# An id in a URL: ASCII digits only (no other script's digits reach int()), and at
# most 18 of them, so that every match is a valid bigint and none overflows a lookup.
ID_PATTERN = r"[0-9]{1,18}"


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data for a form, or None on GET.

    Not ``request.POST or None``: an empty submission must still be validated,
    so that every missing field is named.
    """
    return request.POST if request.method == "POST" else None


def _parse_ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str | None:
    """The address of the person making the request, for throttling and the logs.

    The direct peer (REMOTE_ADDR), unless it is one of settings.TRUSTED_PROXIES:
    then X-Forwarded-For is read from the right (each proxy appends the peer it
    saw), skipping trusted proxies, and the first other address is the client.
    Entries left of it were written by the client and can be anything, so they
    are never believed. A malformed entry stops the walk at the last hop known.
    """
    peer = _parse_ip(request.META.get("REMOTE_ADDR") or "")
    if peer is None:
        return None
    if not _trusted(peer):
        return str(peer)
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")[-20:]):
        address = _parse_ip(hop)
        if address is None:
            break
        client = address
        if not _trusted(address):
            break
    return str(client)
