"""ePeople complaints (민원): the case, its statutory clock, and every step taken on it.

Writes happen only in ``actions.py``; the constraints below are the invariants
those actions keep, repeated in the database so that no other path can break them.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.agencies.models import Agency, Unit
from egov.complaints.deadlines import counting_of
from egov.complaints.limits import (
    FOLLOW_UP_TITLE_MAX_LENGTH,
    LOCATION_MAX_LENGTH,
    PERIOD_MAX_WORKING_DAYS,
    RECEIPT_NUMBER_MAX_LENGTH,
    SECOND_REVIEW_DAYS,
    TITLE_MAX_LENGTH,
)
from egov.lib.calendar import Counting, Due
from egov.lib.files import DISPLAY_NAME_MAX_LENGTH, MAX_ATTACHMENT_BYTES, download_name, random_path
from egov.lib.i18n import pick
from egov.lib.pagination import DateTimeCursor, Keyset
from egov.lib.regions import DISTRICT_CODE_LENGTH, District
from egov.lib.regions import district as find_district

if TYPE_CHECKING:
    from egov.accounts.models import User


class ComplaintType(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    INQUIRY_LEGAL = "inquiry_legal", _("Inquiry needing a legal interpretation")
    SUGGESTION = "suggestion", _("Suggestion")
    GRIEVANCE = "grievance", _("Grievance")
    OTHER = "other", _("Other")


# The platform's default processing periods in days, as the Enforcement Decree
# of the Civil Petitions Treatment Act sets them (arts. 14 to 17: 7 days for an
# inquiry or a grievance, 14 for a suggestion or an inquiry needing a legal
# interpretation), counted by art. 19 of the Act (egov.lib.calendar): five days
# or less in working hours, six or more in working days. The data migration
# seeds ProcessingPeriod with these; they are also the fallback when no row
# exists (a flushed test database, a type added after the migration).
DEFAULT_PERIODS: dict[str, int] = {
    ComplaintType.INQUIRY: 7,
    ComplaintType.INQUIRY_LEGAL: 14,
    ComplaintType.SUGGESTION: 14,
    ComplaintType.GRIEVANCE: 7,
    ComplaintType.OTHER: 3,
}


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    COUNTER = "counter", _("At a counter")
    PHONE = "phone", _("By phone")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Waiting for more information")
    ANSWERED = "answered", _("Answered")
    SECOND_REVIEW = "second_review", _("In second review")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses in which the case sits in a unit's queue and its clock matters.
OPEN_STATUSES = (
    Status.RECEIVED,
    Status.IN_PROGRESS,
    Status.AWAITING_SUPPLEMENT,
    Status.SECOND_REVIEW,
)
# Statuses in which an officer works the case towards its first answer.
HANDLING_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)


class ClosureReason(models.TextChoices):
    NO_SUPPLEMENT = "no_supplement", _("The requested information never arrived")
    REPEAT = "repeat", _("A repeat of complaints already answered")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    INFORMATION_GIVEN = "information_given", _("Information given")


class AnswerKind(models.TextChoices):
    FIRST = "first", _("Answer")
    SECOND_REVIEW = "second_review", _("Second review")


class ExtensionStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    AWAITING_CONSENT = "awaiting_consent", _("Waiting for the citizen's consent")
    REFUSED = "refused", _("Refused by the citizen")
    CANCELLED = "cancelled", _("Cancelled when the case moved on")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned to an officer")
    NOTE = "note", _("Internal note")
    TRANSFERRED = "transferred", _("Transferred")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("More information requested")
    SUPPLEMENT_ANSWERED = "supplement_answered", _("More information given")
    EXTENSION_REQUESTED = "extension_requested", _("Consent to an extension requested")
    EXTENDED = "extended", _("Deadline extended")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused")
    ANSWERED = "answered", _("Answered")
    RATED = "rated", _("Answer rated")
    SECOND_REVIEW_OPENED = "second_review_opened", _("Second review opened")
    SECOND_REVIEW_ANSWERED = "second_review_answered", _("Second review answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened on appeal")
    PROGRESS_NOTICE = "progress_notice", _("Progress notice sent")
    COSIGNED = "cosigned", _("Co-signed")
    DEADLINE_MOVED = "deadline_moved", _("Deadline moved by a change to the calendar")


class QueueCursor(DateTimeCursor):
    """Where the next page of a work queue starts: after this ``(due_at, id)``."""

    name = "queue cursor"


# The work queue's order: most urgent first, then in the order the cases arrived
# (ids grow with receipt time). The queue indexes below hand rows over in it.
QUEUE_ORDER = Keyset("due_at", QueueCursor)
# Lists of complaints newest first: a person's own, the published ones.
NEWEST_FIRST = Keyset("received_at", DateTimeCursor, descending=True)


def _open_q() -> Q:
    # The stored flag, not "status IN (...)": see Complaint.in_queue.
    return Q(in_queue=True)


class Category(models.Model):
    """What a complaint is about; it decides, with the agency, which unit handles it."""

    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120)
    name_ko = models.CharField(_("name in Korean"), max_length=120)
    name_id = models.CharField(_("name in Indonesian"), max_length=120)
    # Where a complaint goes when the citizen does not pick an agency.
    default_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


class Routing(models.Model):
    """Which unit of an agency handles a category."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="routings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # Always a unit of ``agency``: set_routing refuses anything else.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        constraints = [
            # One answer to "who handles this category here?", so routing is never a guess.
            models.UniqueConstraint(fields=["category", "agency"], name="routing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category.code} → {self.unit}"


class DistrictOffice(models.Model):
    """The agency that takes complaints about places in one district (시·군·구).

    ``district_code`` is a five-digit code of ``egov.lib.regions``. Routing by
    district (``routing.find_route``) starts at this agency, then asks the
    agencies above it, then the category's default agency when that is not
    another district's office.
    """

    district_code = models.CharField(max_length=DISTRICT_CODE_LENGTH, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("district office")
        verbose_name_plural = _("district offices")
        ordering = ["district_code"]

    def __str__(self) -> str:
        return f"{self.district_code} → {self.agency_id}"


class ProcessingPeriod(models.Model):
    """How many days an agency has to answer a type; no agency means the default.

    The days are counted as art. 19 of the Civil Petitions Treatment Act says
    (egov.lib.calendar): up to five in working hours, six or more in working days.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    type = models.CharField(max_length=16, choices=ComplaintType.choices)
    working_days = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("processing period")
        verbose_name_plural = _("processing periods")
        constraints = [
            # An agency has one period per type, so the deadline never depends on row order.
            models.UniqueConstraint(
                fields=["agency", "type"],
                condition=Q(agency__isnull=False),
                name="period_unique_per_agency",
            ),
            # Likewise one platform default per type (NULLs never collide in a plain unique).
            models.UniqueConstraint(
                fields=["type"], condition=Q(agency__isnull=True), name="period_unique_default"
            ),
            # Zero days would make a complaint overdue on arrival; beyond 60 working
            # days (three months) a number is a typing mistake, not a service standard.
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=PERIOD_MAX_WORKING_DAYS),
                name="period_working_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id or 'default'} {self.type}: {self.working_days}"


class ReceiptCounter(models.Model):
    """The last receipt number handed out in one month (see actions.allocate_receipt_number)."""

    period = models.CharField(max_length=4, primary_key=True)  # "2611" for November 2026
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")

    def __str__(self) -> str:
        return f"{self.period}: {self.last_number}"


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> Self:
        return self.filter(_open_q())

    def public(self) -> Self:
        """Complaints their authors chose to publish, newest first.

        The page layer masks names and redacts personal data before showing them.
        """
        return (
            self.filter(is_public=True)
            .exclude(status=Status.WITHDRAWN)
            .select_related("category", "unit__agency")
            .order_by(*NEWEST_FIRST.ordering)
        )

    def queue_for(self, user: User) -> Self:
        """The open cases this user may handle, most urgent first.

        Urgency is the due moment, then receipt order (ids grow with receipt
        time, so ``id`` breaks ties in the order cases arrived and keeps the
        ``(due_at, id)`` keyset cursor total).
        """
        # Imported here so that rules.py may import the models without a cycle.
        from egov.complaints import rules

        scope = rules.staff_scope(user)
        if scope is None:
            return self.none()
        if scope.unit_id is not None:
            queue = self.filter(unit_id=scope.unit_id)
        else:
            queue = self.filter(agency_id=scope.agency_id)
        return (
            queue.filter(_open_q())
            .select_related(
                "category",
                "unit__agency",
                "assigned_officer",
                "citizen",
                # Who holds a case in second review: its reviewer (see pending_review).
                "second_review__reviewer",
            )
            .order_by(*QUEUE_ORDER.ordering)
        )

    def with_status(self, status: Status) -> Self:
        return self.filter(status=status)

    def of_type(self, type: ComplaintType) -> Self:
        return self.filter(type=type)

    def due_between(self, start: datetime.datetime, end: datetime.datetime) -> Self:
        """Due after ``start`` up to and including ``end`` (a day: its midnights)."""
        return self.filter(due_at__gt=start, due_at__lte=end)

    def overdue(self, now: datetime.datetime) -> Self:
        # While the citizen is asked for more information the clock is stopped.
        return self.filter(due_at__lt=now).exclude(status=Status.AWAITING_SUPPLEMENT)

    def assigned_to(self, user: User) -> Self:
        return self.filter(assigned_officer=user)

    def after(self, due_at: datetime.datetime, id: int) -> Self:
        """Keyset pagination: the rows after ``(due_at, id)`` in queue order.

        The database walks the queue index from the cursor and stops after one
        page (see ``egov.lib.pagination.rows_after``).
        """
        return QUEUE_ORDER.after(self, QueueCursor(due_at, id))

    def needing_progress_notice(self, now: datetime.datetime) -> Self:
        """Open cases received 30 or more days before ``now`` whose citizen was not yet told."""
        return self.filter(
            _open_q(),
            progress_notice_sent_at__isnull=True,
            received_at__lte=now - PROGRESS_NOTICE_AFTER,
        ).order_by("received_at", "id")


# A complaint still open this long after receipt earns the citizen a progress notice.
PROGRESS_NOTICE_AFTER = datetime.timedelta(days=30)


class Complaint(models.Model):
    """One complaint, inquiry, suggestion or grievance, handled as one case.

    The deadline is kept explainable: ``due_at`` is the moment the period
    (``period_days``, counted by the platform's clock from ``received_at``,
    with the applied extensions and the stretches the clock stood still) runs
    out; once a second review opens, it is that review's deadline. While the
    clock stands still it is the deadline as if it ran again at once.
    ``deadlines.explain_deadline`` recounts it from the history and shows how.
    """

    receipt_number = models.CharField(max_length=RECEIPT_NUMBER_MAX_LENGTH, unique=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaints"
    )
    # An officer who filed at a counter or by phone for a citizen who could not use the web.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_filed_on_behalf",
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    type = models.CharField(max_length=16, choices=ComplaintType.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="complaints")
    # The handling agency and unit; kept together (unit.agency == agency) by the actions.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="complaints")
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_complaints",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("complaint"))
    location_text = models.CharField(_("location"), max_length=LOCATION_MAX_LENGTH, blank=True)
    # The district (시·군·구) the complaint is about, a code of egov.lib.regions; blank
    # when it is about no place (or was filed before districts were asked).
    district_code = models.CharField(max_length=DISTRICT_CODE_LENGTH, blank=True, default="")
    is_public = models.BooleanField(_("public"), default=False)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED)
    # Whether the status is one of OPEN_STATUSES, kept by the database. The
    # queue indexes are partial on it: their condition, and the queries'
    # (``open()``, ``queue_for``), then carry no parameters. SQLite cannot use a
    # partial index on ``status IN (...)`` for a query whose statuses arrive as
    # bound parameters, and Django binds them; a bare column it can match. In
    # Python, read ``is_open``: after a save this attribute is stale until reloaded.
    in_queue = models.GeneratedField(
        # The wrapper only makes the Q an expression; the SQL is the bare "IN (...)".
        expression=models.ExpressionWrapper(
            Q(status__in=OPEN_STATUSES), output_field=models.BooleanField()
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    received_at = models.DateTimeField()
    period_days = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()

    # sha256 of the normalised body: how a repeat of the same complaint is recognised.
    content_fingerprint = models.CharField(max_length=64)
    # Set at submission when the same citizen had two complaints with this content answered.
    is_repeat_candidate = models.BooleanField(default=False)
    repeat_closed_at = models.DateTimeField(null=True, blank=True)
    repeat_appealed_at = models.DateTimeField(null=True, blank=True)

    is_joint = models.BooleanField(default=False)
    transfer_count = models.PositiveSmallIntegerField(default=0)
    transfer_flagged = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    progress_notice_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Moves with every step on the timeline (actions._event): what the case page
    # renders from the case's history is cached under it (views/citizen.py).
    revision = models.PositiveIntegerField(default=0)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        constraints = [
            # A web submission is the citizen's own; a counter or phone one names the
            # officer who typed it, so nobody files in someone's name unseen.
            models.CheckConstraint(
                condition=(
                    Q(channel=Channel.WEB, filed_by__isnull=True)
                    | Q(channel__in=[Channel.COUNTER, Channel.PHONE], filed_by__isnull=False)
                ),
                name="complaint_channel_matches_filer",
            ),
            # Filing "on behalf of" oneself would hide an officer's own complaint.
            models.CheckConstraint(
                condition=~Q(filed_by=models.F("citizen")), name="complaint_not_filed_for_self"
            ),
            # The flag is exactly "transferred more than twice", so it cannot drift.
            models.CheckConstraint(
                condition=(
                    Q(transfer_count__gt=2, transfer_flagged=True)
                    | Q(transfer_count__lte=2, transfer_flagged=False)
                ),
                name="complaint_transfer_flag_matches_count",
            ),
            # A closed case always says why it was closed, and only a closed one does.
            models.CheckConstraint(
                condition=(Q(status=Status.CLOSED, closed_at__isnull=False) & ~Q(closure_reason=""))
                | (~Q(status=Status.CLOSED) & Q(closure_reason="")),
                name="complaint_closure_has_reason",
            ),
            # "In progress" means a named officer holds the case.
            models.CheckConstraint(
                condition=~Q(status=Status.IN_PROGRESS) | Q(assigned_officer__isnull=False),
                name="complaint_in_progress_is_assigned",
            ),
            # A statutory period is at least one working day.
            models.CheckConstraint(
                condition=Q(period_days__gte=1), name="complaint_period_positive"
            ),
        ]
        indexes = [
            # The officer's queue: open cases of a unit by urgency, keyset-paginated.
            models.Index(
                fields=["unit", "due_at", "id"],
                condition=Q(in_queue=True),
                name="complaint_unit_queue_idx",
            ),
            # The agency administrator's queue: the same across the whole agency.
            models.Index(
                fields=["agency", "due_at", "id"],
                condition=Q(in_queue=True),
                name="complaint_agency_queue_idx",
            ),
            # "Assigned to me" in the queue.
            models.Index(
                fields=["assigned_officer", "due_at", "id"],
                condition=Q(in_queue=True),
                name="complaint_officer_queue_idx",
            ),
            # A citizen's own complaints, newest first ("My government").
            models.Index(fields=["citizen", "-received_at"], name="complaint_citizen_idx"),
            # Repeat detection looks up the same citizen's same content.
            models.Index(
                fields=["citizen", "content_fingerprint"], name="complaint_fingerprint_idx"
            ),
            # The public list, newest first, reads only published complaints.
            models.Index(
                fields=["-received_at", "-id"],
                condition=Q(is_public=True),
                name="complaint_public_idx",
            ),
            # The progress-notice job scans only open cases not yet told, in the
            # order it tells them (the id too: PostgreSQL's indexes do not end in it).
            models.Index(
                fields=["received_at", "id"],
                condition=Q(in_queue=True, progress_notice_sent_at__isnull=True),
                name="complaint_progress_notice_idx",
            ),
            # Surges count two weeks of receipts by agency, category and district:
            # a range of this index holds every column the count reads.
            models.Index(
                fields=["received_at", "agency", "category", "district_code"],
                name="complaint_surge_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    def get_absolute_url(self) -> str:
        # The pages mount the case at /complaints/<receipt number>/; notifications
        # link there. Kept as a plain path because the URLconf comes with the pages.
        return f"/complaints/{self.receipt_number}/"

    @property
    def district(self) -> District | None:
        return find_district(self.district_code)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def pending_review(self) -> SecondReview | None:
        """The second review the case waits for, else None.

        While it is pending the reviewer holds the case, not the officer who
        answered first. ``queue_for`` loads it with the case, so a queue page
        asks nothing more per row.
        """
        if self.status != Status.SECOND_REVIEW:
            return None
        review: SecondReview | None = getattr(self, "second_review", None)
        return review

    @property
    def due(self) -> Due:
        """The deadline that rules now, as pages write it (see deadlines.Due)."""
        return Due(self.due_at, counting_of(self))


class CoSigner(models.Model):
    """A person the author invited to sign the complaint with them (연명)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="cosigners")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cosigned_complaints"
    )
    invited_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        constraints = [
            # One signature per person per complaint, so five signatures are five people.
            models.UniqueConstraint(fields=["complaint", "user"], name="cosigner_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}:{self.user_id}"


# A random name: the citizen's file name never reaches the file system. Kept
# under this name, which migration 0001 refers to.
attachment_upload_to = random_path("complaints")


class Attachment(models.Model):
    """A file a citizen or an officer attached; its type was checked by content."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    # Set when the file belongs to an officer's answer rather than the citizen's complaint.
    answer = models.ForeignKey(
        "Answer", on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(max_length=DISPLAY_NAME_MAX_LENGTH)
    # Detected from the bytes, never taken from the browser.
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
            # Attachments are at most 10 MB; the validator says so in words first.
            models.CheckConstraint(
                condition=Q(size__lte=MAX_ATTACHMENT_BYTES), name="attachment_at_most_10_mb"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The citizen's name with the extension of what the file really is."""
        return download_name(self.original_name, self.extension)


class SupplementRequest(models.Model):
    """An officer's request for more information (보완요청); the clock stops until answered."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="supplement_requests"
    )
    number = models.PositiveSmallIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_text = models.TextField()
    requested_at = models.DateTimeField()
    respond_by = models.DateField()
    answer_text = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        ordering = ["number"]
        constraints = [
            # The law allows at most two requests, numbered 1 and 2, so a third cannot exist.
            models.CheckConstraint(condition=Q(number__in=[1, 2]), name="supplement_at_most_two"),
            models.UniqueConstraint(
                fields=["complaint", "number"], name="supplement_number_unique"
            ),
            # Only one request can stop the clock at a time.
            models.UniqueConstraint(
                fields=["complaint"],
                condition=Q(answered_at__isnull=True),
                name="supplement_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} #{self.number}"


class Extension(models.Model):
    """A longer deadline: the first is the officer's call, the second needs consent."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="extensions")
    number = models.PositiveSmallIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    days = models.PositiveSmallIntegerField()
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=ExtensionStatus.choices)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["number"]
        constraints = [
            # Once by the officer, once more with consent: never a third time.
            models.CheckConstraint(condition=Q(number__in=[1, 2]), name="extension_at_most_two"),
            models.UniqueConstraint(fields=["complaint", "number"], name="extension_number_unique"),
            # Only the second extension asks for consent; the first applies at once.
            models.CheckConstraint(
                condition=Q(number=2) | Q(status=ExtensionStatus.APPLIED),
                name="extension_first_needs_no_consent",
            ),
            # An extension extends by at least a day.
            models.CheckConstraint(condition=Q(days__gte=1), name="extension_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} +{self.days}"


class Answer(models.Model):
    """An officer's answer, or a reviewer's second-review answer, and the citizen's rating."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="answers")
    kind = models.CharField(max_length=16, choices=AnswerKind.choices, default=AnswerKind.FIRST)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    body = models.TextField()
    legal_basis = models.TextField(blank=True)
    refusal_reason = models.TextField(blank=True)
    remedy = models.TextField(blank=True)
    answered_at = models.DateTimeField()
    # The deadline the answer was measured against, and the result, kept for statistics.
    due_at = models.DateTimeField()
    on_time = models.BooleanField()
    working_days_taken = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["answered_at", "id"]
        constraints = [
            # One answer and at most one second-review answer: there is no third review.
            models.UniqueConstraint(fields=["complaint", "kind"], name="answer_one_per_kind"),
            # A refusal must tell the citizen why and where they can turn next.
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.NOT_ACCEPTED)
                | (~Q(refusal_reason="") & ~Q(remedy="")),
                name="answer_refusal_states_reason_and_remedy",
            ),
            # Satisfaction is a score from 1 to 5.
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="answer_score_from_1_to_5",
            ),
            # A rating has both a score and a time, or neither.
            models.CheckConstraint(
                condition=Q(score__isnull=True, rated_at__isnull=True)
                | Q(score__isnull=False, rated_at__isnull=False),
                name="answer_rating_complete",
            ),
        ]
        indexes = [
            # Statistics group first answers by the unit that gave them.
            models.Index(fields=["kind", "unit"], name="answer_statistics_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class SecondReview(models.Model):
    """A fresh look by a supervisor after the citizen rated the answer 1 or 2."""

    # One per complaint: a low rating of the second-review answer opens nothing more.
    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="second_review"
    )
    first_answer = models.OneToOneField(Answer, on_delete=models.PROTECT, related_name="+")
    # The unit's supervisor, else an agency administrator; none when the agency has neither.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField()
    period_days = models.PositiveSmallIntegerField(default=SECOND_REVIEW_DAYS)
    due_at = models.DateTimeField()
    answer = models.OneToOneField(
        Answer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("second review")
        verbose_name_plural = _("second reviews")

    def __str__(self) -> str:
        return f"{self.complaint_id} review"

    @property
    def due(self) -> Due:
        # Seven days are "six or more": counted in working days (Act art. 19(2)).
        return Due(self.due_at, Counting.DAYS)


class Transfer(models.Model):
    """A move to another unit or agency (이송); every one stays on the timeline."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    transferred_at = models.DateTimeField()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["transferred_at", "id"]
        constraints = [
            # A transfer that goes nowhere would only reset the handler unseen.
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")), name="transfer_changes_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_unit_id} → {self.to_unit_id}"


class ComplaintEventQuerySet(models.QuerySet["ComplaintEvent"]):
    def timeline(self, complaint: Complaint) -> Self:
        """Every step of one case in order, with the people and units, in one query."""
        return (
            self.filter(complaint=complaint)
            .select_related("actor", "officer", "unit__agency")
            .order_by("at", "id")
        )

    def visible_to_citizen(self) -> Self:
        return self.filter(internal=False)


class ComplaintEvent(models.Model):
    """One step on a case's timeline, written by the action that took the step."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The handling unit after this step (for a transfer: where it went).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # The officer this step concerns: the one assigned, who answered, who filed.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    public_note = models.TextField(blank=True)
    internal = models.BooleanField(default=False)
    internal_note = models.TextField(blank=True)
    # The deadline that ruled after this step, so the timeline can say when it moved.
    due_at_after = models.DateTimeField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = ComplaintEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "id"]
        constraints = [
            # Staff-only text never sits on an event the citizen's timeline shows.
            models.CheckConstraint(
                condition=Q(internal=True) | Q(internal_note=""),
                name="event_internal_note_is_internal",
            ),
            # An internal note is, by definition, internal.
            models.CheckConstraint(
                condition=~Q(kind=EventKind.NOTE) | Q(internal=True),
                name="event_note_is_internal",
            ),
        ]
        indexes = [
            # The timeline reads one case's events in order.
            models.Index(fields=["complaint", "at", "id"], name="event_timeline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class ComplaintStatistics(models.Model):
    """Precomputed figures per unit, and per agency (unit empty), refreshed in the background."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_on_time = models.PositiveIntegerField(default=0)
    on_time_rate = models.FloatField(null=True, blank=True)
    average_working_days = models.FloatField(null=True, blank=True)
    ratings = models.PositiveIntegerField(default=0)
    average_satisfaction = models.FloatField(null=True, blank=True)
    second_reviews = models.PositiveIntegerField(default=0)
    second_review_rate = models.FloatField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("complaint statistics")
        verbose_name_plural = _("complaint statistics")
        constraints = [
            # One row per unit...
            models.UniqueConstraint(
                fields=["unit"], condition=Q(unit__isnull=False), name="statistics_unit_unique"
            ),
            # ...and one agency-wide row per agency.
            models.UniqueConstraint(
                fields=["agency"], condition=Q(unit__isnull=True), name="statistics_agency_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.unit_id or '*'}"


class Surge(models.Model):
    """A category rising in a district: the last full week's complaints against the week before.

    Rebuilt by the background refresh (``actions.refresh_surges``) for the
    handling agency of the complaints; a row keeps its id while the week it
    counts is the last full one, so a page that links to it keeps working.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    district_code = models.CharField(max_length=DISTRICT_CODE_LENGTH)
    # The Monday that starts the week counted, in the office's time zone.
    week_start = models.DateField()
    this_week = models.PositiveIntegerField()
    last_week = models.PositiveIntegerField()
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("surge")
        verbose_name_plural = _("surges")
        ordering = ["-this_week", "id"]
        constraints = [
            # One row per agency, category, district and week, so a refresh updates it in place.
            models.UniqueConstraint(
                fields=["agency", "category", "district_code", "week_start"],
                name="surge_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}/{self.district_code}/{self.week_start}"

    @property
    def district(self) -> District | None:
        return find_district(self.district_code)

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)


class FollowUpKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    POLICY_REVIEW = "policy_review", _("Policy review")


class FollowUpOutcome(models.TextChoices):
    # A policy review is decided as a proposal is (participation's decisions).
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class FollowUp(models.Model):
    """What an agency opened from a surge, and the complaints behind it.

    ``reference`` is the id of the consultation or policy review in
    participation, which links here through ``egov.lib.surges``; the surge's
    figures are kept as they were when it was opened.
    """

    kind = models.CharField(max_length=16, choices=FollowUpKind.choices)
    reference = models.PositiveBigIntegerField()
    title = models.CharField(max_length=FOLLOW_UP_TITLE_MAX_LENGTH)
    # Where the consultation or review is read (a path of this site).
    path = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    district_code = models.CharField(max_length=DISTRICT_CODE_LENGTH)
    week_start = models.DateField()
    this_week = models.PositiveIntegerField()
    last_week = models.PositiveIntegerField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=FollowUpOutcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The link table: the complaints the surge counted in its week.
    complaints = models.ManyToManyField(Complaint, related_name="follow_ups")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["opened_at", "id"]
        constraints = [
            # One consultation or review comes from one surge.
            models.UniqueConstraint(fields=["kind", "reference"], name="follow_up_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.reference}"

    @property
    def district(self) -> District | None:
        return find_district(self.district_code)

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)


class OfflineFiling(models.Model):
    """A complaint an officer filed for a person with no account and no email.

    The person is a record-only account (``complaint.citizen``: no password, an
    address at ``NO_ACCOUNT_DOMAIN`` that receives nothing, no email, text
    messages when they gave a phone), so the case, its clock and its
    notifications work as for anyone; their phone and postal address are
    encrypted there like every account's. They follow the case on the public
    follow page with the receipt number and the access code printed on their
    receipt, and may claim it into an account of their own with a one-time
    code sent to that phone. Codes are kept only as keyed hashes.
    """

    complaint = models.OneToOneField(
        Complaint, on_delete=models.PROTECT, related_name="offline_filing"
    )
    # The officer who read the consent to the person and recorded their yes.
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consent_at = models.DateTimeField()
    # Answers go by post when the person gave no phone, or asked for it.
    answer_by_post = models.BooleanField(default=False)
    access_code_hash = models.CharField(max_length=64)
    claim_code_hash = models.CharField(max_length=64, blank=True)
    claim_code_sent_at = models.DateTimeField(null=True, blank=True)
    claim_attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("complaint filed without an account")
        verbose_name_plural = _("complaints filed without an account")

    def __str__(self) -> str:
        return f"{self.complaint_id} offline"
