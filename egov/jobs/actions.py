"""Every write to the jobs service.

Each action owns its transaction, asks rules.py whether this person may take
the step now, writes, records exactly one audit event, and queues its
notifications after commit. Publishing and closing also write or remove the
posting's search row in the same transaction.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from egov import audit, notifications
from egov.accounts.models import Role, User
from egov.agencies.models import Unit
from egov.audit.models import AuditAction
from egov.jobs import checker, messages, rules
from egov.jobs.limits import EXPIRY_REMINDER_BEFORE, MAX_SAVED_SEARCHES, MAX_VALIDITY
from egov.jobs.models import (
    HOURS_IN,
    ClosedReason,
    Company,
    EmployerMembership,
    EmploymentOffice,
    MinimumWage,
    Posting,
    Report,
    Rule,
    RuleSet,
    SalaryUnit,
    SavedSearch,
    Status,
)
from egov.jobs.search import index_posting
from egov.lib import business_numbers, occupations, regions
from egov.lib.calendar import local_date

# The fields an employer writes (forms.PostingForm gives exactly these).
POSTING_FIELDS = (
    "title",
    "description",
    "employment_type",
    "district_code",
    "remote",
    "applicant_country",
    "salary_min",
    "salary_max",
    "salary_unit",
    "occupation_code",
    "experience_years",
    "education",
    "skills",
    "working_hours",
    "benefits",
    "openings",
    "how_to_apply",
    "work_languages",
    "valid_through",
)
CHECKED_TEXT_FIELDS = (
    "title",
    "description",
    "skills",
    "working_hours",
    "benefits",
    "how_to_apply",
)


def _lock(posting: Posting) -> None:
    posting.refresh_from_db(from_queryset=Posting.objects.select_for_update())


# ---- employment offices and companies --------------------------------------------------


@transaction.atomic
def designate_employment_office(*, actor: User | None, unit: Unit) -> EmploymentOffice:
    """Make a unit an employment office; its officers become employment officers."""
    if actor is not None:
        rules.require(actor.role == Role.PLATFORM_ADMIN)
    office, _created = EmploymentOffice.objects.get_or_create(unit=unit)
    audit.record(actor=actor, action=AuditAction.JOBS_OFFICE_DESIGNATED, subject=office)
    return office


@transaction.atomic
def register_company(
    *, user: User, registration_number: str, name: str, website: str = ""
) -> Company:
    """Register a company (or join the one with this number) and make the account its employer."""
    rules.require(rules.can_register_company(user))
    digits = business_numbers.normalize(registration_number)
    if digits is None:
        raise ValidationError(
            {"registration_number": _("This is not a valid business registration number.")},
            code="invalid",
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the company's name.")}, code="required")
    company = Company.objects.filter(registration_number=digits).first()
    created = company is None
    if company is None:
        company = Company.objects.create(
            registration_number=digits, name=name, website=website, registered_by=user
        )
    EmployerMembership.objects.create(user=user, company=company)
    if user.role != Role.EMPLOYER:
        user.role = Role.EMPLOYER
        user.save(update_fields=["role"])
    audit.record(
        actor=user,
        action=AuditAction.JOBS_COMPANY_REGISTERED,
        subject=company,
        detail={"joined_existing": not created},
    )
    return company


@transaction.atomic
def verify_company(*, officer: User, company: Company) -> Company:
    company.refresh_from_db(from_queryset=Company.objects.select_for_update())
    rules.require(rules.can_verify_company(officer, company))
    company.verified_at = timezone.now()
    company.verified_by = officer
    company.save(update_fields=["verified_at", "verified_by"])
    audit.record(actor=officer, action=AuditAction.JOBS_COMPANY_VERIFIED, subject=company)
    members = [membership.user for membership in company.members.select_related("user")]
    notifications.on_commit(members, messages.company_verified(company), url="/jobs/employer/")
    return company


# ---- minimum wage and the checker's rules ---------------------------------------------


def minimum_wage(year: int) -> int:
    configured = dict(MinimumWage.objects.values_list("year", "hourly_won"))
    return checker.minimum_wage_for(year, configured)


@transaction.atomic
def set_minimum_wage(*, officer: User, year: int, hourly_won: int) -> MinimumWage:
    """Record the year's minimum wage as announced under the Minimum Wage Act art. 10."""
    rules.require(rules.can_maintain_rules(officer))
    if not 1988 <= year <= 2100 or not 0 < hourly_won <= 1_000_000:
        raise ValidationError(_("Enter a year and an hourly wage in won."), code="invalid")
    wage, _created = MinimumWage.objects.update_or_create(
        year=year, defaults={"hourly_won": hourly_won, "set_at": timezone.now()}
    )
    audit.record(
        actor=officer,
        action=AuditAction.JOBS_MINIMUM_WAGE_SET,
        subject=wage,
        detail={"year": year, "hourly_won": hourly_won},
    )
    return wage


def current_rules() -> list[checker.RuleSpec]:
    ruleset = RuleSet.objects.order_by("-version").first()
    if ruleset is None:
        return [checker.RuleSpec(*rule) for rule in checker.DEFAULT_RULES]
    return [
        checker.RuleSpec(rule.kind, rule.category, rule.language, rule.pattern)
        for rule in ruleset.rules.all()
    ]


@transaction.atomic
def publish_rules(*, officer: User | None, specs: Iterable[checker.RuleSpec], note: str) -> RuleSet:
    """Put a new version of the checker's rules in force (the old ones stay for the record)."""
    if officer is not None:
        rules.require(rules.can_maintain_rules(officer))
    specs = list(specs)
    for spec in specs:
        if not checker.valid_pattern(spec.pattern):
            raise ValidationError(
                {"pattern": _("This is not a usable pattern.")}, code="invalid_pattern"
            )
    latest = RuleSet.objects.select_for_update().aggregate(version=Max("version"))["version"]
    ruleset = RuleSet.objects.create(version=(latest or 0) + 1, created_by=officer, note=note)
    Rule.objects.bulk_create(
        Rule(
            ruleset=ruleset,
            kind=spec.kind,
            category=spec.category,
            language=spec.language,
            pattern=spec.pattern,
        )
        for spec in specs
    )
    audit.record(
        actor=officer,
        action=AuditAction.JOBS_RULES_PUBLISHED,
        subject=ruleset,
        detail={"version": ruleset.version, "rules": len(specs)},
    )
    return ruleset


def add_rule(*, officer: User, spec: checker.RuleSpec, note: str = "") -> RuleSet:
    return publish_rules(officer=officer, specs=[*current_rules(), spec], note=note)


def remove_rule(*, officer: User, rule: Rule, note: str = "") -> RuleSet:
    latest = RuleSet.objects.order_by("-version").first()
    if latest is None or rule.ruleset_id != latest.pk:
        raise ValidationError(_("Only a rule in force can be removed."), code="stale")
    remaining = [
        checker.RuleSpec(other.kind, other.category, other.language, other.pattern)
        for other in latest.rules.exclude(pk=rule.pk)
    ]
    return publish_rules(officer=officer, specs=remaining, note=note)


# ---- postings -------------------------------------------------------------------------


def check_posting(values: dict[str, Any], *, today: datetime.date) -> list[checker.Finding]:
    """What the checker finds in a posting's text and pay (also used while the employer writes)."""
    texts = [str(values.get(name) or "") for name in CHECKED_TEXT_FIELDS]
    findings = checker.check_text(texts, current_rules())
    findings += checker.check_pay(
        salary_min=values.get("salary_min"),
        salary_max=values.get("salary_max"),
        unit=str(values.get("salary_unit") or ""),
        minimum_wage=minimum_wage(today.year),
    )
    return findings


def _validate(values: dict[str, Any], *, today: datetime.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    valid_through = values.get("valid_through")
    if not isinstance(valid_through, datetime.date) or valid_through < today:
        errors["valid_through"] = _("Choose a closing date from today on.")
    elif valid_through > today + MAX_VALIDITY:
        errors["valid_through"] = _("A posting can stay open for at most 90 days.")
    if occupations.occupation(values.get("occupation_code")) is None:
        errors["occupation_code"] = _("Choose an occupation.")
    district = regions.district(values.get("district_code") or "")
    if not values.get("remote") and district is None:
        errors["district_code"] = _("Choose where the work is, or say it is remote.")
    if values.get("remote") and not values.get("applicant_country"):
        errors["applicant_country"] = _("Say where remote applicants must live.")
    low, high = values.get("salary_min"), values.get("salary_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        errors["salary_max"] = _("The highest pay cannot be below the lowest.")
    if errors:
        raise ValidationError(errors, code="invalid")
    cleaned = {name: values.get(name) for name in POSTING_FIELDS}
    cleaned["district_code"] = district.code if district else ""
    cleaned["province_code"] = district.province.code if district else ""
    occupation = occupations.occupation(cleaned["occupation_code"])
    assert occupation is not None
    cleaned["occupation_major"] = occupation.major_group
    unit = SalaryUnit(str(cleaned["salary_unit"]))
    cleaned["monthly_salary_min"] = int(
        int(cleaned["salary_min"] or 0) * HOURS_IN[SalaryUnit.MONTH] / HOURS_IN[unit]
    )
    return cleaned


@transaction.atomic
def save_draft(
    *, employer: User, values: dict[str, Any], posting: Posting | None = None
) -> Posting:
    """Create or change a draft (a posting in review goes back to draft when changed)."""
    today = local_date(timezone.now())
    cleaned = _validate(values, today=today)
    if posting is None:
        rules.require(rules.can_write_posting(employer))
        company = rules.company_of(employer)
        assert company is not None
        posting = Posting.objects.create(company=company, author=employer, **cleaned)
        action = AuditAction.JOBS_POSTING_CREATED
    else:
        _lock(posting)
        rules.require(rules.can_edit_posting(employer, posting))
        for name, value in cleaned.items():
            setattr(posting, name, value)
        posting.status = Status.DRAFT
        posting.updated_at = timezone.now()
        posting.save()
        action = AuditAction.JOBS_POSTING_CHANGED
    audit.record(actor=employer, action=action, subject=posting)
    return posting


@transaction.atomic
def submit_posting(*, employer: User, posting: Posting) -> Posting:
    """Run the checker: blocked postings stay drafts; others publish, or go to review.

    A posting goes to review (moderation) when the checker warns of a scam or
    the company is not verified yet; otherwise it is published at once.
    """
    _lock(posting)
    rules.require(rules.can_edit_posting(employer, posting))
    today = local_date(timezone.now())
    values = {name: getattr(posting, name) for name in POSTING_FIELDS}
    findings = check_posting(values, today=today)
    posting.findings = [finding.as_json() for finding in findings]
    posting.rejection_reason = ""
    blocked = any(finding.blocking for finding in findings)
    if blocked:
        posting.status = Status.DRAFT
    elif findings or not posting.company.is_verified:
        posting.status = Status.IN_REVIEW
    else:
        _publish(posting)
    posting.updated_at = timezone.now()
    posting.save()
    index_posting(posting)
    audit.record(
        actor=employer,
        action=AuditAction.JOBS_POSTING_SUBMITTED,
        subject=posting,
        detail={"status": posting.status, "findings": len(findings), "blocked": blocked},
    )
    return posting


def _publish(posting: Posting) -> None:
    posting.status = Status.PUBLISHED
    posting.date_posted = timezone.now()


@transaction.atomic
def approve_posting(*, officer: User, posting: Posting) -> Posting:
    _lock(posting)
    rules.require(rules.can_moderate(officer, posting))
    _publish(posting)
    posting.updated_at = timezone.now()
    posting.save()
    index_posting(posting)
    audit.record(actor=officer, action=AuditAction.JOBS_POSTING_APPROVED, subject=posting)
    notifications.on_commit(
        [posting.author], messages.posting_approved(posting), url=posting.get_absolute_url()
    )
    return posting


@transaction.atomic
def reject_posting(*, officer: User, posting: Posting, reason: str) -> Posting:
    """Send a posting back to its employer as a draft, with the reason they will read."""
    _lock(posting)
    rules.require(rules.can_moderate(officer, posting))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the employer.")}, code="required")
    posting.status = Status.DRAFT
    posting.rejection_reason = reason
    posting.updated_at = timezone.now()
    posting.save()
    audit.record(actor=officer, action=AuditAction.JOBS_POSTING_REJECTED, subject=posting)
    notifications.on_commit(
        [posting.author], messages.posting_rejected(posting), url="/jobs/employer/"
    )
    return posting


@transaction.atomic
def take_down_posting(*, officer: User, posting: Posting, reason: str) -> Posting:
    """Take a reported, published posting off the site and back to review."""
    _lock(posting)
    rules.require(rules.can_moderate(officer))
    reason = reason.strip()
    if posting.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published posting can be taken down."), code="not_live")
    if not reason:
        raise ValidationError({"reason": _("Say why, for the employer.")}, code="required")
    posting.status = Status.DRAFT
    posting.rejection_reason = reason
    posting.updated_at = timezone.now()
    posting.save()
    index_posting(posting)
    _resolve_reports(officer, posting)
    audit.record(actor=officer, action=AuditAction.JOBS_POSTING_TAKEN_DOWN, subject=posting)
    notifications.on_commit(
        [posting.author], messages.posting_rejected(posting), url="/jobs/employer/"
    )
    return posting


def _resolve_reports(officer: User, posting: Posting) -> int:
    return posting.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=officer
    )


@transaction.atomic
def dismiss_reports(*, officer: User, posting: Posting) -> int:
    """The reports on a posting were looked at and the posting stays."""
    rules.require(rules.can_moderate(officer))
    count = _resolve_reports(officer, posting)
    audit.record(
        actor=officer,
        action=AuditAction.JOBS_REPORTS_DISMISSED,
        subject=posting,
        detail={"reports": count},
    )
    return count


@transaction.atomic
def close_posting(*, employer: User, posting: Posting, reason: ClosedReason) -> Posting:
    _lock(posting)
    rules.require(rules.can_close_posting(employer, posting))
    if reason not in (ClosedReason.FILLED, ClosedReason.WITHDRAWN):
        raise ValidationError(_("Say why the posting closes."), code="invalid")
    _close(posting, reason)
    audit.record(
        actor=employer,
        action=AuditAction.JOBS_POSTING_CLOSED,
        subject=posting,
        detail={"reason": reason},
    )
    return posting


def _close(posting: Posting, reason: ClosedReason) -> None:
    posting.status = Status.CLOSED
    posting.closed_reason = reason
    posting.closed_at = timezone.now()
    posting.updated_at = posting.closed_at
    posting.save()
    index_posting(posting)


@transaction.atomic
def report_posting(*, reporter: User | None, posting: Posting, reason: str) -> Report:
    """Anyone may report a live posting; the report goes to the moderation queue."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with the posting.")}, code="required")
    if not posting.is_live:
        raise ValidationError(_("Only a published posting can be reported."), code="not_live")
    actor = reporter if reporter is not None and reporter.is_authenticated else None
    report = Report.objects.create(posting=posting, reporter=actor, reason=reason)
    audit.record(actor=actor, action=AuditAction.JOBS_POSTING_REPORTED, subject=report)
    return report


# ---- expiry -----------------------------------------------------------------------------


def expire_postings(*, now: datetime.datetime | None = None) -> int:
    """Close every live posting whose "valid through" day has passed (one transaction each)."""
    now = now or timezone.now()
    today = local_date(now)
    expired = 0
    for posting_id in (
        Posting.objects.live().filter(valid_through__lt=today).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            posting = Posting.objects.select_for_update().get(pk=posting_id)
            if posting.status != Status.PUBLISHED or posting.valid_through >= today:
                continue
            _close(posting, ClosedReason.EXPIRED)
            audit.record(actor=None, action=AuditAction.JOBS_POSTING_EXPIRED, subject=posting)
            notifications.on_commit(
                [posting.author], messages.posting_expired(posting), url="/jobs/employer/"
            )
            expired += 1
    return expired


def send_expiry_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each employer once, a week before their live posting expires."""
    now = now or timezone.now()
    horizon = local_date(now) + EXPIRY_REMINDER_BEFORE
    sent = 0
    due = Posting.objects.live().filter(valid_through__lte=horizon, reminder_sent_at__isnull=True)
    for posting_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            posting = Posting.objects.select_for_update().get(pk=posting_id)
            if posting.reminder_sent_at is not None or not posting.is_live:
                continue
            posting.reminder_sent_at = now
            posting.save(update_fields=["reminder_sent_at"])
            audit.record(actor=None, action=AuditAction.JOBS_EXPIRY_REMINDER_SENT, subject=posting)
            notifications.on_commit(
                [posting.author], messages.expiry_reminder(posting), url="/jobs/employer/"
            )
            sent += 1
    return sent


# ---- saved searches ---------------------------------------------------------------------


@transaction.atomic
def save_search(*, user: User, name: str, query: str) -> SavedSearch:
    """Keep a search (its query string, already read by the search form) for daily alerts."""
    rules.require(rules.can_save_search(user))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the search a name.")}, code="required")
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You can keep at most %(count)d searches: delete one first.")
            % {"count": MAX_SAVED_SEARCHES},
            code="too_many",
        )
    saved = SavedSearch.objects.create(user=user, name=name, query=query)
    audit.record(actor=user, action=AuditAction.JOBS_SEARCH_SAVED, subject=saved)
    return saved


@transaction.atomic
def delete_saved_search(*, user: User, saved: SavedSearch) -> None:
    rules.require(saved.user_id == user.pk)
    audit.record(actor=user, action=AuditAction.JOBS_SEARCH_DELETED, subject=saved)
    saved.delete()


def send_search_alerts(*, now: datetime.datetime | None = None) -> int:
    """Tell each person once a day how many postings new since the last alert match a search."""
    from egov.jobs.forms import SearchForm
    from egov.jobs.search import search_postings

    now = now or timezone.now()
    sent = 0
    for saved_id in SavedSearch.objects.filter(alerted_up_to__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().select_related("user").get(pk=saved_id)
            form = SearchForm(QueryDict(saved.query))
            if not form.is_valid() or not saved.user.is_active:
                continue
            since = saved.alerted_up_to
            # The newest first, whatever the saved sort: the alert is about what is new.
            newest = dataclasses.replace(form.filters(), sort="newest")
            results = search_postings(newest, size=100, with_facets=False)
            new = [
                posting
                for posting in results.page.items
                if posting.date_posted is not None and since < posting.date_posted <= now
            ]
            saved.alerted_up_to = now
            saved.save(update_fields=["alerted_up_to"])
            if not new:
                continue
            audit.record(
                actor=None,
                action=AuditAction.JOBS_SEARCH_ALERT_SENT,
                subject=saved,
                detail={"postings": len(new)},
            )
            notifications.on_commit(
                [saved.user],
                messages.search_alert(saved, len(new)),
                url=f"/jobs/?{saved.query}",
            )
            sent += 1
    return sent
