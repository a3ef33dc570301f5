"""Employment officers' pages: verify companies, moderate postings, maintain the checker."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.jobs import actions, checker, rules
from egov.jobs.forms import MinimumWageForm, ReasonForm, RuleForm
from egov.jobs.models import MinimumWage, Rule
from egov.jobs.queries import (
    access_company,
    access_posting,
    current_ruleset,
    moderation_queue,
    open_reports,
    unverified_companies,
)
from egov.lib.http import posted


def _officer_only(request: AuthenticatedRequest) -> None:
    if not rules.is_employment_officer(request.user):
        raise Http404


@login_required
@require_GET
def companies(request: AuthenticatedRequest) -> HttpResponse:
    _officer_only(request)
    return render(request, "jobs/staff/companies.html", {"companies": unverified_companies()})


@login_required
@require_POST
def verify_company(request: AuthenticatedRequest, company_id: str) -> HttpResponse:
    company = access_company(request.user, company_id)
    _officer_only(request)
    try:
        actions.verify_company(officer=request.user, company=company)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(company)s is verified.") % {"company": company.name})
    return redirect("jobs_staff:companies")


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    _officer_only(request)
    items = [(posting, open_reports(posting)) for posting in moderation_queue()]
    return render(request, "jobs/staff/queue.html", {"items": items, "form": ReasonForm()})


@login_required
@require_POST
def moderate(request: AuthenticatedRequest, posting_id: str, decision: str) -> HttpResponse:
    _officer_only(request)
    posting = access_posting(request.user, posting_id)
    form = ReasonForm(request.POST)
    try:
        if decision == "approve":
            actions.approve_posting(officer=request.user, posting=posting)
        elif decision == "dismiss":
            actions.dismiss_reports(officer=request.user, posting=posting)
        elif form.is_valid():
            reason = form.cleaned_data["reason"]
            if decision == "reject":
                actions.reject_posting(officer=request.user, posting=posting, reason=reason)
            else:
                actions.take_down_posting(officer=request.user, posting=posting, reason=reason)
        else:
            messages.error(request, _("Say why, for the employer."))
            return redirect("jobs_staff:queue")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done: %(title)s") % {"title": posting.title})
    return redirect("jobs_staff:queue")


@login_required
@require_http_methods(["GET", "POST"])
def checker_rules(request: AuthenticatedRequest) -> HttpResponse:
    _officer_only(request)
    form = RuleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = checker.RuleSpec(data["kind"], data["category"], data["language"], data["pattern"])
        added = actions.add_rule(officer=request.user, spec=spec, note=data["note"])
        messages.success(
            request,
            _("Version %(version)s of the rules is in force.") % {"version": added.version},
        )
        return redirect("jobs_staff:rules")
    ruleset = current_ruleset()
    return render(
        request,
        "jobs/staff/rules.html",
        {
            "form": form,
            "ruleset": ruleset,
            "rules": list(ruleset.rules.all()) if ruleset else [],
            "laws": checker.LAW_OF,
            "wage_form": MinimumWageForm(),
            "wages": list(MinimumWage.objects.order_by("-year")),
        },
    )


@login_required
@require_POST
def remove_rule(request: AuthenticatedRequest, rule_id: str) -> HttpResponse:
    _officer_only(request)
    rule = Rule.objects.filter(pk=int(rule_id)).first()
    if rule is None:
        raise Http404
    try:
        ruleset = actions.remove_rule(officer=request.user, rule=rule)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(version)s of the rules is in force.") % {"version": ruleset.version},
        )
    return redirect("jobs_staff:rules")


@login_required
@require_POST
def set_minimum_wage(request: AuthenticatedRequest) -> HttpResponse:
    _officer_only(request)
    form = MinimumWageForm(request.POST)
    if form.is_valid():
        actions.set_minimum_wage(officer=request.user, **form.cleaned_data)
        messages.success(request, _("The minimum wage is set."))
    else:
        messages.error(request, _("Enter a year and an hourly wage in won."))
    return redirect("jobs_staff:rules")
