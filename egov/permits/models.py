"""Permit types (a versioned catalogue), applications, their steps and their history.

An application keeps the catalogue version it was received under: a change to
the catalogue makes a new version and never alters an application under way.
Each step of an application carries who handled it (name and position: what
Seoul's OPEN system published), when it happened and when that was recorded,
its expected date and any delay reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.agencies.models import Agency, Unit
from egov.lib.calendar import Unit as PeriodUnit
from egov.lib.files import DISPLAY_NAME_MAX_LENGTH, MAX_ATTACHMENT_BYTES, download_name, random_path
from egov.lib.i18n import pick
from egov.lib.pagination import DateTimeCursor, Keyset
from egov.permits.limits import (
    CODE_MAX_LENGTH,
    FEE_REFERENCE_MAX_LENGTH,
    LEGAL_BASIS_MAX_LENGTH,
    NAME_MAX_LENGTH,
    RECEIPT_NUMBER_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
)
from egov.privacy.fields import EncryptedTextField


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    COUNTER = "counter", _("At a counter")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    SUPPLEMENT = "supplement", _("Waiting for documents")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.SUPPLEMENT)


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")
    SKIPPED = "skipped", _("Skipped")


class FeeMethod(models.TextChoices):
    COUNTER = "counter", _("Paid at the counter")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Application received")
    ASSIGNED = "assigned", _("Assigned by draw")
    REASSIGNED = "reassigned", _("Reassigned")
    STEP_STARTED = "step_started", _("Step started")
    STEP_COMPLETED = "step_completed", _("Step completed")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Documents requested")
    SUPPLEMENT_ANSWERED = "supplement_answered", _("Documents supplied")
    EXTENDED = "extended", _("Processing period extended")
    FEE_PAID = "fee_paid", _("Fee paid")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    STEP_SKIPPED = "step_skipped", _("Step skipped")
    QUESTION_ASKED = "question_asked", _("Question asked")
    QUESTION_ANSWERED = "question_answered", _("Question answered")


PERIOD_UNITS = [
    (PeriodUnit.HOURS.value, _("working hours")),
    (PeriodUnit.DAYS.value, _("days")),
    (PeriodUnit.WEEKS.value, _("weeks")),
    (PeriodUnit.MONTHS.value, _("months")),
]


class QueueCursor(DateTimeCursor):
    """Where the next page of a work queue starts: after this ``(due_at, id)``."""

    name = "permit queue cursor"


# The work queue: what is due first, then in order of arrival.
QUEUE_ORDER = Keyset("due_at", QueueCursor)
# The public list and a person's own: newest first.
NEWEST_FIRST = Keyset("received_at", DateTimeCursor, descending=True)


class PermitType(models.Model):
    """A kind of permit an agency grants; what it asks for lives in its versions."""

    code = models.SlugField(max_length=CODE_MAX_LENGTH, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="permit_types")
    name_en = models.CharField(_("name in English"), max_length=NAME_MAX_LENGTH)
    name_ko = models.CharField(_("name in Korean"), max_length=NAME_MAX_LENGTH)
    name_id = models.CharField(_("name in Indonesian"), max_length=NAME_MAX_LENGTH)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("permit type")
        verbose_name_plural = _("permit types")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)

    def current_version(self) -> PermitVersion:
        version: PermitVersion = self.versions.order_by("-number").select_related("unit")[0]
        return version


class PermitVersion(models.Model):
    """One version of a permit type's rules. Rows are never changed once written."""

    permit_type = models.ForeignKey(PermitType, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    # The unit that receives the application and is answerable for it.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    legal_basis_en = models.CharField(max_length=LEGAL_BASIS_MAX_LENGTH)
    legal_basis_ko = models.CharField(max_length=LEGAL_BASIS_MAX_LENGTH)
    legal_basis_id = models.CharField(max_length=LEGAL_BASIS_MAX_LENGTH)
    period_amount = models.PositiveSmallIntegerField()
    period_unit = models.CharField(max_length=8, choices=PERIOD_UNITS)
    fee_won = models.PositiveIntegerField(default=0)
    # The documents to attach, each ``{"en": ..., "ko": ..., "id": ...}``, in order.
    documents = models.JSONField(default=list)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("permit type version")
        verbose_name_plural = _("permit type versions")
        ordering = ["permit_type_id", "number"]
        constraints = [
            # Versions count 1, 2, 3... within their type, each once.
            models.UniqueConstraint(
                fields=["permit_type", "number"], name="permit_version_number_unique"
            ),
            # A period of nothing is no period.
            models.CheckConstraint(
                condition=Q(period_amount__gte=1), name="permit_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.permit_type_id} v{self.number}"

    @property
    def legal_basis(self) -> str:
        return pick(en=self.legal_basis_en, ko=self.legal_basis_ko, id=self.legal_basis_id)

    def document_names(self) -> list[str]:
        return [
            pick(en=str(d.get("en", "")), ko=str(d.get("ko", "")), id=str(d.get("id", "")))
            for d in self.documents
        ]


class StepDefinition(models.Model):
    """One step of a version's procedure: who does it, how long it normally takes."""

    version = models.ForeignKey(PermitVersion, on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField()
    name_en = models.CharField(max_length=NAME_MAX_LENGTH)
    name_ko = models.CharField(max_length=NAME_MAX_LENGTH)
    name_id = models.CharField(max_length=NAME_MAX_LENGTH)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    duration_amount = models.PositiveSmallIntegerField()
    duration_unit = models.CharField(max_length=8, choices=PERIOD_UNITS)
    skippable = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")
        ordering = ["version_id", "position"]
        constraints = [
            # One step at each place of a procedure.
            models.UniqueConstraint(
                fields=["version", "position"], name="permit_step_position_unique"
            ),
            # A step takes some time; "immediately" is an hour or so, not zero.
            models.CheckConstraint(
                condition=Q(duration_amount__gte=1), name="permit_step_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


class ReceiptCounter(models.Model):
    """The last receipt number handed out in a month (``2612``)."""

    period = models.CharField(max_length=4, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")

    def __str__(self) -> str:
        return f"{self.period}: {self.last_number}"


class Absence(models.Model):
    """Days an officer is off duty (leave, training): the draw passes them over."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    first_day = models.DateField()
    last_day = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["first_day", "id"]
        constraints = [
            # An absence ends on or after the day it starts.
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="permit_absence_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.first_day}-{self.last_day}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class Application(models.Model):
    """One application for a permit, under the catalogue version it was received with."""

    receipt_number = models.CharField(max_length=RECEIPT_NUMBER_MAX_LENGTH, unique=True)
    version = models.ForeignKey(PermitVersion, on_delete=models.PROTECT, related_name="+")
    # The version's type, agency and unit, kept here so that lists filter one table.
    permit_type = models.ForeignKey(
        PermitType, on_delete=models.PROTECT, related_name="applications"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="permit_applications"
    )
    # The officer who registered it at a counter for the applicant.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    # What it is for ("two-storey detached house"): shown to the applicant and the officials.
    summary = models.CharField(_("what the application is for"), max_length=SUMMARY_MAX_LENGTH)
    # The site's address is personal data: encrypted, never published.
    site_address = EncryptedTextField(_("site address"))
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField()
    # The decision's statutory deadline, with the extension and the stops counted;
    # while the clock stands still, the deadline as if it ran again at once.
    due_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    extension_amount = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    fee_won = models.PositiveIntegerField(default=0)
    fee_paid_at = models.DateTimeField(null=True, blank=True)
    fee_method = models.CharField(max_length=16, choices=FeeMethod.choices, blank=True)
    fee_reference = models.CharField(max_length=FEE_REFERENCE_MAX_LENGTH, blank=True)
    rejection_reason = models.TextField(blank=True)
    remedy = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")
        ordering = ["-received_at", "-id"]
        constraints = [
            # Online it is the applicant's own; at a counter it names the officer who typed it.
            models.CheckConstraint(
                condition=Q(channel=Channel.WEB, filed_by__isnull=True)
                | Q(channel=Channel.COUNTER, filed_by__isnull=False),
                name="permit_channel_matches_filer",
            ),
            # Never more than the two supplement requests the rules allow.
            models.CheckConstraint(
                condition=Q(supplement_count__lte=2), name="permit_at_most_two_supplements"
            ),
            # A rejection always says why and what the applicant can do about it.
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED) | (~Q(rejection_reason="") & ~Q(remedy="")),
                name="permit_rejection_reasoned",
            ),
        ]
        indexes = [
            # The unit's queue and an officer's, by due date.
            models.Index(fields=["unit", "due_at", "id"], name="permit_unit_queue_idx"),
            models.Index(
                fields=["assigned_officer", "due_at", "id"], name="permit_officer_queue_idx"
            ),
            # The public list, newest first, and its filters.
            models.Index(fields=["received_at", "id"], name="permit_received_idx"),
            models.Index(fields=["agency", "received_at", "id"], name="permit_agency_received_idx"),
            # Each other filter of the public list reads its own rows newest first: a
            # status with few applications (or none) is not found by walking them all.
            models.Index(fields=["status", "received_at", "id"], name="permit_status_received_idx"),
            models.Index(
                fields=["permit_type", "received_at", "id"], name="permit_type_received_idx"
            ),
            models.Index(fields=["unit", "received_at", "id"], name="permit_unit_received_idx"),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self) -> str:
        return reverse("permits:track", kwargs={"receipt_number": self.receipt_number})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def clock_stopped(self) -> bool:
        return self.status == Status.SUPPLEMENT


class ApplicationStep(models.Model):
    """One step of one application's procedure, as it was worked."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="steps")
    definition = models.ForeignKey(StepDefinition, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=StepStatus.choices, default=StepStatus.PENDING)
    # Who handled it, as published: their name and their position when they did.
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    official_name = models.CharField(max_length=100, blank=True)
    official_position_en = models.CharField(max_length=120, blank=True)
    official_position_ko = models.CharField(max_length=120, blank=True)
    official_position_id = models.CharField(max_length=120, blank=True)
    expected_at = models.DateTimeField(null=True, blank=True)
    # When it happened (to the minute) and when that was recorded.
    started_at = models.DateTimeField(null=True, blank=True)
    started_recorded_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_recorded_at = models.DateTimeField(null=True, blank=True)
    delay_reason = models.TextField(blank=True)
    # Recorded as having happened beyond the tolerance before it was recorded.
    backdated = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["application_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="permit_application_step_unique"
            ),
            # A back-dated record always names the supervisor who approved it.
            models.CheckConstraint(
                condition=Q(backdated=False) | Q(approved_by__isnull=False),
                name="permit_backdating_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.position}"

    @property
    def official_position(self) -> str:
        return pick(
            en=self.official_position_en,
            ko=self.official_position_ko,
            id=self.official_position_id,
        )

    @property
    def late(self) -> bool:
        if self.expected_at is None or self.completed_at is None:
            return False
        return self.completed_at > self.expected_at


class Supplement(models.Model):
    """A request for documents (보완요구): the clock stops until the applicant answers."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="supplements"
    )
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField()
    respond_by = models.DateField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        ordering = ["application_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.requested_at:%Y-%m-%d}"


class Question(models.Model):
    """The applicant's question to the officials on the case, and their answer.

    Private: the public history says only that a question was asked and answered.
    """

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField()
    text = models.TextField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["application_id", "asked_at", "id"]
        constraints = [
            # An answer always names who gave it and when.
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answered_by__isnull=True, answer="")
                | (Q(answered_at__isnull=False, answered_by__isnull=False) & ~Q(answer="")),
                name="permit_question_answer_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.asked_at:%Y-%m-%d}"


class ApplicationEvent(models.Model):
    """One entry of an application's history; each has exactly one audit event."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    step = models.ForeignKey(
        ApplicationStep, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    # The public reason given (delay, extension, rejection), published redacted.
    note = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    audit_event_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["application_id", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"


attachment_upload_to = random_path("permits")


class Attachment(models.Model):
    """A document the applicant attached; its type was checked by content."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attachments"
    )
    # Which of the version's required documents it is (None: sent with a supplement).
    document = models.PositiveSmallIntegerField(null=True, blank=True)
    supplement = models.ForeignKey(
        Supplement, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(max_length=DISPLAY_NAME_MAX_LENGTH)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=attachment_upload_to, max_length=200)
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]
        constraints = [
            # At most 10 MB; the validator says so in words first.
            models.CheckConstraint(
                condition=Q(size__lte=MAX_ATTACHMENT_BYTES), name="permit_attachment_at_most_10_mb"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        return download_name(self.original_name, self.extension)


class PermitStatistics(models.Model):
    """Processing times per permit type and unit, refreshed in the background.

    Derived from the applications (``actions.refresh_statistics``), so the
    public page reads a few rows instead of scanning the applications.
    """

    permit_type = models.ForeignKey(PermitType, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    decided_on_time = models.PositiveIntegerField(default=0)
    on_time_rate = models.FloatField(null=True, blank=True)
    # Calendar days from receipt to decision, the median of the decided ones.
    median_days = models.FloatField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("permit statistics")
        verbose_name_plural = _("permit statistics")
        ordering = ["permit_type_id", "unit_id"]
        constraints = [
            # One row per type and unit.
            models.UniqueConstraint(
                fields=["permit_type", "unit"], name="permit_statistics_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.permit_type_id}/{self.unit_id}"
