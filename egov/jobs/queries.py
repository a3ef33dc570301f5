"""Reads for the jobs service.

``access_posting`` and ``access_company`` are the doors: each fetches and
checks permission together, and a missing thing looks exactly like a
forbidden one (404).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from egov.jobs import rules
from egov.jobs.models import Company, Posting, PostingQuerySet, Report, RuleSet, Status
from egov.jobs.rules import Viewer


def _by_id(text: str | int) -> int | None:
    key = str(text)
    return int(key) if key.isascii() and key.isdigit() and len(key) <= 18 else None


def access_posting(user: Viewer, posting_id: str | int) -> Posting:
    """The posting if this user may see it: live ones for anyone, the rest for their company."""
    pk = _by_id(posting_id)
    posting = Posting.objects.select_related("company").filter(pk=pk).first() if pk else None
    if posting is None:
        raise Http404
    if not rules.can_see_posting(user, posting):
        raise Http404
    return posting


def access_company(user: Viewer, company_id: str | int) -> Company:
    """A company for the employment officers who verify companies."""
    pk = _by_id(company_id)
    company = Company.objects.filter(pk=pk).first() if pk else None
    if company is None:
        raise Http404
    if not rules.can_see_companies(user):
        raise Http404
    return company


def postings_of(user: Viewer) -> PostingQuerySet:
    company = rules.company_of(user)
    if company is None:
        return Posting.objects.none()
    return Posting.objects.filter(company=company).order_by("-id")


def unverified_companies() -> list[Company]:
    return list(Company.objects.filter(verified_at__isnull=True).order_by("id")[:200])


def moderation_queue() -> list[Posting]:
    """Postings waiting for review and live postings with open reports, oldest first."""
    return list(
        Posting.objects.filter(
            Q(status=Status.IN_REVIEW)
            | Q(status=Status.PUBLISHED, reports__resolved_at__isnull=True, reports__isnull=False)
        )
        .select_related("company")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .distinct()
        .order_by("updated_at", "id")[:200]
    )


def open_reports(posting: Posting) -> list[Report]:
    return list(posting.reports.filter(resolved_at__isnull=True).order_by("id"))


def current_ruleset() -> RuleSet | None:
    return RuleSet.objects.order_by("-version").prefetch_related("rules").first()
