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
