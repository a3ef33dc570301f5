"""Every write to participation.

Each action owns its transaction: it reloads what it changes under a row
lock, asks rules.py whether this person may take the step now, checks the
input, writes, records exactly one audit event, and queues its notifications
(sent after the transaction commits).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egov import audit, notifications
from egov.accounts.models import User
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency
from egov.audit.models import AuditAction
from egov.lib import surges
from egov.lib.calendar import calendar_days_due
from egov.lib.files import display_name, validate_attachments
from egov.lib.redaction import redact
from egov.lib.regions import District
from egov.participation import messages, rules
from egov.participation.limits import (
    AWARD_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    DEFAULT_REVIEW_DAYS,
    FEEDBACK_COMMENT_MAX_LENGTH,
    FEEDBACK_PATH_MAX_LENGTH,
    MAX_OPTIONS,
    MAX_REVIEW_DAYS,
    MILESTONE_MAX_LENGTH,
    MIN_OPTIONS,
    OPTION_MAX_LENGTH,
    PETITION_BODY_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RESPONSE_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    SUPPORTERS_BEFORE_MODERATION,
    TITLE_MAX_LENGTH,
)
from egov.participation.models import (
    DECISIONS,
    AgeBand,
    Award,
    Comment,
    Consultation,
    ConsultationOption,
    Milestone,
    PageFeedback,
    Petition,
    PetitionStatus,
    Proposal,
    ProposalAttachment,
    ProposalStatus,
    RejectionReason,
    Report,
    ReportKind,
    ReportOutcome,
    ReviewPeriod,
    ServiceRating,
    Signature,
    Vote,
)
from egov.participation.search import index_proposal

# ---- helpers ------------------------------------------------------------------


def _text(value: str, *, field: str, max_length: int, required: bool = True) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: _("Write at most %(max)d characters.") % {"max": max_length}},
            code="too_long",
        )
    return cleaned


def _locked(model: Any, pk: int) -> Any:
    return model.objects.select_for_update().get(pk=pk)


def threshold(name: str) -> int:
    """A petition setting (settings.PETITION_*), read when used so that tests can change it."""
    value: int = getattr(settings, name)
    return value


# ---- proposals ------------------------------------------------------------------


def review_days(agency: Agency) -> int:
    """The agency's own review period, else the regulation's 30 days (art. 10(1))."""
    own = ReviewPeriod.objects.filter(agency=agency).values_list("days", flat=True).first()
    return own or DEFAULT_REVIEW_DAYS


@transaction.atomic
def set_review_period(*, actor: User, agency: Agency, days: int) -> ReviewPeriod:
    rules.require(rules.agency_of(actor) == agency.pk and actor.role == "agency_admin")
    if not 1 <= days <= MAX_REVIEW_DAYS:
        raise ValidationError(
            {
                "days": _("A review period is between 1 and %(max)d days.")
                % {"max": MAX_REVIEW_DAYS}
            },
            code="days_range",
        )
    period, _created = ReviewPeriod.objects.update_or_create(agency=agency, defaults={"days": days})
    audit.record(
        actor=actor,
        action=AuditAction.PROPOSAL_REVIEW_PERIOD_SET,
        subject=period,
        detail={"agency": agency.pk, "days": days},
    )
    return period


@transaction.atomic
def submit_proposal(
    *,
    proposer: User,
    agency: Agency,
    title: str,
    problem: str,
    current_situation: str,
    proposed_change: str,
    expected_effect: str,
    is_public: bool,
    attachments: Sequence[UploadedFile[Any]] = (),
) -> Proposal:
    rules.require(rules.can_propose(proposer))
    kinds = validate_attachments(list(attachments))
    now = timezone.now()
    due = calendar_days_due(now, review_days(agency), calendar_for(agency.pk))
    proposal = Proposal.objects.create(
        proposer=proposer,
        agency=agency,
        title=_text(title, field="title", max_length=TITLE_MAX_LENGTH),
        problem=_text(problem, field="problem", max_length=SECTION_MAX_LENGTH),
        current_situation=_text(
            current_situation, field="current_situation", max_length=SECTION_MAX_LENGTH
        ),
        proposed_change=_text(
            proposed_change, field="proposed_change", max_length=SECTION_MAX_LENGTH
        ),
        expected_effect=_text(
            expected_effect, field="expected_effect", max_length=SECTION_MAX_LENGTH
        ),
        is_public=is_public,
        received_at=now,
        due_at=due.at,
    )
    for file, kind in zip(attachments, kinds, strict=True):
        ProposalAttachment.objects.create(
            proposal=proposal,
            original_name=display_name(file.name),
            content_type=kind.content_type,
            extension=kind.extension,
            size=file.size or 0,
            file=file,
            uploaded_at=now,
        )
    index_proposal(proposal)
    audit.record(
        actor=proposer,
        action=AuditAction.PROPOSAL_SUBMITTED,
        subject=proposal,
        detail={"agency": agency.pk, "public": is_public, "attachments": len(kinds)},
    )
    notifications.on_commit(
        [proposer],
        messages.proposal_received(proposal, due),
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def decide_proposal(
    *, actor: User, proposal: Proposal, outcome: ProposalStatus, reason: str
) -> Proposal:
    proposal = _locked(Proposal, proposal.pk)
    rules.may_decide(actor, proposal).require()
    if outcome not in DECISIONS:
        raise ValidationError({"outcome": _("Choose a decision.")}, code="outcome")
    proposal.status = outcome
    # Every decision gives reasons; one that is not adopted says why, so the
    # proposer can improve it and propose again.
    proposal.decision_reason = _text(reason, field="reason", max_length=REASON_MAX_LENGTH)
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save(update_fields=["status", "decision_reason", "decided_at", "decided_by"])
    audit.record(
        actor=actor,
        action=AuditAction.PROPOSAL_DECIDED,
        subject=proposal,
        detail={"outcome": str(outcome), "on_time": proposal.decided_at <= proposal.due_at},
    )
    source = surges.source()
    if source is not None:
        # A policy review opened from a surge shows its outcome on the complaints' pages.
        source.decided(
            actor=actor,
            kind=surges.FollowUpKind.POLICY_REVIEW,
            reference=proposal.pk,
            outcome=str(outcome),
        )
    notifications.on_commit(
        [proposal.proposer], messages.proposal_decided(proposal), url=proposal.get_absolute_url()
    )
    return proposal


@transaction.atomic
def add_milestone(
    *, actor: User, proposal: Proposal, title: str, due_on: datetime.date
) -> Milestone:
    proposal = _locked(Proposal, proposal.pk)
    rules.may_follow_up(actor, proposal).require()
    milestone = Milestone.objects.create(
        proposal=proposal,
        title=_text(title, field="title", max_length=MILESTONE_MAX_LENGTH),
        due_on=due_on,
        added_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.PROPOSAL_MILESTONE_ADDED,
        subject=proposal,
        detail={"milestone": milestone.pk, "due_on": due_on.isoformat()},
    )
    notifications.on_commit(
        [proposal.proposer], messages.milestone_added(milestone), url=proposal.get_absolute_url()
    )
    return milestone


@transaction.atomic
def complete_milestone(*, actor: User, milestone: Milestone, done_on: datetime.date) -> Milestone:
    milestone = _locked(Milestone, milestone.pk)
    proposal = milestone.proposal
    rules.may_follow_up(actor, proposal).require()
    if milestone.done_on is not None:
        raise ValidationError(_("This step is done already."), code="done")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A step cannot be done in the future.")}, code="future")
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    audit.record(
        actor=actor,
        action=AuditAction.PROPOSAL_MILESTONE_DONE,
        subject=proposal,
        detail={"milestone": milestone.pk, "done_on": done_on.isoformat()},
    )
    notifications.on_commit(
        [proposal.proposer], messages.milestone_done(milestone), url=proposal.get_absolute_url()
    )
    return milestone


@transaction.atomic
def record_award(
    *, actor: User, proposal: Proposal, description: str, amount: int, awarded_on: datetime.date
) -> Award:
    proposal = _locked(Proposal, proposal.pk)
    rules.may_follow_up(actor, proposal).require()
    if amount < 0:
        raise ValidationError({"amount": _("An amount cannot be negative.")}, code="amount")
    award = Award.objects.create(
        proposal=proposal,
        description=_text(description, field="description", max_length=AWARD_MAX_LENGTH),
        amount=amount,
        awarded_on=awarded_on,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.PROPOSAL_AWARDED,
        subject=proposal,
        detail={"award": award.pk, "amount": amount},
    )
    notifications.on_commit(
        [proposal.proposer],
        messages.awarded(proposal, award.description),
        url=proposal.get_absolute_url(),
    )
    return award


# ---- petitions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Counted:
    """The petition as the signature's count left it, read under its row lock."""

    count: int
    status: str
    response_threshold_reached: bool
    hearing_threshold_reached: bool


def _add_signature(
    petition: Petition,
    signer: User,
    district: District,
    show_name: bool,
    *,
    now: datetime.datetime,
) -> _Counted:
    """Insert the signature and count it, in two statements and no savepoint.

    The insert skips a second signature by the same account (the unique
    constraint decides, whatever two requests do at the same moment). The
    count's UPDATE takes the petition's row lock until the transaction ends,
    re-reads the status under it, and counts only while the petition takes
    signatures: a petition closed or sent to moderation a moment earlier
    refuses the signature, and the caller's transaction takes the insert back.
    Nothing locks the petition before: the slow part of a signature runs side
    by side with the others, and only these two statements and the audit
    event take turns.
    """
    signatures = connection.ops.quote_name(Signature._meta.db_table)
    petitions = connection.ops.quote_name(Petition._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {signatures} "  # noqa: S608 - table names from the models
            "(petition_id, signer_id, show_name, district, province, signed_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (petition_id, signer_id) DO NOTHING RETURNING id",
            [
                petition.pk,
                signer.pk,
                show_name,
                district.code,
                district.province.code,
                connection.ops.adapt_datetimefield_value(now),
            ],
        )
        if cursor.fetchone() is None:
            raise ValidationError(
                _("You have signed this petition already."), code="signed_already"
            )
        cursor.execute(
            f"UPDATE {petitions} SET signature_count = signature_count + 1 "  # noqa: S608
            "WHERE id = %s AND status IN (%s, %s) AND (closes_at IS NULL OR closes_at > %s) "
            "RETURNING signature_count, status, "
            # The moments themselves: SQLite 3.40 answers "IS NOT NULL" wrongly in RETURNING.
            "response_threshold_at, hearing_threshold_at",
            [
                petition.pk,
                PetitionStatus.GATHERING_SUPPORT,
                PetitionStatus.OPEN,
                connection.ops.adapt_datetimefield_value(now),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        raise ValidationError(_("This petition is not open for signatures."), code="not_open")
    return _Counted(int(row[0]), str(row[1]), row[2] is not None, row[3] is not None)


@transaction.atomic
def start_petition(
    *,
    author: User,
    agency: Agency,
    title: str,
    body: str,
    district: District,
    show_name: bool,
) -> Petition:
    rules.require(rules.can_start_petition(author))
    petition = Petition.objects.create(
        author=author,
        agency=agency,
        title=_text(title, field="title", max_length=TITLE_MAX_LENGTH),
        body=_text(body, field="body", max_length=PETITION_BODY_MAX_LENGTH),
        created_at=timezone.now(),
    )
    # The author is the first supporter.
    petition.signature_count = _add_signature(
        petition, author, district, show_name, now=petition.created_at
    ).count
    audit.record(
        actor=author,
        action=AuditAction.PETITION_STARTED,
        subject=petition,
        detail={"agency": agency.pk},
    )
    return petition


@transaction.atomic
def sign_petition(
    *, signer: User, petition: Petition, district: District, show_name: bool
) -> Petition:
    """One signature, counted at once (the count is never behind).

    The signature, the count and the thresholds are one step: the count's
    UPDATE holds the petition's row while the thresholds are checked, so two
    signers never both cross one (see _add_signature for why nothing locks the
    petition before).
    """
    now = timezone.now()
    if not rules.may_sign(signer, petition, now=now).allowed:
        # The caller's copy may be older than the petition: ask again of a fresh one.
        # A copy that allows too much is caught by the count's UPDATE, which
        # re-reads the status and the closing time under the row lock.
        petition = Petition.objects.get(pk=petition.pk)
        rules.may_sign(signer, petition, now=now).require()
    counted = _add_signature(petition, signer, district, show_name, now=now)
    petition.signature_count = counted.count
    petition.status = counted.status
    changed: list[str] = []
    if (
        counted.status == PetitionStatus.GATHERING_SUPPORT
        and counted.count >= SUPPORTERS_BEFORE_MODERATION
    ):
        petition.status = PetitionStatus.AWAITING_MODERATION
        changed.append("status")
    if counted.status == PetitionStatus.OPEN:
        if not counted.response_threshold_reached and counted.count >= threshold(
            "PETITION_RESPONSE_THRESHOLD"
        ):
            petition.response_threshold_at = now
            due = calendar_days_due(
                now, threshold("PETITION_RESPONSE_DAYS"), calendar_for(petition.agency_id)
            )
            petition.response_due_at = due.at
            changed += ["response_threshold_at", "response_due_at"]
        if not counted.hearing_threshold_reached and counted.count >= threshold(
            "PETITION_HEARING_THRESHOLD"
        ):
            petition.hearing_threshold_at = now
            changed.append("hearing_threshold_at")
    if changed:
        petition.save(update_fields=changed)
    audit.record(
        actor=signer,
        action=AuditAction.PETITION_SIGNED,
        subject=petition,
        detail={"count": counted.count, "status": str(petition.status)},
    )
    return petition


@transaction.atomic
def publish_petition(*, actor: User, petition: Petition) -> Petition:
    petition = _locked(Petition, petition.pk)
    rules.may_moderate(actor, petition).require()
    now = timezone.now()
    # Personal data in a public text is masked before publication (egov.lib.redaction).
    petition.title = redact(petition.title)
    petition.body = redact(petition.body)
    petition.status = PetitionStatus.OPEN
    petition.moderated_at = now
    petition.moderated_by = actor
    petition.opened_at = now
    petition.closes_at = now + datetime.timedelta(days=threshold("PETITION_OPEN_DAYS"))
    petition.save(
        update_fields=[
            "title",
            "body",
            "status",
            "moderated_at",
            "moderated_by",
            "opened_at",
            "closes_at",
        ]
    )
    audit.record(actor=actor, action=AuditAction.PETITION_PUBLISHED, subject=petition)
    notifications.on_commit(
        [petition.author], messages.petition_published(petition), url=petition.get_absolute_url()
    )
    return petition


@transaction.atomic
def reject_petition(
    *, actor: User, petition: Petition, reason: RejectionReason, note: str = ""
) -> Petition:
    petition = _locked(Petition, petition.pk)
    rules.may_moderate(actor, petition).require()
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason.")}, code="reason")
    petition.status = PetitionStatus.REJECTED
    petition.rejection_reason = reason
    # Published with the reason: masked of personal data like every public text.
    petition.rejection_note = redact(
        _text(note, field="note", max_length=REASON_MAX_LENGTH, required=False)
    )
    petition.moderated_at = timezone.now()
    petition.moderated_by = actor
    petition.save(
        update_fields=[
            "status",
            "rejection_reason",
            "rejection_note",
            "moderated_at",
            "moderated_by",
        ]
    )
    audit.record(
        actor=actor,
        action=AuditAction.PETITION_REJECTED,
        subject=petition,
        detail={"reason": reason},
    )
    notifications.on_commit(
        [petition.author], messages.petition_rejected(petition), url=petition.get_absolute_url()
    )
    return petition


@transaction.atomic
def respond_to_petition(*, actor: User, petition: Petition, response: str) -> Petition:
    petition = _locked(Petition, petition.pk)
    rules.may_respond(actor, petition).require()
    petition.response = _text(response, field="response", max_length=RESPONSE_MAX_LENGTH)
    petition.responded_at = timezone.now()
    petition.save(update_fields=["response", "responded_at"])
    on_time = petition.response_due_at is None or petition.responded_at <= petition.response_due_at
    audit.record(
        actor=actor,
        action=AuditAction.PETITION_RESPONDED,
        subject=petition,
        detail={"count": petition.signature_count, "on_time": on_time},
    )
    notifications.on_commit(
        [petition.author], messages.petition_responded(petition), url=petition.get_absolute_url()
    )
    return petition


def close_due_petitions(*, now: datetime.datetime | None = None) -> int:
    """Close every open petition whose period has run out; each closing is audited."""
    now = now or timezone.now()
    closed = 0
    due = Petition.objects.filter(status=PetitionStatus.OPEN, closes_at__lte=now)
    for petition_id in list(due.values_list("pk", flat=True)[:1000]):
        with transaction.atomic():
            petition = _locked(Petition, petition_id)
            if petition.status != PetitionStatus.OPEN:
                continue
            petition.status = PetitionStatus.CLOSED
            petition.closed_at = now
            petition.save(update_fields=["status", "closed_at"])
            audit.record(
                actor=None,
                action=AuditAction.PETITION_CLOSED,
                subject=petition,
                detail={"count": petition.signature_count},
            )
            closed += 1
    return closed


# ---- consultations -------------------------------------------------------------------------


@transaction.atomic
def open_consultation(
    *,
    actor: User,
    question: str,
    description: str,
    options: Sequence[str],
    closes_at: datetime.datetime,
) -> Consultation:
    rules.require(rules.can_open_consultation(actor))
    agency_id = rules.agency_of(actor)
    assert agency_id is not None
    texts = [option.strip() for option in options if option.strip()]
    if not MIN_OPTIONS <= len(texts) <= MAX_OPTIONS or len(set(texts)) < len(texts):
        raise ValidationError(
            {
                "options": _("Give between %(min)d and %(max)d different options.")
                % {"min": MIN_OPTIONS, "max": MAX_OPTIONS}
            },
            code="options",
        )
    if any(len(text) > OPTION_MAX_LENGTH for text in texts):
        raise ValidationError(
            {
                "options": _("Write each option in at most %(max)d characters.")
                % {"max": OPTION_MAX_LENGTH}
            },
            code="option_length",
        )
    now = timezone.now()
    if closes_at <= now:
        raise ValidationError(
            {"closes_at": _("The closing date must be in the future.")}, code="past"
        )
    consultation = Consultation.objects.create(
        agency_id=agency_id,
        question=_text(question, field="question", max_length=QUESTION_MAX_LENGTH),
        description=_text(
            description, field="description", max_length=SECTION_MAX_LENGTH, required=False
        ),
        opened_by=actor,
        opened_at=now,
        closes_at=closes_at,
    )
    ConsultationOption.objects.bulk_create(
        ConsultationOption(consultation=consultation, text=text, position=position)
        for position, text in enumerate(texts, start=1)
    )
    audit.record(
        actor=actor,
        action=AuditAction.CONSULTATION_OPENED,
        subject=consultation,
        detail={"options": len(texts)},
    )
    return consultation


def age_band(date_of_birth: str, today: datetime.date) -> AgeBand:
    """The band of an ISO date of birth on ``today``; unknown when none is given."""
    try:
        born = datetime.date.fromisoformat(date_of_birth)
    except ValueError:
        return AgeBand.UNKNOWN
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < 20:
        return AgeBand.UNDER_20
    if age >= 60:
        return AgeBand.SIXTY_PLUS
    return AgeBand(["20s", "30s", "40s", "50s"][age // 10 - 2])


@transaction.atomic
def vote(
    *, voter: User, consultation: Consultation, option: ConsultationOption, district: District
) -> Vote:
    consultation = _locked(Consultation, consultation.pk)
    rules.may_vote(voter, consultation, now=timezone.now()).require()
    if option.consultation_id != consultation.pk:
        raise ValidationError({"option": _("Choose one of the options.")}, code="option")
    try:
        with transaction.atomic():
            cast = Vote.objects.create(
                consultation=consultation,
                option=option,
                voter=voter,
                province=district.province.code,
                age_band=age_band(voter.date_of_birth, timezone.localdate()),
                voted_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("You have voted in this consultation already."), code="voted"
        ) from None
    audit.record(actor=voter, action=AuditAction.CONSULTATION_VOTED, subject=consultation)
    return cast


@transaction.atomic
def comment(*, author: User, consultation: Consultation, body: str) -> Comment:
    rules.may_comment(author, consultation, now=timezone.now()).require()
    posted = Comment.objects.create(
        consultation=consultation,
        author=author,
        # Published at once, so personal data is masked before it is stored.
        body=redact(_text(body, field="body", max_length=COMMENT_MAX_LENGTH)),
        posted_at=timezone.now(),
    )
    audit.record(
        actor=author,
        action=AuditAction.CONSULTATION_COMMENTED,
        subject=consultation,
        detail={"comment": posted.pk},
    )
    return posted


# ---- "was this page useful?" -----------------------------------------------------------------


@transaction.atomic
def give_page_feedback(
    *, account: User | None, path: str, useful: bool, comment: str, language: str
) -> PageFeedback:
    if not path.startswith("/") or path.startswith("//") or len(path) > FEEDBACK_PATH_MAX_LENGTH:
        raise ValidationError({"path": _("This is not a page of this site.")}, code="path")
    feedback = PageFeedback.objects.create(
        path=path,
        useful=useful,
        # Comments are read by staff and may be published in summaries: masked from the start.
        comment=redact(
            _text(comment, field="comment", max_length=FEEDBACK_COMMENT_MAX_LENGTH, required=False)
        ),
        language=language[:8],
        account=account if account is not None and account.is_authenticated else None,
        given_at=timezone.now(),
    )
    audit.record(
        actor=feedback.account,
        action=AuditAction.PAGE_FEEDBACK_GIVEN,
        subject=feedback,
        detail={"useful": useful, "comment": bool(feedback.comment)},
    )
    return feedback


# ---- ratings of services ---------------------------------------------------------------------


@transaction.atomic
def rate_service(
    *, rater: User, service: str, subject: str, score: int, comment: str = ""
) -> ServiceRating:
    """Record the person's 1-5 rating of what a service did for them (once per subject)."""
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose a score from 1 to 5.")}, code="score")
    try:
        with transaction.atomic():
            rating = ServiceRating.objects.create(
                service=service,
                subject=subject,
                rater=rater,
                score=score,
                comment=redact(
                    _text(comment, field="comment", max_length=COMMENT_MAX_LENGTH, required=False)
                ),
                rated_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(_("You have rated this already."), code="rated") from None
    audit.record(
        actor=rater,
        action=AuditAction.SERVICE_RATED,
        subject=rating,
        detail={"service": service, "score": score},
    )
    return rating


def rate_proposal(
    *, rater: User, proposal: Proposal, score: int, comment: str = ""
) -> ServiceRating:
    """The proposer rates how their proposal was handled, once it is decided."""
    rules.may_rate_proposal(rater, proposal).require()
    return rate_service(
        rater=rater,
        service="participation",
        subject=f"proposal:{proposal.pk}",
        score=score,
        comment=comment,
    )


# ---- moderation ------------------------------------------------------------------------------


def _reported(kind: ReportKind, object_id: int) -> Petition | Proposal | Comment:
    """The public text a report is about; a ValidationError when it is not public."""
    if kind == ReportKind.PETITION:
        petition = Petition.objects.filter(pk=object_id, status=PetitionStatus.OPEN).first()
        if petition is not None:
            return petition
    elif kind == ReportKind.PROPOSAL:
        proposal = Proposal.objects.filter(
            pk=object_id, is_public=True, hidden_at__isnull=True
        ).first()
        if proposal is not None:
            return proposal
    elif kind == ReportKind.COMMENT:
        comment = Comment.objects.filter(pk=object_id, hidden_at__isnull=True).first()
        if comment is not None:
            return comment
    raise ValidationError(_("There is no such public text to report."), code="not_reportable")


@transaction.atomic
def report_content(
    *, reporter: User | None, kind: ReportKind, object_id: int, reason: RejectionReason, note: str
) -> Report:
    """Anyone may ask moderators to look at a public text; the report goes to the queue."""
    if kind not in ReportKind.values or reason not in RejectionReason.values:
        raise ValidationError(_("Choose a reason."), code="reason")
    _reported(kind, object_id)
    report = Report.objects.create(
        kind=kind,
        object_id=object_id,
        reason=reason,
        note=redact(_text(note, field="note", max_length=COMMENT_MAX_LENGTH, required=False)),
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reported_at=timezone.now(),
    )
    audit.record(
        actor=report.reporter,
        action=AuditAction.CONTENT_REPORTED,
        subject=report,
        detail={"kind": kind, "object": object_id, "reason": reason},
    )
    return report


@transaction.atomic
def resolve_report(*, actor: User, report: Report, hide: bool) -> Report:
    """Keep the text, or withdraw it from public view with the report's reason.

    Hiding resolves every open report of the same text, and its author is told
    why; the reason is shown in the text's place.
    """
    report = _locked(Report, report.pk)
    rules.require(rules.is_moderator(actor))
    if report.resolved_at is not None:
        raise ValidationError(_("This report has been resolved already."), code="resolved")
    now = timezone.now()
    reports = Report.objects.filter(pk=report.pk)
    if hide:
        target = _reported(ReportKind(report.kind), report.object_id)
        author: User
        if isinstance(target, Petition):
            target.status = PetitionStatus.REJECTED
            target.rejection_reason = report.reason
            target.moderated_at, target.moderated_by = now, actor
            target.save(
                update_fields=["status", "rejection_reason", "moderated_at", "moderated_by"]
            )
            author = target.author
        elif isinstance(target, Proposal):
            target.hidden_at, target.hidden_reason = now, report.reason
            target.save(update_fields=["hidden_at", "hidden_reason"])
            author = target.proposer
        else:
            target.hidden_at, target.hidden_reason = now, report.reason
            target.save(update_fields=["hidden_at", "hidden_reason"])
            author = target.author
        reports = Report.objects.filter(
            kind=report.kind, object_id=report.object_id, resolved_at__isnull=True
        )
        notifications.on_commit([author], messages.hidden(report.kind, report.reason))
    outcome = ReportOutcome.HIDDEN if hide else ReportOutcome.KEPT
    reports.update(resolved_at=now, resolved_by=actor, outcome=outcome)
    audit.record(
        actor=actor,
        action=AuditAction.REPORT_RESOLVED,
        subject=report,
        detail={"kind": report.kind, "object": report.object_id, "outcome": str(outcome)},
    )
    report.refresh_from_db()
    return report


# ---- from a surge of complaints ------------------------------------------------------


def _surge(actor: User, surge_id: int) -> tuple[surges.Source, surges.SurgeFigures]:
    """The surge the actor may act on, with the source that keeps it; refuses anything else."""
    source = surges.source()
    figures = source.surge(actor, str(surge_id)) if source is not None else None
    if source is None or figures is None:
        # Missing and forbidden alike: the person may not act on it.
        raise PermissionDenied
    rules.require(rules.may_open_from_surge(actor, figures))
    return source, figures


def surge_summary(figures: surges.SurgeFigures) -> str:
    """The surge in one sentence, counts and names only."""
    return _(
        "%(count)d complaints about %(category)s in %(district)s were received in the week "
        "of %(start)s, against %(before)d the week before."
    ) % {
        "count": figures.this_week,
        "category": figures.category,
        "district": figures.district,
        "start": date_format(figures.week_start, "DATE_FORMAT"),
        "before": figures.last_week,
    }


@transaction.atomic
def open_consultation_from_surge(
    *,
    actor: User,
    surge_id: int,
    question: str,
    description: str,
    options: Sequence[str],
    closes_at: datetime.datetime,
) -> Consultation:
    """A consultation on what a surge of complaints is about, linked to those complaints."""
    source, figures = _surge(actor, surge_id)
    consultation = open_consultation(
        actor=actor,
        question=question,
        description=description,
        options=options,
        closes_at=closes_at,
    )
    source.follow_up(
        actor=actor,
        surge_id=figures.surge_id,
        kind=surges.FollowUpKind.CONSULTATION,
        reference=consultation.pk,
        title=consultation.question,
        path=consultation.get_absolute_url(),
    )
    return consultation


@transaction.atomic
def open_policy_review(
    *,
    actor: User,
    surge_id: int,
    title: str,
    problem: str,
    proposed_change: str,
    expected_effect: str,
) -> Proposal:
    """A policy review: a public proposal of the agency's own, decided as any proposal is.

    Its current situation is the surge's figures; its staff decide it with
    reasons, and the decision reaches the complaints behind the surge.
    """
    source, figures = _surge(actor, surge_id)
    agency = Agency.objects.get(pk=figures.agency_id)
    now = timezone.now()
    due = calendar_days_due(now, review_days(agency), calendar_for(agency.pk))
    proposal = Proposal.objects.create(
        proposer=actor,
        agency=agency,
        title=_text(title, field="title", max_length=TITLE_MAX_LENGTH),
        problem=_text(problem, field="problem", max_length=SECTION_MAX_LENGTH),
        current_situation=surge_summary(figures),
        proposed_change=_text(
            proposed_change, field="proposed_change", max_length=SECTION_MAX_LENGTH
        ),
        expected_effect=_text(
            expected_effect, field="expected_effect", max_length=SECTION_MAX_LENGTH
        ),
        # The complainants are told of it: they must be able to read it.
        is_public=True,
        received_at=now,
        due_at=due.at,
    )
    index_proposal(proposal)
    audit.record(
        actor=actor,
        action=AuditAction.POLICY_REVIEW_OPENED,
        subject=proposal,
        detail={"agency": agency.pk, "surge": figures.surge_id},
    )
    source.follow_up(
        actor=actor,
        surge_id=figures.surge_id,
        kind=surges.FollowUpKind.POLICY_REVIEW,
        reference=proposal.pk,
        title=proposal.title,
        path=proposal.get_absolute_url(),
    )
    return proposal
