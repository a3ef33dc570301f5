from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.models import (
    Answer,
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintStatistics,
    EventKind,
)
from egov.complaints.tasks import refresh_complaint_statistics, send_progress_notices
from egov.complaints.tests.conftest import answer, submit
from egov.lib.periodic import schedule
from egov.notifications.models import Notification


def received_days_ago(complaint: Complaint, days: int) -> None:
    """Arrange the scene: the case arrived ``days`` days ago."""
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_case_open_for_30_days_earns_one_progress_notice(
    complaint: Complaint, citizen: User, run_on_commit: RunOnCommit
) -> None:
    received_days_ago(complaint, 31)
    with run_on_commit():
        assert send_progress_notices.call() == 1
    assert send_progress_notices.call() == 0  # once only
    complaint.refresh_from_db()
    assert complaint.progress_notice_sent_at is not None
    assert (
        ComplaintEvent.objects.filter(complaint=complaint, kind=EventKind.PROGRESS_NOTICE).count()
        == 1
    )
    notice = Notification.objects.get(recipient=citizen)
    assert "still being handled" in notice.text().title
    assert "is now: Received" in notice.text().body
    event = AuditEvent.objects.get(action=AuditAction.COMPLAINT_PROGRESS_NOTICE_SENT)
    assert event.actor_role == "system"


def test_young_and_finished_cases_get_no_progress_notice(
    citizen: User, category: Category, officer: User
) -> None:
    young = submit(citizen, category, title="young")
    received_days_ago(young, 29)
    finished = submit(citizen, category, title="finished")
    answer(finished, officer)
    received_days_ago(finished, 40)
    assert send_progress_notices.call() == 0
    assert not actions.send_progress_notice(complaint_id=finished.pk)
    assert not actions.send_progress_notice(complaint_id=young.pk)


def test_the_notice_query_lists_exactly_the_cases_due_a_notice(
    citizen: User, category: Category
) -> None:
    old = submit(citizen, category, title="old")
    received_days_ago(old, 30)
    submit(citizen, category, title="new")
    assert list(Complaint.objects.needing_progress_notice(timezone.now())) == [old]


def test_statistics_are_counted_per_unit_and_per_agency(
    citizen: User,
    category: Category,
    officer: User,
    supervisor: User,
    platform_admin: User,
    other_unit: Unit,
    officer_of_other_unit: User,
    unit: Unit,
) -> None:
    roads = actions.create_category(
        actor=platform_admin, code="roads", name_en="Roads", name_ko="도로", name_id="Jalan"
    )
    actions.set_routing(
        actor=platform_admin, category=roads, agency=other_unit.agency, unit=other_unit
    )
    rated_well = submit(citizen, category, title="one")
    first = answer(rated_well, officer)
    # Answered on its second working day (the day of receipt is the first).
    Answer.objects.filter(pk=first.pk).update(working_days_taken=2)
    actions.rate_answer(citizen=citizen, complaint=rated_well, score=5)
    rated_badly = submit(citizen, category, title="two")
    reply = answer(rated_badly, officer)
    # One answer came late: it was due yesterday.
    Answer.objects.filter(pk=reply.pk).update(on_time=False, working_days_taken=4)
    actions.rate_answer(citizen=citizen, complaint=rated_badly, score=2)
    submit(citizen, category, title="three")  # still open
    answer(submit(citizen, roads, agency=other_unit.agency, title="four"), officer_of_other_unit)

    assert refresh_complaint_statistics.call() == 3
    here = ComplaintStatistics.objects.get(unit=unit)
    assert (here.received, here.answered, here.answered_on_time) == (3, 2, 1)
    assert here.on_time_rate == 0.5
    assert here.average_working_days == 3.0  # (2 + 4) / 2
    assert (here.ratings, here.average_satisfaction) == (2, 3.5)
    assert (here.second_reviews, here.second_review_rate) == (1, 0.5)
    agency_row = ComplaintStatistics.objects.get(agency=unit.agency, unit__isnull=True)
    assert (agency_row.received, agency_row.answered, agency_row.answered_on_time) == (4, 3, 2)
    assert agency_row.on_time_rate == pytest.approx(2 / 3)
    assert agency_row.average_satisfaction == 3.5

    # A refresh replaces the figures, it does not add to them.
    assert refresh_complaint_statistics.call() == 3
    assert ComplaintStatistics.objects.count() == 3


def test_statistics_of_a_quiet_platform_are_empty(db: None) -> None:
    assert refresh_complaint_statistics.call() == 0
    assert not ComplaintStatistics.objects.exists()


def test_both_jobs_are_on_the_schedule() -> None:
    jobs = {job.name: job for job in schedule()}
    assert jobs["send complaint progress notices"].every == datetime.timedelta(hours=1)
    assert jobs["refresh complaint statistics"].every == datetime.timedelta(hours=1)
