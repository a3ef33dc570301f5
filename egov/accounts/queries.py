"""Reads of accounts."""

from __future__ import annotations

from egov.accounts.models import User
from egov.privacy.crypto import blind_index

PHONE_INDEX_CONTEXT = "accounts.user.phone"


def phone_digits(phone: str) -> str:
    """The number as digits only, in the domestic form: "+82 10-1234-5678" → "01012345678"."""
    digits = "".join(character for character in phone if "0" <= character <= "9")
    if phone.strip().startswith("+82"):
        national = digits[2:]
        digits = national if national.startswith("0") else "0" + national
    return digits


def phone_index(phone: str) -> str:
    """The blind index stored in ``User.phone_index``; empty when there is no number."""
    digits = phone_digits(phone)
    return blind_index(digits, context=PHONE_INDEX_CONTEXT) if digits else ""


def find_user_by_phone(phone: str) -> User | None:
    """The one active account with this number, however it is written.

    None when no account has it, and also when several do (a shared family
    line): picking one of them would show an officer the wrong citizen.
    The caller that shows the result records the access (privacy.access).
    """
    index = phone_index(phone)
    if not index:
        return None
    matches = list(User.objects.filter(phone_index=index, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None
