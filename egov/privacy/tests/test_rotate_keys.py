"""``manage.py rotate_keys`` moves every stored value onto the newest key."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pytest_django.fixtures import Settings

from conftest import make_user
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.privacy.crypto import token_version

PHONES = {f"person{n}@test.example": f"010-2000-{n:04d}" for n in range(7)}


def stored_phones() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, phone FROM accounts_user WHERE phone <> ''")
        return dict(cursor.fetchall())


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_keys", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def people(db: None) -> list[User]:
    return [make_user(email, phone=phone) for email, phone in PHONES.items()]


@pytest.fixture
def second_key(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = {**settings.FIELD_ENCRYPTION_KEYS, 2: os.urandom(32)}


def test_rotation_re_encrypts_every_value_under_the_newest_key(
    people: list[User], second_key: None
) -> None:
    before = stored_phones()
    assert {token_version(token) for token in before.values()} == {1}

    output = rotate("--batch-size", "3")  # several batches

    after = stored_phones()
    assert after.keys() == before.keys()
    assert {token_version(token) for token in after.values()} == {2}
    assert all(after[pk] != before[pk] for pk in before)
    assert {user.email: user.phone for user in User.objects.exclude(phone="")} == PHONES
    assert "accounts.user.phone: 7 re-encrypted" in output
    assert "7 value(s) re-encrypted under key version 2." in output


def test_rotation_records_one_audit_event_with_the_counts(
    people: list[User], second_key: None
) -> None:
    rotate()
    event = AuditEvent.objects.get(action=AuditAction.FIELD_KEYS_ROTATED)
    assert event.actor_id is None
    assert event.detail["key_version"] == 2
    assert event.detail["re_encrypted"] == 7
    assert event.detail["accounts.user.phone"] == 7
    assert "010" not in str(event.detail)


def test_rotation_is_idempotent(people: list[User], second_key: None) -> None:
    rotate()
    once = stored_phones()
    output = rotate()
    assert stored_phones() == once
    assert "accounts.user.phone: 0 re-encrypted" in output
    assert "0 value(s) re-encrypted" in output
    second_run = AuditEvent.objects.filter(action=AuditAction.FIELD_KEYS_ROTATED).last()
    assert second_run is not None
    assert second_run.detail["re_encrypted"] == 0


def test_without_a_new_key_there_is_nothing_to_rotate(people: list[User]) -> None:
    before = stored_phones()
    output = rotate()
    assert stored_phones() == before
    assert "0 value(s) re-encrypted under key version 1." in output


def test_rotation_stops_clearly_on_a_value_no_key_can_read(
    people: list[User], settings: Settings
) -> None:
    settings.FIELD_ENCRYPTION_KEYS = {2: os.urandom(32)}  # key 1 was dropped too early
    with pytest.raises(CommandError, match="key version 1"):
        rotate()
    assert not AuditEvent.objects.filter(action=AuditAction.FIELD_KEYS_ROTATED).exists()
