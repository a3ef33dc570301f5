"""The access log says who looked at whose personal data, and cannot be rewritten."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit.context import client_address
from egov.audit.models import AuditEvent
from egov.privacy.access import record_access
from egov.privacy.models import AccessEvent, AccessPurpose
from egov.privacy.queries import accesses_to


def test_an_officer_viewing_a_citizen_is_recorded_with_fields_purpose_and_address(
    officer: User, citizen: User, unit: Unit
) -> None:
    token = client_address.set("203.0.113.9")
    try:
        event = record_access(
            viewer=officer,
            owner=citizen,
            fields=["name", "phone"],
            purpose=AccessPurpose.COMPLAINT_HANDLING,
            subject=unit,
        )
    finally:
        client_address.reset(token)
    assert event is not None
    stored = AccessEvent.objects.get(pk=event.pk)
    assert (stored.viewer, stored.viewer_role, stored.owner) == (officer, "officer", citizen)
    assert stored.fields == ["name", "phone"]
    assert stored.purpose == AccessPurpose.COMPLAINT_HANDLING
    assert (stored.subject_type, stored.subject_id) == ("agencies.unit", str(unit.pk))
    assert stored.ip_address == "203.0.113.9"


def test_looking_at_ones_own_data_is_not_recorded(citizen: User) -> None:
    event = record_access(
        viewer=citizen, owner=citizen, fields=["phone"], purpose=AccessPurpose.DATA_EXPORT
    )
    assert event is None
    assert not AccessEvent.objects.exists()


def test_an_access_is_its_own_record_not_an_audit_event(officer: User, citizen: User) -> None:
    events_before = AuditEvent.objects.count()
    record_access(
        viewer=officer, owner=citizen, fields=["name"], purpose=AccessPurpose.COUNTER_ASSISTANCE
    )
    assert AuditEvent.objects.count() == events_before
    assert AccessEvent.objects.count() == 1


def test_an_access_that_names_no_fields_is_a_programming_error(
    officer: User, citizen: User
) -> None:
    with pytest.raises(ValueError, match="name the fields"):
        record_access(
            viewer=officer, owner=citizen, fields=[], purpose=AccessPurpose.INTEGRITY_AUDIT
        )


def test_a_citizen_sees_who_looked_newest_first_in_one_query(
    officer: User, supervisor: User, other_citizen: User, citizen: User
) -> None:
    first = record_access(
        viewer=officer, owner=citizen, fields=["name"], purpose=AccessPurpose.COMPLAINT_HANDLING
    )
    second = record_access(
        viewer=supervisor, owner=citizen, fields=["phone"], purpose=AccessPurpose.INTEGRITY_AUDIT
    )
    record_access(
        viewer=officer, owner=other_citizen, fields=["name"], purpose=AccessPurpose.DATA_EXPORT
    )
    with CaptureQueriesContext(connection) as queries:
        shown = [
            (event.pk, event.viewer.officer.position, event.viewer.officer.unit.agency.name)
            for event in accesses_to(citizen)
        ]
    assert len(queries) == 1
    assert first is not None
    assert second is not None
    assert [pk for pk, _position, _agency in shown] == [second.pk, first.pk]
    assert shown[0][1:] == ("Administrative officer", "Test District Office")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE privacy_accessevent SET purpose = 'data_export'",
        "UPDATE privacy_accessevent SET fields = '[]'",
        "DELETE FROM privacy_accessevent",
    ],
)
def test_the_database_refuses_to_change_or_remove_access_events(
    officer: User, citizen: User, statement: str
) -> None:
    record_access(
        viewer=officer, owner=citizen, fields=["phone"], purpose=AccessPurpose.COMPLAINT_HANDLING
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AccessEvent.objects.get().purpose == AccessPurpose.COMPLAINT_HANDLING
