"""Permit pages for everyone, signed in or not, mounted at /permits/.

The tracker shows any application by its receipt number: its procedure and
each step with the unit, the official's name and position, the minutes it
started and was completed, the expected dates and any delay reason. The
applicant is masked; the applicant signed in (and the officials handling the
case) see the full record on the same page. The list and its downloads read
only public columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.lib.masking import mask_name
from egov.lib.redaction import redact
from egov.permits import rules
from egov.permits.export import APPLICATION_COLUMNS, STEP_COLUMNS, rows_for_export
from egov.permits.forms import PublicFilterForm, TrackForm
from egov.permits.limits import PUBLIC_PAGE_SIZE
from egov.permits.models import NEWEST_FIRST, Status
from egov.permits.queries import (
    PublicFilters,
    catalogue,
    public_applications,
    statistics_rows,
    steps_of,
    tracked_application,
)
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    types = [(t, t.current_version()) for t in catalogue()]
    return render(
        request,
        "permits/home.html",
        {"types": types, "track_form": TrackForm(), "can_apply": rules.can_apply(request.user)},
    )


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect("permits:track", form.cleaned_data["number"].strip().upper())
    return render(
        request, "permits/lookup.html", {"track_form": form}, status=400 if form.errors else 200
    )


@require_GET
def track(request: HttpRequest, receipt_number: str) -> HttpResponse:
    tracked = tracked_application(receipt_number)
    application = tracked.application
    full = rules.can_view(request.user, application)
    if full and request.user.is_authenticated:
        # The full record holds the applicant's site address: an official's view of it
        # is the applicant's to see on "Who looked at my data" (owners are not logged).
        record_access(
            viewer=request.user,
            owner=application.applicant,
            fields=["address"],
            purpose=AccessPurpose.PERMIT_HANDLING,
            subject=application,
        )
    steps = list(steps_of(application))
    # A delay reason is published, redacted: officials type it, and may name someone.
    delays = {step.pk: redact(step.delay_reason) for step in steps}
    events = list(application.events.order_by("id"))
    return render(
        request,
        "permits/track.html",
        {
            "application": application,
            "version": application.version,
            "applicant": mask_name(tracked.applicant_name),
            "steps": [(step, delays[step.pk]) for step in steps],
            "events": [(event, redact(event.note)) for event in events],
            "extension_reason": redact(application.extension_reason),
            "rejection_reason": redact(application.rejection_reason),
            "remedy": redact(application.remedy),
            "full": full,
            "is_applicant": rules.is_applicant(request.user, application),
            "is_handler": rules.is_handler(request.user, application),
            "attachments": list(application.attachments.all()) if full else [],
            "supplements": list(application.supplements.all()) if full else [],
            "questions": list(application.questions.all()) if full else [],
            "Status": Status,
        },
    )


def _filters(form: PublicFilterForm) -> PublicFilters:
    data = form.cleaned_data
    return PublicFilters(
        permit_type=data.get("permit_type"),
        agency_id=data["agency"].pk if data.get("agency") else None,
        unit_id=data["unit"].pk if data.get("unit") else None,
        status=Status(data["status"]) if data.get("status") else None,
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "permits/list.html", {"form": form, "page": None}, status=400)
    rows = public_applications(_filters(form)).select_related("permit_type", "unit__agency")
    page = NEWEST_FIRST.page(rows, after=form.cleaned_data.get("after"), size=PUBLIC_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "permits/list.html",
        {
            "form": form,
            "page": page,
            "filters": query.urlencode(),
            "next": page.next_cursor.encode() if page.next_cursor else "",
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(filters: PublicFilters) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([*APPLICATION_COLUMNS, *STEP_COLUMNS])
    for application, steps in rows_for_export(filters):
        for step in steps:
            yield writer.writerow(
                [*(application[c] for c in APPLICATION_COLUMNS), *(step[c] for c in STEP_COLUMNS)]
            )


def _json_chunks(filters: PublicFilters) -> Iterator[str]:
    yield '{"schema":"egov.permits/1","applications":['
    first = True
    for application, steps in rows_for_export(filters):
        item: dict[str, Any] = {**application, "steps": steps}
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}"


def _export(request: HttpRequest, kind: str) -> HttpResponseBase:
    form = PublicFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            json.dumps({"errors": form.errors.get_json_data()}),
            status=400,
            content_type="application/json",
        )
    filters = _filters(form)
    response: StreamingHttpResponse
    if kind == "csv":
        response = StreamingHttpResponse(
            _csv_lines(filters), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="permits.csv"'
    else:
        response = StreamingHttpResponse(
            _json_chunks(filters), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="permits.json"'
    return response


@require_GET
def export_csv(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "csv")


@require_GET
def export_json(request: HttpRequest) -> HttpResponseBase:
    return _export(request, "json")


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    # The bar's width in steps of 5% (the shared chart styles).
    step: int


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    rows = list(statistics_rows())
    on_time = [
        Bar(
            f"{row.permit_type.name} · {row.unit.name}",
            f"{row.on_time_rate:.0%}",
            round(row.on_time_rate * 20) * 5,
        )
        for row in rows
        if row.on_time_rate is not None
    ]
    longest = max((row.median_days or 0 for row in rows), default=0) or 1
    median = [
        Bar(
            f"{row.permit_type.name} · {row.unit.name}",
            _("%(days).1f days") % {"days": row.median_days},
            round(row.median_days / longest * 20) * 5,
        )
        for row in rows
        if row.median_days is not None
    ]
    return render(
        request,
        "permits/statistics.html",
        {
            "rows": rows,
            "charts": [
                ("on-time", _("Decided on time"), on_time),
                ("median", _("Median days from receipt to decision"), median),
            ],
            "refreshed_at": rows[0].refreshed_at if rows else None,
        },
    )
