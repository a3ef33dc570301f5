from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from egov import audit
from egov.accounts.models import User
from egov.audit.context import client_address
from egov.audit.models import AuditAction, AuditEvent
from egov.audit.recorder import GENESIS_HASH


def test_an_event_names_actor_role_action_subject_and_address(citizen: User) -> None:
    token = client_address.set("203.0.113.7")
    try:
        with transaction.atomic():
            event = audit.record(
                actor=citizen,
                action=AuditAction.USER_PROFILE_UPDATED,
                subject=citizen,
                detail={"fields": "name"},
            )
    finally:
        client_address.reset(token)
    event.refresh_from_db()
    assert event.actor_id == citizen.pk
    assert event.actor_role == "citizen"
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(citizen.pk))
    assert event.ip_address == "203.0.113.7"
    assert event.detail == {"fields": "name"}


def test_events_form_a_chain(citizen: User) -> None:
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].previous_hash == GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
    assert list(audit.verify_chain()) == []


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_a_programming_error() -> None:
    # A transactional test: no surrounding atomic block, as in real requests.
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        audit.record(actor=None, action=AuditAction.USER_CREATED)


@pytest.mark.django_db
def test_a_failed_transaction_leaves_no_event() -> None:
    class Boom(Exception):
        pass

    def create_then_fail() -> None:
        with transaction.atomic():
            audit.record(actor=None, action=AuditAction.USER_CREATED)
            raise Boom

    with pytest.raises(Boom):
        create_then_fail()
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'user.signed_in'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_to_change_or_remove_events(citizen: User, statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action=AuditAction.USER_CREATED).exists()


def _without_triggers(statement: str, params: list[str | int]) -> None:
    """Tamper as an attacker with database access would: drop the guard, then write."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        cursor.execute(statement, params)


def test_verify_audit_catches_a_changed_row(citizen: User, other_citizen: User) -> None:
    call_command("verify_audit")
    first = AuditEvent.objects.order_by("id").first()
    assert first is not None
    _without_triggers(
        "UPDATE audit_auditevent SET actor_role = %s WHERE id = %s", ["supervisor", first.pk]
    )
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")
    problems = list(audit.verify_chain())
    assert [problem.event_id for problem in problems] == [first.pk]


def test_verify_audit_catches_a_removed_row(citizen: User, other_citizen: User) -> None:
    first = AuditEvent.objects.order_by("id").first()
    assert first is not None
    _without_triggers("DELETE FROM audit_auditevent WHERE id = %s", [first.pk])
    problems = list(audit.verify_chain())
    assert problems
    assert "link" in problems[0].reason
