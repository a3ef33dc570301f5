"""Reading the keys from the environment: mistakes name the variable, never the key."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from egov.lib.env import parse_key, parse_key_ring


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


def test_a_key_ring_maps_each_version_to_its_key() -> None:
    first, second = os.urandom(32), os.urandom(32)
    ring = parse_key_ring(f"1:{b64(first)}, 2:{b64(second)}", name="EGOV_FIELD_KEYS")
    assert ring == {1: first, 2: second}


def test_url_safe_base64_is_accepted_too() -> None:
    key = os.urandom(32)
    urlsafe = base64.urlsafe_b64encode(key).decode()
    assert parse_key(urlsafe, name="EGOV_BLIND_INDEX_KEY") == key


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ("", "at least one key"),
        ("1:not base64!", "base64"),
        (f"1:{b64(os.urandom(16))}", "exactly 32 bytes, not 16"),
        (f"{b64(os.urandom(32))}", "<version>:<base64 key>"),
        (f"0:{b64(os.urandom(32))}", "versions from 1 up"),
        (f"one:{b64(os.urandom(32))}", "versions from 1 up"),
        (f"1:{b64(os.urandom(32))},1:{b64(os.urandom(32))}", "version 1 more than once"),
    ],
)
def test_a_bad_key_ring_is_refused_with_the_variable_named(raw: str, complaint: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="EGOV_FIELD_KEYS") as refusal:
        parse_key_ring(raw, name="EGOV_FIELD_KEYS")
    assert complaint in str(refusal.value)


def test_a_wrong_length_blind_index_key_is_refused_without_repeating_it() -> None:
    secret = b64(os.urandom(31))
    with pytest.raises(ImproperlyConfigured, match="EGOV_BLIND_INDEX_KEY") as refusal:
        parse_key(secret, name="EGOV_BLIND_INDEX_KEY")
    assert secret not in str(refusal.value)
