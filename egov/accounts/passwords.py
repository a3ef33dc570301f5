"""Password rules beyond Django's own validators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAXIMUM_PASSWORD_LENGTH = 128


class MaximumLengthValidator:
    """Long passphrases are welcome; absurd ones are refused before hashing."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > MAXIMUM_PASSWORD_LENGTH:
            raise ValidationError(
                _("Your password can be at most %(max)d characters long.")
                % {"max": MAXIMUM_PASSWORD_LENGTH},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Your password can be at most %(max)d characters long.") % {
            "max": MAXIMUM_PASSWORD_LENGTH
        }


class LengthForSecondFactorValidator:
    """NIST SP 800-63B: at least 15 characters, or 8 when a second factor protects the account."""

    WITHOUT_SECOND_FACTOR = 15
    WITH_SECOND_FACTOR = 8

    def _minimum(self, user: Any) -> int:
        has_second_factor = bool(getattr(user, "has_mfa", False))
        return self.WITH_SECOND_FACTOR if has_second_factor else self.WITHOUT_SECOND_FACTOR

    def validate(self, password: str, user: Any = None) -> None:
        minimum = self._minimum(user)
        if len(password) < minimum:
            raise ValidationError(
                _(
                    "This password is too short. It must contain at least %(min)d characters "
                    "(8 when two-step verification is on)."
                )
                % {"min": minimum},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _(
            "At least 15 characters, or 8 when two-step verification is on. "
            "A phrase of several words is easy to remember and hard to guess."
        )
