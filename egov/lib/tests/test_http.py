from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from pytest_django.fixtures import Settings

from egov.lib.env import parse_networks
from egov.lib.http import client_address

PROXY = "10.0.0.5"


def request(peer: str, forwarded: str | None = None) -> str | None:
    extra: dict[str, Any] = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


@pytest.fixture
def behind_proxy(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = parse_networks(["10.0.0.0/24", "fd00::/8"], name="TRUSTED_PROXIES")


def test_without_trusted_proxies_the_header_is_ignored(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = ()
    assert request("198.51.100.7") == "198.51.100.7"
    assert request("198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(behind_proxy: None) -> None:
    assert request("198.51.100.7", "10.0.0.9, 203.0.113.1") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_it_names_is_used(behind_proxy: None) -> None:
    assert request(PROXY, "203.0.113.1") == "203.0.113.1"
    # A client that sends its own header cannot choose its address: only the
    # hop the trusted proxy appended is believed.
    assert request(PROXY, "192.0.2.66, 203.0.113.1") == "203.0.113.1"
    # Two trusted proxies in a row are both skipped.
    assert request(PROXY, "192.0.2.66, 203.0.113.1, 10.0.0.7") == "203.0.113.1"
    assert request("fd00::1", "2001:db8::5") == "2001:db8::5"


def test_a_trusted_proxy_without_a_header_or_with_garbage_is_the_client(
    behind_proxy: None,
) -> None:
    assert request(PROXY) == PROXY
    assert request(PROXY, "") == PROXY
    assert request(PROXY, "not-an-address") == PROXY
    assert request(PROXY, "203.0.113.1, <script>") == PROXY
    assert request(PROXY, "\x00" * 5000) == PROXY


def test_a_missing_or_malformed_peer_is_no_address() -> None:
    assert request("") is None
    assert request("unix:/run/gunicorn.sock") is None


def test_the_setting_is_validated() -> None:
    assert parse_networks(["10.0.0.1", "10.0.0.0/8"], name="X") == (
        ipaddress.ip_network("10.0.0.1"),
        ipaddress.ip_network("10.0.0.0/8"),
    )
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        parse_networks(["proxy.example"], name="TRUSTED_PROXIES")
