from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions, rules
from egov.complaints.models import (
    Complaint,
    ComplaintEvent,
    EventKind,
    ExtensionStatus,
    Status,
    Transfer,
)
from egov.notifications.models import Notification


def test_an_officer_assigns_a_case_to_a_colleague_of_the_unit(
    complaint: Complaint,
    officer: User,
    second_officer: User,
    citizen: User,
    run_on_commit: RunOnCommit,
) -> None:
    with run_on_commit():
        actions.assign_complaint(actor=officer, complaint=complaint, officer=second_officer)
    complaint.refresh_from_db()
    assert complaint.assigned_officer == second_officer
    assert complaint.status == Status.IN_PROGRESS
    event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.ASSIGNED)
    assert (event.actor, event.officer, event.internal) == (officer, second_officer, False)
    assigned_to_you = Notification.objects.get(recipient=second_officer)
    # Staff get the case's staff page; the citizen the page they follow it on.
    assert assigned_to_you.url == f"/staff/complaints/{complaint.receipt_number}/"
    told = Notification.objects.get(recipient=citizen)
    assert told.url == f"/complaints/{complaint.receipt_number}/"
    assert "An officer now handles" in told.text().title
    assert AuditEvent.objects.get(action=AuditAction.COMPLAINT_ASSIGNED).detail == {
        "officer": second_officer.pk
    }


def test_it_refuses_to_assign_to_staff_of_another_unit(
    complaint: Complaint, officer: User, officer_of_other_unit: User, platform_admin: User
) -> None:
    for outsider in (officer_of_other_unit, platform_admin):
        with pytest.raises(ValidationError, match="staff of its unit"):
            actions.assign_complaint(actor=officer, complaint=complaint, officer=outsider)


def test_an_officer_of_another_unit_cannot_assign(
    complaint: Complaint, officer: User, officer_of_other_unit: User
) -> None:
    with pytest.raises(PermissionDenied):
        actions.assign_complaint(actor=officer_of_other_unit, complaint=complaint, officer=officer)


def test_assigning_the_same_officer_again_records_nothing(
    assigned: Complaint, officer: User
) -> None:
    before = AuditEvent.objects.count()
    actions.assign_complaint(actor=officer, complaint=assigned, officer=officer)
    assert AuditEvent.objects.count() == before


def test_a_transfer_hands_the_case_to_the_new_unit(
    assigned: Complaint,
    officer: User,
    other_unit: Unit,
    officer_of_other_unit: User,
    citizen: User,
    run_on_commit: RunOnCommit,
) -> None:
    due_before = assigned.due_at
    with run_on_commit():
        actions.transfer_complaint(
            actor=officer, complaint=assigned, to_unit=other_unit, reason="Roads are theirs."
        )
    assigned.refresh_from_db()
    assert (assigned.unit, assigned.assigned_officer, assigned.status) == (
        other_unit,
        None,
        Status.RECEIVED,
    )
    assert assigned.due_at == due_before  # the clock keeps running
    assert rules.can_handle(officer_of_other_unit, assigned)
    assert not rules.can_handle(officer, assigned)
    event = ComplaintEvent.objects.get(complaint=assigned, kind=EventKind.TRANSFERRED)
    assert event.public_note == "Roads are theirs."
    assert event.unit == other_unit
    told = Notification.objects.get(recipient=citizen)
    assert "Roads Division" in told.text().body
    assert "Roads are theirs." in told.text().body


def test_a_transfer_to_another_agency_moves_the_agency_too(
    assigned: Complaint, officer: User, unit_of_other_agency: Unit
) -> None:
    actions.transfer_complaint(
        actor=officer, complaint=assigned, to_unit=unit_of_other_agency, reason="Their road."
    )
    assigned.refresh_from_db()
    assert assigned.agency == unit_of_other_agency.agency


def test_a_case_transferred_more_than_twice_is_flagged(
    complaint: Complaint,
    officer: User,
    officer_of_other_unit: User,
    unit: Unit,
    other_unit: Unit,
) -> None:
    handlers = [(officer, other_unit), (officer_of_other_unit, unit), (officer, other_unit)]
    for number, (actor, to_unit) in enumerate(handlers, start=1):
        actions.transfer_complaint(actor=actor, complaint=complaint, to_unit=to_unit, reason="No.")
        complaint.refresh_from_db()
        assert complaint.transfer_count == number
        assert complaint.transfer_flagged is (number > 2)
    assert Transfer.objects.filter(complaint=complaint).count() == 3
    assert (
        ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.TRANSFERRED).count() == 3
    )


def test_a_transfer_needs_a_reason_and_a_different_unit(
    complaint: Complaint, officer: User, unit: Unit, other_unit: Unit
) -> None:
    with pytest.raises(ValidationError, match="with this unit already"):
        actions.transfer_complaint(actor=officer, complaint=complaint, to_unit=unit, reason="x")
    with pytest.raises(ValidationError, match="reason for the transfer"):
        actions.transfer_complaint(
            actor=officer, complaint=complaint, to_unit=other_unit, reason=" "
        )


def test_a_transfer_cancels_a_consent_request_of_the_old_unit(
    assigned: Complaint, officer: User, other_unit: Unit
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts")
    second = actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="More")
    actions.transfer_complaint(actor=officer, complaint=assigned, to_unit=other_unit, reason="x")
    second.refresh_from_db()
    assert second.status == ExtensionStatus.CANCELLED


def test_an_answered_case_cannot_be_transferred(
    answered: Complaint, officer: User, other_unit: Unit
) -> None:
    with pytest.raises(ValidationError, match="being handled"):
        actions.transfer_complaint(
            actor=officer, complaint=answered, to_unit=other_unit, reason="x"
        )
