from __future__ import annotations

import pytest

from egov.audit.models import AuditEvent
from egov.complaints.deadlines import explain_deadline, stored_due_at
from egov.complaints.demo import COMPLAINTS
from egov.complaints.models import (
    Category,
    Channel,
    Complaint,
    ProcessingPeriod,
    SecondReview,
    Status,
    Transfer,
)
from egov.portal.demo import load_demo


@pytest.mark.django_db
def test_the_demo_has_complaints_in_every_interesting_state() -> None:
    created = load_demo()
    assert created["complaints"] == len(COMPLAINTS)
    assert Category.objects.count() == 7
    assert {"도로·보도", "부패 신고"} <= set(Category.objects.values_list("name_ko", flat=True))
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {
        Status.RECEIVED,
        Status.IN_PROGRESS,
        Status.AWAITING_SUPPLEMENT,
        Status.ANSWERED,
        Status.SECOND_REVIEW,
        Status.WITHDRAWN,
    } <= statuses
    assert Complaint.objects.filter(answers__score=5).exists()
    assert Transfer.objects.filter(to_unit__agency__code="seoul-mapo").exists()
    counter = Complaint.objects.get(channel=Channel.COUNTER)
    assert counter.filed_by is not None
    assert counter.citizen.email == "siti@egov.example"
    assert SecondReview.objects.get().reviewer is not None
    assert ProcessingPeriod.objects.get(agency__code="seoul", type="suggestion").working_days == 10
    for complaint in Complaint.objects.all():
        # The stored deadline is what the case's history gives (as if a stopped clock ran again).
        assert stored_due_at(complaint) == complaint.due_at
        explained = explain_deadline(complaint).due_at
        assert explained in (complaint.due_at, None)


@pytest.mark.django_db
def test_loading_the_complaint_demo_twice_changes_nothing() -> None:
    load_demo()
    counts = (Complaint.objects.count(), AuditEvent.objects.count())
    assert load_demo()["complaints"] == 0
    assert (Complaint.objects.count(), AuditEvent.objects.count()) == counts
