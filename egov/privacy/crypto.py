"""Field encryption (AES-256-GCM) and blind indexes (HMAC-SHA256).

A token looks like ``v2$<urlsafe base64 of nonce + ciphertext>``: it names the
key version that made it, so values written under an old key stay readable
after a new key is added, and ``manage.py rotate_keys`` can find them.

The field's identity (``context``, e.g. ``accounts.user.phone``) is bound to
the ciphertext as associated data, so a token copied into another field does
not decrypt there.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12  # the size AES-GCM is designed for; random per value
TAG_BYTES = 16
_TOKEN = re.compile(r"v(?P<version>[1-9][0-9]*)\$(?P<body>[A-Za-z0-9_=-]+)")


class DecryptionError(Exception):
    """A stored value could not be decrypted: wrong key, tampered, or from another field."""


def newest_key_version() -> int:
    return max(settings.FIELD_ENCRYPTION_KEYS)


def token_version(token: str) -> int | None:
    """The key version a token names, or None when it is not a token at all."""
    match = _TOKEN.fullmatch(token)
    return int(match["version"]) if match else None


def encrypt(plaintext: str, *, context: str) -> str:
    version = newest_key_version()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(settings.FIELD_ENCRYPTION_KEYS[version]).encrypt(
        nonce, plaintext.encode(), context.encode()
    )
    return f"v{version}${base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, context: str) -> str:
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise DecryptionError(f"{context}: the stored value is not an encrypted token")
    version = int(match["version"])
    key = settings.FIELD_ENCRYPTION_KEYS.get(version)
    if key is None:
        raise DecryptionError(
            f"{context}: the value was encrypted with key version {version}, "
            "which EGOV_FIELD_KEYS no longer lists"
        )
    try:
        raw = base64.urlsafe_b64decode(match["body"])
    except (binascii.Error, ValueError):
        raise DecryptionError(f"{context}: the stored value is not valid base64") from None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError(f"{context}: the stored value is too short to be a token")
    try:
        plaintext = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except InvalidTag:
        raise DecryptionError(
            f"{context}: the value does not decrypt with key version {version}; "
            "it was altered, or it belongs to another field, or the key is wrong"
        ) from None
    return plaintext.decode()


def blind_index(value: str, *, context: str) -> str:
    """A keyed hash for exact-match lookups on a value that is stored encrypted.

    Each context gets its own key derived from BLIND_INDEX_KEY, so equal
    values in two different fields do not produce equal indexes.
    """
    context_key = hmac.new(
        settings.BLIND_INDEX_KEY, b"egov.blind-index:" + context.encode(), hashlib.sha256
    ).digest()
    return hmac.new(context_key, value.encode(), hashlib.sha256).hexdigest()
