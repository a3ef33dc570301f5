"""Signed, expiring links for email confirmation and password reset."""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator
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
