"""Pages anyone may read: job search (the service home), a posting, and reporting one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.accounts.models import User
from egov.jobs import actions, rules
from egov.jobs.checker import LAW_OF
from egov.jobs.forms import ReportForm, SearchForm
from egov.jobs.jsonld import job_posting, script
from egov.jobs.models import EmploymentType
from egov.jobs.queries import access_posting
from egov.jobs.search import RELEVANCE, Filters, Results, search_postings
from egov.lib import occupations, regions
from egov.lib.forms import show_action_error
from egov.lib.http import posted


def _facet_labels(
    facets: dict[str, list[tuple[str, int]]],
) -> dict[str, list[tuple[str, str, int]]]:
    def province(code: str) -> str:
        found = regions.province(code)
        return found.name if found else code

    def occupation(code: str) -> str:
        found = occupations.occupation(code)
        return found.name if found else code

    def employment(code: str) -> str:
        return str(EmploymentType(code).label) if code in EmploymentType.values else code

    namers = {"province": province, "occupation_major": occupation, "employment_type": employment}
    return {
        name: [(value, namers[name](value), count) for value, count in counts]
        for name, counts in facets.items()
    }


def _order_note(requested: str, results: Results) -> str:
    """What the list's order is, when it is relevance or relevance had to give way."""
    if results.sort == RELEVANCE:
        return _(
            "Sorted by relevance: postings with more of your keywords in their title come "
            "first, and the newest first among those."
        )
    if requested in ("", RELEVANCE):
        return _("Newest first: sorting by relevance needs keywords.")
    return ""


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    next_link = ""
    order_note = ""
    if form.is_bound and form.is_valid():
        filters = form.filters()
        results = search_postings(filters, after=form.cursor())
        order_note = _order_note(filters.sort, results)
        if results.page.next_cursor is not None:
            query = {key: value for key, value in request.GET.items() if key != "after"}
            query["after"] = results.page.next_cursor.encode()
            next_link = "?" + urlencode(query)
    elif not form.is_bound:
        results = search_postings(Filters())
        order_note = _order_note("", results)
    return render(
        request,
        "jobs/home.html",
        {
            "form": form,
            "results": results,
            "facets": _facet_labels(results.facets) if results else {},
            "next_link": next_link,
            "order_note": order_note,
            "can_write": bool(rules.can_write_posting(request.user)),
            "can_register": bool(rules.can_register_company(request.user)),
        },
        # A search nobody can run (a sort that is not offered, a broken page
        # link, a pay of "abc") is the request's fault: the page says what.
        status=400 if form.errors else 200,
    )


def _findings_for_page(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    return [
        {**finding, "law_label": LAW_OF[str(finding["category"])].label} for finding in findings
    ]


@require_GET
def posting(request: HttpRequest, posting_id: str) -> HttpResponse:
    found = access_posting(request.user, posting_id)
    url = request.build_absolute_uri(found.get_absolute_url())
    return render(
        request,
        "jobs/posting.html",
        {
            "posting": found,
            "jsonld": script(job_posting(found, url=url)) if found.is_live else "",
            "findings": _findings_for_page(found.findings),
            "is_member": rules.is_member_of(request.user, found.company),
        },
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, posting_id: str) -> HttpResponse:
    found = access_posting(request.user, posting_id)
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_posting(
                reporter=request.user if isinstance(request.user, User) else None,
                posting=found,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_action_error(form, error, field="reason")
        else:
            messages.success(request, _("Thank you. An employment officer will look at it."))
            return redirect(found.get_absolute_url())
    return render(request, "jobs/report.html", {"posting": found, "form": form})
