"""Reads for permits.

``access_application`` is the one door to the full record: it fetches and
checks permission together, and an application someone may not see looks
exactly like one that does not exist. ``tracked_application`` is the public
door: any application by its receipt number, for the masked tracker.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.lib.pagination import Page
from egov.permits import rules
from egov.permits.limits import QUEUE_PAGE_SIZE
from egov.permits.models import (
    QUEUE_ORDER,
    Application,
    ApplicationQuerySet,
    ApplicationStep,
    PermitStatistics,
    PermitType,
    QueueCursor,
    Status,
)
from egov.permits.rules import Viewer


def _detail() -> ApplicationQuerySet:
    return Application.objects.select_related(
        "permit_type", "version", "agency", "unit__agency"
    ).order_by()


def access_application(user: Viewer, receipt_number: str) -> Application:
    """The application with its full record, if this user may see it; else Http404."""
    application = _detail().filter(receipt_number=receipt_number.strip().upper()).first()
    if application is None or not rules.can_view(user, application):
        raise Http404
    return application


@dataclass(frozen=True)
class Tracked:
    application: Application
    # The applicant's name alone, to be masked: loading the account would decrypt its fields.
    applicant_name: str


def tracked_application(receipt_number: str) -> Tracked:
    """Any application by receipt number, for anyone; the page masks the applicant."""
    found = (
        _detail()
        .filter(receipt_number=receipt_number.strip().upper())
        .annotate(applicant_name=F("applicant__name"))
        .first()
    )
    if found is None:
        raise Http404
    return Tracked(found, getattr(found, "applicant_name", ""))


def steps_of(application: Application) -> QuerySet[ApplicationStep]:
    return application.steps.select_related("definition", "unit__agency").order_by("position")


def catalogue() -> QuerySet[PermitType]:
    return PermitType.objects.filter(is_active=True).select_related("agency").order_by("name_en")


def applications_of(user: Viewer) -> ApplicationQuerySet:
    if not isinstance(user, User) or not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("permit_type", "unit__agency")
        .order_by("-received_at", "-id")
    )


@dataclass(frozen=True)
class QueueFilters:
    mine: bool = False
    status: Status | None = None


def queue_for(user: Viewer, filters: QueueFilters) -> ApplicationQuerySet:
    """Open applications of the user's unit (or agency), or only those drawn for them."""
    from egov.agencies.rules import staff_scope

    scope = staff_scope(user)
    if scope is None:
        return Application.objects.none()
    queue = Application.objects.open().select_related("permit_type", "unit")
    if scope.unit_id is not None:
        queue = queue.filter(unit_id=scope.unit_id)
    elif scope.agency_id is not None:
        queue = queue.filter(agency_id=scope.agency_id)
    if filters.mine:
        queue = queue.filter(assigned_officer_id=user.pk)
    if filters.status is not None:
        queue = queue.filter(status=filters.status)
    return queue


def queue_page(
    queue: ApplicationQuerySet, *, after: QueueCursor | None = None, size: int = QUEUE_PAGE_SIZE
) -> Page[Application, QueueCursor]:
    return QUEUE_ORDER.page(queue, after=after, size=size)


@dataclass(frozen=True)
class PublicFilters:
    permit_type: PermitType | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    status: Status | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None


def public_applications(filters: PublicFilters) -> ApplicationQuerySet:
    """Every application, filtered; only public columns are ever read from it."""
    rows = Application.objects.all()
    if filters.permit_type is not None:
        rows = rows.filter(permit_type=filters.permit_type)
    if filters.agency_id is not None:
        rows = rows.filter(agency_id=filters.agency_id)
    if filters.unit_id is not None:
        rows = rows.filter(unit_id=filters.unit_id)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.received_from is not None:
        rows = rows.filter(received_at__date__gte=filters.received_from)
    if filters.received_to is not None:
        rows = rows.filter(received_at__date__lte=filters.received_to)
    return rows


def statistics_rows() -> QuerySet[PermitStatistics]:
    """The figures per type and unit, as last refreshed."""
    return PermitStatistics.objects.select_related("permit_type", "unit__agency").order_by(
        "permit_type__name_en", "unit__name_en"
    )
