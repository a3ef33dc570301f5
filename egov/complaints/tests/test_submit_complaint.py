from __future__ import annotations

import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    EventKind,
    ReceiptCounter,
    Status,
)
from egov.complaints.tests.conftest import SEOUL, days_counted, submit
from egov.lib.calendar import Counting, local_date
from egov.notifications.models import Notification


def test_a_complaint_gets_a_receipt_number_and_a_deadline_at_once(
    complaint: Complaint, unit: Unit, agency: Agency
) -> None:
    month = local_date(complaint.received_at).strftime("%y%m")
    assert re.fullmatch(rf"EP-{month}-\d{{7}}", complaint.receipt_number)
    assert (complaint.unit, complaint.agency) == (unit, agency)
    assert complaint.status == Status.RECEIVED
    assert complaint.channel == Channel.WEB
    # A grievance has 7 days, counted in working days with the day of receipt (art. 19(2)),
    # so it runs to the end of the seventh working day.
    assert complaint.due.counting == Counting.DAYS
    assert days_counted(complaint, local_date(complaint.received_at), complaint.due.day) == 7
    assert complaint.due_at == complaint.due_at.astimezone(SEOUL).replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def test_receipt_numbers_follow_each_other_within_a_month(
    citizen: User, category: Category
) -> None:
    numbers = [submit(citizen, category, title=f"Lamp {n}").receipt_number for n in range(3)]
    sequence = [int(number.rsplit("-", 1)[1]) for number in numbers]
    assert sequence == [sequence[0], sequence[0] + 1, sequence[0] + 2]


def test_the_citizen_is_told_in_the_language_they_read_in(
    other_citizen: User, category: Category, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        complaint = submit(other_citizen, category)
    notification = Notification.objects.get(recipient=other_citizen)
    assert notification.url == f"/complaints/{complaint.receipt_number}/"
    # Read in Indonesian, the date is written the Indonesian way ("2 Desember
    # 2026"); read in English, the English way ("2 December 2026").
    with translation.override("id"):
        indonesian_date = date_format(complaint.due.day, "DATE_FORMAT")
        text = notification.text()
        assert "Pengaduan" in text.title
        assert complaint.receipt_number in text.title
        assert indonesian_date in text.body
        assert "Kantor Distrik Uji" in text.body
    with translation.override("en"):
        text = notification.text()
        assert text.title == f"Complaint {complaint.receipt_number} was received"
        assert date_format(complaint.due.day, "DATE_FORMAT") in text.body
        assert indonesian_date not in text.body
    # The email goes out in the recipient's own language.
    assert mail.outbox[-1].to == [other_citizen.email]
    assert indonesian_date in mail.outbox[-1].body


def test_the_submission_is_audited_without_the_citizens_words(complaint: Complaint) -> None:
    event = AuditEvent.objects.get(action=AuditAction.COMPLAINT_SUBMITTED)
    assert event.subject_id == str(complaint.pk)
    assert event.detail["type"] == ComplaintType.GRIEVANCE
    assert "Yulgok" not in str(event.detail)
    assert "Streetlight" not in str(event.detail)


def test_it_routes_to_the_agency_the_citizen_chose(
    citizen: User,
    category: Category,
    platform_admin: User,
    other_agency: Agency,
    unit_of_other_agency: Unit,
) -> None:
    actions.set_routing(
        actor=platform_admin, category=category, agency=other_agency, unit=unit_of_other_agency
    )
    complaint = submit(citizen, category, agency=other_agency)
    assert (complaint.agency, complaint.unit) == (other_agency, unit_of_other_agency)


def test_it_refuses_an_agency_that_does_not_handle_the_category(
    citizen: User, category: Category, other_agency: Agency
) -> None:
    with pytest.raises(ValidationError) as error:
        submit(citizen, category, agency=other_agency)
    assert "does not handle this category" in str(error.value)
    assert not Complaint.objects.exists()


def test_an_agencys_own_period_overrides_the_default(
    citizen: User, category: Category, agency_admin: User, agency: Agency
) -> None:
    actions.set_processing_period(
        actor=agency_admin, agency=agency, type=ComplaintType.SUGGESTION, working_days=10
    )
    suggestion = submit(citizen, category, type=ComplaintType.SUGGESTION)
    inquiry = submit(citizen, category, type=ComplaintType.INQUIRY_LEGAL, title="Legal")
    assert suggestion.period_days == 10
    assert inquiry.period_days == 14


def test_an_officer_files_at_the_counter_for_a_citizen(
    citizen: User, category: Category, officer_of_other_unit: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        complaint = submit(
            citizen, category, filed_by=officer_of_other_unit, channel=Channel.COUNTER
        )
    assert (complaint.citizen, complaint.filed_by) == (citizen, officer_of_other_unit)
    event = ComplaintEvent.objects.get(complaint=complaint, kind=EventKind.RECEIVED)
    assert event.officer == officer_of_other_unit
    assert event.detail == {"channel": "counter", "filed_on_behalf": True}
    audit = AuditEvent.objects.get(action=AuditAction.COMPLAINT_SUBMITTED)
    assert audit.actor_id == officer_of_other_unit.pk
    assert Notification.objects.filter(recipient=citizen).exists()


def test_a_complaint_filed_for_someone_must_say_counter_or_phone(
    citizen: User, category: Category, officer: User
) -> None:
    with pytest.raises(ValidationError, match="counter or by phone"):
        submit(citizen, category, filed_by=officer, channel=Channel.WEB)
    with pytest.raises(ValidationError, match="Only an officer"):
        submit(citizen, category, channel=Channel.PHONE)


def test_a_citizen_cannot_file_on_someone_elses_behalf(
    citizen: User, other_citizen: User, category: Category
) -> None:
    with pytest.raises(PermissionDenied):
        submit(citizen, category, filed_by=other_citizen, channel=Channel.COUNTER)


def test_staff_cannot_file_a_complaint_as_a_complainant(
    officer: User, platform_admin: User, category: Category
) -> None:
    for staff in (officer, platform_admin):
        with pytest.raises(PermissionDenied):
            submit(staff, category)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "Give the complaint a title."),
        ("body", "", "Describe what the complaint is about."),
        ("title", "x" * 201, "at most 200 characters"),
    ],
)
def test_it_explains_what_is_missing(
    citizen: User, category: Category, field: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        submit(citizen, category, **{field: value})
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])


def test_a_retired_category_takes_no_more_complaints(citizen: User, category: Category) -> None:
    Category.objects.filter(pk=category.pk).update(is_active=False)
    category.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer takes complaints"):
        submit(citizen, category)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself; the shared-cache test database cannot wait",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_share_a_receipt_number() -> None:
    # Only the counter is exercised (no audit events), so the flush after a
    # transactional test has nothing append-only to remove.
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    number = actions.allocate_receipt_number(timezone.now())
                with lock:
                    numbers.append(number)
        except BaseException as failure:  # the main thread reports it
            failures.append(failure)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(set(numbers)) == 80
    sequence = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert sequence == list(range(1, 81))
    assert ReceiptCounter.objects.get().last_number == 80


def test_the_receipt_counter_refuses_to_run_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the submitting transaction"):
        actions.allocate_receipt_number(timezone.now())
