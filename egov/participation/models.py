"""Participation: proposals (국민제안), petitions and consultations (국민생각함).

Every write goes through actions.py; pages read through queries.py. A
petition's ``signature_count`` is kept exact by the action that adds a
signature, in the same transaction (``F() + 1``), and the database's unique
constraint on (petition, signer) is what makes one signature per account
true under concurrent signing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.agencies.models import Agency
from egov.lib.calendar import Counting, Due
from egov.lib.files import DISPLAY_NAME_MAX_LENGTH, random_path
from egov.participation.limits import (
    AWARD_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    FEEDBACK_PATH_MAX_LENGTH,
    MILESTONE_MAX_LENGTH,
    OPTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

# ---- proposals ------------------------------------------------------------------------------


class ReviewPeriod(models.Model):
    """An agency's own review period for proposals, in days (the default is limits.py's)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="review_period")
    days = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.days}"


class ProposalStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


DECISIONS = (ProposalStatus.ADOPTED, ProposalStatus.PARTLY_ADOPTED, ProposalStatus.NOT_ADOPTED)
ADOPTIONS = (ProposalStatus.ADOPTED, ProposalStatus.PARTLY_ADOPTED)


class Proposal(models.Model):
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    problem = models.TextField()
    current_situation = models.TextField()
    proposed_change = models.TextField()
    expected_effect = models.TextField()
    # The proposer's choice: a public proposal is listed with its outcome, their name masked.
    is_public = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.UNDER_REVIEW
    )
    received_at = models.DateTimeField()
    # The end of the review period (art. 10(1)): midnight ending its last day.
    due_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(blank=True)
    # Withdrawn from public view by moderation; the proposer sees why.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=24, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["agency", "status"], name="participation_prop_agency"),
            models.Index(fields=["is_public", "-received_at"], name="participation_prop_public"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal", kwargs={"proposal_id": self.pk})

    @property
    def due(self) -> Due:
        """The end of the review period, as pages write it (a date)."""
        return Due(self.due_at, Counting.CALENDAR)

    @property
    def is_decided(self) -> bool:
        return self.status != ProposalStatus.UNDER_REVIEW

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTIONS


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    original_name = models.CharField(max_length=DISPLAY_NAME_MAX_LENGTH)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=random_path("participation"))
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.original_name


class Milestone(models.Model):
    """A dated step in carrying out an adopted proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=MILESTONE_MAX_LENGTH)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Award(models.Model):
    """An award given for an adopted proposal, recorded with what it was."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="awards")
    description = models.CharField(max_length=AWARD_MAX_LENGTH)
    # In won; zero for an honour without money.
    amount = models.PositiveIntegerField(default=0)
    awarded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["awarded_on", "id"]

    def __str__(self) -> str:
        return self.description


# ---- petitions ------------------------------------------------------------------------------


class PetitionStatus(models.TextChoices):
    GATHERING_SUPPORT = "gathering_support", _("Gathering supporters")
    AWAITING_MODERATION = "awaiting_moderation", _("Waiting for moderation")
    OPEN = "open", _("Open for signatures")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


SIGNABLE = (
    PetitionStatus.GATHERING_SUPPORT,
    PetitionStatus.AWAITING_MODERATION,
    PetitionStatus.OPEN,
)


class RejectionReason(models.TextChoices):
    DUPLICATE = "duplicate", _("It duplicates a petition that is already open")
    NOT_GOVERNMENT = "not_government", _("It is not something the government is responsible for")
    DEFAMATORY = "defamatory", _("It is defamatory or abusive")
    PERSONAL_DATA = "personal_data", _("It contains personal data")
    COURT_CASE = "court_case", _("It concerns a case before a court")
    UNCLEAR = "unclear", _("It does not say clearly what it asks for")


class Petition(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="petitions")
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField()
    status = models.CharField(
        max_length=24, choices=PetitionStatus.choices, default=PetitionStatus.GATHERING_SUPPORT
    )
    created_at = models.DateTimeField()
    # Kept exact by actions.sign_petition in the signature's own transaction.
    signature_count = models.PositiveIntegerField(default=0)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.CharField(max_length=24, choices=RejectionReason.choices, blank=True)
    rejection_note = models.TextField(blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the response threshold was crossed, and the date the response is due.
    response_threshold_at = models.DateTimeField(null=True, blank=True)
    response_due_at = models.DateTimeField(null=True, blank=True)
    hearing_threshold_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "-signature_count"], name="participation_pet_list"),
            models.Index(fields=["status", "closes_at"], name="participation_pet_closing"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:petition", kwargs={"petition_id": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status in (PetitionStatus.OPEN, PetitionStatus.CLOSED)


class Signature(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petition_signatures"
    )
    # The signer's choice: their name in the public list of signers, or not.
    show_name = models.BooleanField(default=False)
    # Where the signer lives, as they said: a district code of egov.lib.regions.
    district = models.CharField(max_length=5)
    province = models.CharField(max_length=2)
    signed_at = models.DateTimeField()

    class Meta:
        constraints = [
            # One signature per account, whatever two requests do at the same moment.
            models.UniqueConstraint(
                fields=["petition", "signer"], name="participation_one_signature"
            )
        ]
        indexes = [
            models.Index(fields=["petition", "district"], name="participation_sig_district"),
            # The latest signers who show their names, newest first, at any size.
            models.Index(
                fields=["petition", "-id"],
                condition=models.Q(show_name=True),
                name="participation_sig_shown",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.signer_id}"


# ---- consultations -------------------------------------------------------------------------


class Consultation(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consultations")
    question = models.CharField(max_length=QUESTION_MAX_LENGTH)
    description = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-closes_at"], name="participation_cons_closing")]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation", kwargs={"consultation_id": self.pk})


class ConsultationOption(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=OPTION_MAX_LENGTH)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="participation_option_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class AgeBand(models.TextChoices):
    UNDER_20 = "under_20", _("Under 20")
    TWENTIES = "20s", _("20 to 29")
    THIRTIES = "30s", _("30 to 39")
    FORTIES = "40s", _("40 to 49")
    FIFTIES = "50s", _("50 to 59")
    SIXTY_PLUS = "60_plus", _("60 and over")
    UNKNOWN = "unknown", _("Age not given")


class Vote(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(ConsultationOption, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultation_votes"
    )
    # The groups the results are broken down by, fixed when the vote is cast:
    # the province the voter named and the age band of their date of birth (never the date).
    province = models.CharField(max_length=2)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    voted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "voter"], name="participation_one_vote")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.voter_id}"


class Comment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Redacted of personal data before it is stored (egov.lib.redaction).
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    posted_at = models.DateTimeField()
    # Hidden by moderation: the reason is shown in the comment's place.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=24, choices=RejectionReason.choices, blank=True)

    class Meta:
        ordering = ["posted_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"


# ---- "was this page useful?" -----------------------------------------------------------------


class PageFeedback(models.Model):
    """One answer to "Was this page useful?", with an optional comment (redacted when stored)."""

    path = models.CharField(max_length=FEEDBACK_PATH_MAX_LENGTH)
    useful = models.BooleanField()
    comment = models.TextField(blank=True)
    language = models.CharField(max_length=8)
    # Who answered, when they were signed in; anyone may answer.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    given_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["path"], name="participation_feedback_path")]

    def __str__(self) -> str:
        return f"{self.path}: {self.useful}"


# ---- ratings of services ---------------------------------------------------------------------


class ServiceRating(models.Model):
    """A 1-5 rating of a service by the person it served, once it is done for them.

    ``service`` is a registered service's slug and ``subject`` the key of what
    was done (a proposal's number): any service records its ratings here
    through ``actions.rate_service``, once per person and subject.
    """

    service = models.SlugField(max_length=40)
    subject = models.CharField(max_length=64)
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_ratings"
    )
    score = models.PositiveSmallIntegerField()
    # Redacted of personal data when stored.
    comment = models.TextField(blank=True)
    rated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "subject", "rater"], name="participation_one_rating"
            ),
            # The scale is 1 (very poor) to 5 (very good), in the database too.
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="participation_rating_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}/{self.subject}: {self.score}"


# ---- moderation ------------------------------------------------------------------------------


class ReportKind(models.TextChoices):
    PETITION = "petition", _("Petition")
    PROPOSAL = "proposal", _("Proposal")
    COMMENT = "comment", _("Comment")


class ReportOutcome(models.TextChoices):
    KEPT = "kept", _("Kept")
    HIDDEN = "hidden", _("Hidden")


class Report(models.Model):
    """Someone (anyone, signed in or not) asks moderators to look at a public text."""

    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=24, choices=RejectionReason.choices)
    # What the reporter adds, redacted of personal data when stored.
    note = models.TextField(blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(max_length=8, choices=ReportOutcome.choices, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["resolved_at", "reported_at"], name="participation_report_open"),
            models.Index(fields=["kind", "object_id"], name="participation_report_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.object_id}"
