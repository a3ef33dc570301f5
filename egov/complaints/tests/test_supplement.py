from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.agencies.calendar import calendar_for
from egov.complaints import actions
from egov.complaints.models import (
    ClosureReason,
    Complaint,
    ComplaintEvent,
    EventKind,
    Status,
    SupplementRequest,
)
from egov.complaints.tests.conftest import answer, days_counted, days_moved, received_on
from egov.lib.calendar import local_date
from egov.notifications.models import Notification


def test_asking_for_more_information_stops_the_clock(
    assigned: Complaint, officer: User, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        request = actions.request_supplement(
            actor=officer, complaint=assigned, request_text="Which lamp post number?"
        )
    assigned.refresh_from_db()
    assert assigned.status == Status.AWAITING_SUPPLEMENT
    assert request.number == 1
    # Seven days, the day asked included, as art. 19(2) counts a period of six days or more.
    assert days_counted(assigned, local_date(request.requested_at), request.respond_by) == 7
    assert calendar_for(assigned.agency_id).is_working_day(request.respond_by)
    latest = Notification.objects.get(recipient=citizen)
    assert "Which lamp post number?" in latest.text().body
    assert date_format(request.respond_by, "DATE_FORMAT") in latest.text().body


def test_the_due_date_moves_by_the_working_days_the_request_was_open(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    # Received a week ago (a 7-day grievance, so still due), asked six days ago.
    today = local_date(timezone.now())
    received_on(assigned, today - datetime.timedelta(days=7))
    due_before = assigned.due_at
    request = actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    asked = timezone.now() - datetime.timedelta(days=6)
    SupplementRequest.objects.filter(pk=request.pk).update(requested_at=asked)
    actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="Attached")
    assigned.refresh_from_db()
    # The days after the one it was asked on, up to today, did not count.
    paused = calendar_for(assigned.agency_id).working_days_after(local_date(asked), today)
    assert paused >= 3  # six calendar days hold at least three working days
    assert days_moved(assigned, due_before) == paused
    assert assigned.status == Status.IN_PROGRESS
    request.refresh_from_db()
    assert request.answer_text == "Attached"
    step = ComplaintEvent.objects.get(complaint=assigned, kind=EventKind.SUPPLEMENT_ANSWERED)
    assert step.detail["paused_days"] == paused


def test_an_unassigned_case_goes_back_to_the_units_inbox(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    actions.request_supplement(actor=officer, complaint=complaint, request_text="Photo?")
    actions.answer_supplement_request(citizen=citizen, complaint=complaint, answer_text="Here")
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_more_information_can_be_asked_for_at_most_twice(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    for _ in range(2):
        actions.request_supplement(actor=officer, complaint=assigned, request_text="More?")
        actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="Ok")
    with pytest.raises(ValidationError, match="at most twice"):
        actions.request_supplement(actor=officer, complaint=assigned, request_text="More?")


def test_a_request_needs_text_and_a_sensible_time_to_answer(
    assigned: Complaint, officer: User
) -> None:
    with pytest.raises(ValidationError, match="what information is needed"):
        actions.request_supplement(actor=officer, complaint=assigned, request_text="  ")
    with pytest.raises(ValidationError, match="between 1 and 30 working days"):
        actions.request_supplement(
            actor=officer, complaint=assigned, request_text="Photo?", respond_within_days=0
        )


def test_only_the_author_answers_a_request(
    assigned: Complaint, officer: User, other_citizen: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    with pytest.raises(PermissionDenied):
        actions.answer_supplement_request(
            citizen=other_citizen, complaint=assigned, answer_text="Me?"
        )


def test_an_answer_to_nothing_is_refused(assigned: Complaint, citizen: User) -> None:
    with pytest.raises(ValidationError, match="no open request"):
        actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="Hi")


def test_the_case_cannot_be_answered_while_information_is_awaited(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    with pytest.raises(ValidationError, match="wait for it"):
        answer(assigned, officer)


def test_it_cannot_be_closed_before_the_citizens_date_has_passed(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    with pytest.raises(ValidationError, match="can be closed after that"):
        actions.close_for_no_supplement(actor=officer, complaint=assigned, notice="Closed.")


def test_a_case_whose_citizen_never_answered_is_closed_with_notice(
    assigned: Complaint, officer: User, citizen: User, run_on_commit: RunOnCommit
) -> None:
    request = actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    yesterday = local_date(timezone.now()) - datetime.timedelta(days=1)
    SupplementRequest.objects.filter(pk=request.pk).update(respond_by=yesterday)
    with run_on_commit():
        actions.close_for_no_supplement(
            actor=officer, complaint=assigned, notice="Closed: the photo never arrived."
        )
    assigned.refresh_from_db()
    assert (assigned.status, assigned.closure_reason) == (
        Status.CLOSED,
        ClosureReason.NO_SUPPLEMENT,
    )
    event = ComplaintEvent.objects.get(complaint=assigned, kind=EventKind.CLOSED)
    assert event.public_note == "Closed: the photo never arrived."
    latest = Notification.objects.filter(recipient=citizen).first()
    assert latest is not None
    assert latest.text().body == "Closed: the photo never arrived."
