"""Opening a consultation or a policy review from a surge of complaints (staff only)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.accounts.http import AuthenticatedRequest
from egov.agencies.calendar import calendar_for
from egov.lib import surges
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.participation import actions, rules
from egov.participation.forms import ConsultationForm, PolicyReviewForm


def _figures(request: AuthenticatedRequest, surge_id: str) -> surges.SurgeFigures:
    """The surge if this member of staff may open something from it; else the same 404."""
    source = surges.source()
    figures = source.surge(request.user, surge_id) if source is not None else None
    if figures is None or not rules.may_open_from_surge(request.user, figures):
        raise Http404
    return figures


@login_required
@require_http_methods(["GET", "POST"])
def consultation_from_surge(request: AuthenticatedRequest, surge_id: str) -> HttpResponse:
    figures = _figures(request, surge_id)
    form = ConsultationForm(
        posted(request), initial={"description": actions.surge_summary(figures)}
    )
    if request.method == "POST" and form.is_valid():
        calendar = calendar_for(figures.agency_id)
        closes_at = calendar.start_of_day(
            form.cleaned_data["closes_on"] + datetime.timedelta(days=1)
        )
        try:
            found = actions.open_consultation_from_surge(
                actor=request.user,
                surge_id=figures.surge_id,
                question=form.cleaned_data["question"],
                description=form.cleaned_data["description"],
                options=form.option_lines(),
                closes_at=closes_at,
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request, _("The consultation is open; the complainants have been told.")
            )
            return redirect(found.get_absolute_url())
    return render(
        request,
        "participation/staff/from_surge.html",
        {
            "form": form,
            "figures": figures,
            "heading": _("Open a consultation"),
            "submit": _("Open the consultation"),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_from_surge(request: AuthenticatedRequest, surge_id: str) -> HttpResponse:
    figures = _figures(request, surge_id)
    form = PolicyReviewForm(posted(request), initial={"problem": actions.surge_summary(figures)})
    if request.method == "POST" and form.is_valid():
        try:
            found = actions.open_policy_review(
                actor=request.user,
                surge_id=figures.surge_id,
                title=form.cleaned_data["title"],
                problem=form.cleaned_data["problem"],
                proposed_change=form.cleaned_data["proposed_change"],
                expected_effect=form.cleaned_data["expected_effect"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request, _("The policy review is open; the complainants have been told.")
            )
            return redirect(found.get_absolute_url())
    return render(
        request,
        "participation/staff/from_surge.html",
        {
            "form": form,
            "figures": figures,
            "heading": _("Open a policy review"),
            "submit": _("Open the policy review"),
        },
        status=400 if form.is_bound else 200,
    )
