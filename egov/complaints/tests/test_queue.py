from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.complaints import actions
from egov.complaints.models import Category, Complaint, ComplaintType, QueueCursor, Status
from egov.complaints.queries import (
    QueueFilters,
    filtered_queue,
    queue_page,
)
from egov.complaints.tests.conftest import SEOUL, answer, submit
from egov.lib.calendar import local_date


@pytest.fixture
def routed_to_other_unit(category: Category, platform_admin: User, other_unit: Unit) -> Category:
    other = actions.create_category(
        actor=platform_admin,
        code="roads",
        name_en="Roads",
        name_ko="도로",
        name_id="Jalan",
        default_agency=other_unit.agency,
    )
    actions.set_routing(
        actor=platform_admin, category=other, agency=other_unit.agency, unit=other_unit
    )
    return other


def due_in(complaint: Complaint, days: int) -> Complaint:
    """Arrange the scene: the case is due by the end of the day ``days`` days from today."""
    day = local_date(timezone.now()) + datetime.timedelta(days=days + 1)
    midnight = datetime.datetime.combine(day, datetime.time(0), tzinfo=SEOUL)
    Complaint.objects.filter(pk=complaint.pk).update(due_at=midnight)
    complaint.refresh_from_db()
    return complaint


def test_an_officer_sees_the_open_cases_of_their_unit_most_urgent_first(
    citizen: User, category: Category, routed_to_other_unit: Category, officer: User
) -> None:
    later = due_in(submit(citizen, category, title="later"), 5)
    sooner = due_in(submit(citizen, category, title="sooner"), 1)
    tied = due_in(submit(citizen, category, title="tied, arrived after sooner"), 1)
    elsewhere = submit(citizen, routed_to_other_unit, title="elsewhere")
    answer(submit(citizen, category, title="answered"), officer)
    queue = list(Complaint.objects.queue_for(officer))
    assert queue == [sooner, tied, later]
    assert elsewhere not in queue


def test_an_agency_admin_sees_every_unit_of_the_agency(
    citizen: User,
    category: Category,
    routed_to_other_unit: Category,
    agency_admin: User,
    supervisor: User,
    admin_of_other_agency: User,
    platform_admin: User,
) -> None:
    here = submit(citizen, category)
    there = submit(citizen, routed_to_other_unit)
    assert set(Complaint.objects.queue_for(agency_admin)) == {here, there}
    assert list(Complaint.objects.queue_for(supervisor)) == [here]
    assert not Complaint.objects.queue_for(admin_of_other_agency).exists()
    assert not Complaint.objects.queue_for(platform_admin).exists()
    assert not Complaint.objects.queue_for(citizen).exists()


def test_the_queue_filters_by_status_type_due_today_overdue_and_mine(
    citizen: User, category: Category, officer: User, second_officer: User
) -> None:
    now = timezone.now()
    mine = submit(citizen, category, title="mine", type=ComplaintType.INQUIRY)
    actions.assign_complaint(actor=officer, complaint=mine, officer=officer)
    theirs = submit(citizen, category, title="theirs")
    actions.assign_complaint(actor=officer, complaint=theirs, officer=second_officer)
    due_today = due_in(submit(citizen, category, title="today"), 0)
    overdue = due_in(submit(citizen, category, title="overdue"), -2)
    waiting = due_in(submit(citizen, category, title="waiting"), -2)
    actions.request_supplement(actor=officer, complaint=waiting, request_text="Photo?")

    def ids(filters: QueueFilters) -> set[int]:
        return {case.pk for case in filtered_queue(officer, filters, now=now)}

    assert ids(QueueFilters(mine=True)) == {mine.pk}
    assert ids(QueueFilters(type=ComplaintType.INQUIRY)) == {mine.pk}
    assert ids(QueueFilters(status=Status.AWAITING_SUPPLEMENT)) == {waiting.pk}
    assert ids(QueueFilters(due_today=True)) == {due_today.pk}
    # The clock is stopped while the citizen is asked: not overdue.
    assert ids(QueueFilters(overdue=True)) == {overdue.pk}
    assert ids(QueueFilters()) == {mine.pk, theirs.pk, due_today.pk, overdue.pk, waiting.pk}


def test_keyset_pages_cover_the_queue_once_in_order(
    citizen: User, category: Category, officer: User
) -> None:
    for number in range(8):
        due_in(submit(citizen, category, title=f"case {number}"), number % 3)
    expected = list(Complaint.objects.queue_for(officer))
    seen: list[Complaint] = []
    cursor: QueueCursor | None = None
    while True:
        page = queue_page(Complaint.objects.queue_for(officer), after=cursor, size=3)
        seen.extend(page.items)
        if page.next_cursor is None:
            break
        cursor = QueueCursor.decode(page.next_cursor.encode())
    assert seen == expected
    assert len(seen) == 8


def test_a_deep_page_is_a_seek_not_an_offset(officer: User) -> None:
    moment = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    queue = Complaint.objects.queue_for(officer).after(moment, 123_456)
    sql = str(queue[:51].query)
    assert "OFFSET" not in sql.upper()


@pytest.mark.parametrize(
    "value",
    ["", "2026-12-01.5", "20261201T000000000000Z", "20261201T000000000000Z.x", "tomorrow.5"],
)
def test_a_broken_cursor_is_a_value_error(value: str) -> None:
    with pytest.raises(ValueError, match="not a queue cursor"):
        QueueCursor.decode(value)


def test_the_queue_page_costs_the_same_for_few_and_many_cases(
    citizen: User,
    category: Category,
    officer: User,
    second_officer: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    def render_page() -> None:
        # A fresh user object, as each request loads one.
        user = User.objects.get(pk=officer.pk)
        page = queue_page(Complaint.objects.queue_for(user), size=50)
        for item in page.items:
            _ = (item.category.name, item.unit.agency.name, item.citizen.name)
            _ = item.assigned_officer.name if item.assigned_officer else ""
            review = item.pending_review
            _ = review.reviewer.name if review is not None and review.reviewer else ""

    for number in range(3):
        case = submit(citizen, category, title=f"few {number}")
        actions.assign_complaint(actor=officer, complaint=case, officer=second_officer)
    with django_assert_num_queries(3):  # the user, their position, the page
        render_page()
    for number in range(20):
        case = submit(citizen, category, title=f"many {number}")
        actions.assign_complaint(actor=officer, complaint=case, officer=officer)
        if number % 5 == 0:
            # In second review, held by its reviewer: loaded with the page too.
            answer(case, officer)
            actions.rate_answer(citizen=citizen, complaint=case, score=1)
    with django_assert_num_queries(3):
        render_page()


def test_only_published_complaints_are_public(citizen: User, category: Category) -> None:
    public = submit(citizen, category, title="public", is_public=True)
    submit(citizen, category, title="private", is_public=False)
    withdrawn = submit(citizen, category, title="withdrawn", is_public=True)
    actions.withdraw_complaint(citizen=citizen, complaint=withdrawn)
    assert list(Complaint.objects.public()) == [public]


def stored_in_queue(complaint: Complaint) -> bool:
    """The flag as the database keeps it (the instance's copy is stale after a save)."""
    stored: bool = Complaint.objects.values_list("in_queue", flat=True).get(pk=complaint.pk)
    return stored


def test_the_database_keeps_the_open_flag_with_every_status(
    citizen: User, category: Category, officer: User
) -> None:
    received = submit(citizen, category)
    assert received.in_queue is True  # returned by the INSERT
    assigned = submit(citizen, category)
    actions.assign_complaint(actor=officer, complaint=assigned, officer=officer)
    waiting = submit(citizen, category)
    actions.request_supplement(actor=officer, complaint=waiting, request_text="Photo?")
    answered = submit(citizen, category)
    answer(answered, officer)
    withdrawn = submit(citizen, category)
    actions.withdraw_complaint(citizen=citizen, complaint=withdrawn)
    for case in (received, assigned, waiting, answered, withdrawn):
        case.refresh_from_db()
        assert stored_in_queue(case) is case.is_open, case.status
    assert {case.status for case in (received, assigned, waiting, answered, withdrawn)} == {
        Status.RECEIVED,
        Status.IN_PROGRESS,
        Status.AWAITING_SUPPLEMENT,
        Status.ANSWERED,
        Status.WITHDRAWN,
    }


QUEUE_INDEXES = ("complaint_unit_queue_idx", "complaint_agency_queue_idx")


def plan(queryset: QuerySet[Complaint]) -> str:
    """The engine's plan for ``queryset``, as it would run it on a large table.

    A test database holds a few rows, so PostgreSQL would rightly read the
    whole table and sort it; with those two ways forbidden, a plan without a
    Sort shows that an index hands over the rows in order. SQLite plans with
    statistics, as after migration 0006, which gathers them (without any, it
    may read a day's cases of the unit for "due today" and sort them by id).
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE complaints_complaint")
        return queryset.explain()
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("seqscan", "bitmapscan", "sort", "incremental_sort"):
            cursor.execute(f"SET LOCAL enable_{setting} = off")
        return queryset.explain()


def assert_read_in_order_from(plan: str, indexes: tuple[str, ...]) -> None:
    assert any(index in plan for index in indexes), plan
    assert "TEMP B-TREE" not in plan, plan  # SQLite sorting
    assert "Sort" not in plan, plan  # PostgreSQL sorting


@pytest.mark.parametrize(
    "filters",
    [
        QueueFilters(),
        QueueFilters(status=Status.RECEIVED),
        QueueFilters(type=ComplaintType.INQUIRY),
        QueueFilters(due_today=True),
        QueueFilters(overdue=True),
        QueueFilters(mine=True),
        QueueFilters(status=Status.IN_PROGRESS, type=ComplaintType.GRIEVANCE, overdue=True),
    ],
)
@pytest.mark.parametrize("staff", ["officer", "agency_admin"])
def test_every_queue_page_is_read_in_order_from_a_queue_index(
    complaint: Complaint, filters: QueueFilters, staff: str, request: pytest.FixtureRequest
) -> None:
    # SQLite could not use the old indexes, partial on "status IN (...)", because
    # Django binds the statuses as parameters: it read the unit and sorted it.
    user = request.getfixturevalue(staff)
    now = timezone.now()
    queue = filtered_queue(user, filters, now=now)
    # "Mine" may be read from the officer's own index instead.
    indexes = (*QUEUE_INDEXES, "complaint_officer_queue_idx") if filters.mine else QUEUE_INDEXES
    assert_read_in_order_from(plan(queue[:51]), indexes)
    assert_read_in_order_from(plan(queue.after(now, complaint.pk)[:51]), indexes)


def test_the_progress_notice_job_reads_its_own_index(db: None) -> None:
    due = Complaint.objects.needing_progress_notice(timezone.now())[:5000]
    assert_read_in_order_from(plan(due), ("complaint_progress_notice_idx",))
