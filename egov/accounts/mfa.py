"""Time-based one-time passwords (RFC 6238) and recovery codes.

The TOTP arithmetic is pyca/cryptography's; this module adds what a service
needs around it: a drift window of one step either way, refusal of a code
whose time step was already used (so an overheard code cannot be replayed),
QR enrolment, and single-use recovery codes stored only as hashes.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time

import segno
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP

DIGITS = 6
STEP_SECONDS = 30
ISSUER = "egov"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret() -> str:
    """A fresh 160-bit secret, base32 as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def _totp(secret: str) -> TOTP:
    # SHA-1 is what RFC 6238 authenticator apps implement; HMAC-SHA-1 remains sound.
    return TOTP(base64.b32decode(secret), DIGITS, SHA1(), STEP_SECONDS, enforce_key_length=True)  # noqa: S303


def provisioning_uri(secret: str, *, account: str) -> str:
    return _totp(secret).get_provisioning_uri(account, ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """An SVG QR code as a data: URI (the content security policy allows data: images)."""
    return str(segno.make(uri, error="m").svg_data_uri(scale=5, dark="#1e2124"))


def code_at(secret: str, moment: float) -> str:
    return _totp(secret).generate(int(moment)).decode()


def matching_step(
    secret: str, code: str, *, last_used_step: int | None, now: float | None = None
) -> int | None:
    """The time step ``code`` belongs to, or None when it is wrong, stale or already used."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    moment = time.time() if now is None else now
    current = int(moment // STEP_SECONDS)
    totp = _totp(secret)
    for step in (current - 1, current, current + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        try:
            totp.verify(code.encode(), step * STEP_SECONDS)
        except InvalidToken:
            continue
        return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten codes like ``k7mq-4xnp-2d``: about 60 bits each, easy to type from paper."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def hash_recovery_code(code: str) -> str:
    # The codes are long and random, so a fast hash suffices: there is nothing to guess.
    normalised = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()
