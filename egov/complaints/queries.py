"""Reads for complaints.

``access_complaint`` is the one door to a case: it fetches and checks
permission together, and a case that does not exist looks exactly like one the
user may not see. List queries are methods of ``Complaint.objects`` (see
models.py: ``queue_for``, ``public``, ``open``); the helpers here build pages
from them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.complaints import rules
from egov.complaints.limits import QUEUE_PAGE_SIZE
from egov.complaints.models import (
    DEFAULT_PERIODS,
    QUEUE_ORDER,
    Attachment,
    Complaint,
    ComplaintEvent,
    ComplaintQuerySet,
    ComplaintStatistics,
    ComplaintType,
    ProcessingPeriod,
    QueueCursor,
    Status,
    Surge,
)
from egov.complaints.rules import Viewer
from egov.lib.calendar import OfficeHours, office_zone
from egov.lib.pagination import Page
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose


def _detail_queryset() -> ComplaintQuerySet:
    # What every case page shows. The officer fields load only where a page
    # names them: each join more costs the planner more than the lookup itself
    # (a seven-table join planned in about 10 ms, this one in about 3).
    return Complaint.objects.select_related("citizen", "category", "unit__agency").order_by()


def access_complaint(user: Viewer, receipt_number_or_id: str | int) -> Complaint:
    """The complaint if this user may see it; Http404 when it is missing or forbidden."""
    key = str(receipt_number_or_id).strip()
    # isascii: str.isdigit() also accepts "²" and other digits int() refuses.
    is_id = key.isascii() and key.isdigit() and len(key) <= 18
    lookup = Q(pk=int(key)) if is_id else Q(receipt_number=key.upper())
    complaint = next(iter(_detail_queryset().filter(lookup)[:1]), None)
    if complaint is None:
        raise Http404
    if complaint.agency_id == complaint.unit.agency_id:
        # The actions keep a case's agency and its unit's agency the same row.
        complaint.agency = complaint.unit.agency
    if not rules.can_view(user, complaint):
        raise Http404
    return complaint


def access_attachment(user: User, complaint: Complaint, attachment_id: int) -> Attachment:
    """One of the case's files for ``user`` to download; Http404 when missing or not theirs.

    ``complaint`` comes from ``access_complaint``. A download by anyone but the
    person who uploaded the file (an officer opening the citizen's files, a
    reviewer a colleague's) writes an access event: a file is personal data
    whole, and who took a copy is what the citizen asks about
    (Personal Information Protection Act, article 35).
    """
    if not rules.can_download_attachments(user, complaint):
        raise Http404
    found = complaint.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    if user.is_government_staff and found.uploaded_by_id != user.pk:
        record_access(
            viewer=user,
            owner=complaint.citizen,
            fields=["attachment"],
            purpose=AccessPurpose.COMPLAINT_HANDLING,
            subject=found,
        )
    return found


@dataclass(frozen=True)
class PublishedCase:
    complaint: Complaint
    # The author's name alone: loading the account would decrypt their personal fields.
    author_name: str


def public_complaint(receipt_number: str) -> PublishedCase:
    """A published complaint for anyone, signed in or not; the page masks personal data."""
    found = (
        Complaint.objects.public()
        .filter(receipt_number=receipt_number.upper())
        .annotate(author_name=F("citizen__name"))
        .order_by()
        .first()
    )
    if found is None:
        raise Http404
    return PublishedCase(found, getattr(found, "author_name", ""))


def timeline_for(user: Viewer, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The steps this user may see: staff see internal notes, citizens never do."""
    events = ComplaintEvent.objects.timeline(complaint)
    if rules.can_see_internal(user, complaint):
        return events
    return events.visible_to_citizen()


def complaints_of(user: Viewer) -> ComplaintQuerySet:
    """A person's own complaints and those they signed, newest first."""
    if not user.is_authenticated:
        return Complaint.objects.none()
    return (
        Complaint.objects.filter(
            Q(citizen_id=user.pk)
            | Q(cosigners__user_id=user.pk, cosigners__signed_at__isnull=False)
        )
        .distinct()
        .select_related("category", "unit__agency")
        .order_by("-received_at", "-id")
    )


def processing_period(agency: Agency, type: str) -> int:
    """The agency's own period for the type, else the platform default, in one query."""
    periods: dict[int | None, int] = dict(
        ProcessingPeriod.objects.filter(
            Q(agency=agency) | Q(agency__isnull=True), type=type
        ).values_list("agency_id", "working_days")
    )
    return periods.get(agency.pk) or periods.get(None) or DEFAULT_PERIODS[type]


@dataclass(frozen=True)
class QueueFilters:
    status: Status | None = None
    type: ComplaintType | None = None
    due_today: bool = False
    overdue: bool = False
    mine: bool = False


def filtered_queue(
    user: Viewer, filters: QueueFilters, *, now: datetime.datetime
) -> ComplaintQuerySet:
    """The user's queue narrowed by the filters the queue page offers."""
    if not isinstance(user, User):
        return Complaint.objects.none()
    queue = Complaint.objects.queue_for(user)
    if filters.status is not None:
        queue = queue.with_status(filters.status)
    if filters.type is not None:
        queue = queue.of_type(filters.type)
    if filters.due_today:
        # Due today: by a time today, or (counted in days) by the end of today.
        zone = OfficeHours.from_settings().zone
        midnight = datetime.datetime.combine(now.astimezone(zone).date(), datetime.time(0), zone)
        queue = queue.due_between(midnight, midnight + datetime.timedelta(days=1))
    if filters.overdue:
        queue = queue.overdue(now)
    if filters.mine:
        queue = queue.assigned_to(user)
    return queue


def queue_page(
    queue: ComplaintQuerySet, *, after: QueueCursor | None = None, size: int = QUEUE_PAGE_SIZE
) -> Page[Complaint, QueueCursor]:
    """One page of a queue by keyset, so page 1,000 costs what page 1 costs."""
    return QUEUE_ORDER.page(queue, after=after, size=size)


def statistics_of(agency: Agency) -> QuerySet[ComplaintStatistics]:
    """The agency-wide row first, then its units, as last refreshed."""
    return (
        ComplaintStatistics.objects.filter(agency=agency)
        .select_related("unit")
        .order_by(F("unit__name_en").asc(nulls_first=True))
    )


# ---- surges ------------------------------------------------------------------------------


def surges_for(user: Viewer) -> list[Surge]:
    """The current surges of the agency this member of staff works for (empty for anyone else)."""
    agency_id = rules.staff_agency(user)
    if agency_id is None:
        return []
    return list(
        Surge.objects.filter(agency_id=agency_id)
        .select_related("category")
        .order_by("-this_week", "id")
    )


def access_surge(user: Viewer, surge_id: str | int) -> Surge:
    """The surge if this user may act on it; Http404 when it is missing or forbidden."""
    key = str(surge_id).strip()
    if not (key.isascii() and key.isdigit() and len(key) <= 18):
        raise Http404
    surge = Surge.objects.select_related("category").filter(pk=int(key)).first()
    if surge is None or not rules.can_act_on_surge(user, surge):
        raise Http404
    return surge


def surge_complaints(surge: Surge) -> ComplaintQuerySet:
    """The complaints a surge counted in its week (the week it names, not the one before)."""
    starts = datetime.datetime.combine(surge.week_start, datetime.time(0), tzinfo=office_zone())
    return Complaint.objects.filter(
        agency_id=surge.agency_id,
        category_id=surge.category_id,
        district_code=surge.district_code,
        received_at__gte=starts,
        received_at__lt=starts + datetime.timedelta(days=7),
    ).order_by("received_at", "id")
