"""The employer's pages: register a company, write, check, submit and close postings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.jobs import actions, rules
from egov.jobs.checker import LAW_OF
from egov.jobs.forms import CloseForm, CompanyForm, PostingForm
from egov.jobs.models import ClosedReason, Posting
from egov.jobs.queries import access_posting, postings_of
from egov.lib.forms import show_action_error
from egov.lib.http import posted


def _allowed(verdict: rules.Verdict) -> None:
    """A step this person may never take here is a 404, as for something that does not exist."""
    if verdict.forbidden:
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def register_company(request: AuthenticatedRequest) -> HttpResponse:
    verdict = rules.can_register_company(request.user)
    _allowed(verdict)
    if not verdict:
        return redirect("jobs:employer")
    form = CompanyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.register_company(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request,
                _("The company is registered. An employment officer will verify it."),
            )
            return redirect("jobs:employer")
    return render(request, "jobs/register_company.html", {"form": form})


@login_required
@require_GET
def employer(request: AuthenticatedRequest) -> HttpResponse:
    company = rules.company_of(request.user)
    if company is None:
        return redirect("jobs:register_company")
    return render(
        request,
        "jobs/employer.html",
        {"company": company, "postings": list(postings_of(request.user)[:100])},
    )


def _initial(posting: Posting) -> dict[str, Any]:
    initial = {name: getattr(posting, name) for name in actions.POSTING_FIELDS}
    initial["work_languages"] = posting.language_list
    return initial


def _findings(posting: Posting | None) -> list[dict[str, Any]]:
    if posting is None:
        return []
    return [
        {**finding, "law_label": LAW_OF[str(finding["category"])].label}
        for finding in posting.findings
    ]


@login_required
@require_http_methods(["GET", "POST"])
def edit_posting(request: AuthenticatedRequest, posting_id: str | None = None) -> HttpResponse:
    """Write a posting; "Check and submit" saves it and runs the checker at once."""
    posting = access_posting(request.user, posting_id) if posting_id else None
    if posting is None:
        _allowed(rules.can_write_posting(request.user))
    else:
        _allowed(rules.can_edit_posting(request.user, posting))
        if not rules.can_edit_posting(request.user, posting):
            return redirect(posting.get_absolute_url())
    form = PostingForm(posted(request), initial=_initial(posting) if posting else None)
    if request.method == "POST" and form.is_valid():
        try:
            posting = actions.save_draft(
                employer=request.user, values=form.cleaned_data, posting=posting
            )
            if "submit" in request.POST:
                posting = actions.submit_posting(employer=request.user, posting=posting)
        except ValidationError as error:
            show_action_error(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            if posting.blocking_findings():
                messages.error(
                    request,
                    _("The checker stopped this posting. Change what it found and submit again."),
                )
                return redirect("jobs:edit_posting", posting.pk)
            if "submit" in request.POST:
                if posting.is_live:
                    messages.success(request, _("The posting is published."))
                else:
                    messages.success(
                        request, _("The posting is waiting for an employment officer's review.")
                    )
                return redirect(posting.get_absolute_url())
            messages.success(request, _("The draft is saved."))
            return redirect("jobs:edit_posting", posting.pk)
    return render(
        request,
        "jobs/edit_posting.html",
        {"form": form, "posting": posting, "findings": _findings(posting)},
    )


@login_required
@require_POST
def close_posting(request: AuthenticatedRequest, posting_id: str) -> HttpResponse:
    posting = access_posting(request.user, posting_id)
    _allowed(rules.can_close_posting(request.user, posting))
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            actions.close_posting(
                employer=request.user,
                posting=posting,
                reason=ClosedReason(form.cleaned_data["reason"]),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The posting is closed."))
    else:
        messages.error(request, _("Say why the posting closes."))
    return redirect("jobs:employer")
