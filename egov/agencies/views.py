"""Staff pages about agencies and units."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from egov.agencies import queries, rules
from egov.lib.http import AuthenticatedRequest
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose


@login_required
@require_safe
def my_unit(request: AuthenticatedRequest) -> HttpResponse:
    officer = getattr(request.user, "officer", None)
    if officer is None:
        raise Http404
    return redirect("agencies:unit_roster", unit_id=officer.unit_id)


@login_required
@require_safe
def unit_roster(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    unit = queries.access_unit(request.user, unit_id)
    members = list(queries.roster(unit))
    show_contacts = rules.can_see_staff_contacts(request.user, unit)
    if show_contacts:
        for member in members:
            record_access(
                viewer=request.user,
                owner=member.user,
                fields=["email"],
                purpose=AccessPurpose.UNIT_ADMINISTRATION,
                subject=unit,
            )
    return render(
        request,
        "agencies/unit_roster.html",
        {"unit": unit, "members": members, "show_contacts": show_contacts},
    )
