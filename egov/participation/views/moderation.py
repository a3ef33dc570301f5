"""Reports by anyone, and the one moderation queue for petitions, proposals and comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.lib.forms import show_action_error
from egov.participation import actions, throttle
from egov.participation.forms import ReportForm
from egov.participation.models import RejectionReason, ReportKind
from egov.participation.queries import access_report


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may report a public text; the form comes from a link beside it."""
    if request.method == "GET":
        form = ReportForm(
            initial={"kind": request.GET.get("kind"), "object_id": request.GET.get("id")},
            auto_id="report_%s",
        )
        return render(request, "participation/report.html", {"form": form})
    form = ReportForm(request.POST, auto_id="report_%s")
    if not throttle.may_report_now(request):
        form.add_error(None, _("Too many reports from this address. Try again later."))
        return render(request, "participation/report.html", {"form": form}, status=429)
    if form.is_valid():
        try:
            actions.report_content(
                reporter=request.user if request.user.is_authenticated else None,
                kind=ReportKind(form.cleaned_data["kind"]),
                object_id=form.cleaned_data["object_id"],
                reason=RejectionReason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Thank you: a moderator will look at it."))
            return redirect("participation:home")
    return render(request, "participation/report.html", {"form": form}, status=400)


@login_required
@require_POST
def resolve(request: AuthenticatedRequest, report_id: str) -> HttpResponse:
    found = access_report(request.user, report_id)
    hide = request.POST.get("outcome") == "hide"
    try:
        actions.resolve_report(actor=request.user, report=found, hide=hide)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The text is withdrawn and its author told.") if hide else _("Kept.")
        )
    return redirect("participation_staff:moderation")
