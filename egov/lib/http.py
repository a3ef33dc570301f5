"""Helpers for views and URLs: submitted data, ids in paths, the client's address, next pages."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

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


# Characters that have no place in a path we redirect to: controls (a browser
# drops a tab or newline and may read what follows as a host) and the backslash
# (which browsers treat as a slash, so "/\evil.example" is protocol-relative).
_UNSAFE_IN_NEXT = frozenset(chr(code) for code in range(32)) | {"\x7f", "\\"}
NEXT_MAX_LENGTH = 2000


def safe_next(candidate: object, default: str = "") -> str:
    """``candidate`` if it is a path on this site, else ``default``.

    The only check every ``?next=`` goes through before a redirect: it accepts
    a local absolute path ("/complaints/mine/?page=2") and nothing else, so no
    other host (``//evil.example``, ``https://evil.example``, ``/\\evil.example``),
    no scheme (``javascript:``) and nothing relative (``x``, which Django's
    ``redirect()`` would try to reverse as a URL name and fail on).
    """
    if not isinstance(candidate, str) or not candidate or len(candidate) > NEXT_MAX_LENGTH:
        return default
    if not candidate.startswith("/") or candidate.startswith("//"):
        return default
    if any(character in _UNSAFE_IN_NEXT for character in candidate):
        return default
    # Django's own check on top: it also refuses what a browser would read as
    # another host after its own normalisation.
    if not url_has_allowed_host_and_scheme(candidate, allowed_hosts=set()):
        return default
    return candidate


def redirect_to_next(candidate: object, default: str) -> HttpResponseRedirect:
    """A redirect to ``candidate`` when it is a local path, else to the URL named ``default``."""
    return HttpResponseRedirect(safe_next(candidate) or reverse(default))
