"""The surges page for staff: categories rising in a district, and what was opened from them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.accounts.http import AuthenticatedRequest
from egov.complaints import rules
from egov.complaints.limits import SURGE_COMPLAINTS_SHOWN, SURGE_FACTOR, SURGE_MIN_COMPLAINTS
from egov.complaints.models import Complaint, FollowUp
from egov.complaints.queries import access_surge, surge_complaints, surges_for


@dataclass(frozen=True)
class SurgeRow:
    complaint: Complaint
    # Only the handlers of a case read its title here; the others see its number.
    handled: bool


@login_required
@require_GET
def surges(request: AuthenticatedRequest) -> HttpResponse:
    if rules.staff_agency(request.user) is None:
        raise Http404
    return render(
        request,
        "complaints/staff/surges.html",
        {
            "surges": surges_for(request.user),
            "minimum": SURGE_MIN_COMPLAINTS,
            "factor": SURGE_FACTOR,
        },
    )


@login_required
@require_GET
def surge(request: AuthenticatedRequest, surge_id: str) -> HttpResponse:
    found = access_surge(request.user, surge_id)
    behind = list(surge_complaints(found)[: SURGE_COMPLAINTS_SHOWN + 1])
    opened = list(
        FollowUp.objects.filter(
            agency_id=found.agency_id,
            category_id=found.category_id,
            district_code=found.district_code,
            week_start=found.week_start,
        )
    )
    return render(
        request,
        "complaints/staff/surge.html",
        {
            "surge": found,
            "rows": [
                SurgeRow(complaint, rules.is_case_handler(request.user, complaint))
                for complaint in behind[:SURGE_COMPLAINTS_SHOWN]
            ],
            "more": len(behind) > SURGE_COMPLAINTS_SHOWN,
            "shown": SURGE_COMPLAINTS_SHOWN,
            "opened": opened,
        },
    )
