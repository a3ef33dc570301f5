"""What the database holds for an encrypted field, and what it refuses to do with it."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import FieldError
from django.db import connection, models
from django.test.utils import isolate_apps
from pytest_django.fixtures import Settings

from conftest import make_user
from egov.accounts.models import User
from egov.privacy.crypto import token_version
from egov.privacy.fields import EncryptedLookupError, EncryptedTextField


def stored_phone(user: User) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [user.pk])
        row = cursor.fetchone()
    assert row is not None
    value: str | None = row[0]
    return value


def test_the_database_holds_a_versioned_token_not_the_number(citizen: User) -> None:
    raw = stored_phone(citizen)
    assert raw is not None
    assert raw.startswith("v1$")
    assert "5678" not in raw
    assert "01012345678" not in raw
    citizen.refresh_from_db()
    assert citizen.phone == "010-1234-5678"


def test_the_same_number_is_stored_differently_for_two_people(db: None) -> None:
    first = make_user("first@test.example", phone="010-5555-0000")
    second = make_user("second@test.example", phone="010-5555-0000")
    assert stored_phone(first) != stored_phone(second)


def test_no_phone_is_stored_as_empty_text(other_citizen: User) -> None:
    assert stored_phone(other_citizen) == ""
    assert User.objects.get(pk=other_citizen.pk).phone == ""


def test_values_written_under_the_old_key_still_read_after_a_new_key_is_added(
    citizen: User, settings: Settings
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = {**settings.FIELD_ENCRYPTION_KEYS, 2: os.urandom(32)}
    newcomer = make_user("new@test.example", phone="02-120")
    assert token_version(stored_phone(citizen) or "") == 1
    assert token_version(stored_phone(newcomer) or "") == 2
    assert User.objects.get(pk=citizen.pk).phone == "010-1234-5678"
    assert User.objects.get(pk=newcomer.pk).phone == "02-120"


@pytest.mark.parametrize(
    "lookup",
    [
        {"phone": "010-1234-5678"},
        {"phone__exact": "010-1234-5678"},
        {"phone__iexact": "010-1234-5678"},
        {"phone__contains": "5678"},
        {"phone__startswith": "010"},
        {"phone__in": ["010-1234-5678"]},
        {"phone__lower": "010-1234-5678"},
    ],
)
def test_comparing_encrypted_values_in_the_database_is_refused_clearly(
    citizen: User, lookup: dict[str, object]
) -> None:
    with pytest.raises(EncryptedLookupError, match="blind index") as refusal:
        User.objects.filter(**lookup).exists()
    assert "accounts.user.phone is encrypted" in str(refusal.value)
    assert isinstance(refusal.value, FieldError)


def test_empty_and_null_are_the_comparisons_that_still_work(
    citizen: User, other_citizen: User
) -> None:
    assert list(User.objects.filter(phone="")) == [other_citizen]
    assert list(User.objects.exclude(phone="").filter(pk__in=[citizen.pk, other_citizen.pk])) == [
        citizen
    ]
    assert not User.objects.filter(phone__isnull=True).exists()
    assert not User.objects.filter(phone=None).exists()


@isolate_apps("egov.privacy")
def test_an_encrypted_field_cannot_be_declared_unique() -> None:
    class Careless(models.Model):
        secret = EncryptedTextField(unique=True)

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return "careless"

    [error] = Careless._meta.get_field("secret").check()
    assert error.id == "privacy.E001"
    assert "blind index" in (error.hint or "")
