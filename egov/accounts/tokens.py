"""Signed, expiring links for email confirmation and password reset; known-device cookies."""

from __future__ import annotations

import datetime

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.signing import BadSignature, TimestampSigner
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from egov.accounts.models import User


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "egov.accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        # Confirming changes email_confirmed_at, so each link works once.
        return f"{user.pk}{user.email}{user.email_confirmed_at}{timestamp}"


class UnlockTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "egov.accounts.tokens.UnlockTokenGenerator"


email_confirmation_token = EmailConfirmationTokenGenerator()
unlock_token = UnlockTokenGenerator()
password_reset_token = PasswordResetTokenGenerator()


def encode_uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def decode_uid(uidb64: str) -> int | None:
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None


# A browser that completed a sign-in to an account keeps a signed cookie naming
# that account (by the throttle's keyed hash, never the address). While the
# account is paused by someone else's guessing, the owner's known browser may
# still sign in (password, and the second factor when enrolled); every other
# browser waits. See docs/security.md, "Lockout as a weapon".
DEVICE_COOKIE = "egov_device"
DEVICE_MAX_AGE = datetime.timedelta(days=180)
_device_signer = TimestampSigner(salt="egov.accounts.known_device")


def known_device_cookie(account_key: str) -> str:
    return _device_signer.sign(account_key)


def is_known_device(cookie: str | None, account_key: str) -> bool:
    if not cookie:
        return False
    try:
        named = _device_signer.unsign(cookie[:200], max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return named == account_key
