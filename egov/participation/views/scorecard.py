"""The public scorecard: proposals adopted and petitions answered per agency, and as CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.participation.queries import satisfaction_by_service, scorecard


@require_GET
def scorecard_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/scorecard.html",
        {"scores": scorecard(), "services": satisfaction_by_service()},
    )


@require_GET
def scorecard_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="participation-scorecard.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "agency_code",
            "agency_name_en",
            "agency_name_ko",
            "proposals_decided",
            "proposals_adopted",
            "adoption_percent",
            "petition_responses",
            "petition_responses_on_time",
            "average_response_days",
        ]
    )
    for score in scorecard():
        adoption = score.adoption
        writer.writerow(
            [
                score.agency.code,
                score.agency.name_en,
                score.agency.name_ko,
                adoption.decided if adoption else 0,
                adoption.adopted if adoption else 0,
                "" if adoption is None or adoption.percent is None else adoption.percent,
                score.responses,
                score.responses_on_time,
                "" if score.average_response_days is None else score.average_response_days,
            ]
        )
    return response
