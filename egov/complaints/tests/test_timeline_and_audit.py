"""Every step leaves one audit event and one timeline entry; the timeline reads cheaply."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from pytest_django import DjangoAssertNumQueries

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit import verify_chain
from egov.audit.models import AuditEvent
from egov.complaints import actions
from egov.complaints.models import Answer, Complaint, ComplaintEvent, EventKind, Outcome
from egov.complaints.queries import timeline_for
from egov.complaints.tests.conftest import answer


def test_a_whole_case_leaves_one_audit_event_per_step(
    complaint: Complaint,
    citizen: User,
    other_citizen: User,
    officer: User,
    officer_of_other_unit: User,
    supervisor: User,
    unit: Unit,
    other_unit: Unit,
) -> None:
    steps: list[Callable[[], object]] = [
        lambda: actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen),
        lambda: actions.cosign(citizen=other_citizen, complaint=complaint),
        lambda: actions.transfer_complaint(
            actor=officer, complaint=complaint, to_unit=other_unit, reason="Roads"
        ),
        lambda: actions.transfer_complaint(
            actor=officer_of_other_unit, complaint=complaint, to_unit=unit, reason="Lights"
        ),
        lambda: actions.assign_complaint(actor=officer, complaint=complaint, officer=officer),
        lambda: actions.add_internal_note(actor=officer, complaint=complaint, body="Called."),
        lambda: actions.request_supplement(actor=officer, complaint=complaint, request_text="?"),
        lambda: actions.answer_supplement_request(
            citizen=citizen, complaint=complaint, answer_text="Post 12"
        ),
        lambda: actions.extend_deadline(actor=officer, complaint=complaint, days=2, reason="Parts"),
        lambda: actions.extend_deadline(actor=officer, complaint=complaint, days=2, reason="More"),
        lambda: actions.refuse_extension(citizen=citizen, complaint=complaint),
        lambda: answer(complaint, officer),
        lambda: actions.rate_answer(citizen=citizen, complaint=complaint, score=1),
        lambda: actions.answer_second_review(
            actor=supervisor,
            complaint=complaint,
            outcome=Outcome.PARTLY_ACCEPTED,
            body="A new lamp is ordered.",
            legal_basis="",
        ),
        lambda: actions.rate_answer(citizen=citizen, complaint=complaint, score=4),
    ]
    for step in steps:
        before = (AuditEvent.objects.count(), ComplaintEvent.objects.count())
        step()
        audited = AuditEvent.objects.count() - before[0]
        on_the_timeline = ComplaintEvent.objects.count() - before[1]
        # One audit event per step on the timeline (a low rating is two steps: the
        # rating, and the second review it opens); an invitation, not on the
        # timeline, has its own.
        assert audited == max(on_the_timeline, 1)
    for event in AuditEvent.objects.filter(action__startswith="complaint."):
        for value in event.detail.values():
            assert value is None or isinstance(value, int | bool) or len(value) <= 40
    assert "Post 12" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert list(verify_chain()) == []

    kinds = list(ComplaintEvent.objects.filter(complaint=complaint).values_list("kind", flat=True))
    assert kinds == [
        EventKind.RECEIVED,
        EventKind.COSIGNED,
        EventKind.TRANSFERRED,
        EventKind.TRANSFERRED,
        EventKind.ASSIGNED,
        EventKind.NOTE,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENT_ANSWERED,
        EventKind.EXTENDED,
        EventKind.EXTENSION_REQUESTED,
        EventKind.EXTENSION_REFUSED,
        EventKind.ANSWERED,
        EventKind.RATED,
        EventKind.SECOND_REVIEW_OPENED,
        EventKind.SECOND_REVIEW_ANSWERED,
        EventKind.RATED,
    ]
    assert EventKind.NOTE not in [event.kind for event in timeline_for(citizen, complaint)]


def test_a_refused_step_leaves_no_trace(assigned: Complaint, officer: User) -> None:
    before = (AuditEvent.objects.count(), ComplaintEvent.objects.count())
    with pytest.raises(ValidationError):
        answer(assigned, officer, outcome=Outcome.NOT_ACCEPTED)
    assert (AuditEvent.objects.count(), ComplaintEvent.objects.count()) == before
    assert not Answer.objects.exists()


def test_the_timeline_reads_in_one_query(
    assigned: Complaint,
    officer: User,
    citizen: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(5):
        actions.add_internal_note(actor=officer, complaint=assigned, body=f"Note {number}")
    actions.extend_deadline(actor=officer, complaint=assigned, days=1, reason="Parts")
    events = timeline_for(officer, assigned)  # deciding what the viewer sees is not the read
    with django_assert_num_queries(1):
        rows = [
            (event.kind, event.actor and event.actor.name, event.unit.agency.name, event.officer)
            for event in events
        ]
    assert len(rows) == 8
