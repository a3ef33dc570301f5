"""A model field whose values are stored encrypted (see ``egov.privacy.crypto``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core import checks
from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Combinable, Expression
from django.db.models.lookups import Exact, IsNull, Lookup

from egov.privacy.crypto import decrypt, encrypt


class EncryptedLookupError(FieldError):
    """A query tried to compare an encrypted field's values in the database."""


if TYPE_CHECKING:
    # django-stubs types a field by its set and get types; Django's own class
    # is not subscriptable at run time.
    _TextField = models.TextField[str | Combinable, str]
else:
    _TextField = models.TextField


class EncryptedTextField(_TextField):
    """Text encrypted with AES-256-GCM before it reaches the database.

    The field's identity ``app_label.model_name.field_name`` is bound to every
    value, so renaming the model or the field needs the values re-encrypted.
    The empty string is stored as it is (so ``blank=True`` works and "no
    phone number" can be queried), and so is None.

    The database only ever sees random-looking tokens, so it cannot compare
    them: every lookup except ``isnull`` and ``exact=""`` raises
    ``EncryptedLookupError``. Find rows by a blind index field instead.
    """

    description = "Text stored encrypted with AES-256-GCM"
    encryption_context = ""

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        self.encryption_context = f"{cls._meta.app_label}.{cls._meta.model_name}.{name}"

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or self.primary_key:
            errors.append(
                checks.Error(
                    "An encrypted field cannot be unique or a primary key: its stored values "
                    "are random, so equal texts never compare equal.",
                    hint="Add a blind index field (egov.privacy.crypto.blind_index) and "
                    "put the index or the constraint on that.",
                    obj=self,
                    id="privacy.E001",
                )
            )
        return errors

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, context=self.encryption_context)

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value, context=self.encryption_context)

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return _ExactEmptyOrNull
        raise EncryptedLookupError(_refusal(self, lookup_name))

    def get_transform(self, lookup_name: str) -> Any:
        raise EncryptedLookupError(_refusal(self, lookup_name))


def _refusal(field: EncryptedTextField, lookup_name: str) -> str:
    return (
        f"{field.encryption_context} is encrypted, so the database cannot compare its "
        f"values (the lookup was {lookup_name!r}): every encryption of the same text "
        "differs. Look rows up through a blind index field instead "
        "(egov.privacy.crypto.blind_index); only isnull and an exact match on '' work here."
    )


class _ExactEmptyOrNull(Exact):
    """``field=""`` and ``field=None`` are the only comparisons that mean something."""

    def get_prep_lookup(self) -> Any:
        if self.rhs is None or (isinstance(self.rhs, str) and self.rhs == ""):
            return self.rhs
        raise EncryptedLookupError(_refusal(self.lhs.output_field, "exact"))
