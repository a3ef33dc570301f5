from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.deadlines import explain_deadline
from egov.complaints.models import Complaint, ExtensionStatus
from egov.complaints.tests.conftest import answer, days_moved


def test_the_officer_extends_once_with_a_reason(assigned: Complaint, officer: User) -> None:
    due_before = assigned.due_at
    extension = actions.extend_deadline(
        actor=officer, complaint=assigned, days=5, reason="Waiting for the contractor"
    )
    assigned.refresh_from_db()
    assert extension.status == ExtensionStatus.APPLIED
    assert explain_deadline(assigned).extension_days == 5
    # A 7-day grievance is counted in working days, and so is its extension.
    assert days_moved(assigned, due_before) == 5


def test_an_extension_is_at_most_the_original_period(assigned: Complaint, officer: User) -> None:
    with pytest.raises(ValidationError, match="between 1 and 7 days"):
        actions.extend_deadline(actor=officer, complaint=assigned, days=8, reason="Long")


def test_the_second_extension_waits_for_the_citizens_consent(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts")
    assigned.refresh_from_db()
    due_after_first = assigned.due_at
    second = actions.extend_deadline(actor=officer, complaint=assigned, days=4, reason="More parts")
    assigned.refresh_from_db()
    assert second.status == ExtensionStatus.AWAITING_CONSENT
    assert assigned.due_at == due_after_first
    actions.consent_to_extension(citizen=citizen, complaint=assigned)
    assigned.refresh_from_db()
    second.refresh_from_db()
    assert second.status == ExtensionStatus.APPLIED
    assert days_moved(assigned, due_after_first) == 4
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_EXTENSION_CONSENTED).exists()


def test_a_refused_extension_leaves_the_deadline_alone(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts")
    actions.extend_deadline(actor=officer, complaint=assigned, days=4, reason="More parts")
    assigned.refresh_from_db()
    due = assigned.due_at
    refused = actions.refuse_extension(citizen=citizen, complaint=assigned)
    assigned.refresh_from_db()
    assert refused.status == ExtensionStatus.REFUSED
    assert assigned.due_at == due
    with pytest.raises(ValidationError, match="at most twice"):
        actions.extend_deadline(actor=officer, complaint=assigned, days=1, reason="Again")


def test_no_new_request_while_the_citizen_has_not_answered(
    assigned: Complaint, officer: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts")
    actions.extend_deadline(actor=officer, complaint=assigned, days=4, reason="More parts")
    with pytest.raises(ValidationError, match="not yet answered"):
        actions.extend_deadline(actor=officer, complaint=assigned, days=1, reason="Even more")


def test_only_the_author_consents(
    assigned: Complaint, officer: User, other_citizen: User, citizen: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts")
    actions.extend_deadline(actor=officer, complaint=assigned, days=4, reason="More parts")
    with pytest.raises(PermissionDenied):
        actions.consent_to_extension(citizen=other_citizen, complaint=assigned)
    with pytest.raises(PermissionDenied):
        actions.consent_to_extension(citizen=officer, complaint=assigned)


def test_there_is_nothing_to_consent_to_without_a_request(
    assigned: Complaint, citizen: User
) -> None:
    with pytest.raises(ValidationError, match="No extension is waiting"):
        actions.consent_to_extension(citizen=citizen, complaint=assigned)


def test_an_answer_cancels_a_pending_request(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts")
    second = actions.extend_deadline(actor=officer, complaint=assigned, days=4, reason="More")
    answer(assigned, officer)
    second.refresh_from_db()
    assert second.status == ExtensionStatus.CANCELLED
    with pytest.raises(ValidationError, match="No extension is waiting"):
        actions.consent_to_extension(citizen=citizen, complaint=assigned)


def test_an_extension_comes_before_the_deadline_not_after(
    assigned: Complaint, officer: User
) -> None:
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Complaint.objects.filter(pk=assigned.pk).update(due_at=an_hour_ago)
    with pytest.raises(ValidationError, match="deadline has passed"):
        actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Late")
