"""Employers, job postings, the posting checker's rules, and reports.

A company is known by its business registration number and stays
unverified until an employment officer (an officer of a unit designated as
an employment office) verifies it. An employer account belongs to one
company. A posting carries the fields of a schema.org JobPosting and moves
draft → in review → published → closed; the checker's findings are kept on
the posting so that the moderator and the employer read the same words.
"""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.jobs import limits
from egov.lib import business_numbers, occupations, regions


class EmploymentOffice(models.Model):
    """A unit of an agency that works as an employment office (고용센터).

    Its officers and supervisors are the employment officers who verify
    companies, moderate postings and maintain the checker's rules.
    """

    unit = models.OneToOneField(
        "agencies.Unit", on_delete=models.PROTECT, related_name="employment_office"
    )
    designated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"employment office {self.unit_id}"


class Company(models.Model):
    # Ten digits, no dashes (egov.lib.business_numbers); checked by the form and the action.
    registration_number = models.CharField(_("business registration number"), max_length=10)
    name = models.CharField(_("company name"), max_length=limits.COMPANY_NAME_MAX_LENGTH)
    website = models.URLField(_("website"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            # One company per registration number: a second employer joins it instead.
            models.UniqueConstraint(fields=["registration_number"], name="company_number_unique"),
            # Verified means verified by someone, at some moment.
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True, verified_by__isnull=True)
                | models.Q(verified_at__isnull=False, verified_by__isnull=False),
                name="company_verified_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def formatted_number(self) -> str:
        return business_numbers.formatted(self.registration_number)


class EmployerMembership(models.Model):
    """An employer account's place in its company."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employer_membership"
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="members")
    joined_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"member {self.user_id} of company {self.company_id}"


class MinimumWage(models.Model):
    """The hourly minimum wage for one year (Minimum Wage Act art. 6, 8 and 10).

    Years without a row use ``limits.MINIMUM_WAGE_BY_YEAR``.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    hourly_won = models.PositiveIntegerField()
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.year}: {self.hourly_won} won an hour"


# ---- the checker's rules ----------------------------------------------------------------


class RuleKind(models.TextChoices):
    # Blocks publication: the law forbids asking for it.
    FORBIDDEN = "forbidden", _("Forbidden requirement")
    # Sends the posting to moderation.
    SCAM = "scam", _("Sign of a scam")


class RuleCategory(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE = "age", _("Age")
    MARITAL_STATUS = "marital_status", _("Marital status")
    APPEARANCE = "appearance", _("Appearance")
    HEIGHT = "height", _("Height")
    WEIGHT = "weight", _("Weight")
    BIRTHPLACE = "birthplace", _("Place of origin")
    FAMILY = "family", _("Family background")
    FEES = "fees", _("Fees or deposits")
    DOCUMENTS = "documents", _("Bank cards or identity documents")
    MESSENGER = "messenger", _("Contact only by messenger")


class RuleSet(models.Model):
    """One version of the checker's rules: the newest is in force, older ones stay on record."""

    version = models.PositiveIntegerField(unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # What changed, in the officer's words.
    note = models.CharField(max_length=limits.REASON_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"checker rules v{self.version}"


class Rule(models.Model):
    ruleset = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="rules")
    kind = models.CharField(max_length=16, choices=RuleKind.choices)
    category = models.CharField(max_length=32, choices=RuleCategory.choices)
    # ko, en or id: the language of the words (each rule is checked against every text).
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    # A regular expression (Python syntax), matched case-insensitively on NFKC text.
    pattern = models.CharField(max_length=limits.PATTERN_MAX_LENGTH)

    class Meta:
        ordering = ["ruleset_id", "kind", "category", "language", "id"]

    def __str__(self) -> str:
        return f"{self.category}/{self.language}: {self.pattern}"


# ---- postings ---------------------------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class ClosedReason(models.TextChoices):
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EmploymentType(models.TextChoices):
    # The values are schema.org's employmentType values, as Google reads them.
    FULL_TIME = "FULL_TIME", _("Full-time")
    PART_TIME = "PART_TIME", _("Part-time")
    CONTRACTOR = "CONTRACTOR", _("Contract")
    TEMPORARY = "TEMPORARY", _("Temporary")
    INTERN = "INTERN", _("Internship")
    PER_DIEM = "PER_DIEM", _("Day work")


class SalaryUnit(models.TextChoices):
    # schema.org QuantitativeValue unitText values.
    HOUR = "HOUR", _("per hour")
    DAY = "DAY", _("per day")
    WEEK = "WEEK", _("per week")
    MONTH = "MONTH", _("per month")
    YEAR = "YEAR", _("per year")


HOURS_IN = {
    SalaryUnit.HOUR: 1,
    SalaryUnit.DAY: limits.HOURS_PER_DAY,
    SalaryUnit.WEEK: limits.HOURS_PER_WEEK,
    SalaryUnit.MONTH: limits.HOURS_PER_MONTH,
    SalaryUnit.YEAR: limits.HOURS_PER_YEAR,
}


class Education(models.TextChoices):
    # schema.org EducationalOccupationalCredential credentialCategory values Google reads.
    NONE = "", _("No requirement")
    HIGH_SCHOOL = "high school", _("High school")
    ASSOCIATE = "associate degree", _("Associate degree")
    BACHELOR = "bachelor degree", _("Bachelor's degree")
    POSTGRADUATE = "postgraduate degree", _("Postgraduate degree")
    CERTIFICATE = "professional certificate", _("Professional certificate")


EDUCATION_ORDER = {value: index for index, value in enumerate(Education.values)}


class Source(models.TextChoices):
    EMPLOYER = "employer", _("Posted by the employer on egov")
    OFFICER = "officer", _("Posted by an employment officer for the employer")


class PostingQuerySet(models.QuerySet["Posting"]):
    def live(self) -> Self:
        return self.filter(status=Status.PUBLISHED)


class Posting(models.Model):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="postings")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EMPLOYER)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    closed_reason = models.CharField(max_length=16, choices=ClosedReason.choices, blank=True)
    title = models.CharField(_("job title"), max_length=limits.TITLE_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=limits.DESCRIPTION_MAX_LENGTH)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices
    )
    # Province (2 digits) and district (5 digits) codes of egov.lib.regions; blank when remote.
    province_code = models.CharField(max_length=2, blank=True)
    district_code = models.CharField(max_length=5, blank=True)
    remote = models.BooleanField(_("remote work"), default=False)
    # For remote work: the country applicants must be in (ISO 3166-1 alpha-2).
    applicant_country = models.CharField(max_length=2, blank=True)
    salary_min = models.PositiveBigIntegerField(_("lowest pay"))
    salary_max = models.PositiveBigIntegerField(_("highest pay"))
    salary_unit = models.CharField(_("pay per"), max_length=8, choices=SalaryUnit.choices)
    # The lowest pay as a monthly figure in won, for the salary filter and sort.
    monthly_salary_min = models.PositiveBigIntegerField(default=0)
    # An ISCO-08 sub-major group (egov.lib.occupations) and its major group.
    occupation_code = models.CharField(_("occupation"), max_length=2)
    occupation_major = models.CharField(max_length=1)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    education = models.CharField(
        _("education"), max_length=32, choices=Education.choices, blank=True
    )
    skills = models.CharField(_("skills"), max_length=limits.SHORT_TEXT_MAX_LENGTH, blank=True)
    working_hours = models.CharField(_("working hours"), max_length=limits.SHORT_TEXT_MAX_LENGTH)
    benefits = models.CharField(_("benefits"), max_length=limits.SHORT_TEXT_MAX_LENGTH, blank=True)
    openings = models.PositiveIntegerField(_("openings"), default=1)
    how_to_apply = models.CharField(_("how to apply"), max_length=limits.SHORT_TEXT_MAX_LENGTH)
    # Language codes separated by spaces: "ko en".
    work_languages = models.CharField(_("languages at work"), max_length=64, default="ko")
    valid_through = models.DateField(_("applications close on"))
    date_posted = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The checker's findings at the last submission (see egov.jobs.checker.Finding.as_json).
    findings = models.JSONField(default=list, blank=True)
    # The moderator's reason for sending it back, shown to the employer.
    rejection_reason = models.CharField(max_length=limits.REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        constraints = [
            # No hidden pay: a range, low to high.
            models.CheckConstraint(
                condition=models.Q(salary_min__lte=models.F("salary_max")),
                name="posting_salary_range",
            ),
            # Somewhere: a district, or remote.
            models.CheckConstraint(
                condition=models.Q(remote=True) | ~models.Q(district_code=""),
                name="posting_has_a_place",
            ),
            models.CheckConstraint(
                condition=models.Q(openings__gte=1), name="posting_at_least_one_opening"
            ),
        ]
        indexes = [
            # Newest live postings first: the default search order and its keyset.
            models.Index(fields=["status", "date_posted", "id"], name="posting_live_newest"),
            models.Index(fields=["status", "monthly_salary_min", "id"], name="posting_live_salary"),
            # The daily expiry and reminder jobs.
            models.Index(fields=["status", "valid_through"], name="posting_live_expiry"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:posting", kwargs={"posting_id": self.pk})

    @property
    def district(self) -> regions.District | None:
        return regions.district(self.district_code)

    @property
    def province(self) -> regions.Province | None:
        return regions.province(self.province_code)

    @property
    def occupation(self) -> occupations.Occupation | None:
        return occupations.occupation(self.occupation_code)

    @property
    def is_live(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def language_list(self) -> list[str]:
        return self.work_languages.split()

    @property
    def closes_on(self) -> datetime.date:
        return self.valid_through

    def blocking_findings(self) -> list[dict[str, Any]]:
        return [finding for finding in self.findings if finding.get("blocking")]

    def warning_findings(self) -> list[dict[str, Any]]:
        return [finding for finding in self.findings if not finding.get("blocking")]


class PostingSearchRow(models.Model):
    """On PostgreSQL, a live posting's keyword index row with the columns the search filters on.

    The table is egov.lib.search's index table (``jobs_posting_search_index``,
    made by migration 0002); migration 0005 adds copies of the posting's
    filter and sort columns to it on PostgreSQL, and ``index_posting`` writes
    them with the terms. A search with keywords then matches, filters, sorts
    and counts its facets in this one narrow table, and reads only the page's
    postings themselves (egov.jobs.search). A live posting cannot be edited,
    so the copies never go stale. On SQLite the index is an FTS5 table
    holding the terms alone, and this model is not used.
    """

    posting = models.OneToOneField(
        Posting,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    province_code = models.CharField(max_length=2)
    occupation_major = models.CharField(max_length=1)
    employment_type = models.CharField(max_length=16)
    monthly_salary_min = models.PositiveBigIntegerField()
    experience_years = models.PositiveSmallIntegerField()
    education = models.CharField(max_length=32)
    remote = models.BooleanField()
    date_posted = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "jobs_posting_search_index"

    def __str__(self) -> str:
        return f"search row of posting {self.pk}"


class Report(models.Model):
    """Someone's report that a posting is fake, discriminatory or wrong."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="reports")
    # Null for a visitor who is not signed in: anyone can report.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(max_length=limits.REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["resolved_at", "id"], name="report_open")]

    def __str__(self) -> str:
        return f"report {self.pk} on posting {self.posting_id}"


class SavedSearch(models.Model):
    """A job seeker's search, kept for a daily alert of new matches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_searches"
    )
    name = models.CharField(max_length=limits.SAVED_SEARCH_NAME_MAX_LENGTH)
    # The search's query string as the search form reads it (the form parses it again).
    query = models.CharField(max_length=limits.SAVED_SEARCH_QUERY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    # Postings published after this moment are new to the alert.
    alerted_up_to = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"saved search {self.pk} of user {self.user_id}"
