"""AES-256-GCM tokens and blind indexes, without the database."""

from __future__ import annotations

import base64
import os

import pytest
from pytest_django.fixtures import Settings

from egov.privacy.crypto import (
    NONCE_BYTES,
    DecryptionError,
    blind_index,
    decrypt,
    encrypt,
    token_version,
)

PHONE = "accounts.user.phone"


@pytest.fixture(autouse=True)
def fresh_keys(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = {1: os.urandom(32)}
    settings.BLIND_INDEX_KEY = os.urandom(32)


def test_a_value_survives_the_round_trip() -> None:
    assert decrypt(encrypt("010-1234-5678", context=PHONE), context=PHONE) == "010-1234-5678"
    assert (
        decrypt(encrypt("서울특별시 종로구", context=PHONE), context=PHONE) == "서울특별시 종로구"
    )


def test_the_token_names_its_key_version_and_hides_the_text() -> None:
    token = encrypt("010-1234-5678", context=PHONE)
    assert token.startswith("v1$")
    assert token_version(token) == 1
    assert "1234" not in token


def test_the_same_text_encrypts_differently_every_time() -> None:
    assert encrypt("010-1234-5678", context=PHONE) != encrypt("010-1234-5678", context=PHONE)


def test_the_newest_key_encrypts_and_every_key_decrypts(settings: Settings) -> None:
    old = encrypt("010-1234-5678", context=PHONE)
    settings.FIELD_ENCRYPTION_KEYS = {**settings.FIELD_ENCRYPTION_KEYS, 2: os.urandom(32)}
    new = encrypt("010-1234-5678", context=PHONE)
    assert (token_version(old), token_version(new)) == (1, 2)
    assert decrypt(old, context=PHONE) == decrypt(new, context=PHONE) == "010-1234-5678"


def test_a_tampered_token_does_not_decrypt() -> None:
    token = encrypt("010-1234-5678", context=PHONE)
    sealed = bytearray(base64.urlsafe_b64decode(token.removeprefix("v1$")))
    sealed[NONCE_BYTES] ^= 0x01  # one bit of the ciphertext
    tampered = "v1$" + base64.urlsafe_b64encode(bytes(sealed)).decode()
    with pytest.raises(DecryptionError, match="altered"):
        decrypt(tampered, context=PHONE)


def test_a_token_moved_to_another_field_does_not_decrypt() -> None:
    token = encrypt("010-1234-5678", context=PHONE)
    with pytest.raises(DecryptionError, match="another field"):
        decrypt(token, context="accounts.totpdevice.secret")


def test_a_token_under_a_different_key_does_not_decrypt(settings: Settings) -> None:
    token = encrypt("010-1234-5678", context=PHONE)
    settings.FIELD_ENCRYPTION_KEYS = {1: os.urandom(32)}
    with pytest.raises(DecryptionError, match="key is wrong"):
        decrypt(token, context=PHONE)


def test_a_token_whose_key_was_removed_names_the_missing_version(
    settings: Settings,
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = {7: os.urandom(32)}
    token = encrypt("010-1234-5678", context=PHONE)
    settings.FIELD_ENCRYPTION_KEYS = {8: os.urandom(32)}
    with pytest.raises(DecryptionError, match="key version 7"):
        decrypt(token, context=PHONE)


@pytest.mark.parametrize("stored", ["010-1234-5678", "v1$", "v1$!!!!", "v1$AAAA", "1$AAAA"])
def test_anything_that_is_not_a_whole_token_is_refused(stored: str) -> None:
    with pytest.raises(DecryptionError):
        decrypt(stored, context=PHONE)


def test_a_blind_index_is_stable_keyed_and_separate_per_field(settings: Settings) -> None:
    index = blind_index("01012345678", context=PHONE)
    assert len(index) == 64
    assert "01012345678" not in index
    assert blind_index("01012345678", context=PHONE) == index
    assert blind_index("01012345678", context="accounts.sign_in") != index
    assert blind_index("01012345678", context=PHONE) != blind_index("01012345679", context=PHONE)
    settings.BLIND_INDEX_KEY = os.urandom(32)
    assert blind_index("01012345678", context=PHONE) != index
