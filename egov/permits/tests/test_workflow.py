"""Applying, the draw, and the steps: each stamped, audited and told to the applicant."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import make_officer
from egov.accounts.models import Role, User
from egov.agencies.models import Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.notifications.models import Notification
from egov.permits import actions
from egov.permits.limits import RECEIPT_NUMBER_PATTERN
from egov.permits.models import (
    Application,
    ApplicationEvent,
    ApplicationStep,
    Channel,
    FeeMethod,
    PermitType,
    Status,
    StepStatus,
)
from egov.permits.tests.conftest import apply, pdf

RunOnCommit = Callable[[], AbstractContextManager[Any]]


def _steps(application: Application) -> list[ApplicationStep]:
    return list(application.steps.order_by("position"))


def test_an_application_gets_a_receipt_number_steps_and_expected_dates(
    application: Application,
) -> None:
    assert re.fullmatch(RECEIPT_NUMBER_PATTERN, application.receipt_number)
    assert application.channel == Channel.WEB
    steps = _steps(application)
    assert [s.status for s in steps] == [StepStatus.PENDING] * 3
    expected = [s.expected_at for s in steps]
    assert all(e is not None for e in expected)
    assert expected == sorted(expected)  # type: ignore[type-var]
    assert application.attachments.count() == 2
    assert application.due_at > application.received_at


def test_the_seed_is_logged_before_the_draw_and_the_draw_can_be_replayed(
    citizen: User, permit_type: PermitType, unit: Unit
) -> None:
    officers = [make_officer(f"o{n}@test.example", unit) for n in range(4)]
    application = apply(citizen, permit_type)
    seeded = AuditEvent.objects.get(
        action=AuditAction.PERMIT_DRAW_SEEDED, subject_id=str(application.pk)
    )
    assigned = AuditEvent.objects.get(
        action=AuditAction.PERMIT_ASSIGNED, subject_id=str(application.pk)
    )
    assert seeded.pk < assigned.pk
    candidates = [int(c) for c in seeded.detail["candidates"].split(",")]
    assert sorted(candidates) == sorted(o.pk for o in officers)
    replayed = actions.replay_draw(seeded.detail["seed"], candidates)
    assert replayed == application.assigned_officer_id == assigned.detail["officer"]
    # The same seed always gives the same officer; different seeds spread the cases.
    assert {actions.replay_draw(f"seed-{n}", candidates) for n in range(40)} == set(candidates)


def test_a_counter_registration_is_marked_and_names_the_officer(
    citizen: User, permit_type: PermitType, officer: User
) -> None:
    application = apply(citizen, permit_type, filed_by=officer)
    assert application.channel == Channel.COUNTER
    assert application.filed_by == officer


def test_missing_or_hostile_documents_are_refused(citizen: User, permit_type: PermitType) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.apply_for_permit(
            applicant=citizen,
            permit_type=permit_type,
            summary="x",
            site_address="y",
            documents=[pdf()],
        )
    assert "documents" in raised.value.message_dict
    from django.core.files.uploadedfile import SimpleUploadedFile

    script = SimpleUploadedFile("form.pdf", b"<script>alert(1)</script>", "application/pdf")
    with pytest.raises(ValidationError):
        actions.apply_for_permit(
            applicant=citizen,
            permit_type=permit_type,
            summary="x",
            site_address="y",
            documents=[pdf(), script],
        )
    assert not Application.objects.exists()


def test_every_step_writes_its_audit_event_and_tells_the_applicant(
    citizen: User, permit_type: PermitType, officer: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        application = apply(citizen, permit_type)
    officer_of_inspection = make_officer("inspector@test.example", _steps(application)[1].unit)
    actors = [officer, officer_of_inspection, officer]
    for step, actor in zip(_steps(application), actors, strict=True):
        with run_on_commit():
            actions.start_step(actor=actor, application=application, step=step)
        with run_on_commit():
            actions.complete_step(actor=actor, application=application, step=step)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    events = list(ApplicationEvent.objects.filter(application=application).order_by("id"))
    audit_ids = {e.audit_event_id for e in events}
    assert len(audit_ids) == len(events)
    audited = AuditEvent.objects.filter(pk__in=audit_ids)
    assert audited.count() == len(events)
    assert all(a.subject_id == str(application.pk) for a in audited)
    kinds = [e.kind for e in events]
    assert kinds.count("step_started") == 3
    assert kinds.count("step_completed") == 3
    assert kinds[-1] == "approved"
    told = Notification.objects.filter(recipient=citizen, key="permits.progress").count()
    assert told == len(events)
    step = _steps(application)[1]
    assert step.official_name == officer_of_inspection.name
    assert step.official_position_ko == "주무관"
    assert step.started_at is not None
    assert step.started_at.second == 0
    assert step.started_recorded_at is not None


def test_back_dating_beyond_the_tolerance_needs_a_supervisor_and_is_flagged(
    application: Application, officer: User, supervisor: User
) -> None:
    step = _steps(application)[0]
    twenty_minutes_ago = timezone.now() - datetime.timedelta(minutes=20)
    with pytest.raises(ValidationError) as raised:
        actions.start_step(
            actor=officer, application=application, step=step, occurred_at=twenty_minutes_ago
        )
    assert raised.value.message_dict["occurred_at"]
    assert ApplicationStep.objects.get(pk=step.pk).status == StepStatus.PENDING
    # Now (or within the tolerance) an officer records it themselves, unflagged.
    actions.start_step(actor=officer, application=application, step=step, occurred_at=None)
    step.refresh_from_db()
    assert not step.backdated


def test_a_supervisors_back_dated_record_is_flagged_with_their_approval(
    application: Application, supervisor: User
) -> None:
    # The application must have been received before the moment recorded.
    Application.objects.filter(pk=application.pk).update(
        received_at=timezone.now() - datetime.timedelta(hours=2)
    )
    application.refresh_from_db()
    step = _steps(application)[0]
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    actions.start_step(
        actor=supervisor, application=application, step=step, occurred_at=an_hour_ago
    )
    step.refresh_from_db()
    assert step.backdated
    assert step.approved_by == supervisor
    assert step.started_at == an_hour_ago.replace(second=0, microsecond=0)
    event = AuditEvent.objects.filter(action=AuditAction.PERMIT_STEP_STARTED).get()
    assert event.detail["backdated"] is True


def test_a_moment_in_the_future_is_refused(application: Application, officer: User) -> None:
    step = _steps(application)[0]
    with pytest.raises(ValidationError):
        actions.start_step(
            actor=officer,
            application=application,
            step=step,
            occurred_at=timezone.now() + datetime.timedelta(hours=1),
        )


def test_completing_late_needs_a_delay_reason(application: Application, officer: User) -> None:
    step = _steps(application)[0]
    actions.start_step(actor=officer, application=application, step=step)
    ApplicationStep.objects.filter(pk=step.pk).update(
        expected_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as raised:
        actions.complete_step(actor=officer, application=application, step=step)
    assert "delay_reason" in raised.value.message_dict
    actions.complete_step(
        actor=officer, application=application, step=step, delay_reason="Waiting for a survey"
    )
    step.refresh_from_db()
    assert step.late
    assert step.delay_reason == "Waiting for a survey"


def test_steps_go_in_order_and_only_the_steps_unit_works_them(
    application: Application, officer: User, officer_of_other_unit: User
) -> None:
    first, second, _third = _steps(application)
    with pytest.raises(ValidationError):
        actions.start_step(actor=officer_of_other_unit, application=application, step=second)
    from django.core.exceptions import PermissionDenied

    actions.start_step(actor=officer, application=application, step=first)
    actions.complete_step(actor=officer, application=application, step=first)
    with pytest.raises(PermissionDenied):
        actions.start_step(actor=officer, application=application, step=second)
    actions.start_step(actor=officer_of_other_unit, application=application, step=second)


def test_a_supplement_request_stops_the_clock_at_most_twice(
    application: Application, officer: User, citizen: User
) -> None:
    for _ in range(2):
        actions.request_supplement(actor=officer, application=application, note="Site plan")
        application.refresh_from_db()
        assert application.status == Status.SUPPLEMENT
        step = _steps(application)[0]
        with pytest.raises(ValidationError):
            actions.start_step(actor=officer, application=application, step=step)
        actions.answer_supplement(
            applicant=citizen, application=application, answer="Attached", files=[pdf()]
        )
        application.refresh_from_db()
        assert application.status == Status.RECEIVED
    with pytest.raises(ValidationError):
        actions.request_supplement(actor=officer, application=application, note="Again")


def test_the_stop_moves_the_decision_date(
    application: Application, officer: User, citizen: User
) -> None:
    before = application.due_at
    actions.request_supplement(actor=officer, application=application, note="Site plan")
    # Pretend the applicant took three days.
    supplement = application.supplements.get()
    type(supplement).objects.filter(pk=supplement.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=7)
    )
    actions.answer_supplement(applicant=citizen, application=application, answer="Here")
    application.refresh_from_db()
    assert application.due_at > before


def test_one_extension_with_a_reason(application: Application, officer: User) -> None:
    with pytest.raises(ValidationError):
        actions.extend(actor=officer, application=application, amount=5, reason=" ")
    before = application.due_at
    actions.extend(actor=officer, application=application, amount=5, reason="Consultation")
    application.refresh_from_db()
    assert application.due_at > before
    with pytest.raises(ValidationError):
        actions.extend(actor=officer, application=application, amount=1, reason="Again")


def test_a_rejection_needs_the_reason_and_the_remedy(
    application: Application, officer: User
) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.reject(actor=officer, application=application, reason="Too wide", remedy="")
    assert "remedy" in raised.value.message_dict
    actions.reject(
        actor=officer,
        application=application,
        reason="Too wide for the pavement",
        remedy="Appeal within 90 days (Administrative Appeals Act art. 27)",
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_the_fee_is_recorded_before_issuance(
    citizen: User, permit_type: PermitType, officer: User, unit: Unit, other_unit: Unit
) -> None:
    from egov.permits.tests.conftest import version_spec

    actions.revise_permit_type(
        actor=None, permit_type=permit_type, spec=version_spec(unit, other_unit, fee=10_000)
    )
    application = apply(citizen, permit_type)
    inspector = make_officer("inspector@test.example", other_unit)
    steps = _steps(application)
    for step, actor in zip(steps[:2], [officer, inspector], strict=True):
        actions.start_step(actor=actor, application=application, step=step)
        actions.complete_step(actor=actor, application=application, step=step)
    actions.start_step(actor=officer, application=application, step=steps[2])
    with pytest.raises(ValidationError):
        actions.complete_step(actor=officer, application=application, step=steps[2])
    with pytest.raises(ValidationError):
        actions.record_fee(actor=officer, application=application, method=FeeMethod.BANK_TRANSFER)
    actions.record_fee(
        actor=officer, application=application, method=FeeMethod.BANK_TRANSFER, reference="KB-1"
    )
    actions.complete_step(actor=officer, application=application, step=steps[2])
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_reassignment_needs_a_supervisor_and_a_reason(
    application: Application, officer: User, supervisor: User, unit: Unit
) -> None:
    other = make_officer("second@test.example", unit, Role.OFFICER)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.reassign(actor=officer, application=application, officer=other, reason="Leave")
    with pytest.raises(ValidationError):
        actions.reassign(actor=supervisor, application=application, officer=other, reason="")
    target = other if application.assigned_officer_id != other.pk else officer
    actions.reassign(actor=supervisor, application=application, officer=target, reason="Leave")
    application.refresh_from_db()
    assert application.assigned_officer == target


def test_the_applicant_withdraws(application: Application, citizen: User) -> None:
    actions.withdraw_application(applicant=citizen, application=application)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):
        actions.withdraw_application(applicant=citizen, application=application)


def test_a_skippable_step_is_skipped_with_a_reason_and_others_are_not(
    application: Application, officer: User, officer_of_other_unit: User
) -> None:
    first, second, _third = _steps(application)
    actions.start_step(actor=officer, application=application, step=first)
    actions.complete_step(actor=officer, application=application, step=first)
    with pytest.raises(ValidationError):
        # The site inspection of the fixture's procedure may not be skipped.
        actions.skip_step(
            actor=officer_of_other_unit, application=application, step=second, reason="x"
        )
    from egov.permits.models import StepDefinition

    StepDefinition.objects.filter(pk=second.definition_id).update(skippable=True)
    with pytest.raises(ValidationError):
        actions.skip_step(
            actor=officer_of_other_unit, application=application, step=second, reason=" "
        )
    actions.skip_step(
        actor=officer_of_other_unit, application=application, step=second, reason="No works"
    )
    second.refresh_from_db()
    assert second.status == StepStatus.SKIPPED
    assert AuditEvent.objects.filter(action=AuditAction.PERMIT_STEP_SKIPPED).count() == 1


def test_the_applicant_asks_and_an_official_answers(
    application: Application, citizen: User, officer: User, other_citizen: User
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.ask_question(applicant=other_citizen, application=application, text="Hello?")
    with pytest.raises(ValidationError):
        actions.ask_question(applicant=citizen, application=application, text="  ")
    question = actions.ask_question(
        applicant=citizen, application=application, text="Is a night closure possible?"
    )
    with pytest.raises(PermissionDenied):
        actions.answer_question(
            actor=other_citizen, application=application, question=question, answer="No"
        )
    actions.answer_question(
        actor=officer, application=application, question=question, answer="Yes, 22:00-06:00."
    )
    question.refresh_from_db()
    assert question.answered_by == officer
    with pytest.raises(ValidationError):
        actions.answer_question(
            actor=officer, application=application, question=question, answer="Again"
        )
    kinds = list(application.events.values_list("kind", flat=True))
    assert "question_asked" in kinds
    assert "question_answered" in kinds


def test_an_officer_off_duty_is_left_out_of_the_draw(
    citizen: User, permit_type: PermitType, unit: Unit, officer: User, supervisor: User
) -> None:
    other = make_officer("second@test.example", unit)
    today = timezone.localdate()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.record_absence(actor=other, officer=officer, first_day=today, last_day=today)
    with pytest.raises(ValidationError):
        actions.record_absence(
            actor=supervisor,
            officer=officer,
            first_day=today,
            last_day=today - datetime.timedelta(days=1),
        )
    actions.record_absence(actor=supervisor, officer=officer, first_day=today, last_day=today)
    assert actions.on_duty_officers(unit.pk) == [other.pk]
    assert AuditEvent.objects.filter(action=AuditAction.PERMIT_ABSENCE_RECORDED).count() == 1
    application = apply(citizen, permit_type)
    assert application.assigned_officer == other
    tomorrow = today + datetime.timedelta(days=1)
    assert actions.on_duty_officers(unit.pk, tomorrow) == sorted([officer.pk, other.pk])
