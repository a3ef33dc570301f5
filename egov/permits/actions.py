"""Every write to permits.

Each action owns its transaction: it reloads the application under a row
lock, asks rules.py whether this person may take the step now, checks the
input, writes, and records the step through ``_record``, which writes the
history entry and its audit event together (so every step has exactly one
audit event) and tells the applicant once the transaction commits.
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from egov import audit, notifications
from egov.accounts.models import Role, User
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency, Unit
from egov.agencies.rules import works_in_unit
from egov.audit.models import AuditAction
from egov.lib.calendar import Period, Stop, deadline, due_day, local_date
from egov.lib.calendar import Unit as PeriodUnit
from egov.lib.files import FileKind, display_name, validate_attachment, validate_attachments
from egov.permits import messages, rules
from egov.permits.limits import (
    BACKDATE_TOLERANCE,
    CODE_MAX_LENGTH,
    DEFAULT_SUPPLEMENT_DAYS,
    FEE_REFERENCE_MAX_LENGTH,
    FUTURE_TOLERANCE,
    LEGAL_BASIS_MAX_LENGTH,
    MAX_DOCUMENTS,
    MAX_FEE_WON,
    MAX_STEPS,
    MAX_SUPPLEMENT_DAYS,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PERIOD_MAX_AMOUNT,
    REASON_MAX_LENGTH,
    SITE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    format_receipt_number,
)
from egov.permits.models import (
    PERIOD_UNITS,
    Absence,
    Application,
    ApplicationEvent,
    ApplicationStep,
    Attachment,
    Channel,
    EventKind,
    FeeMethod,
    PermitStatistics,
    PermitType,
    PermitVersion,
    Question,
    ReceiptCounter,
    Status,
    StepDefinition,
    StepStatus,
    Supplement,
)

# ---- helpers -------------------------------------------------------------------------


def _lock(application: Application) -> None:
    """Reload under a row lock, so two officers acting at once each see the other's write."""
    application.refresh_from_db(from_queryset=Application.objects.select_for_update())


def _text(value: str, *, field: str, required: str, max_length: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError({field: required}, code="required")
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: _("At most %(max)d characters.") % {"max": max_length}}, code="max_length"
        )
    return cleaned


def _period(amount: int, unit: str) -> Period:
    return Period(amount, PeriodUnit(unit))


def _after(moment: datetime.datetime, amount: int, unit: str, agency_id: int) -> datetime.datetime:
    """When ``amount`` ``unit`` starting at ``moment`` ends, by the office's clock."""
    due = deadline(
        received_at=moment, period=_period(amount, unit), calendar=calendar_for(agency_id)
    ).due_at
    assert due is not None
    return due


def decision_due(application: Application) -> datetime.datetime:
    """The statutory deadline from receipt, with the extension and the stops the clock made.

    An open stop counts as if the clock ran again at once: the deadline shown
    while documents are awaited is the earliest it can be.
    """
    stops = [
        Stop(s.requested_at, s.answered_at).closed_at_start()
        if s.answered_at is None
        else Stop(s.requested_at, s.answered_at)
        for s in application.supplements.all()
    ]
    version = application.version
    due = deadline(
        received_at=application.received_at,
        period=_period(version.period_amount, version.period_unit),
        calendar=calendar_for(application.agency_id),
        extensions=[application.extension_amount] if application.extension_amount else [],
        stops=stops,
    ).due_at
    assert due is not None
    return due


def _plan(application: Application, start: datetime.datetime) -> None:
    """Each step not yet started is expected one standard duration after the one before."""
    moment = start
    pending = application.steps.filter(status=StepStatus.PENDING).select_related("definition")
    for step in pending.order_by("position"):
        definition = step.definition
        moment = _after(
            moment, definition.duration_amount, definition.duration_unit, application.agency_id
        )
        step.expected_at = moment
        step.save(update_fields=["expected_at"])


def _record(
    application: Application,
    kind: EventKind,
    action: AuditAction,
    *,
    actor: User | None,
    occurred_at: datetime.datetime,
    recorded_at: datetime.datetime,
    step: ApplicationStep | None = None,
    note: str = "",
    detail: Mapping[str, str | int | bool | None] | None = None,
    tell: bool = True,
) -> ApplicationEvent:
    """One step of the application: its history entry and its audit event, together.

    The audit event names the step and both moments; never a reason's text
    (which an official typed and may name someone) nor any personal data.
    """
    facts: dict[str, str | int | bool | None] = {
        "event": kind.value,
        "step": step.position if step is not None else None,
        "occurred_at": occurred_at.isoformat(),
        "recorded_at": recorded_at.isoformat(),
        **(detail or {}),
    }
    event = audit.record(actor=actor, action=action, subject=application, detail=facts)
    entry = ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        occurred_at=occurred_at,
        recorded_at=recorded_at,
        actor=actor,
        step=step,
        note=note,
        detail=dict(detail or {}),
        audit_event_id=event.pk,
    )
    if tell:
        notifications.on_commit(
            [application.applicant],
            messages.progress(application, kind, step.definition if step is not None else None),
            url=messages.case_link(application),
        )
    return entry


def _stamp(
    actor: User, unit_id: int, occurred_at: datetime.datetime | None, now: datetime.datetime
) -> tuple[datetime.datetime, bool]:
    """The moment a step happened, to the minute, and whether it was back-dated.

    A moment more than the tolerance before now is refused unless a supervisor
    of the unit records it (their record is the approval); it is flagged.
    """
    occurred = (occurred_at or now).replace(second=0, microsecond=0)
    if occurred > now + FUTURE_TOLERANCE:
        raise ValidationError(
            {"occurred_at": _("A step cannot be recorded as happening in the future.")},
            code="future",
        )
    if now - occurred <= BACKDATE_TOLERANCE:
        return occurred, False
    if not rules.is_supervisor_of(actor, unit_id):
        raise ValidationError(
            {
                "occurred_at": _(
                    "A step that happened more than %(minutes)d minutes ago needs a "
                    "supervisor's approval: ask your supervisor to record it."
                )
                % {"minutes": int(BACKDATE_TOLERANCE.total_seconds() // 60)}
            },
            code="backdated",
        )
    return occurred, True


def _store_attachments(
    application: Application,
    files: Sequence[UploadedFile[Any]],
    kinds: Sequence[FileKind],
    *,
    uploaded_by: User,
    at: datetime.datetime,
    numbered: bool,
    supplement: Supplement | None = None,
) -> None:
    for index, (file, kind) in enumerate(zip(files, kinds, strict=True)):
        Attachment.objects.create(
            application=application,
            document=index if numbered else None,
            supplement=supplement,
            uploaded_by=uploaded_by,
            original_name=display_name(file.name),
            content_type=kind.content_type,
            extension=kind.extension,
            size=file.size or 0,
            file=file,
            uploaded_at=at,
        )


# ---- the catalogue ---------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    name_en: str
    name_ko: str
    name_id: str
    unit: Unit
    duration_amount: int
    duration_unit: str
    skippable: bool = False


@dataclass(frozen=True)
class VersionSpec:
    unit: Unit
    legal_basis_en: str
    legal_basis_ko: str
    legal_basis_id: str
    period_amount: int
    period_unit: str
    fee_won: int
    documents: Sequence[Mapping[str, str]]
    steps: Sequence[StepSpec]


_UNITS = {value for value, _label in PERIOD_UNITS}


def _check_amount(amount: int, unit: str, field: str) -> None:
    if unit not in _UNITS:
        raise ValidationError({field: _("Choose a unit of time.")}, code="period_unit")
    if not 1 <= amount <= PERIOD_MAX_AMOUNT:
        raise ValidationError(
            {field: _("A period is between 1 and %(max)d.") % {"max": PERIOD_MAX_AMOUNT}},
            code="period_amount",
        )


def _write_version(
    actor: User | None, permit_type: PermitType, spec: VersionSpec, number: int
) -> PermitVersion:
    agency_id = permit_type.agency_id
    if spec.unit.agency_id != agency_id or any(s.unit.agency_id != agency_id for s in spec.steps):
        raise ValidationError({"unit": _("Choose units of this agency.")}, code="unit")
    _check_amount(spec.period_amount, spec.period_unit, "period_amount")
    if not 0 <= spec.fee_won <= MAX_FEE_WON:
        raise ValidationError({"fee_won": _("Enter a fee in won.")}, code="fee")
    if not 1 <= len(spec.steps) <= MAX_STEPS:
        raise ValidationError(
            {"steps": _("A procedure has 1 to %(max)d steps.") % {"max": MAX_STEPS}},
            code="steps",
        )
    if len(spec.documents) > MAX_DOCUMENTS:
        raise ValidationError(
            {"documents": _("At most %(max)d required documents.") % {"max": MAX_DOCUMENTS}},
            code="documents",
        )
    documents = []
    for document in spec.documents:
        texts = {lang: str(document.get(lang, "")).strip() for lang in ("en", "ko", "id")}
        if not all(texts.values()) or any(len(t) > NAME_MAX_LENGTH for t in texts.values()):
            raise ValidationError(
                {"documents": _("Name each document in English, Korean and Indonesian.")},
                code="documents",
            )
        documents.append(texts)
    bases = (spec.legal_basis_en, spec.legal_basis_ko, spec.legal_basis_id)
    if not all(b.strip() for b in bases) or any(len(b) > LEGAL_BASIS_MAX_LENGTH for b in bases):
        raise ValidationError(
            {"legal_basis": _("Give the legal basis (Act and article) in each language.")},
            code="legal_basis",
        )
    version = PermitVersion.objects.create(
        permit_type=permit_type,
        number=number,
        unit=spec.unit,
        legal_basis_en=spec.legal_basis_en.strip(),
        legal_basis_ko=spec.legal_basis_ko.strip(),
        legal_basis_id=spec.legal_basis_id.strip(),
        period_amount=spec.period_amount,
        period_unit=spec.period_unit,
        fee_won=spec.fee_won,
        documents=documents,
        created_at=timezone.now(),
        created_by=actor,
    )
    for position, step in enumerate(spec.steps, start=1):
        _check_amount(step.duration_amount, step.duration_unit, "steps")
        if not all(n.strip() for n in (step.name_en, step.name_ko, step.name_id)):
            raise ValidationError({"steps": _("Name each step in every language.")}, code="steps")
        StepDefinition.objects.create(
            version=version,
            position=position,
            name_en=step.name_en,
            name_ko=step.name_ko,
            name_id=step.name_id,
            unit=step.unit,
            duration_amount=step.duration_amount,
            duration_unit=step.duration_unit,
            skippable=step.skippable,
        )
    return version


@transaction.atomic
def create_permit_type(
    *,
    actor: User | None,
    code: str,
    agency: Agency,
    name_en: str,
    name_ko: str,
    name_id: str,
    spec: VersionSpec,
) -> PermitType:
    """A new permit type with its first version. ``actor=None`` is the platform's own setup."""
    if actor is not None:
        rules.require(rules.can_manage_catalogue(actor, agency))
    code = _text(code, field="code", required=_("Give a code."), max_length=CODE_MAX_LENGTH)
    if PermitType.objects.filter(code=code).exists():
        raise ValidationError({"code": _("This code is taken.")}, code="code")
    permit_type = PermitType.objects.create(
        code=code, agency=agency, name_en=name_en, name_ko=name_ko, name_id=name_id
    )
    version = _write_version(actor, permit_type, spec, 1)
    audit.record(
        actor=actor,
        action=AuditAction.PERMIT_TYPE_CREATED,
        subject=permit_type,
        detail={"code": code, "agency": agency.pk, "version": version.number},
    )
    return permit_type


@transaction.atomic
def revise_permit_type(
    *, actor: User | None, permit_type: PermitType, spec: VersionSpec
) -> PermitVersion:
    """A new version; applications received under an older one keep theirs."""
    if actor is not None:
        rules.require(rules.can_manage_catalogue(actor, permit_type.agency))
    PermitType.objects.select_for_update().filter(pk=permit_type.pk).get()
    number = permit_type.current_version().number + 1
    version = _write_version(actor, permit_type, spec, number)
    audit.record(
        actor=actor,
        action=AuditAction.PERMIT_TYPE_REVISED,
        subject=permit_type,
        detail={"version": number, "steps": len(spec.steps), "period": spec.period_amount},
    )
    return version


# ---- the applicant --------------------------------------------------------------------


def allocate_receipt_number(moment: datetime.datetime) -> str:
    """The next receipt number, such as ``PM-2612-0000123``; the counter's row lock orders it."""
    if not connection.in_atomic_block:
        raise RuntimeError("allocate_receipt_number must run inside the applying transaction")
    period = local_date(moment).strftime("%y%m")
    ReceiptCounter.objects.bulk_create([ReceiptCounter(period=period)], ignore_conflicts=True)
    ReceiptCounter.objects.filter(period=period).update(last_number=F("last_number") + 1)
    number = (
        ReceiptCounter.objects.filter(period=period).values_list("last_number", flat=True).get()
    )
    return format_receipt_number(period, number)


@transaction.atomic
def apply_for_permit(
    *,
    applicant: User,
    permit_type: PermitType,
    summary: str,
    site_address: str,
    documents: Sequence[UploadedFile[Any]],
    filed_by: User | None = None,
) -> Application:
    """Receive an application with one file for each required document, and draw its officer.

    ``filed_by`` is an officer registering it at a counter for the applicant.
    """
    rules.require(rules.can_apply(applicant))
    if filed_by is not None:
        rules.require(rules.can_register_at_counter(filed_by))
    if not permit_type.is_active:
        raise ValidationError(
            {"permit_type": _("This permit type takes no applications.")}, code="inactive"
        )
    version = permit_type.current_version()
    summary = _text(
        summary,
        field="summary",
        required=_("Say what the application is for."),
        max_length=SUMMARY_MAX_LENGTH,
    )
    site_address = _text(
        site_address,
        field="site_address",
        required=_("Give the site's address."),
        max_length=SITE_MAX_LENGTH,
    )
    if len(documents) != len(version.documents):
        raise ValidationError({"documents": _("Attach each required document.")}, code="documents")
    kinds = [validate_attachment(file) for file in documents]
    now = timezone.now()
    application = Application(
        receipt_number=allocate_receipt_number(now),
        version=version,
        permit_type=permit_type,
        agency_id=permit_type.agency_id,
        unit_id=version.unit_id,
        applicant=applicant,
        filed_by=filed_by,
        channel=Channel.COUNTER if filed_by is not None else Channel.WEB,
        summary=summary,
        site_address=site_address,
        received_at=now,
        due_at=now,
        fee_won=version.fee_won,
    )
    application.due_at = _after(
        now, version.period_amount, version.period_unit, version.permit_type.agency_id
    )
    application.save(force_insert=True)
    ApplicationStep.objects.bulk_create(
        ApplicationStep(
            application=application, definition=d, position=d.position, unit_id=d.unit_id
        )
        for d in version.steps.order_by("position")
    )
    _plan(application, now)
    _store_attachments(
        application, documents, kinds, uploaded_by=filed_by or applicant, at=now, numbered=True
    )
    _record(
        application,
        EventKind.RECEIVED,
        AuditAction.PERMIT_APPLIED,
        actor=filed_by or applicant,
        occurred_at=now,
        recorded_at=now,
        detail={
            "type": permit_type.code,
            "version": version.number,
            "channel": application.channel,
            "documents": len(documents),
        },
    )
    _draw(application, now)
    return application


@transaction.atomic
def withdraw_application(*, applicant: User, application: Application) -> None:
    _lock(application)
    rules.require(rules.may_withdraw(applicant, application))
    now = timezone.now()
    application.status = Status.WITHDRAWN
    application.decided_at = now
    application.save(update_fields=["status", "decided_at", "updated_at"])
    _record(
        application,
        EventKind.WITHDRAWN,
        AuditAction.PERMIT_WITHDRAWN,
        actor=applicant,
        occurred_at=now,
        recorded_at=now,
    )


@transaction.atomic
def answer_supplement(
    *,
    applicant: User,
    application: Application,
    answer: str,
    files: Sequence[UploadedFile[Any]] = (),
) -> Supplement:
    """The applicant supplies what was asked for; the clock runs again."""
    _lock(application)
    rules.require(rules.may_answer_supplement(applicant, application))
    answer = _text(
        answer,
        field="answer",
        required=_("Say what you are sending."),
        max_length=NOTE_MAX_LENGTH,
    )
    kinds = validate_attachments(files)
    supplement = application.supplements.filter(answered_at__isnull=True).order_by("-id")[0]
    now = timezone.now()
    supplement.answered_at = now
    supplement.answer = answer
    supplement.save(update_fields=["answered_at", "answer"])
    _store_attachments(
        application,
        files,
        kinds,
        uploaded_by=applicant,
        at=now,
        numbered=False,
        supplement=supplement,
    )
    started = application.steps.exclude(status=StepStatus.PENDING).exists()
    application.status = Status.IN_PROGRESS if started else Status.RECEIVED
    application.due_at = decision_due(application)
    application.save(update_fields=["status", "due_at", "updated_at"])
    _plan(application, now)
    _record(
        application,
        EventKind.SUPPLEMENT_ANSWERED,
        AuditAction.PERMIT_SUPPLEMENT_ANSWERED,
        actor=applicant,
        occurred_at=now,
        recorded_at=now,
        detail={"files": len(files)},
    )
    return supplement


# ---- assignment ----------------------------------------------------------------------


def on_duty_officers(unit_id: int, day: datetime.date | None = None) -> list[int]:
    """The ids of the unit's officers on duty on ``day`` (the office's today by default).

    Active accounts holding an officer's post in the unit, but for those
    recorded as off duty that day.
    """
    day = day or local_date(timezone.now())
    away = Absence.objects.filter(first_day__lte=day, last_day__gte=day).values("officer_id")
    return list(
        User.objects.filter(role=Role.OFFICER, is_active=True, officer__unit_id=unit_id)
        .exclude(pk__in=away)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def record_absence(
    *, actor: User, officer: User, first_day: datetime.date, last_day: datetime.date
) -> Absence:
    """A supervisor records days an officer of their unit is off duty, for the draw to skip."""
    held = getattr(officer, "officer", None)
    rules.require(held is not None and rules.is_supervisor_of(actor, held.unit_id))
    if last_day < first_day:
        raise ValidationError({"last_day": _("The last day is before the first.")}, code="order")
    if (last_day - first_day).days > 366:
        raise ValidationError({"last_day": _("An absence is at most a year.")}, code="long")
    absence = Absence.objects.create(
        officer=officer,
        first_day=first_day,
        last_day=last_day,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.PERMIT_ABSENCE_RECORDED,
        subject=absence,
        detail={
            "officer": officer.pk,
            "first_day": first_day.isoformat(),
            "last_day": last_day.isoformat(),
        },
    )
    return absence


def replay_draw(seed: str, candidates: Sequence[int]) -> int:
    """The officer a draw with this seed gives among these candidates: anyone can re-run it.

    ``random.Random`` seeded with a string is the same generator in every
    Python 3 release (version 2 seeding hashes the string with SHA-512); the
    fairness lies in the seed, drawn from ``secrets`` and logged before the draw.
    """
    ordered = sorted(candidates)
    return ordered[random.Random(seed).randrange(len(ordered))]  # noqa: S311 - replayable on purpose


def _draw(application: Application, now: datetime.datetime) -> None:
    candidates = on_duty_officers(application.unit_id)
    if not candidates:
        return
    seed = secrets.token_hex(16)
    # The seed and the candidates are in the chained audit log before anyone is chosen.
    audit.record(
        actor=None,
        action=AuditAction.PERMIT_DRAW_SEEDED,
        subject=application,
        detail={
            "seed": seed,
            "candidates": ",".join(str(c) for c in candidates),
            "unit": application.unit_id,
        },
    )
    chosen = replay_draw(seed, candidates)
    application.assigned_officer_id = chosen
    application.save(update_fields=["assigned_officer", "updated_at"])
    _record(
        application,
        EventKind.ASSIGNED,
        AuditAction.PERMIT_ASSIGNED,
        actor=None,
        occurred_at=now,
        recorded_at=now,
        detail={"officer": chosen, "seed": seed},
    )
    officer = User.objects.get(pk=chosen)
    notifications.on_commit(
        [officer], messages.assigned_to_you(application), url=messages.case_link(application)
    )


@transaction.atomic
def reassign(*, actor: User, application: Application, officer: User, reason: str) -> None:
    """A supervisor gives the case to another officer of the unit, and says why."""
    _lock(application)
    rules.require(rules.may_reassign(actor, application))
    reason = _text(
        reason, field="reason", required=_("Give the reason."), max_length=REASON_MAX_LENGTH
    )
    if not works_in_unit(officer, application.unit_id):
        raise ValidationError({"officer": _("Choose an officer of the unit.")}, code="officer")
    if officer.pk == application.assigned_officer_id:
        raise ValidationError(
            {"officer": _("The application is with this officer already.")}, code="same"
        )
    previous = application.assigned_officer_id
    application.assigned_officer = officer
    application.save(update_fields=["assigned_officer", "updated_at"])
    now = timezone.now()
    _record(
        application,
        EventKind.REASSIGNED,
        AuditAction.PERMIT_REASSIGNED,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        note=reason,
        detail={"from": previous, "to": officer.pk},
    )
    notifications.on_commit(
        [officer], messages.assigned_to_you(application), url=messages.case_link(application)
    )


# ---- steps ------------------------------------------------------------------------------


def _current_step(application: Application) -> ApplicationStep | None:
    return (
        application.steps.exclude(status__in=[StepStatus.DONE, StepStatus.SKIPPED])
        .select_related("definition")
        .order_by("position")
        .first()
    )


def _sign(step: ApplicationStep, actor: User) -> None:
    held = actor.officer
    step.official = actor
    step.official_name = actor.name
    step.official_position_en = held.position_en
    step.official_position_ko = held.position_ko
    step.official_position_id = held.position_id


@transaction.atomic
def start_step(
    *,
    actor: User,
    application: Application,
    step: ApplicationStep,
    occurred_at: datetime.datetime | None = None,
) -> ApplicationStep:
    _lock(application)
    step.refresh_from_db()
    rules.require(rules.may_work_step(actor, application, step))
    current = _current_step(application)
    if current is None or current.pk != step.pk or step.status != StepStatus.PENDING:
        raise ValidationError(_("Start the next step of the procedure."), code="order")
    now = timezone.now()
    occurred, backdated = _stamp(actor, step.unit_id, occurred_at, now)
    if occurred < application.received_at.replace(second=0, microsecond=0):
        raise ValidationError(
            {"occurred_at": _("A step cannot start before the application was received.")},
            code="before_receipt",
        )
    _sign(step, actor)
    step.status = StepStatus.IN_PROGRESS
    step.started_at = occurred
    step.started_recorded_at = now
    if backdated:
        step.backdated = True
        step.approved_by = actor
    step.save()
    if application.status == Status.RECEIVED:
        application.status = Status.IN_PROGRESS
        application.save(update_fields=["status", "updated_at"])
    _record(
        application,
        EventKind.STEP_STARTED,
        AuditAction.PERMIT_STEP_STARTED,
        actor=actor,
        occurred_at=occurred,
        recorded_at=now,
        step=step,
        detail={"backdated": backdated},
    )
    return step


@transaction.atomic
def complete_step(
    *,
    actor: User,
    application: Application,
    step: ApplicationStep,
    occurred_at: datetime.datetime | None = None,
    delay_reason: str = "",
) -> ApplicationStep:
    """Complete the step in progress; after its expected date only with a delay reason.

    Completing the last step issues the permit, which needs the fee recorded as paid.
    """
    _lock(application)
    step.refresh_from_db()
    rules.require(rules.may_work_step(actor, application, step))
    if step.status != StepStatus.IN_PROGRESS:
        raise ValidationError(_("Start the step before completing it."), code="not_started")
    now = timezone.now()
    occurred, backdated = _stamp(actor, step.unit_id, occurred_at, now)
    assert step.started_at is not None
    if occurred < step.started_at:
        raise ValidationError(
            {"occurred_at": _("A step cannot end before it started.")}, code="before_start"
        )
    delay_reason = delay_reason.strip()
    if len(delay_reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"delay_reason": _("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH}},
            code="max_length",
        )
    late = step.expected_at is not None and occurred > step.expected_at
    if late and not delay_reason:
        raise ValidationError(
            {"delay_reason": _("This step is late: give the reason for the delay.")},
            code="delay_reason",
        )
    last = not application.steps.filter(
        status=StepStatus.PENDING, position__gt=step.position
    ).exists()
    if last and application.fee_won and application.fee_paid_at is None:
        raise ValidationError(
            _("Record the fee as paid before the permit is issued."), code="fee_unpaid"
        )
    _sign(step, actor)
    step.status = StepStatus.DONE
    step.completed_at = occurred
    step.completed_recorded_at = now
    step.delay_reason = delay_reason if late else ""
    if backdated:
        step.backdated = True
        step.approved_by = actor
    step.save()
    _plan(application, occurred)
    _record(
        application,
        EventKind.STEP_COMPLETED,
        AuditAction.PERMIT_STEP_COMPLETED,
        actor=actor,
        occurred_at=occurred,
        recorded_at=now,
        step=step,
        note=step.delay_reason,
        detail={"backdated": backdated, "late": late},
    )
    if last:
        application.status = Status.APPROVED
        application.decided_at = occurred
        application.save(update_fields=["status", "decided_at", "updated_at"])
        _record(
            application,
            EventKind.APPROVED,
            AuditAction.PERMIT_APPROVED,
            actor=actor,
            occurred_at=occurred,
            recorded_at=now,
            detail={"on_time": occurred <= application.due_at},
        )
    return step


@transaction.atomic
def request_supplement(
    *, actor: User, application: Application, note: str, days: int = DEFAULT_SUPPLEMENT_DAYS
) -> Supplement:
    """Ask for documents; the clock stops until the applicant answers (at most twice)."""
    _lock(application)
    rules.require(rules.may_request_supplement(actor, application))
    note = _text(
        note,
        field="note",
        required=_("Say which documents are needed."),
        max_length=NOTE_MAX_LENGTH,
    )
    if not 1 <= days <= MAX_SUPPLEMENT_DAYS:
        raise ValidationError(
            {"days": _("Give between 1 and %(max)d days.") % {"max": MAX_SUPPLEMENT_DAYS}},
            code="days",
        )
    now = timezone.now()
    period = Period(days, PeriodUnit.DAYS)
    respond_by = _after(now, days, PeriodUnit.DAYS, application.agency_id)
    supplement = Supplement.objects.create(
        application=application,
        requested_at=now,
        requested_by=actor,
        note=note,
        respond_by=due_day(respond_by, period.counting),
    )
    application.status = Status.SUPPLEMENT
    application.supplement_count += 1
    application.save(update_fields=["status", "supplement_count", "updated_at"])
    application.due_at = decision_due(application)
    application.save(update_fields=["due_at"])
    _record(
        application,
        EventKind.SUPPLEMENT_REQUESTED,
        AuditAction.PERMIT_SUPPLEMENT_REQUESTED,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        note=note,
        detail={"count": application.supplement_count, "days": days},
    )
    return supplement


@transaction.atomic
def extend(*, actor: User, application: Application, amount: int, reason: str) -> None:
    """Extend the processing period once, in its own unit, with a reason."""
    _lock(application)
    rules.require(rules.may_extend(actor, application))
    reason = _text(
        reason, field="reason", required=_("Give the reason."), max_length=REASON_MAX_LENGTH
    )
    if not 1 <= amount <= application.version.period_amount:
        raise ValidationError(
            {
                "amount": _("An extension is at most the period itself (%(max)d).")
                % {"max": application.version.period_amount}
            },
            code="amount",
        )
    application.extension_amount = amount
    application.extension_reason = reason
    application.due_at = decision_due(application)
    application.save(update_fields=["extension_amount", "extension_reason", "due_at", "updated_at"])
    now = timezone.now()
    _record(
        application,
        EventKind.EXTENDED,
        AuditAction.PERMIT_EXTENDED,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        note=reason,
        detail={"amount": amount},
    )


@transaction.atomic
def reject(*, actor: User, application: Application, reason: str, remedy: str) -> None:
    """Refuse the permit: the reason, and the remedy the applicant has (appeal, re-apply)."""
    _lock(application)
    rules.require(rules.may_handle(actor, application))
    reason = _text(
        reason, field="reason", required=_("Give the reason."), max_length=REASON_MAX_LENGTH
    )
    remedy = _text(
        remedy,
        field="remedy",
        required=_("Say what the applicant can do: appeal, or apply again."),
        max_length=REASON_MAX_LENGTH,
    )
    now = timezone.now()
    application.status = Status.REJECTED
    application.rejection_reason = reason
    application.remedy = remedy
    application.decided_at = now
    application.save(
        update_fields=["status", "rejection_reason", "remedy", "decided_at", "updated_at"]
    )
    _record(
        application,
        EventKind.REJECTED,
        AuditAction.PERMIT_REJECTED,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        note=reason,
    )


@transaction.atomic
def record_fee(
    *, actor: User, application: Application, method: FeeMethod, reference: str = ""
) -> None:
    """The fee was paid at the counter, or by bank transfer with the bank's reference."""
    _lock(application)
    rules.require(rules.may_record_fee(actor, application))
    if method not in FeeMethod.values:
        raise ValidationError({"method": _("Choose how the fee was paid.")}, code="method")
    reference = reference.strip()
    if method == FeeMethod.BANK_TRANSFER and not reference:
        raise ValidationError(
            {"reference": _("Give the bank transfer's reference.")}, code="reference"
        )
    if len(reference) > FEE_REFERENCE_MAX_LENGTH:
        raise ValidationError(
            {"reference": _("At most %(max)d characters.") % {"max": FEE_REFERENCE_MAX_LENGTH}},
            code="max_length",
        )
    now = timezone.now()
    application.fee_paid_at = now
    application.fee_method = method
    application.fee_reference = reference
    application.save(update_fields=["fee_paid_at", "fee_method", "fee_reference", "updated_at"])
    _record(
        application,
        EventKind.FEE_PAID,
        AuditAction.PERMIT_FEE_PAID,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        detail={"method": method, "won": application.fee_won},
    )


# ---- statistics -------------------------------------------------------------------------


@transaction.atomic
def refresh_statistics() -> int:
    """Recompute processing times per type and unit; returns how many rows were written.

    Not audited: the table is derived from audited data and rebuilt every
    hour. Reads one row per application (two moments and two ids), streamed.
    """
    now = timezone.now()
    received: dict[tuple[int, int], int] = {}
    days: dict[tuple[int, int], list[float]] = {}
    on_time: dict[tuple[int, int], int] = {}
    rows = Application.objects.values_list(
        "permit_type_id", "unit_id", "received_at", "decided_at", "due_at", "status"
    ).order_by()
    for type_id, unit_id, received_at, decided_at, due_at, status in rows.iterator(chunk_size=5000):
        key = (type_id, unit_id)
        received[key] = received.get(key, 0) + 1
        if decided_at is None or status not in (Status.APPROVED, Status.REJECTED):
            continue
        days.setdefault(key, []).append((decided_at - received_at).total_seconds() / 86400)
        on_time[key] = on_time.get(key, 0) + (decided_at <= due_at)
    PermitStatistics.objects.all().delete()
    written = []
    for key, count in received.items():
        taken = sorted(days.get(key, []))
        decided = len(taken)
        median = None
        if taken:
            middle = decided // 2
            median = taken[middle] if decided % 2 else (taken[middle - 1] + taken[middle]) / 2
        written.append(
            PermitStatistics(
                permit_type_id=key[0],
                unit_id=key[1],
                received=count,
                decided=decided,
                decided_on_time=on_time.get(key, 0),
                on_time_rate=on_time.get(key, 0) / decided if decided else None,
                median_days=median,
                refreshed_at=now,
            )
        )
    PermitStatistics.objects.bulk_create(written)
    return len(written)


# ---- skipping, questions ------------------------------------------------------------------


@transaction.atomic
def skip_step(
    *, actor: User, application: Application, step: ApplicationStep, reason: str
) -> ApplicationStep:
    """Skip the next step when the procedure allows it (no inspection needed), saying why."""
    _lock(application)
    step.refresh_from_db()
    rules.require(rules.may_work_step(actor, application, step))
    current = _current_step(application)
    if current is None or current.pk != step.pk or step.status != StepStatus.PENDING:
        raise ValidationError(_("Only the next step can be skipped."), code="order")
    if not step.definition.skippable:
        raise ValidationError(_("This step may not be skipped."), code="not_skippable")
    if not application.steps.filter(position__gt=step.position).exists():
        raise ValidationError(_("The last step is never skipped."), code="last")
    reason = _text(
        reason, field="reason", required=_("Give the reason."), max_length=REASON_MAX_LENGTH
    )
    now = timezone.now()
    moment = now.replace(second=0, microsecond=0)
    _sign(step, actor)
    step.status = StepStatus.SKIPPED
    step.completed_at = moment
    step.completed_recorded_at = now
    step.save()
    _plan(application, moment)
    _record(
        application,
        EventKind.STEP_SKIPPED,
        AuditAction.PERMIT_STEP_SKIPPED,
        actor=actor,
        occurred_at=moment,
        recorded_at=now,
        step=step,
        note=reason,
    )
    return step


@transaction.atomic
def ask_question(*, applicant: User, application: Application, text: str) -> Question:
    """The applicant asks the officials on the case; the assigned officer is told."""
    _lock(application)
    rules.require(rules.may_ask(applicant, application))
    text = _text(text, field="text", required=_("Write your question."), max_length=NOTE_MAX_LENGTH)
    now = timezone.now()
    question = Question.objects.create(
        application=application, asked_by=applicant, asked_at=now, text=text
    )
    _record(
        application,
        EventKind.QUESTION_ASKED,
        AuditAction.PERMIT_QUESTION_ASKED,
        actor=applicant,
        occurred_at=now,
        recorded_at=now,
        detail={"question": question.pk},
        tell=False,
    )
    if application.assigned_officer is not None:
        notifications.on_commit(
            [application.assigned_officer],
            messages.question_for_you(application),
            url=messages.case_link(application),
        )
    return question


@transaction.atomic
def answer_question(
    *, actor: User, application: Application, question: Question, answer: str
) -> Question:
    _lock(application)
    rules.require(rules.may_answer_question(actor, application))
    question.refresh_from_db()
    if question.application_id != application.pk or question.answered_at is not None:
        raise ValidationError(_("This question is answered already."), code="answered")
    answer = _text(
        answer, field="answer", required=_("Write the answer."), max_length=NOTE_MAX_LENGTH
    )
    now = timezone.now()
    question.answer = answer
    question.answered_at = now
    question.answered_by = actor
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    _record(
        application,
        EventKind.QUESTION_ANSWERED,
        AuditAction.PERMIT_QUESTION_ANSWERED,
        actor=actor,
        occurred_at=now,
        recorded_at=now,
        detail={"question": question.pk},
    )
    return question
