from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from egov.accounts.models import User
from egov.agencies.calendar import calendar_for
from egov.complaints import actions
from egov.complaints.fingerprints import content_fingerprint, normalise
from egov.complaints.models import (
    Category,
    ClosureReason,
    Complaint,
    ExtensionStatus,
    Status,
)
from egov.complaints.tests.conftest import answer, days_moved, received_on, submit
from egov.lib.calendar import local_date

BODY = "The streetlight in front of 12 Yulgok-ro has been dark for a week."


def test_spacing_case_and_punctuation_do_not_change_the_fingerprint() -> None:
    full_width_hello = "\uff28\uff45\uff4c\uff4c\uff4f"
    assert normalise(f"{full_width_hello},  World!\n") == "helloworld"
    assert content_fingerprint(BODY) == content_fingerprint(
        "the STREETLIGHT in front of 12 yulgok ro has been dark for a week"
    )
    assert content_fingerprint(BODY) != content_fingerprint(
        "The streetlight at 14 Yulgok-ro is dark."
    )
    assert normalise("가로등이  고장났어요!!") == "가로등이고장났어요"


def answered_twice(citizen: User, category: Category, officer: User) -> None:
    for number in range(2):
        earlier = submit(citizen, category, title=f"Again {number}", body=BODY)
        answer(earlier, officer)


def test_the_same_content_after_two_answers_is_a_repeat_candidate(
    citizen: User, other_citizen: User, category: Category, officer: User
) -> None:
    answered_twice(citizen, category, officer)
    repeat = submit(citizen, category, body=BODY.upper() + "!!")
    assert repeat.is_repeat_candidate
    # The same words from someone else are their own complaint.
    assert not submit(other_citizen, category, body=BODY).is_repeat_candidate


def test_one_answer_is_not_enough_to_call_it_a_repeat(
    citizen: User, category: Category, officer: User
) -> None:
    answer(submit(citizen, category, body=BODY), officer)
    submit(citizen, category, body=BODY)  # open, not answered: does not count
    assert not submit(citizen, category, body=BODY).is_repeat_candidate


def test_an_officer_closes_a_repeat_and_the_citizen_may_appeal(
    citizen: User, category: Category, officer: User
) -> None:
    answered_twice(citizen, category, officer)
    repeat = submit(citizen, category, body=BODY)
    actions.close_as_repeat(
        actor=officer, complaint=repeat, explanation="Answered in EP-2611-0000001 and -0000002."
    )
    repeat.refresh_from_db()
    assert (repeat.status, repeat.closure_reason) == (Status.CLOSED, ClosureReason.REPEAT)

    actions.appeal_repeat_closure(citizen=citizen, complaint=repeat, reason="The lamp broke again.")
    repeat.refresh_from_db()
    assert repeat.status == Status.RECEIVED
    assert (repeat.closure_reason, repeat.closed_at) == ("", None)
    with pytest.raises(ValidationError, match="must be answered"):
        actions.close_as_repeat(actor=officer, complaint=repeat, explanation="Still a repeat.")
    answer(repeat, officer)


def test_the_days_a_repeat_closure_stood_do_not_count(
    citizen: User, category: Category, officer: User
) -> None:
    answered_twice(citizen, category, officer)
    repeat = submit(citizen, category, body=BODY)
    # Received a week ago (7 days, so still due), closed as a repeat five days ago.
    today = local_date(timezone.now())
    received_on(repeat, today - datetime.timedelta(days=7))
    due = repeat.due_at
    actions.close_as_repeat(actor=officer, complaint=repeat, explanation="Repeat.")
    closed = timezone.now() - datetime.timedelta(days=5)
    Complaint.objects.filter(pk=repeat.pk).update(repeat_closed_at=closed, closed_at=closed)
    actions.appeal_repeat_closure(citizen=citizen, complaint=repeat, reason="Not a repeat.")
    repeat.refresh_from_db()
    paused = calendar_for(repeat.agency_id).working_days_after(local_date(closed), today)
    assert days_moved(repeat, due) == paused


def test_a_complaint_that_is_not_a_repeat_cannot_be_closed_as_one(
    complaint: Complaint, officer: User
) -> None:
    with pytest.raises(ValidationError, match="repeating two answered ones"):
        actions.close_as_repeat(actor=officer, complaint=complaint, explanation="Feels like it.")


def test_only_a_repeat_closure_can_be_appealed(complaint: Complaint, citizen: User) -> None:
    with pytest.raises(ValidationError, match="closed as a repeat"):
        actions.appeal_repeat_closure(citizen=citizen, complaint=complaint, reason="Why?")


def test_the_author_withdraws_an_open_complaint(
    assigned: Complaint, citizen: User, officer: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts")
    pending = actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="More")
    actions.withdraw_complaint(citizen=citizen, complaint=assigned)
    assigned.refresh_from_db()
    pending.refresh_from_db()
    assert assigned.status == Status.WITHDRAWN
    assert pending.status == ExtensionStatus.CANCELLED
    assert not Complaint.objects.queue_for(officer).exists()


def test_an_answered_complaint_cannot_be_withdrawn(answered: Complaint, citizen: User) -> None:
    with pytest.raises(ValidationError, match="still open"):
        actions.withdraw_complaint(citizen=citizen, complaint=answered)


def test_an_officer_cannot_withdraw_for_the_citizen(complaint: Complaint, officer: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.withdraw_complaint(citizen=officer, complaint=complaint)
