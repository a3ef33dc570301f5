"""Every write to complaints.

Each action owns its transaction: it reloads the case under a row lock,
asks rules.py whether this person may take the step now (the same verdict the
page used to offer it), checks the input, writes, adds the step to the
timeline, records exactly one audit event, and queues its notifications, sent
after the transaction commits. A page maps to one action call.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from egov import audit, notifications
from egov.accounts.actions import create_user
from egov.accounts.models import Role, User
from egov.agencies import rules as agency_rules
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency, Officer, Unit
from egov.audit.models import AuditAction
from egov.complaints import messages, rules
from egov.complaints.deadlines import (
    days_taken,
    due_at_receipt,
    pause_detail,
    review_days_taken,
    review_deadline,
    stored_due_at,
)
from egov.complaints.fingerprints import content_fingerprint
from egov.complaints.limits import (
    ACCESS_CODE_ALPHABET,
    ACCESS_CODE_LENGTH,
    ANSWERED_REPEATS_BEFORE_CLOSING,
    BODY_MAX_LENGTH,
    CLAIM_CODE_ATTEMPTS,
    CLAIM_CODE_LENGTH,
    CLAIM_CODE_MINUTES,
    CLAIM_CODE_RESEND_SECONDS,
    DEFAULT_SUPPLEMENT_DAYS,
    FILED_BODY_MAX_LENGTH,
    FOLLOW_UP_TITLE_MAX_LENGTH,
    JOINT_COMPLAINT_SIGNATORIES,
    LOCATION_MAX_LENGTH,
    MAX_SUPPLEMENT_DAYS,
    NAME_MAX_LENGTH,
    NO_ACCOUNT_DOMAIN,
    PERIOD_MAX_WORKING_DAYS,
    SECOND_REVIEW_DAYS,
    TITLE_MAX_LENGTH,
    format_receipt_number,
)
from egov.complaints.models import (
    OPEN_STATUSES,
    PROGRESS_NOTICE_AFTER,
    Answer,
    AnswerKind,
    Attachment,
    Category,
    Channel,
    ClosureReason,
    Complaint,
    ComplaintEvent,
    ComplaintStatistics,
    ComplaintType,
    CoSigner,
    DistrictOffice,
    EventKind,
    Extension,
    ExtensionStatus,
    FollowUp,
    FollowUpKind,
    FollowUpOutcome,
    OfflineFiling,
    Outcome,
    ProcessingPeriod,
    ReceiptCounter,
    Routing,
    SecondReview,
    Status,
    SupplementRequest,
    Surge,
    Transfer,
)
from egov.complaints.published import forget_public_page
from egov.complaints.queries import processing_period, surge_complaints
from egov.complaints.routing import Route, find_route
from egov.complaints.search import index_complaint
from egov.complaints.surges import is_surge, weeks_before
from egov.lib.calendar import (
    CalendarChange,
    OfficeHours,
    Period,
    WorkingCalendar,
    deadline,
    due_day,
    local_date,
)
from egov.lib.calendar import Unit as PeriodUnit
from egov.lib.files import FileKind, display_name, validate_attachments
from egov.lib.regions import District
from egov.notifications import actions as notification_actions
from egov.notifications import sms
from egov.notifications.models import EmailChoice

# ---- helpers ------------------------------------------------------------------


def _lock(complaint: Complaint) -> None:
    """Reload the case under a row lock before deciding anything about it.

    Two officers acting at once must each see the other's write: the second
    one's permission and state checks then run on the current case, not on
    the copy its page loaded. (SQLite serialises writers already.)
    """
    complaint.refresh_from_db(from_queryset=Complaint.objects.select_for_update())


def _save(complaint: Complaint, *fields: str) -> None:
    complaint.save(update_fields=[*fields, "updated_at"])


def _required_text(value: str, message: str, *, field: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError({field: message}, code="required")
    return cleaned


def _handling_status(complaint: Complaint) -> Status:
    """Back to work after a pause: with its officer if it has one, else in the unit's inbox."""
    return Status.IN_PROGRESS if complaint.assigned_officer_id else Status.RECEIVED


def _recount(complaint: Complaint) -> None:
    """Store the deadline the case's history gives it now (deadlines.stored_due_at)."""
    complaint.due_at = stored_due_at(complaint)


def _step(
    complaint: Complaint,
    kind: EventKind,
    action: AuditAction,
    *,
    actor: User | None,
    at: datetime.datetime,
    officer: User | None = None,
    public_note: str = "",
    internal_note: str = "",
    detail: dict[str, Any] | None = None,
    audit_detail: dict[str, Any] | None = None,
) -> ComplaintEvent:
    """One step of the case: its place on the timeline and its audit event, together.

    Every change to a case goes through here, so each has exactly one audit
    event by construction. The audit event records ``audit_detail`` when the
    timeline's ``detail`` would say too much or too little (never personal data).
    """
    # Every step changes what the case page shows, so it moves the revision the
    # page is cached under. In SQL, so no later save of a stale copy undoes it.
    Complaint.objects.filter(pk=complaint.pk).update(revision=F("revision") + 1)
    if complaint.is_public:
        # The public page is read without a query: clear it once the step commits.
        transaction.on_commit(partial(forget_public_page, complaint.receipt_number))
    audit.record(
        actor=actor,
        action=action,
        subject=complaint,
        detail=detail if audit_detail is None else audit_detail,
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        at=at,
        actor=actor,
        unit_id=complaint.unit_id,
        officer=officer,
        public_note=public_note,
        internal=kind == EventKind.NOTE,
        internal_note=internal_note,
        due_at_after=complaint.due_at,
        detail=detail or {},
    )


def _citizens(complaint: Complaint) -> list[User]:
    """The author and everyone who signed: all of them hear of every step."""
    cosigners = User.objects.filter(
        cosigned_complaints__complaint=complaint, cosigned_complaints__signed_at__isnull=False
    ).order_by("pk")
    return [complaint.citizen, *cosigners]


def _tell(recipients: Iterable[User], complaint: Complaint, message: notifications.Message) -> None:
    """Sent once the action commits; each recipient gets the page they can open."""
    notifications.on_commit(recipients, message, url=messages.case_link(complaint))


def _tell_citizens(complaint: Complaint, message: notifications.Message) -> None:
    """The author reads the message whole; the co-signers with the author's details masked."""
    author, *cosigners = _citizens(complaint)
    _tell([author], complaint, message)
    _tell(cosigners, complaint, messages.for_cosigners(message))


def _tell_staff(user: User | None, complaint: Complaint, message: notifications.Message) -> None:
    if user is not None:
        _tell([user], complaint, message)


def _store_attachments(
    *,
    complaint: Complaint,
    files: Sequence[UploadedFile[Any]],
    kinds: Sequence[FileKind],
    uploaded_by: User,
    at: datetime.datetime,
    answer: Answer | None = None,
) -> None:
    for file, kind in zip(files, kinds, strict=True):
        Attachment.objects.create(
            complaint=complaint,
            answer=answer,
            uploaded_by=uploaded_by,
            original_name=display_name(file.name),
            content_type=kind.content_type,
            extension=kind.extension,
            size=file.size or 0,
            file=file,
            uploaded_at=at,
        )


def _respond_by(complaint: Complaint, now: datetime.datetime, days: int) -> datetime.date:
    """The last day the citizen has to give the information, counted by the platform's clock."""
    calendar = calendar_for(complaint.agency_id)
    period = Period(days, PeriodUnit.DAYS)
    due = deadline(received_at=now, period=period, calendar=calendar).due_at
    assert due is not None
    return due_day(due, period.counting, calendar.zone)


def _cancel_pending_extension(complaint: Complaint, now: datetime.datetime) -> None:
    """A consent request dies with the stage that asked for it."""
    complaint.extensions.filter(status=ExtensionStatus.AWAITING_CONSENT).update(
        status=ExtensionStatus.CANCELLED, decided_at=now
    )


# ---- configuration: categories, routing, periods ---------------------------------


@transaction.atomic
def create_category(
    *,
    actor: User,
    code: str,
    name_en: str,
    name_ko: str,
    name_id: str,
    default_agency: Agency | None = None,
) -> Category:
    rules.require(rules.can_manage_categories(actor))
    category = Category.objects.create(
        code=code, name_en=name_en, name_ko=name_ko, name_id=name_id, default_agency=default_agency
    )
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_CATEGORY_CREATED,
        subject=category,
        detail={"code": code, "default_agency": default_agency.pk if default_agency else None},
    )
    return category


@transaction.atomic
def set_routing(*, actor: User, category: Category, agency: Agency, unit: Unit) -> Routing:
    """Say which unit of ``agency`` handles ``category``; replaces any earlier choice."""
    rules.require(agency_rules.can_configure_agency(actor, agency))
    if unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("Choose a unit of this agency.")}, code="unit")
    routing = Routing.objects.filter(category=category, agency=agency).first()
    if routing is not None and routing.unit_id == unit.pk:
        return routing
    if routing is None:
        routing = Routing.objects.create(category=category, agency=agency, unit=unit)
    else:
        routing.unit = unit
        routing.save(update_fields=["unit"])
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_ROUTING_SET,
        subject=routing,
        detail={"category": category.pk, "agency": agency.pk, "unit": unit.pk},
    )
    return routing


@transaction.atomic
def set_district_office(*, actor: User, district: District, agency: Agency) -> DistrictOffice:
    """Say which agency takes complaints about places in ``district``; replaces any earlier one."""
    rules.require(agency_rules.can_configure_agency(actor, agency))
    office = DistrictOffice.objects.filter(district_code=district.code).first()
    if office is not None and office.agency_id == agency.pk:
        return office
    if office is None:
        office = DistrictOffice.objects.create(district_code=district.code, agency=agency)
    else:
        office.agency = agency
        office.save(update_fields=["agency"])
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_DISTRICT_OFFICE_SET,
        subject=office,
        detail={"district": district.code, "agency": agency.pk},
    )
    return office


def route_refusal(route: Route, category: Category, district: District | None) -> ValidationError:
    """Why a complaint cannot go where it was sent, naming the agency that takes it if any."""
    if route.refused_by is not None and route.suggestion is not None:
        return ValidationError(
            {
                "agency": _(
                    "%(agency)s does not handle this category; %(other)s does. Send it to "
                    "%(other)s, or choose another subject."
                )
                % {"agency": route.refused_by.name, "other": route.suggestion.name}
            },
            code="routing",
        )
    if route.refused_by is not None:
        return ValidationError(
            {
                "agency": _("%(agency)s does not handle this category. Choose another agency.")
                % {"agency": route.refused_by.name}
            },
            code="routing",
        )
    if district is not None:
        return ValidationError(
            {
                "district_code": _(
                    "No office on egov takes complaints about %(subject)s in %(district)s yet. "
                    "Choose the agency, or file it with the district office in person."
                )
                % {"subject": category.name, "district": district.full_name}
            },
            code="routing",
        )
    return ValidationError({"agency": _("Choose the agency the complaint is for.")}, code="agency")


@transaction.atomic
def set_processing_period(
    *, actor: User, agency: Agency | None, type: ComplaintType, working_days: int
) -> ProcessingPeriod:
    """Set an agency's period for a type (``agency=None``: the platform default).

    A complaint keeps the period it was received with; a change applies to
    complaints received after it.
    """
    rules.require(agency_rules.can_configure_agency(actor, agency))
    if type not in ComplaintType.values:
        raise ValidationError({"type": _("Choose a complaint type.")}, code="type")
    if not 1 <= working_days <= PERIOD_MAX_WORKING_DAYS:
        raise ValidationError(
            {
                "working_days": _("A processing period is between 1 and %(max)d working days.")
                % {"max": PERIOD_MAX_WORKING_DAYS}
            },
            code="working_days",
        )
    period = ProcessingPeriod.objects.filter(agency=agency, type=type).first()
    if period is not None and period.working_days == working_days:
        return period
    if period is None:
        period = ProcessingPeriod.objects.create(
            agency=agency, type=type, working_days=working_days
        )
    else:
        period.working_days = working_days
        period.save(update_fields=["working_days"])
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_PERIOD_SET,
        subject=period,
        detail={
            "agency": agency.pk if agency else None,
            "type": type,
            "working_days": working_days,
        },
    )
    return period


# ---- citizen side -------------------------------------------------------------------


def allocate_receipt_number(moment: datetime.datetime) -> str:
    """The next receipt number, such as ``EP-2611-0000123``.

    ``EP`` (ePeople), then the year and month of receipt in settings.TIME_ZONE
    (``2611`` is November 2026), then that month's sequence, zero-padded to
    seven digits: ePeople receives about 1.2 million a month, and an eighth
    digit simply appears should a month ever need it (limits.py bounds them
    all). Short enough to read over the phone; the month tells a clerk at
    once how old a case is.

    Safe under concurrency: the counter row's UPDATE takes a row lock held to
    the end of the submitting transaction, so PostgreSQL hands each number out
    once (a second submitter waits, then sees the committed value); SQLite
    serialises writers. Must run inside that transaction.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("allocate_receipt_number must run inside the submitting transaction")
    period = local_date(moment).strftime("%y%m")
    # The month's first submitter creates the row; ON CONFLICT DO NOTHING for the rest.
    ReceiptCounter.objects.bulk_create([ReceiptCounter(period=period)], ignore_conflicts=True)
    ReceiptCounter.objects.filter(period=period).update(last_number=F("last_number") + 1)
    number = (
        ReceiptCounter.objects.filter(period=period).values_list("last_number", flat=True).get()
    )
    return format_receipt_number(period, number)


@transaction.atomic
def submit_complaint(
    *,
    citizen: User,
    type: ComplaintType,
    category: Category,
    agency: Agency | None = None,
    title: str,
    body: str,
    location_text: str = "",
    district: District | None = None,
    is_public: bool,
    attachments: Sequence[UploadedFile[Any]] = (),
    filed_by: User | None = None,
    channel: Channel = Channel.WEB,
) -> Complaint:
    """Receive a complaint, give it its receipt number and deadline, and tell the citizen.

    ``filed_by`` is an officer typing it in at a counter or during a phone call
    for a citizen who cannot use the web; the case and its timeline say so.
    ``district`` is the place it is about: with the category it decides the
    unit (routing.find_route), unless the citizen named ``agency``.
    """
    rules.require(rules.can_submit(citizen))
    if filed_by is not None:
        rules.require(rules.can_file_on_behalf(filed_by))
        if channel not in (Channel.COUNTER, Channel.PHONE):
            raise ValidationError(
                {
                    "channel": _(
                        "A complaint filed for a citizen comes in at a counter or by phone."
                    )
                },
                code="channel",
            )
    elif channel != Channel.WEB:
        raise ValidationError(
            {"channel": _("Only an officer filing for a citizen records a counter or phone call.")},
            code="channel",
        )
    if type not in ComplaintType.values:
        raise ValidationError({"type": _("Choose a complaint type.")}, code="type")
    title = _required_text(title, _("Give the complaint a title."), field="title")
    body = _required_text(body, _("Describe what the complaint is about."), field="body")
    location_text = location_text.strip()
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("A title has at most %(max)d characters.") % {"max": TITLE_MAX_LENGTH}},
            code="title",
        )
    if len(location_text) > LOCATION_MAX_LENGTH:
        raise ValidationError(
            {
                "location_text": _("A location has at most %(max)d characters.")
                % {"max": LOCATION_MAX_LENGTH}
            },
            code="location_text",
        )
    body_max_length = BODY_MAX_LENGTH if filed_by is None else FILED_BODY_MAX_LENGTH
    if len(body) > body_max_length:
        raise ValidationError(
            {"body": _("A complaint has at most %(max)d characters.") % {"max": body_max_length}},
            code="body",
        )
    if not category.is_active:
        raise ValidationError(
            {"category": _("This category no longer takes complaints.")}, code="category"
        )
    route = find_route(category, district, agency)
    if route.unit is None:
        raise route_refusal(route, category, district)
    unit = route.unit
    handling_agency = unit.agency
    kinds = validate_attachments(attachments)

    now = timezone.now()
    period = processing_period(handling_agency, type)
    fingerprint = content_fingerprint(body)
    answered_before = Complaint.objects.filter(
        citizen=citizen, content_fingerprint=fingerprint, answered_at__isnull=False
    ).count()
    complaint = Complaint.objects.create(
        receipt_number=allocate_receipt_number(now),
        citizen=citizen,
        filed_by=filed_by,
        channel=channel,
        type=type,
        category=category,
        agency=handling_agency,
        unit=unit,
        title=title,
        body=body,
        location_text=location_text,
        district_code=district.code if district is not None else "",
        is_public=is_public,
        received_at=now,
        period_days=period,
        due_at=due_at_receipt(
            received_at=now, period_days=period, calendar=calendar_for(handling_agency.pk)
        ),
        content_fingerprint=fingerprint,
        is_repeat_candidate=answered_before >= ANSWERED_REPEATS_BEFORE_CLOSING,
    )
    index_complaint(complaint)
    _store_attachments(
        complaint=complaint,
        files=attachments,
        kinds=kinds,
        uploaded_by=filed_by or citizen,
        at=now,
    )
    _step(
        complaint,
        EventKind.RECEIVED,
        AuditAction.COMPLAINT_SUBMITTED,
        actor=filed_by or citizen,
        at=now,
        officer=filed_by,
        detail={"channel": channel, "filed_on_behalf": filed_by is not None},
        audit_detail={
            "type": type,
            "channel": channel,
            "filed_on_behalf": filed_by is not None,
            "unit": unit.pk,
            "district": district.code if district is not None else "",
            "public": is_public,
            "attachments": len(attachments),
            "repeat_candidate": complaint.is_repeat_candidate,
        },
    )
    _tell_citizens(complaint, messages.received(complaint, unit))
    return complaint


@transaction.atomic
def withdraw_complaint(*, citizen: User, complaint: Complaint) -> None:
    _lock(complaint)
    rules.may_withdraw(citizen, complaint).require()
    now = timezone.now()
    previous = complaint.status
    complaint.status = Status.WITHDRAWN
    _save(complaint, "status")
    _cancel_pending_extension(complaint, now)
    _step(
        complaint,
        EventKind.WITHDRAWN,
        AuditAction.COMPLAINT_WITHDRAWN,
        actor=citizen,
        at=now,
        audit_detail={"from_status": previous},
    )
    _tell_citizens(complaint, messages.withdrawn(complaint))
    _tell_staff(complaint.assigned_officer, complaint, messages.withdrawn_for_staff(complaint))


@transaction.atomic
def answer_supplement_request(
    *,
    citizen: User,
    complaint: Complaint,
    answer_text: str,
    attachments: Sequence[UploadedFile[Any]] = (),
) -> SupplementRequest:
    """Give the information asked for; the deadline moves by the working days it took."""
    _lock(complaint)
    rules.may_answer_supplement(citizen, complaint).require()
    answer_text = answer_text.strip()
    if not answer_text and not attachments:
        raise ValidationError(
            {"answer_text": _("Give the information asked for, in words or as attachments.")},
            code="required",
        )
    kinds = validate_attachments(
        attachments, existing=complaint.attachments.filter(answer__isnull=True).count()
    )
    request = complaint.supplement_requests.get(answered_at__isnull=True)
    now = timezone.now()
    request.answer_text = answer_text
    request.answered_at = now
    request.save(update_fields=["answer_text", "answered_at"])
    paused = pause_detail(complaint, request.requested_at, now)
    _recount(complaint)
    complaint.status = _handling_status(complaint)
    _save(complaint, "due_at", "status")
    _store_attachments(
        complaint=complaint, files=attachments, kinds=kinds, uploaded_by=citizen, at=now
    )
    _step(
        complaint,
        EventKind.SUPPLEMENT_ANSWERED,
        AuditAction.COMPLAINT_SUPPLEMENT_ANSWERED,
        actor=citizen,
        at=now,
        detail={"number": request.number, **paused},
        audit_detail={"number": request.number, **paused, "attachments": len(attachments)},
    )
    _tell_citizens(complaint, messages.handled_again(complaint))
    _tell_staff(request.requested_by, complaint, messages.supplement_answered_for_staff(complaint))
    return request


@transaction.atomic
def consent_to_extension(*, citizen: User, complaint: Complaint) -> Extension:
    """Agree to the officer's second extension; the deadline moves at once."""
    _lock(complaint)
    extension = _pending_extension(citizen, complaint)
    now = timezone.now()
    extension.status = ExtensionStatus.APPLIED
    extension.decided_at = now
    extension.save(update_fields=["status", "decided_at"])
    _recount(complaint)
    _save(complaint, "due_at")
    _step(
        complaint,
        EventKind.EXTENDED,
        AuditAction.COMPLAINT_EXTENSION_CONSENTED,
        actor=citizen,
        at=now,
        public_note=extension.reason,
        detail={"number": extension.number, "days": extension.days, "consented": True},
        audit_detail={"number": extension.number, "days": extension.days},
    )
    _tell_citizens(complaint, messages.extension_consented(complaint))
    _tell_staff(
        extension.requested_by, complaint, messages.extension_consented_for_staff(complaint)
    )
    return extension


@transaction.atomic
def refuse_extension(*, citizen: User, complaint: Complaint) -> Extension:
    """Say no to the second extension; the deadline stays where it was."""
    _lock(complaint)
    extension = _pending_extension(citizen, complaint)
    now = timezone.now()
    extension.status = ExtensionStatus.REFUSED
    extension.decided_at = now
    extension.save(update_fields=["status", "decided_at"])
    _step(
        complaint,
        EventKind.EXTENSION_REFUSED,
        AuditAction.COMPLAINT_EXTENSION_REFUSED,
        actor=citizen,
        at=now,
        detail={"number": extension.number, "days": extension.days},
    )
    _tell_citizens(complaint, messages.extension_refused(complaint))
    _tell_staff(extension.requested_by, complaint, messages.extension_refused_for_staff(complaint))
    return extension


def _pending_extension(citizen: User, complaint: Complaint) -> Extension:
    """The second extension waiting for the author's answer, if they may give it now."""
    extension = complaint.extensions.filter(status=ExtensionStatus.AWAITING_CONSENT).first()
    rules.may_decide_extension(citizen, complaint, pending=extension).require()
    assert extension is not None  # the verdict refuses without one
    return extension


@transaction.atomic
def rate_answer(*, citizen: User, complaint: Complaint, score: int, comment: str = "") -> Answer:
    """Rate the latest answer from 1 to 5; a 1 or 2 on the first answer opens a second review."""
    _lock(complaint)
    answer = complaint.answers.order_by("-answered_at", "-id").first()
    latest_unrated = answer is not None and answer.rated_at is None
    rules.may_rate(citizen, complaint, latest_unrated=latest_unrated).require()
    assert answer is not None  # the verdict refuses without one
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose a score from 1 to 5.")}, code="score")
    now = timezone.now()
    answer.score = score
    answer.rating_comment = comment.strip()
    answer.rated_at = now
    answer.save(update_fields=["score", "rating_comment", "rated_at"])
    # Only the first answer can be reviewed again: there is no third review.
    opens_review = score <= 2 and answer.kind == AnswerKind.FIRST
    _step(
        complaint,
        EventKind.RATED,
        AuditAction.COMPLAINT_RATED,
        actor=citizen,
        at=now,
        detail={"score": score, "answer": answer.kind},
        audit_detail={"score": score, "answer": answer.kind, "second_review": opens_review},
    )
    review = _open_second_review(complaint, answer, now) if opens_review else None
    if review is not None:
        _tell_citizens(complaint, messages.second_review_opened(complaint, review.due))
        _tell_staff(
            review.reviewer,
            complaint,
            messages.second_review_for_reviewer(complaint, review.due),
        )
    return answer


def _choose_reviewer(complaint: Complaint, first_answer: Answer) -> User | None:
    """The unit's supervisor, else an administrator of the agency; never whoever answered."""
    candidates = (
        Officer.objects.filter(user__is_active=True)
        .exclude(user_id=first_answer.officer_id)
        .select_related("user")
        .order_by("appointed_at", "id")
    )
    supervisor = candidates.filter(unit_id=complaint.unit_id, user__role=Role.SUPERVISOR).first()
    if supervisor is not None:
        return supervisor.user
    admin = candidates.filter(
        unit__agency_id=complaint.agency_id, user__role=Role.AGENCY_ADMIN
    ).first()
    return admin.user if admin is not None else None


def _open_second_review(
    complaint: Complaint, first_answer: Answer, now: datetime.datetime
) -> SecondReview:
    reviewer = _choose_reviewer(complaint, first_answer)
    review = SecondReview.objects.create(
        complaint=complaint,
        first_answer=first_answer,
        reviewer=reviewer,
        opened_at=now,
        period_days=SECOND_REVIEW_DAYS,
        due_at=review_deadline(now, SECOND_REVIEW_DAYS, calendar=calendar_for(complaint.agency_id)),
    )
    complaint.status = Status.SECOND_REVIEW
    complaint.due_at = review.due_at
    _save(complaint, "status", "due_at")
    _step(
        complaint,
        EventKind.SECOND_REVIEW_OPENED,
        AuditAction.COMPLAINT_SECOND_REVIEW_OPENED,
        actor=None,
        at=now,
        officer=reviewer,
        detail={"reviewer_found": reviewer is not None},
    )
    return review


@transaction.atomic
def add_cosigner(*, citizen: User, complaint: Complaint, user: User) -> CoSigner:
    """The author invites someone to sign; they become a co-signer when they accept."""
    _lock(complaint)
    rules.may_invite(citizen, complaint).require()
    if user.pk == complaint.citizen_id:
        raise ValidationError(_("You have signed your own complaint already."), code="self")
    if not rules.can_submit(user):
        raise ValidationError(
            _("Only citizens and employers can sign a complaint."), code="cosigner_role"
        )
    if complaint.cosigners.filter(user=user).exists():
        raise ValidationError(_("This person has been invited already."), code="invited")
    now = timezone.now()
    cosigner = CoSigner.objects.create(complaint=complaint, user=user, invited_at=now)
    audit.record(
        actor=citizen,
        action=AuditAction.COMPLAINT_COSIGNER_INVITED,
        subject=complaint,
        detail={"cosigner": user.pk},
    )
    _tell([user], complaint, messages.cosigner_invited(complaint))
    return cosigner


@transaction.atomic
def cosign(*, citizen: User, complaint: Complaint) -> CoSigner:
    """Accept an invitation; the fifth signature makes it a joint complaint."""
    _lock(complaint)
    invitation = complaint.cosigners.filter(user=citizen).first()
    rules.may_cosign(citizen, complaint, invitation=invitation).require()
    assert invitation is not None  # the verdict refuses without one
    now = timezone.now()
    invitation.signed_at = now
    invitation.save(update_fields=["signed_at"])
    signatories = 1 + complaint.cosigners.filter(signed_at__isnull=False).count()
    became_joint = not complaint.is_joint and signatories >= JOINT_COMPLAINT_SIGNATORIES
    if became_joint:
        complaint.is_joint = True
        _save(complaint, "is_joint")
    _step(
        complaint,
        EventKind.COSIGNED,
        AuditAction.COMPLAINT_COSIGNED,
        actor=citizen,
        at=now,
        detail={"signatories": signatories, "joint": complaint.is_joint},
        audit_detail={"signatories": signatories, "became_joint": became_joint},
    )
    _tell_citizens(
        complaint,
        messages.cosigned(complaint, signatories=signatories, became_joint=became_joint),
    )
    return invitation


@transaction.atomic
def appeal_repeat_closure(*, citizen: User, complaint: Complaint, reason: str) -> None:
    """Contest a repeat closure: the case reopens, and the closed days do not count."""
    _lock(complaint)
    rules.may_appeal(citizen, complaint).require()
    reason = _required_text(reason, _("Say why this complaint is not a repeat."), field="reason")
    assert complaint.repeat_closed_at is not None  # set together with the closure reason
    now = timezone.now()
    paused = pause_detail(complaint, complaint.repeat_closed_at, now)
    complaint.repeat_appealed_at = now
    _recount(complaint)
    complaint.status = _handling_status(complaint)
    complaint.closure_reason = ""
    complaint.closed_at = None
    _save(
        complaint,
        "repeat_appealed_at",
        "due_at",
        "status",
        "closure_reason",
        "closed_at",
    )
    _step(
        complaint,
        EventKind.REOPENED,
        AuditAction.COMPLAINT_REPEAT_APPEALED,
        actor=citizen,
        at=now,
        public_note=reason,
        detail=paused,
    )
    _tell_citizens(complaint, messages.reopened(complaint))
    _tell_staff(complaint.assigned_officer, complaint, messages.reopened_for_staff(complaint))


# ---- officer side ------------------------------------------------------------------


@transaction.atomic
def assign_complaint(*, actor: User, complaint: Complaint, officer: User) -> None:
    """Give the case to a named officer of its unit (the actor may pick themselves)."""
    _lock(complaint)
    rules.may_assign(actor, complaint).require()
    if not rules.can_be_assigned(officer, complaint):
        raise ValidationError(
            {"officer": _("A complaint can be assigned only to staff of its unit.")},
            code="officer",
        )
    if complaint.assigned_officer_id == officer.pk:
        return
    now = timezone.now()
    complaint.assigned_officer = officer
    if complaint.status == Status.RECEIVED:
        complaint.status = Status.IN_PROGRESS
    _save(complaint, "assigned_officer", "status")
    _step(
        complaint,
        EventKind.ASSIGNED,
        AuditAction.COMPLAINT_ASSIGNED,
        actor=actor,
        at=now,
        officer=officer,
        audit_detail={"officer": officer.pk},
    )
    _tell_citizens(complaint, messages.assigned(complaint))
    if officer.pk != actor.pk:
        _tell_staff(officer, complaint, messages.assigned_to_you(complaint))


@transaction.atomic
def add_internal_note(*, actor: User, complaint: Complaint, body: str) -> ComplaintEvent:
    """A note for colleagues on the case; the citizen never sees it."""
    rules.may_add_note(actor, complaint).require()
    body = _required_text(body, _("Write the note."), field="body")
    event = _step(
        complaint,
        EventKind.NOTE,
        AuditAction.COMPLAINT_NOTE_ADDED,
        actor=actor,
        at=timezone.now(),
        internal_note=body,
    )
    return event


@transaction.atomic
def transfer_complaint(
    *, actor: User, complaint: Complaint, to_unit: Unit, reason: str
) -> Transfer:
    """Send the case to the unit or agency that is competent for it (이송).

    The clock keeps running: a transfer is the government's own business and
    must not cost the citizen time. A case moved more than twice is flagged
    for supervisors, because ping-pong between units is how complaints die.
    """
    _lock(complaint)
    rules.may_transfer(actor, complaint).require()
    if to_unit.pk == complaint.unit_id:
        raise ValidationError(
            {"to_unit": _("The complaint is with this unit already.")}, code="to_unit"
        )
    reason = _required_text(
        reason, _("Give the reason for the transfer; the citizen will read it."), field="reason"
    )
    now = timezone.now()
    from_unit_id, from_agency_id = complaint.unit_id, complaint.agency_id
    transfer = Transfer.objects.create(
        complaint=complaint,
        from_unit_id=from_unit_id,
        to_unit=to_unit,
        transferred_by=actor,
        reason=reason,
        transferred_at=now,
    )
    complaint.unit = to_unit
    complaint.agency_id = to_unit.agency_id
    complaint.assigned_officer = None
    complaint.status = Status.RECEIVED
    complaint.transfer_count += 1
    complaint.transfer_flagged = complaint.transfer_count > 2
    # The clock runs on, counted now by the receiving office's calendar (its closures).
    _recount(complaint)
    _save(
        complaint,
        "unit",
        "agency",
        "assigned_officer",
        "status",
        "transfer_count",
        "transfer_flagged",
        "due_at",
    )
    # The search row carries the unit and agency: the new unit finds the case
    # from now on, the old one no longer does.
    index_complaint(complaint)
    _cancel_pending_extension(complaint, now)
    detail = {
        "from_unit": from_unit_id,
        "to_unit": to_unit.pk,
        "from_agency": from_agency_id,
        "to_agency": to_unit.agency_id,
        "transfers": complaint.transfer_count,
        "flagged": complaint.transfer_flagged,
    }
    _step(
        complaint,
        EventKind.TRANSFERRED,
        AuditAction.COMPLAINT_TRANSFERRED,
        actor=actor,
        at=now,
        public_note=reason,
        detail=detail,
    )
    _tell_citizens(complaint, messages.transferred(complaint, to_unit, reason))
    return transfer


@transaction.atomic
def request_supplement(
    *,
    actor: User,
    complaint: Complaint,
    request_text: str,
    respond_within_days: int = DEFAULT_SUPPLEMENT_DAYS,
) -> SupplementRequest:
    """Ask the citizen for more information (보완요청); the clock stops until they answer."""
    _lock(complaint)
    asked = complaint.supplement_requests.count()
    rules.may_request_supplement(actor, complaint, asked_before=asked).require()
    request_text = _required_text(
        request_text, _("Say what information is needed."), field="request_text"
    )
    if not 1 <= respond_within_days <= MAX_SUPPLEMENT_DAYS:
        raise ValidationError(
            {
                "respond_within_days": _(
                    "Give the citizen between 1 and %(max)d working days to answer."
                )
                % {"max": MAX_SUPPLEMENT_DAYS}
            },
            code="respond_within_days",
        )
    now = timezone.now()
    request = SupplementRequest.objects.create(
        complaint=complaint,
        number=asked + 1,
        requested_by=actor,
        request_text=request_text,
        requested_at=now,
        respond_by=_respond_by(complaint, now, respond_within_days),
    )
    complaint.status = Status.AWAITING_SUPPLEMENT
    _save(complaint, "status")
    _step(
        complaint,
        EventKind.SUPPLEMENT_REQUESTED,
        AuditAction.COMPLAINT_SUPPLEMENT_REQUESTED,
        actor=actor,
        at=now,
        officer=actor,
        public_note=request_text,
        detail={"number": request.number, "respond_by": request.respond_by.isoformat()},
        audit_detail={"number": request.number, "respond_within_days": respond_within_days},
    )
    _tell_citizens(
        complaint, messages.supplement_requested(complaint, request_text, request.respond_by)
    )
    return request


@transaction.atomic
def close_for_no_supplement(*, actor: User, complaint: Complaint, notice: str) -> None:
    """Close a case whose citizen never gave the information by the date they were given."""
    _lock(complaint)
    request = complaint.supplement_requests.filter(answered_at__isnull=True).first()
    now = timezone.now()
    rules.may_close_for_no_supplement(
        actor, complaint, open_request=request, today=local_date(now)
    ).require()
    assert request is not None  # the verdict refuses without one
    notice = _required_text(notice, _("Write the notice the citizen will receive."), field="notice")
    complaint.status = Status.CLOSED
    complaint.closure_reason = ClosureReason.NO_SUPPLEMENT
    complaint.closed_at = now
    _save(complaint, "status", "closure_reason", "closed_at")
    _cancel_pending_extension(complaint, now)
    _step(
        complaint,
        EventKind.CLOSED,
        AuditAction.COMPLAINT_CLOSED_NO_SUPPLEMENT,
        actor=actor,
        at=now,
        officer=actor,
        public_note=notice,
        detail={"reason": ClosureReason.NO_SUPPLEMENT},
        audit_detail={"number": request.number},
    )
    _tell_citizens(complaint, messages.closed_for_no_supplement(complaint, notice))


@transaction.atomic
def extend_deadline(*, actor: User, complaint: Complaint, days: int, reason: str) -> Extension:
    """Extend the deadline: the first time at once, the second only with the citizen's consent.

    Each extension is at most the original period, and must be decided before
    the deadline passes. A refused or cancelled second request is not repeated.
    """
    _lock(complaint)
    now = timezone.now()
    extensions = list(complaint.extensions.all())
    rules.may_extend(actor, complaint, extensions=extensions, now=now).require()
    reason = _required_text(
        reason, _("Give the reason for the extension; the citizen will read it."), field="reason"
    )
    if not 1 <= days <= complaint.period_days:
        raise ValidationError(
            {
                "days": _("An extension is between 1 and %(max)d days, the original period.")
                % {"max": complaint.period_days}
            },
            code="days",
        )
    number = len(extensions) + 1
    if number == 1:
        extension = Extension.objects.create(
            complaint=complaint,
            number=1,
            requested_by=actor,
            days=days,
            reason=reason,
            status=ExtensionStatus.APPLIED,
            requested_at=now,
            decided_at=now,
        )
        _recount(complaint)
        _save(complaint, "due_at")
        _step(
            complaint,
            EventKind.EXTENDED,
            AuditAction.COMPLAINT_EXTENDED,
            actor=actor,
            at=now,
            officer=actor,
            public_note=reason,
            detail={"number": 1, "days": days, "consented": False},
            audit_detail={"number": 1, "days": days},
        )
        _tell_citizens(complaint, messages.extended(complaint, reason))
        return extension
    extension = Extension.objects.create(
        complaint=complaint,
        number=number,
        requested_by=actor,
        days=days,
        reason=reason,
        status=ExtensionStatus.AWAITING_CONSENT,
        requested_at=now,
    )
    _step(
        complaint,
        EventKind.EXTENSION_REQUESTED,
        AuditAction.COMPLAINT_EXTENSION_REQUESTED,
        actor=actor,
        at=now,
        officer=actor,
        public_note=reason,
        detail={"number": number, "days": days},
    )
    _tell_citizens(complaint, messages.extension_requested(complaint, days, reason))
    return extension


def _clean_answer(
    *, outcome: Outcome, body: str, legal_basis: str, refusal_reason: str, remedy: str
) -> tuple[str, str, str, str]:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")}, code="outcome")
    body = _required_text(body, _("Write the answer."), field="body")
    refusal_reason, remedy = refusal_reason.strip(), remedy.strip()
    if outcome == Outcome.NOT_ACCEPTED:
        errors = {}
        if not refusal_reason:
            errors["refusal_reason"] = _("A refusal must give its reason.")
        if not remedy:
            errors["remedy"] = _(
                "A refusal must name the remedy open to the citizen, such as an objection, "
                "an administrative appeal or a lawsuit."
            )
        if errors:
            raise ValidationError(errors, code="refusal")
    return body, legal_basis.strip(), refusal_reason, remedy


def _write_answer(
    *,
    complaint: Complaint,
    actor: User,
    kind: AnswerKind,
    due_at: datetime.datetime,
    days_on_the_clock: Callable[[datetime.datetime], int],
    outcome: Outcome,
    body: str,
    legal_basis: str,
    refusal_reason: str,
    remedy: str,
    attachments: Sequence[UploadedFile[Any]],
) -> Answer:
    """Check and store an answer with its files: the part first and second answers share."""
    body, legal_basis, refusal_reason, remedy = _clean_answer(
        outcome=outcome,
        body=body,
        legal_basis=legal_basis,
        refusal_reason=refusal_reason,
        remedy=remedy,
    )
    kinds = validate_attachments(attachments)
    now = timezone.now()
    answer = Answer.objects.create(
        complaint=complaint,
        kind=kind,
        officer=actor,
        unit_id=complaint.unit_id,
        outcome=outcome,
        body=body,
        legal_basis=legal_basis,
        refusal_reason=refusal_reason,
        remedy=remedy,
        answered_at=now,
        due_at=due_at,
        on_time=now <= due_at,
        working_days_taken=days_on_the_clock(now),
    )
    _store_attachments(
        complaint=complaint,
        files=attachments,
        kinds=kinds,
        uploaded_by=actor,
        at=now,
        answer=answer,
    )
    return answer


@transaction.atomic
def answer_complaint(
    *,
    actor: User,
    complaint: Complaint,
    outcome: Outcome,
    body: str,
    legal_basis: str,
    refusal_reason: str = "",
    remedy: str = "",
    attachments: Sequence[UploadedFile[Any]] = (),
) -> Answer:
    """Answer the case. A refusal must state its reason and the remedy available."""
    _lock(complaint)
    rules.may_answer(actor, complaint).require()
    answer = _write_answer(
        complaint=complaint,
        actor=actor,
        kind=AnswerKind.FIRST,
        due_at=complaint.due_at,
        days_on_the_clock=lambda answered_at: days_taken(complaint, answered_at),
        outcome=outcome,
        body=body,
        legal_basis=legal_basis,
        refusal_reason=refusal_reason,
        remedy=remedy,
        attachments=attachments,
    )
    now = answer.answered_at
    complaint.status = Status.ANSWERED
    complaint.answered_at = now
    _save(complaint, "status", "answered_at")
    index_complaint(complaint)
    _cancel_pending_extension(complaint, now)
    _step(
        complaint,
        EventKind.ANSWERED,
        AuditAction.COMPLAINT_ANSWERED,
        actor=actor,
        at=now,
        officer=actor,
        detail={"outcome": outcome, "on_time": answer.on_time},
        audit_detail={
            "outcome": outcome,
            "on_time": answer.on_time,
            "working_days": answer.working_days_taken,
            "attachments": len(attachments),
        },
    )
    _tell_citizens(complaint, messages.answered(complaint, outcome))
    return answer


@transaction.atomic
def answer_second_review(
    *,
    actor: User,
    complaint: Complaint,
    outcome: Outcome,
    body: str,
    legal_basis: str,
    refusal_reason: str = "",
    remedy: str = "",
    attachments: Sequence[UploadedFile[Any]] = (),
) -> Answer:
    """The reviewer's answer; the citizen may rate it, and that is the last word."""
    _lock(complaint)
    review = SecondReview.objects.select_related("first_answer").filter(complaint=complaint).first()
    rules.may_answer_second_review(actor, complaint, review=review).require()
    assert review is not None  # the verdict refuses without one
    answer = _write_answer(
        complaint=complaint,
        actor=actor,
        kind=AnswerKind.SECOND_REVIEW,
        due_at=review.due_at,
        days_on_the_clock=lambda answered_at: review_days_taken(
            review.opened_at,
            review.period_days,
            answered_at,
            calendar=calendar_for(complaint.agency_id),
        ),
        outcome=outcome,
        body=body,
        legal_basis=legal_basis,
        refusal_reason=refusal_reason,
        remedy=remedy,
        attachments=attachments,
    )
    now = answer.answered_at
    review.answer = answer
    review.save(update_fields=["answer"])
    complaint.status = Status.ANSWERED
    _save(complaint, "status")
    index_complaint(complaint)
    _step(
        complaint,
        EventKind.SECOND_REVIEW_ANSWERED,
        AuditAction.COMPLAINT_SECOND_REVIEW_ANSWERED,
        actor=actor,
        at=now,
        officer=actor,
        detail={"outcome": outcome, "on_time": answer.on_time},
    )
    _tell_citizens(complaint, messages.second_review_answered(complaint, outcome))
    return answer


@transaction.atomic
def close_as_repeat(*, actor: User, complaint: Complaint, explanation: str) -> None:
    """Close a complaint whose content the same citizen had answered twice already."""
    _lock(complaint)
    rules.may_close_as_repeat(actor, complaint).require()
    explanation = _required_text(
        explanation,
        _("Explain which earlier answers this complaint repeats."),
        field="explanation",
    )
    now = timezone.now()
    complaint.status = Status.CLOSED
    complaint.closure_reason = ClosureReason.REPEAT
    complaint.closed_at = now
    complaint.repeat_closed_at = now
    _save(complaint, "status", "closure_reason", "closed_at", "repeat_closed_at")
    _cancel_pending_extension(complaint, now)
    _step(
        complaint,
        EventKind.CLOSED,
        AuditAction.COMPLAINT_CLOSED_AS_REPEAT,
        actor=actor,
        at=now,
        officer=actor,
        public_note=explanation,
        detail={"reason": ClosureReason.REPEAT},
        audit_detail={},
    )
    _tell_citizens(complaint, messages.closed_as_repeat(complaint, explanation))


# ---- background ------------------------------------------------------------------


@transaction.atomic
def send_progress_notice(*, complaint_id: int) -> bool:
    """Tell the citizens of a case open for 30 days where it stands; once per case.

    Run by the background job, so there is no actor to check. Returns whether
    a notice went out (False when another run sent it first, or the case moved on).
    """
    complaint = Complaint.objects.select_for_update().filter(pk=complaint_id).first()
    now = timezone.now()
    if complaint is None:
        return False
    if complaint.progress_notice_sent_at is not None:
        return False
    if complaint.status not in OPEN_STATUSES:
        return False
    if complaint.received_at > now - PROGRESS_NOTICE_AFTER:
        return False
    complaint.progress_notice_sent_at = now
    _save(complaint, "progress_notice_sent_at")
    days_open = (now - complaint.received_at).days
    _step(
        complaint,
        EventKind.PROGRESS_NOTICE,
        AuditAction.COMPLAINT_PROGRESS_NOTICE_SENT,
        actor=None,
        at=now,
        detail={"days_open": days_open, "status": complaint.status},
        audit_detail={"days_open": days_open},
    )
    _tell_citizens(complaint, messages.progress_notice(complaint, days_open))
    return True


# Cases moved in one transaction when the calendar changes: small enough to
# keep row locks short, large enough that a nationwide holiday is not a
# million transactions.
DEADLINE_BATCH = 500


def move_deadlines(change: CalendarChange) -> int:
    """Recount the deadlines a declared or withdrawn closure affects; returns how many moved.

    Only open cases received before the end of that day whose deadline runs
    past its start (or whose clock stands still) can move. Each moved case
    gets a timeline step naming the closure, its audit event and a notice.
    Registered with the clock (``calendar.keep_deadlines``) and run by the
    background job that follows the change.
    """
    zone = OfficeHours.from_settings().zone
    start = datetime.datetime.combine(change.day, datetime.time(0), tzinfo=zone)
    end = start + datetime.timedelta(days=1)
    affected = Complaint.objects.open().filter(received_at__lt=end)
    if change.agency_id is not None:
        affected = affected.filter(agency_id=change.agency_id)
    affected = affected.filter(Q(due_at__gt=start) | Q(status=Status.AWAITING_SUPPLEMENT))
    ids = list(affected.order_by("pk").values_list("pk", flat=True))
    calendars: dict[int, WorkingCalendar] = {}
    moved = 0
    for first in range(0, len(ids), DEADLINE_BATCH):
        moved += _move_deadlines(ids[first : first + DEADLINE_BATCH], change, calendars)
    return moved


@transaction.atomic
def _move_deadlines(
    ids: list[int], change: CalendarChange, calendars: dict[int, WorkingCalendar]
) -> int:
    moved = 0
    now = timezone.now()
    # Locked by their own rows only: the related rows are read after, unlocked.
    locked = list(Complaint.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for complaint in locked:
        if not complaint.is_open:
            continue
        calendar = calendars.get(complaint.agency_id)
        if calendar is None:
            calendar = calendars[complaint.agency_id] = calendar_for(
                complaint.agency_id, fresh=True
            )
        before = complaint.due_at
        after = stored_due_at(complaint, calendar=calendar)
        if after == before:
            continue
        complaint.due_at = after
        _save(complaint, "due_at")
        if complaint.status == Status.SECOND_REVIEW:
            SecondReview.objects.filter(complaint=complaint).update(due_at=after)
        detail: dict[str, Any] = {
            "closure": change.reference,
            "day": change.day.isoformat(),
            "nationwide": change.agency_id is None,
            "withdrawn": change.withdrawn,
        }
        _step(
            complaint,
            EventKind.DEADLINE_MOVED,
            AuditAction.COMPLAINT_DEADLINE_MOVED,
            actor=None,
            at=now,
            detail={
                **detail,
                "name_en": change.closure.name_en,
                "name_ko": change.closure.name_ko,
                "name_id": change.closure.name_id,
            },
            audit_detail={**detail, "from": before.isoformat(), "to": after.isoformat()},
        )
        _tell_citizens(complaint, messages.deadline_moved(complaint, change))
        moved += 1
    return moved


@transaction.atomic
def refresh_statistics() -> int:
    """Rebuild ComplaintStatistics from grouped aggregate queries; returns the row count.

    Sums, not averages, come from the database, so an agency's row is the
    exact total of its units' rows. Not audited: the table is derived from
    audited data and rebuilt every hour, and an event per rebuild would bury
    the events that matter. Readers see the old rows until this commits.
    """
    now = timezone.now()
    received = {
        row["unit_id"]: row["count"]
        for row in Complaint.objects.values("unit_id").annotate(count=Count("id")).order_by()
    }
    answered = {
        row["unit_id"]: row
        for row in Answer.objects.filter(kind=AnswerKind.FIRST)
        .values("unit_id")
        .annotate(
            count=Count("id"),
            on_time=Count("id", filter=Q(on_time=True)),
            days=Sum("working_days_taken"),
        )
        .order_by()
    }
    rated = {
        row["unit_id"]: row
        for row in Answer.objects.filter(score__isnull=False)
        .values("unit_id")
        .annotate(count=Count("id"), total=Sum("score"))
        .order_by()
    }
    reviews = {
        row["first_answer__unit_id"]: row["count"]
        for row in SecondReview.objects.values("first_answer__unit_id")
        .annotate(count=Count("id"))
        .order_by()
    }
    unit_ids = set(received) | set(answered) | set(rated) | set(reviews)
    agency_of = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "agency_id"))

    totals: dict[tuple[int, int | None], dict[str, int]] = {}
    for unit_id in unit_ids:
        figures = {
            "received": received.get(unit_id, 0),
            "answered": answered[unit_id]["count"] if unit_id in answered else 0,
            "on_time": answered[unit_id]["on_time"] if unit_id in answered else 0,
            "days": (answered[unit_id]["days"] or 0) if unit_id in answered else 0,
            "ratings": rated[unit_id]["count"] if unit_id in rated else 0,
            "score": (rated[unit_id]["total"] or 0) if unit_id in rated else 0,
            "reviews": reviews.get(unit_id, 0),
        }
        agency_id = agency_of[unit_id]
        totals[(agency_id, unit_id)] = figures
        agency_total = totals.setdefault((agency_id, None), dict.fromkeys(figures, 0))
        for key, value in figures.items():
            agency_total[key] += value

    def ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    rows = [
        ComplaintStatistics(
            agency_id=agency_id,
            unit_id=unit_id,
            received=figures["received"],
            answered=figures["answered"],
            answered_on_time=figures["on_time"],
            on_time_rate=ratio(figures["on_time"], figures["answered"]),
            average_working_days=ratio(figures["days"], figures["answered"]),
            ratings=figures["ratings"],
            average_satisfaction=ratio(figures["score"], figures["ratings"]),
            second_reviews=figures["reviews"],
            second_review_rate=ratio(figures["reviews"], figures["answered"]),
            refreshed_at=now,
        )
        for (agency_id, unit_id), figures in totals.items()
    ]
    ComplaintStatistics.objects.all().delete()
    ComplaintStatistics.objects.bulk_create(rows)
    return len(rows)


# ---- filing for a person with no account ----------------------------------------------
#
# The Civil Petitions Treatment Act lets a petition be made orally or by phone
# (art. 8, proviso) and asks the agency to help those who find it hard to
# apply (art. 11). The person's consent to the collection and use of their
# name and contact details is recorded first (Personal Information Protection
# Act art. 15(1) item 1).


def _code_hash(purpose: str, code: str) -> str:
    return salted_hmac(f"egov.complaints.{purpose}", code.strip().upper()).hexdigest()


def _new_access_code() -> str:
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


@dataclass(frozen=True)
class FiledWithoutAccount:
    complaint: Complaint
    # Shown once, on the printed receipt; only its hash is kept.
    access_code: str


@transaction.atomic
def file_without_account(
    *,
    officer: User,
    name: str,
    phone: str = "",
    postal_address: str = "",
    language: str,
    consent: bool,
    channel: Channel,
    type: ComplaintType,
    category: Category,
    district: District | None = None,
    agency: Agency | None = None,
    title: str,
    body: str,
    location_text: str = "",
    answer_by_post: bool = False,
) -> FiledWithoutAccount:
    """File for a person with no account: a record-only account, the case, its access code.

    The person is told of each step by text message when they gave a phone
    (the platform's SMS channel; never by email), and answered by post when
    they gave only a postal address or asked for it.
    """
    rules.require(rules.can_file_on_behalf(officer))
    if not consent:
        raise ValidationError(
            {"consent": _("Ask for the person's consent and record it before filing.")},
            code="consent",
        )
    name = _required_text(name, _("Enter the person's name."), field="name")
    phone = phone.strip()
    postal_address = postal_address.strip()
    if not phone and not postal_address:
        raise ValidationError(
            {"phone": _("Enter a phone number or a postal address: the answer goes there.")},
            code="contact",
        )
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose the person's language.")}, code="language")
    now = timezone.now()
    person = create_user(
        actor=officer,
        email=f"{secrets.token_hex(12)}@{NO_ACCOUNT_DOMAIN}",
        password=None,
        name=name[:NAME_MAX_LENGTH],
        phone=phone,
        preferred_language=language,
        email_confirmed=False,
        address=postal_address,
    )
    # Never email (the address receives nothing); texts when there is a phone.
    notification_actions.set_preferences(
        user=person, email=EmailChoice.OFF, sms=bool(phone) and sms.available()
    )
    complaint = submit_complaint(
        citizen=person,
        filed_by=officer,
        channel=channel,
        type=type,
        category=category,
        agency=agency,
        district=district,
        title=title,
        body=body,
        location_text=location_text,
        is_public=False,
    )
    code = _new_access_code()
    OfflineFiling.objects.create(
        complaint=complaint,
        consent_recorded_by=officer,
        consent_at=now,
        answer_by_post=answer_by_post or not phone,
        access_code_hash=_code_hash("access", code),
    )
    audit.record(
        actor=officer,
        action=AuditAction.COMPLAINT_FILED_WITHOUT_ACCOUNT,
        subject=complaint,
        detail={
            "person": person.pk,
            "phone": bool(phone),
            "postal_address": bool(postal_address),
            "answer_by_post": answer_by_post or not phone,
            "consent_at": now.isoformat(),
        },
    )
    return FiledWithoutAccount(complaint, code)


@transaction.atomic
def follow_with_access_code(*, receipt_number: str, access_code: str) -> Complaint | None:
    """The complaint filed without an account that this receipt number and code open, or None.

    The view limits how often an address and a receipt number may try.
    """
    filing = (
        OfflineFiling.objects.filter(complaint__receipt_number=receipt_number.strip().upper())
        .select_related("complaint")
        .first()
    )
    if filing is None or filing.claimed_at is not None:
        return None
    if not constant_time_compare(filing.access_code_hash, _code_hash("access", access_code)):
        return None
    audit.record(
        actor=None,
        action=AuditAction.COMPLAINT_FOLLOWED,
        subject=filing.complaint,
        detail={"receipt_number": filing.complaint.receipt_number},
    )
    return filing.complaint


def _claimable(receipt_number: str) -> OfflineFiling:
    filing = (
        OfflineFiling.objects.select_for_update()
        .filter(complaint__receipt_number=receipt_number.strip().upper())
        .select_related("complaint__citizen")
        .first()
    )
    if filing is None or filing.claimed_at is not None or not filing.complaint.citizen.phone:
        raise ValidationError(
            {
                "receipt_number": _(
                    "This receipt number cannot be claimed here: only a complaint filed for "
                    "you at a counter or by phone, with your phone number, can be."
                )
            },
            code="not_claimable",
        )
    return filing


@transaction.atomic
def send_claim_code(*, claimant: User, receipt_number: str) -> None:
    """Text a one-time code to the phone the complaint was filed with."""
    rules.require(rules.can_submit(claimant))
    filing = _claimable(receipt_number)
    now = timezone.now()
    if (
        filing.claim_code_sent_at is not None
        and (now - filing.claim_code_sent_at).total_seconds() < CLAIM_CODE_RESEND_SECONDS
    ):
        raise ValidationError(
            {
                "receipt_number": _(
                    "A code was sent a moment ago. Wait a minute before asking again."
                )
            },
            code="too_soon",
        )
    code = "".join(secrets.choice("0123456789") for _ in range(CLAIM_CODE_LENGTH))
    filing.claim_code_hash = _code_hash("claim", code)
    filing.claim_code_sent_at = now
    filing.claim_attempts = 0
    filing.save(update_fields=["claim_code_hash", "claim_code_sent_at", "claim_attempts"])
    phone = filing.complaint.citizen.phone
    body = messages.claim_code_text(filing.complaint, code, minutes=CLAIM_CODE_MINUTES)
    transaction.on_commit(partial(sms.send_text, to=phone, body=body))
    audit.record(
        actor=claimant,
        action=AuditAction.COMPLAINT_CLAIM_CODE_SENT,
        subject=filing.complaint,
        detail={"receipt_number": filing.complaint.receipt_number},
    )


@transaction.atomic
def claim_complaint(*, claimant: User, receipt_number: str, code: str) -> Complaint:
    """Move a complaint filed without an account into the claimant's account."""
    rules.require(rules.can_submit(claimant))
    filing = _claimable(receipt_number)
    now = timezone.now()
    expired = filing.claim_code_sent_at is None or (
        now - filing.claim_code_sent_at
    ) > datetime.timedelta(minutes=CLAIM_CODE_MINUTES)
    if expired or filing.claim_attempts >= CLAIM_CODE_ATTEMPTS or not filing.claim_code_hash:
        raise ValidationError(
            {"code": _("This code is no longer valid. Ask for a new code.")}, code="expired"
        )
    if not constant_time_compare(filing.claim_code_hash, _code_hash("claim", code)):
        filing.claim_attempts += 1
        filing.save(update_fields=["claim_attempts"])
        raise ValidationError(
            {"code": _("That is not the code we sent. Check the text message and try again.")},
            code="wrong_code",
        )
    complaint = filing.complaint
    person = complaint.citizen
    _lock(complaint)
    complaint.citizen = claimant
    _save(complaint, "citizen")
    # The case page names its author: the cached record must be drawn again.
    Complaint.objects.filter(pk=complaint.pk).update(revision=F("revision") + 1)
    filing.claimed_at = now
    filing.claim_code_hash = ""
    filing.save(update_fields=["claimed_at", "claim_code_hash"])
    audit.record(
        actor=claimant,
        action=AuditAction.COMPLAINT_CLAIMED,
        subject=complaint,
        detail={"from_person": person.pk},
    )
    return complaint


# ---- surges and what came of them -------------------------------------------------------


def refresh_surges(*, now: datetime.datetime | None = None) -> int:
    """Find the surges of the last full week (surges.py); returns how many there are.

    One grouped count over two weeks of receipts (``complaint_surge_idx``),
    then a handful of writes, whatever the number of complaints. A surge of
    the current week keeps its row (and id) and gets the new counts; rows of
    earlier weeks, and of pairs that no longer surge, go. Complaints about no
    district count nowhere. Not audited, like ``refresh_statistics``: derived
    from audited data and rebuilt every hour.
    """
    now = now or timezone.now()
    weeks = weeks_before(now)
    counted = (
        Complaint.objects.filter(received_at__gte=weeks.starts, received_at__lt=weeks.ends)
        .exclude(district_code="")
        .values("agency_id", "category_id", "district_code")
        .annotate(
            this_week=Count("id", filter=Q(received_at__gte=weeks.middle)),
            last_week=Count("id", filter=Q(received_at__lt=weeks.middle)),
        )
        .order_by()
    )
    found = {
        (row["agency_id"], row["category_id"], row["district_code"]): (
            row["this_week"],
            row["last_week"],
        )
        for row in counted
        if is_surge(row["this_week"], row["last_week"])
    }
    with transaction.atomic():
        Surge.objects.exclude(week_start=weeks.this_week).delete()
        kept: list[Surge] = []
        gone: list[int] = []
        for surge in Surge.objects.select_for_update():
            figures = found.pop((surge.agency_id, surge.category_id, surge.district_code), None)
            if figures is None:
                gone.append(surge.pk)
                continue
            surge.this_week, surge.last_week = figures
            surge.refreshed_at = now
            kept.append(surge)
        Surge.objects.filter(pk__in=gone).delete()
        Surge.objects.bulk_update(kept, ["this_week", "last_week", "refreshed_at"])
        Surge.objects.bulk_create(
            Surge(
                agency_id=agency_id,
                category_id=category_id,
                district_code=district_code,
                week_start=weeks.this_week,
                this_week=this_week,
                last_week=last_week,
                refreshed_at=now,
            )
            for (agency_id, category_id, district_code), (this_week, last_week) in found.items()
        )
    return len(kept) + len(found)


def _case_pages_changed(complaint_ids: list[int]) -> None:
    """What the case pages show moved: their cached records and public pages go."""
    Complaint.objects.filter(pk__in=complaint_ids).update(revision=F("revision") + 1)
    public = list(
        Complaint.objects.filter(pk__in=complaint_ids, is_public=True).values_list(
            "receipt_number", flat=True
        )
    )
    for receipt_number in public:
        transaction.on_commit(partial(forget_public_page, receipt_number))


@transaction.atomic
def follow_up_surge(
    *,
    actor: User,
    surge: Surge,
    kind: FollowUpKind,
    reference: int,
    title: str,
    path: str,
) -> FollowUp:
    """Link the complaints behind a surge to the consultation or review opened from it.

    The case pages of those complaints show it ("What came of it"), so their
    revision moves; each complainant is told once, however many of their
    complaints the surge counted.
    """
    rules.require(rules.can_act_on_surge(actor, surge))
    cleaned = title.strip()[:FOLLOW_UP_TITLE_MAX_LENGTH]
    follow_up = FollowUp.objects.create(
        kind=kind,
        reference=reference,
        title=cleaned,
        path=path,
        agency_id=surge.agency_id,
        category_id=surge.category_id,
        district_code=surge.district_code,
        week_start=surge.week_start,
        this_week=surge.this_week,
        last_week=surge.last_week,
        opened_by=actor,
        opened_at=timezone.now(),
    )
    behind = list(surge_complaints(surge).values_list("pk", "citizen_id"))
    complaint_ids = [pk for pk, _citizen in behind]
    follow_up.complaints.add(*complaint_ids)
    _case_pages_changed(complaint_ids)
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINTS_FOLLOWED_UP,
        subject=follow_up,
        detail={
            "kind": str(kind),
            "reference": reference,
            "surge": surge.pk,
            "complaints": len(complaint_ids),
            "this_week": surge.this_week,
            "last_week": surge.last_week,
        },
    )
    citizens = User.objects.filter(pk__in={citizen for _pk, citizen in behind})
    notifications.on_commit(list(citizens), messages.followed_up(follow_up), url=path)
    return follow_up


@transaction.atomic
def record_follow_up_outcome(
    *, actor: User, kind: FollowUpKind, reference: int, outcome: str
) -> FollowUp | None:
    """The review's decision, shown on the complaints' pages; None when it came from no surge."""
    follow_up = FollowUp.objects.select_for_update().filter(kind=kind, reference=reference).first()
    if follow_up is None:
        return None
    follow_up.outcome = FollowUpOutcome(outcome)
    follow_up.decided_at = timezone.now()
    follow_up.save(update_fields=["outcome", "decided_at"])
    behind = list(follow_up.complaints.values_list("pk", "citizen_id"))
    _case_pages_changed([pk for pk, _citizen in behind])
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINTS_FOLLOW_UP_DECIDED,
        subject=follow_up,
        detail={"kind": str(kind), "reference": reference, "outcome": follow_up.outcome},
    )
    citizens = User.objects.filter(pk__in={citizen for _pk, citizen in behind})
    notifications.on_commit(
        list(citizens), messages.follow_up_decided(follow_up), url=follow_up.path
    )
    return follow_up
