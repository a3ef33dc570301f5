from __future__ import annotations

import datetime

from django.utils import timezone

from egov.accounts.models import User
from egov.complaints import actions
from egov.complaints.deadlines import (
    SkippedDay,
    explain_deadline,
    local_date,
    processing_due_date,
    working_days_taken,
)
from egov.complaints.models import (
    Complaint,
    Extension,
    ExtensionStatus,
    SupplementRequest,
)
from egov.complaints.tests.conftest import SEOUL, answer, received_on
from egov.lib.calendar import add_working_days, working_days_between

D = datetime.date


def seoul(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL)


def test_a_complaint_sent_early_on_monday_in_seoul_was_received_on_monday() -> None:
    still_sunday_in_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
    assert local_date(still_sunday_in_utc) == D(2026, 11, 30)


def test_the_due_date_counts_the_period_in_working_days_after_the_day_received() -> None:
    friday = D(2026, 11, 27)
    due = processing_due_date(received_on=friday, period_days=3, extension_days=0, paused_days=0)
    assert due == D(2026, 12, 2)


def test_extensions_and_pauses_add_working_days_to_the_period() -> None:
    due = processing_due_date(
        received_on=D(2026, 9, 23), period_days=7, extension_days=2, paused_days=1
    )
    assert due == add_working_days(D(2026, 9, 23), 10) == D(2026, 10, 13)


def test_working_days_taken_leave_out_the_days_the_clock_stood_still() -> None:
    monday, next_monday = D(2026, 11, 23), D(2026, 11, 30)
    assert working_days_taken(received_on=monday, answered_on=next_monday, paused_days=2) == 3


def test_a_new_grievance_is_due_seven_working_days_after_the_day_it_arrived(
    complaint: Complaint,
) -> None:
    received = local_date(complaint.received_at)
    assert complaint.period_days == 7
    assert complaint.due_date == add_working_days(received, 7)
    assert explain_deadline(complaint).due_date == complaint.due_date


def test_the_explanation_names_the_holidays_it_skipped(complaint: Complaint) -> None:
    received_on(complaint, D(2026, 9, 23))
    explanation = explain_deadline(complaint)
    assert explanation.received_on == D(2026, 9, 23)
    assert explanation.period_due_date == explanation.due_date == D(2026, 10, 7)
    assert explanation.skipped_days[:4] == (
        SkippedDay(D(2026, 9, 24), "The day preceding Chuseok"),
        SkippedDay(D(2026, 9, 25), "Chuseok"),
        SkippedDay(D(2026, 9, 26), "The second day of Chuseok"),
        SkippedDay(D(2026, 9, 27), ""),  # an ordinary Sunday
    )
    assert (
        SkippedDay(D(2026, 10, 5), "Alternative holiday for National Foundation Day")
        in explanation.skipped_days
    )
    assert explanation.extensions == ()
    assert explanation.pauses == ()
    assert explanation.second_review is None


def test_the_explanation_lists_each_extension_and_pause(
    complaint: Complaint, officer: User
) -> None:
    # The scene is set in the past with rows, because the actions act only today.
    received_on(complaint, D(2026, 9, 23))
    Extension.objects.create(
        complaint=complaint,
        number=1,
        requested_by=officer,
        days=2,
        reason="Site visit",
        status=ExtensionStatus.APPLIED,
        requested_at=seoul(D(2026, 9, 30)),
        decided_at=seoul(D(2026, 9, 30)),
    )
    SupplementRequest.objects.create(
        complaint=complaint,
        number=1,
        requested_by=officer,
        request_text="Which lamp post?",
        requested_at=seoul(D(2026, 10, 6)),
        respond_by=D(2026, 10, 15),
        answered_at=seoul(D(2026, 10, 8)),
        answer_text="Number 12",
        paused_days=2,
    )
    SupplementRequest.objects.create(
        complaint=complaint,
        number=2,
        requested_by=officer,
        request_text="A photo, please",
        requested_at=seoul(D(2026, 10, 12)),
        respond_by=D(2026, 10, 21),
    )
    explanation = explain_deadline(complaint)
    assert [(step.number, step.days, step.with_consent) for step in explanation.extensions] == [
        (1, 2, False)
    ]
    assert [
        (pause.started_on, pause.ended_on, pause.working_days) for pause in explanation.pauses
    ] == [
        (D(2026, 10, 6), D(2026, 10, 8), 2),
        (D(2026, 10, 12), None, 0),
    ]
    assert explanation.clock_stopped
    # 7 + 2 + 2 working days after 23 September, past Chuseok and Hangul Day.
    assert explanation.processing_due_date == D(2026, 10, 14)
    assert explanation.due_date == add_working_days(D(2026, 9, 23), 11)


def test_the_explanation_always_agrees_with_the_stored_due_date(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    today = local_date(timezone.now())
    received_on(assigned, today - datetime.timedelta(days=3))

    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts on order")
    assigned.refresh_from_db()
    assert explain_deadline(assigned).due_date == assigned.due_date

    request = actions.request_supplement(
        actor=officer, complaint=assigned, request_text="Which lamp post?"
    )
    asked = timezone.now() - datetime.timedelta(days=2)
    SupplementRequest.objects.filter(pk=request.pk).update(requested_at=asked)
    actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="No. 12")
    assigned.refresh_from_db()
    paused = working_days_between(local_date(asked), today)
    explanation = explain_deadline(assigned)
    assert assigned.paused_days == explanation.paused_days == paused
    assert explanation.extension_days == 3
    assert explanation.due_date == assigned.due_date

    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Contractor late")
    assigned.refresh_from_db()
    assert explain_deadline(assigned).extension_days == 3  # not until the citizen consents
    actions.consent_to_extension(citizen=citizen, complaint=assigned)
    assigned.refresh_from_db()
    assert explain_deadline(assigned).extension_days == 5
    assert explain_deadline(assigned).due_date == assigned.due_date

    answer(assigned, officer)
    actions.rate_answer(citizen=citizen, complaint=assigned, score=1)
    assigned = Complaint.objects.get(pk=assigned.pk)
    explanation = explain_deadline(assigned)
    assert explanation.second_review is not None
    assert explanation.second_review.due_date == add_working_days(today, 7)
    assert explanation.due_date == assigned.due_date == explanation.second_review.due_date
