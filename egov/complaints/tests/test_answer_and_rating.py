from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.models import (
    Answer,
    AnswerKind,
    Complaint,
    ComplaintEvent,
    EventKind,
    Outcome,
    SecondReview,
    Status,
)
from egov.complaints.tests.conftest import answer, days_counted
from egov.lib.calendar import local_date
from egov.notifications.models import Notification


def test_an_answer_closes_the_officers_part_and_records_its_timeliness(
    assigned: Complaint, officer: User, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        reply = answer(assigned, officer)
    assigned.refresh_from_db()
    assert assigned.status == Status.ANSWERED
    assert assigned.answered_at == reply.answered_at
    # Answered the day it arrived: that day is the first on the clock, if it is a working day.
    today = local_date(reply.answered_at)
    assert (reply.on_time, reply.working_days_taken, reply.due_at) == (
        True,
        days_counted(assigned, today, today),
        assigned.due_at,
    )
    latest = Notification.objects.get(recipient=citizen)
    assert "Outcome: Accepted." in latest.text().body
    with translation.override("ko"):
        assert "처리 결과: 수용." in latest.text().body
    audit = AuditEvent.objects.get(action=AuditAction.COMPLAINT_ANSWERED)
    assert audit.detail["outcome"] == Outcome.ACCEPTED
    assert "lamp" not in str(audit.detail)


def test_a_refusal_must_give_its_reason_and_the_remedy(assigned: Complaint, officer: User) -> None:
    with pytest.raises(ValidationError) as error:
        answer(assigned, officer, outcome=Outcome.NOT_ACCEPTED)
    assert set(error.value.message_dict) == {"refusal_reason", "remedy"}
    with pytest.raises(ValidationError) as error:
        answer(assigned, officer, outcome=Outcome.NOT_ACCEPTED, refusal_reason="Private road")
    assert set(error.value.message_dict) == {"remedy"}
    refusal = answer(
        assigned,
        officer,
        outcome=Outcome.NOT_ACCEPTED,
        refusal_reason="Private road",
        remedy="An administrative appeal within 90 days",
    )
    assert refusal.outcome == Outcome.NOT_ACCEPTED


def test_the_database_itself_refuses_a_refusal_without_a_remedy(
    answered: Complaint,
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(complaint=answered).update(outcome=Outcome.NOT_ACCEPTED)


def test_an_officer_of_another_unit_cannot_answer(
    assigned: Complaint, officer_of_other_unit: User
) -> None:
    with pytest.raises(PermissionDenied):
        answer(assigned, officer_of_other_unit)


def test_a_case_is_answered_once(answered: Complaint, officer: User) -> None:
    with pytest.raises(ValidationError, match="not waiting for an answer"):
        answer(answered, officer)


def test_a_good_rating_ends_the_case(answered: Complaint, citizen: User) -> None:
    rated = actions.rate_answer(citizen=citizen, complaint=answered, score=5, comment="Thanks")
    answered.refresh_from_db()
    assert (rated.score, rated.rating_comment) == (5, "Thanks")
    assert answered.status == Status.ANSWERED
    assert not SecondReview.objects.exists()
    with pytest.raises(ValidationError, match="already been rated"):
        actions.rate_answer(citizen=citizen, complaint=answered, score=4)


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_is_from_1_to_5(answered: Complaint, citizen: User, score: int) -> None:
    with pytest.raises(ValidationError, match="from 1 to 5"):
        actions.rate_answer(citizen=citizen, complaint=answered, score=score)


def test_only_the_author_rates(answered: Complaint, other_citizen: User, officer: User) -> None:
    for someone in (other_citizen, officer):
        with pytest.raises(PermissionDenied):
            actions.rate_answer(citizen=someone, complaint=answered, score=5)


def test_a_low_rating_opens_a_second_review_by_the_units_supervisor(
    answered: Complaint,
    citizen: User,
    supervisor: User,
    agency_admin: User,
    run_on_commit: RunOnCommit,
) -> None:
    with run_on_commit():
        actions.rate_answer(citizen=citizen, complaint=answered, score=2, comment="Still dark")
    answered.refresh_from_db()
    review = SecondReview.objects.get(complaint=answered)
    assert review.reviewer == supervisor
    assert answered.status == Status.SECOND_REVIEW
    # A second review has 7 days, counted like the period: the day it opened is the first.
    assert days_counted(answered, local_date(review.opened_at), review.due.day) == 7
    assert answered.due_at == review.due_at
    told = Notification.objects.get(recipient=supervisor)
    assert told.url == f"/staff/complaints/{answered.receipt_number}/"
    assert told.text().title.startswith(f"Second review of {answered.receipt_number}, due ")
    audit = AuditEvent.objects.get(action=AuditAction.COMPLAINT_RATED)
    assert audit.detail == {"score": 2, "answer": "first", "second_review": True}
    assert ComplaintEvent.objects.filter(
        complaint=answered, kind=EventKind.SECOND_REVIEW_OPENED
    ).exists()


def test_without_a_supervisor_the_agency_admin_reviews(
    answered: Complaint, citizen: User, agency_admin: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    assert SecondReview.objects.get(complaint=answered).reviewer == agency_admin


def test_the_reviewer_answers_and_the_citizen_rates_again_but_no_third_review(
    answered: Complaint, citizen: User, supervisor: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    review_answer = actions.answer_second_review(
        actor=supervisor,
        complaint=answered,
        outcome=Outcome.PARTLY_ACCEPTED,
        body="A second lamp will be added next month.",
        legal_basis="",
    )
    answered.refresh_from_db()
    assert review_answer.kind == AnswerKind.SECOND_REVIEW
    assert answered.status == Status.ANSWERED
    assert SecondReview.objects.get(complaint=answered).answer == review_answer
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    answered.refresh_from_db()
    assert answered.status == Status.ANSWERED
    assert SecondReview.objects.count() == 1
    review_answer.refresh_from_db()
    assert review_answer.score == 1


def test_nobody_reviews_their_own_answer(
    answered: Complaint, citizen: User, officer: User, supervisor: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    with pytest.raises(PermissionDenied):
        actions.answer_second_review(
            actor=officer,
            complaint=answered,
            outcome=Outcome.ACCEPTED,
            body="I stand by it.",
            legal_basis="",
        )


def test_a_colleague_who_is_not_the_reviewer_cannot_answer_the_review(
    answered: Complaint, citizen: User, supervisor: User, second_officer: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    with pytest.raises(PermissionDenied):
        actions.answer_second_review(
            actor=second_officer,
            complaint=answered,
            outcome=Outcome.ACCEPTED,
            body="Looks fine.",
            legal_basis="",
        )


def test_the_agency_admin_may_step_in_for_the_reviewer(
    answered: Complaint, citizen: User, supervisor: User, agency_admin: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=2)
    reply = actions.answer_second_review(
        actor=agency_admin,
        complaint=answered,
        outcome=Outcome.INFORMATION_GIVEN,
        body="The lamp is on the replacement list.",
        legal_basis="",
    )
    assert reply.officer == agency_admin


def test_a_second_review_refusal_also_needs_reason_and_remedy(
    answered: Complaint, citizen: User, supervisor: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    with pytest.raises(ValidationError) as error:
        actions.answer_second_review(
            actor=supervisor,
            complaint=answered,
            outcome=Outcome.NOT_ACCEPTED,
            body="No.",
            legal_basis="",
        )
    assert set(error.value.message_dict) == {"refusal_reason", "remedy"}
