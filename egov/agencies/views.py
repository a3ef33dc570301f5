"""Staff pages about agencies and units."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from egov.accounts.http import AuthenticatedRequest
from egov.accounts.models import User
from egov.agencies import actions, queries, rules
from egov.agencies.calendar import calendar_for, upcoming_public_holidays
from egov.agencies.forms import ClosureForm
from egov.lib.forms import show_action_error
from egov.lib.http import posted
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


# ---- the calendar: days off beyond the public holidays ---------------------------------


def _require_calendar_keeper(user: User) -> None:
    if not rules.can_manage_closures(user):
        raise Http404


def _calendar_page(
    request: AuthenticatedRequest, form: ClosureForm, *, status: int = 200
) -> HttpResponse:
    today = calendar_for(None).local_date(timezone.now())
    return render(
        request,
        "agencies/closures.html",
        {
            "form": form,
            "upcoming": list(queries.closures_from(today)),
            "holidays": upcoming_public_holidays(today),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def closures(request: AuthenticatedRequest) -> HttpResponse:
    """Days off declared at short notice: the list, and the form to declare one."""
    _require_calendar_keeper(request.user)
    form = ClosureForm(posted(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                closure = actions.declare_closure(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_action_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(day)s is now a day off. The deadlines of open cases it affects are "
                        "being counted again; each case says why."
                    )
                    % {"day": date_format(closure.day, "DATE_FORMAT")},
                )
                return redirect("agencies:closures")
        return _calendar_page(request, form, status=400)
    return _calendar_page(request, form)


@login_required
@require_POST
def withdraw_closure(request: AuthenticatedRequest, closure_id: int) -> HttpResponse:
    _require_calendar_keeper(request.user)
    closure = queries.closure_in_force(closure_id)
    try:
        actions.withdraw_closure(actor=request.user, closure=closure)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(day)s is a working day again. The deadlines it moved are being counted again.")
            % {"day": date_format(closure.day, "DATE_FORMAT")},
        )
    return redirect("agencies:closures")
