"""Officers find a citizen by phone through the blind index, never by decrypting everyone."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from conftest import make_user
from egov.accounts import actions
from egov.accounts.models import User
from egov.accounts.queries import find_user_by_phone, phone_index


@pytest.mark.parametrize(
    "typed",
    ["010-1234-5678", "01012345678", "010 1234 5678", "+82 10-1234-5678", "+82-010-1234-5678"],
)
def test_a_citizen_is_found_however_the_number_is_written(citizen: User, typed: str) -> None:
    assert find_user_by_phone(typed) == citizen


def test_the_index_holds_no_digits_of_the_number(citizen: User) -> None:
    assert len(citizen.phone_index) == 64
    assert "5678" not in citizen.phone_index


def test_an_unknown_or_empty_number_finds_no_one(citizen: User, other_citizen: User) -> None:
    assert find_user_by_phone("010-9999-9999") is None
    assert find_user_by_phone("") is None
    assert find_user_by_phone("call me") is None
    assert other_citizen.phone_index == ""


def test_a_number_shared_by_two_accounts_picks_neither(citizen: User) -> None:
    make_user("spouse@test.example", phone="01012345678")
    assert find_user_by_phone("010-1234-5678") is None


def test_a_changed_number_is_found_by_the_new_one_only(citizen: User) -> None:
    actions.update_profile(
        user=citizen, name=citizen.name, phone="010-8765-4321", preferred_language="en"
    )
    assert find_user_by_phone("010-1234-5678") is None
    assert find_user_by_phone("01087654321") == citizen
    citizen.refresh_from_db()
    assert citizen.phone_index == phone_index("010-8765-4321")


def test_removing_the_number_clears_the_index(citizen: User) -> None:
    actions.update_profile(user=citizen, name=citizen.name, phone="", preferred_language="en")
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.phone_index) == ("", "")


def test_the_migration_encrypts_and_indexes_numbers_stored_in_plain_text(db: None) -> None:
    user = make_user("legacy@test.example")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET phone = %s, phone_index = '' WHERE id = %s",
            ["010-3333-4444", user.pk],
        )
    migration = importlib.import_module("egov.accounts.migrations.0002_encrypt_phone")

    migration.encrypt_phones(apps, connection.schema_editor())

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [user.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("v1$")
    assert find_user_by_phone("01033334444") == User.objects.get(pk=user.pk)
    assert User.objects.get(pk=user.pk).phone == "010-3333-4444"

    migration.decrypt_phones(apps, connection.schema_editor())

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_index FROM accounts_user WHERE id = %s", [user.pk])
        assert cursor.fetchone() == ("010-3333-4444", "")
