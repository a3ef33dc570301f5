from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.complaints import actions, rules
from egov.complaints.models import Complaint, ComplaintEvent, EventKind
from egov.complaints.queries import access_complaint, complaints_of
from egov.complaints.tests.conftest import answer
from egov.notifications.models import Notification


def test_an_invited_person_may_read_and_sign(
    complaint: Complaint, citizen: User, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    assert access_complaint(other_citizen, complaint.receipt_number) == complaint
    invitation = Notification.objects.get(recipient=other_citizen)
    assert invitation.url == complaint.get_absolute_url()
    with translation.override("id"):
        assert "Anda diundang" in invitation.text().title
    signature = actions.cosign(citizen=other_citizen, complaint=complaint)
    assert signature.signed_at is not None
    assert list(complaints_of(other_citizen)) == [complaint]
    event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.COSIGNED)
    assert event.detail == {"signatories": 2, "joint": False}


def test_a_cosigner_may_only_read_and_sign(
    complaint: Complaint, citizen: User, other_citizen: User
) -> None:
    actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    actions.cosign(citizen=other_citizen, complaint=complaint)
    assert not rules.can_handle(other_citizen, complaint)
    with pytest.raises(PermissionDenied):
        actions.withdraw_complaint(citizen=other_citizen, complaint=complaint)
    with pytest.raises(PermissionDenied):
        actions.add_cosigner(citizen=other_citizen, complaint=complaint, user=citizen)


def test_nobody_signs_without_an_invitation(complaint: Complaint, other_citizen: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.cosign(citizen=other_citizen, complaint=complaint)


def test_an_invitation_is_sent_once_and_never_to_staff_or_the_author(
    complaint: Complaint, citizen: User, other_citizen: User, officer: User
) -> None:
    actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    with pytest.raises(ValidationError, match="invited already"):
        actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    with pytest.raises(ValidationError, match="Only citizens and employers"):
        actions.add_cosigner(citizen=citizen, complaint=complaint, user=officer)
    with pytest.raises(ValidationError, match="your own complaint"):
        actions.add_cosigner(citizen=citizen, complaint=complaint, user=citizen)


def test_the_fifth_signature_makes_it_a_joint_complaint(
    complaint: Complaint, citizen: User, citizens: list[User]
) -> None:
    for signer in citizens[:4]:
        actions.add_cosigner(citizen=citizen, complaint=complaint, user=signer)
    for number, signer in enumerate(citizens[:4], start=2):
        actions.cosign(citizen=signer, complaint=complaint)
        complaint.refresh_from_db()
        assert complaint.is_joint is (number >= 5)


def test_every_cosigner_hears_of_every_step(
    assigned: Complaint,
    citizen: User,
    citizens: list[User],
    officer: User,
    run_on_commit: RunOnCommit,
) -> None:
    with run_on_commit():
        for signer in citizens[:2]:
            actions.add_cosigner(citizen=citizen, complaint=assigned, user=signer)
            actions.cosign(citizen=signer, complaint=assigned)
        answer(assigned, officer)
    for person in (citizen, *citizens[:2]):
        latest = Notification.objects.filter(recipient=person).first()
        assert latest is not None
        assert "was answered" in latest.text().title
    assert not Notification.objects.filter(recipient=citizens[2]).exists()


def test_a_closed_complaint_takes_no_more_signatures(
    answered: Complaint, citizen: User, other_citizen: User
) -> None:
    with pytest.raises(ValidationError, match="only while the complaint is open"):
        actions.add_cosigner(citizen=citizen, complaint=answered, user=other_citizen)
