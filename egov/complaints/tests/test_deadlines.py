"""A complaint's deadline, counted by the platform's clock as art. 19 of the Act says.

The clock's own worked examples are in egov/lib/tests/test_calendar.py; these
check that a complaint feeds it the right history (its period, extensions,
stops of the clock, second review, closures) and that pages explain it.
Scenes in the past are set with rows, because the actions act only now.

    November/December 2026         September/October 2026
    Mo Tu We Th Fr Sa Su           Mo Tu We Th Fr Sa Su
    30  1  2  3  4  5  6           21 22 23 24 25 26 27
     7  8  9 10 11 12 13           28 29 30  1  2  3  4
                                    5  6  7  8  9 10 11
                                   12 13 14 15 16 17 18
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import log_in
from egov.accounts.models import User
from egov.agencies import actions as agency_actions
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency, AgencyKind
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.deadlines import (
    explain_deadline,
    stored_due_at,
)
from egov.complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    EventKind,
    Extension,
    ExtensionStatus,
    SupplementRequest,
)
from egov.complaints.tests.conftest import SEOUL, answer, days_counted, received_on, submit
from egov.lib.calendar import Counting, local_date
from egov.notifications.models import Notification

D = datetime.date


def seoul(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL)


def end_of(day: datetime.date) -> datetime.datetime:
    return seoul(day + datetime.timedelta(days=1), 0)


def test_a_complaint_sent_early_on_monday_in_seoul_was_received_on_monday() -> None:
    still_sunday_in_utc = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
    assert local_date(still_sunday_in_utc) == D(2026, 11, 30)


def test_a_seven_day_grievance_received_on_monday_morning_is_due_on_the_next_tuesday(
    complaint: Complaint,
) -> None:
    # The day of receipt is day 1: Mon 30 Nov to Fri 4 Dec are days 1-5, Mon 7 and Tue 8 are 6-7.
    received_on(complaint, D(2026, 11, 30), hour=9, minute=30)
    assert complaint.period_days == 7
    assert complaint.due_at == end_of(D(2026, 12, 8))
    assert complaint.due.counting == Counting.DAYS
    assert complaint.due.day == D(2026, 12, 8)


def test_the_three_day_other_type_is_counted_in_working_hours(
    citizen: User, category: Category
) -> None:
    other = submit(citizen, category, type=ComplaintType.OTHER)
    assert other.period_days == 3
    # Mon 30 Nov 10:00: 7 hours that day, 8 on Tuesday and on Wednesday, the 24th
    # hour Thursday 09:00-10:00.
    received_on(other, D(2026, 11, 30), hour=10)
    assert other.due_at == seoul(D(2026, 12, 3), 10)
    assert other.due.counting == Counting.HOURS
    explanation = explain_deadline(other)
    assert explanation.period_hours == 24
    assert [(row.day, row.time) for row in explanation.rows if row.counted] == [
        (D(2026, 11, 30), "7 working hours"),
        (D(2026, 12, 1), "8 working hours"),
        (D(2026, 12, 2), "8 working hours"),
        (D(2026, 12, 3), "1 working hour"),
    ]


def test_the_explanation_names_the_days_it_skipped_and_why(complaint: Complaint) -> None:
    # Wed 23 Sep is day 1; Chuseok (Thu 24 - Sat 26) and Sunday skip; Mon 28 - Fri 2 Oct
    # are days 2-6; National Foundation Day (Sat 3), Sunday and its substitute (Mon 5)
    # skip; Tue 6 Oct is day 7.
    received_on(complaint, D(2026, 9, 23))
    explanation = explain_deadline(complaint)
    assert explanation.due_at == complaint.due_at == end_of(D(2026, 10, 6))
    rows = {row.day: row for row in explanation.rows}
    assert rows[D(2026, 9, 23)].number == 1
    assert rows[D(2026, 10, 6)].number == 7
    assert rows[D(2026, 9, 25)].why_not == "Public holiday: Chuseok"
    assert rows[D(2026, 9, 27)].why_not == "Sunday"
    assert rows[D(2026, 10, 5)].why_not == (
        "Public holiday: Alternative holiday for National Foundation Day"
    )
    assert explanation.extensions == ()
    assert explanation.pauses == ()
    assert explanation.second_review is None


def test_the_explanation_counts_each_extension_and_stop_in_days(
    complaint: Complaint, officer: User
) -> None:
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
    # The first stop took Wed 7 and Thu 8 Oct; the second is still open.
    assert [(pause.ended_at, pause.days) for pause in explanation.pauses] == [
        (seoul(D(2026, 10, 8)), 2),
        (None, 0),
    ]
    # 7 + 2 = 9 days: 23 Sep (1), 28 Sep - 2 Oct (2-6), 6 Oct (7), then 7 and 8 stood
    # still, 9 Oct is Hangul Day, 12 Oct (8). The clock stopped again that day: one
    # day is left, and the deadline is unknown until the photo comes.
    assert explanation.clock_stopped
    assert explanation.processing.remaining_days == 1
    assert explanation.remaining == "1 working day"
    # Filed meanwhile as if the clock ran again at once: 13 Oct is day 9.
    assert stored_due_at(complaint) == end_of(D(2026, 10, 13))


def test_the_explanation_always_agrees_with_the_stored_deadline(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    today = local_date(timezone.now())
    received_on(assigned, today - datetime.timedelta(days=3))

    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="Parts on order")
    assigned.refresh_from_db()
    assert explain_deadline(assigned).due_at == assigned.due_at

    request = actions.request_supplement(
        actor=officer, complaint=assigned, request_text="Which lamp post?"
    )
    assigned.refresh_from_db()
    assert explain_deadline(assigned).clock_stopped
    assert stored_due_at(assigned) == assigned.due_at
    asked = timezone.now() - datetime.timedelta(days=2)
    SupplementRequest.objects.filter(pk=request.pk).update(requested_at=asked)
    actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="No. 12")
    assigned.refresh_from_db()
    explanation = explain_deadline(assigned)
    paused = calendar_for(assigned.agency_id).working_days_after(local_date(asked), today)
    assert [pause.days for pause in explanation.pauses] == [paused]
    assert explanation.extension_days == 3
    assert explanation.due_at == assigned.due_at

    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Contractor late")
    assigned.refresh_from_db()
    assert explain_deadline(assigned).extension_days == 3  # not until the citizen consents
    actions.consent_to_extension(citizen=citizen, complaint=assigned)
    assigned.refresh_from_db()
    assert explain_deadline(assigned).extension_days == 5
    assert explain_deadline(assigned).due_at == assigned.due_at

    answer(assigned, officer)
    actions.rate_answer(citizen=citizen, complaint=assigned, score=1)
    assigned = Complaint.objects.get(pk=assigned.pk)
    explanation = explain_deadline(assigned)
    assert explanation.second_review is not None
    review_day = explanation.second_review.deadline.due_day
    assert review_day is not None
    assert days_counted(assigned, today, review_day) == 7
    assert explanation.due_at == assigned.due_at == explanation.second_review.deadline.due_at


def test_a_stop_of_an_hour_counted_complaint_gives_back_working_hours(
    citizen: User, category: Category, officer: User
) -> None:
    other = submit(citizen, category, type=ComplaintType.OTHER)
    received_on(other, D(2026, 11, 30), hour=10)
    # Stopped Tue 1 Dec 11:00 to Wed 2 Dec 15:00: 6 + 5 = 11 working hours given back,
    # so the deadline moves from Thu 3 Dec 10:00 to Fri 4 Dec 14:00.
    SupplementRequest.objects.create(
        complaint=other,
        number=1,
        requested_by=officer,
        request_text="Which lamp?",
        requested_at=seoul(D(2026, 12, 1), 11),
        respond_by=D(2026, 12, 4),
        answered_at=seoul(D(2026, 12, 2), 15),
        answer_text="Number 3",
    )
    explanation = explain_deadline(other)
    assert explanation.due_at == stored_due_at(other) == seoul(D(2026, 12, 4), 14)
    (pause,) = explanation.pauses
    assert pause.time == datetime.timedelta(hours=11)
    assert pause.given_back == "11 working hours"


# ---- closures declared while cases are open ---------------------------------------------


def first_counted_day_after_today(complaint: Complaint) -> datetime.date:
    today = local_date(timezone.now())
    return next(
        row.day for row in explain_deadline(complaint).rows if row.counted and row.day > today
    )


def test_a_temporary_holiday_declared_while_a_case_is_open_moves_its_deadline(
    complaint: Complaint,
    citizen: User,
    platform_admin: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    before = complaint.due
    day = first_counted_day_after_today(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        closure = agency_actions.declare_closure(
            actor=platform_admin,
            day=day,
            agency=None,
            name_en="Temporary holiday",
            name_ko="임시공휴일",
            name_id="Libur sementara",
        )
    complaint.refresh_from_db()
    calendar = calendar_for(None)
    # One working day fewer before the old deadline: it moves to the next working day.
    assert complaint.due.day == calendar.next_working_day(before.day)
    step = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.DEADLINE_MOVED)
    assert step.detail["closure"] == closure.pk
    assert step.due_at_after == complaint.due_at
    audit = AuditEvent.objects.get(action=AuditAction.COMPLAINT_DEADLINE_MOVED)
    assert datetime.datetime.fromisoformat(audit.detail["from"]) == before.at
    assert audit.detail["nationwide"] is True
    latest = Notification.objects.filter(recipient=citizen).first()
    assert latest is not None
    assert "no longer a working day" in latest.text().body
    skipped = {row.day: row.why_not for row in explain_deadline(complaint).rows}
    assert skipped[day] == "Temporary public holiday: Temporary holiday"

    # The case page says why.
    client = Client()
    log_in(client, citizen)
    html = client.get(complaint.get_absolute_url()).content.decode()
    assert "was declared a temporary public holiday (Temporary holiday)" in html

    # Withdrawn, the day counts again and the deadline moves back.
    with django_capture_on_commit_callbacks(execute=True):
        agency_actions.withdraw_closure(actor=platform_admin, closure=closure)
    complaint.refresh_from_db()
    assert complaint.due_at == before.at
    assert (
        ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.DEADLINE_MOVED).count()
        == 2
    )


def test_an_office_closure_moves_only_that_offices_deadlines(
    complaint: Complaint,
    platform_admin: User,
    agency: Agency,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    other_office = agency_actions.create_agency(
        actor=None,
        code="elsewhere",
        kind=AgencyKind.DISTRICT,
        name_en="Elsewhere Office",
        name_ko="다른 기관",
        name_id="Kantor Lain",
    )
    day = first_counted_day_after_today(complaint)
    before = complaint.due_at
    with django_capture_on_commit_callbacks(execute=True):
        agency_actions.declare_closure(
            actor=platform_admin,
            day=day,
            agency=other_office,
            name_en="Office move",
            name_ko="청사 이전",
            name_id="Pindah kantor",
        )
    complaint.refresh_from_db()
    assert complaint.due_at == before
    with django_capture_on_commit_callbacks(execute=True):
        agency_actions.declare_closure(
            actor=platform_admin,
            day=day,
            agency=agency,
            name_en="Office move",
            name_ko="청사 이전",
            name_id="Pindah kantor",
        )
    complaint.refresh_from_db()
    assert complaint.due_at > before
    rows = {row.day: row.why_not for row in explain_deadline(complaint).rows}
    assert rows[day] == "Office closed: Office move"


def test_a_closure_after_a_cases_deadline_leaves_it_alone(
    complaint: Complaint,
    platform_admin: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    after = calendar_for(None).next_working_day(complaint.due.day)
    before = complaint.due_at
    with django_capture_on_commit_callbacks(execute=True):
        agency_actions.declare_closure(
            actor=platform_admin,
            day=after,
            agency=None,
            name_en="Later holiday",
            name_ko="나중 휴일",
            name_id="Libur nanti",
        )
    complaint.refresh_from_db()
    assert complaint.due_at == before
    assert not ComplaintEvent.objects.filter(kind=EventKind.DEADLINE_MOVED).exists()


@pytest.mark.parametrize("language", ["en", "ko", "id"])
def test_every_case_page_names_the_law_and_the_counting(
    complaint: Complaint, citizen: User, officer: User, language: str
) -> None:
    received_on(complaint, D(2026, 9, 23))
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    for user, url in (
        (citizen, complaint.get_absolute_url()),
        (citizen, f"{complaint.get_absolute_url()}receipt/"),
        (officer, f"/staff/complaints/{complaint.receipt_number}/"),
    ):
        client = Client()
        log_in(client, user)
        client.cookies["django_language"] = language
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "민원 처리에 관한 법률 제19조" in html, url
        assert 'datetime="2026-10-05"' in html, url  # the substitute holiday is listed
    # And the reason is written in the reader's language.
    assert {"en": "Public holiday", "ko": "공휴일", "id": "Hari libur nasional"}[language] in html
