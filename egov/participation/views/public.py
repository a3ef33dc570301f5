"""The participation home page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.participation import rules
from egov.participation.limits import DEFAULT_REVIEW_DAYS, SUPPORTERS_BEFORE_MODERATION


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/home.html",
        {
            "can_propose": rules.can_propose(request.user),
            "can_open_consultation": rules.can_open_consultation(request.user),
            "review_days": DEFAULT_REVIEW_DAYS,
            "supporters": SUPPORTERS_BEFORE_MODERATION,
            "response_threshold": settings.PETITION_RESPONSE_THRESHOLD,
            "response_days": settings.PETITION_RESPONSE_DAYS,
            "hearing_threshold": settings.PETITION_HEARING_THRESHOLD,
            "open_days": settings.PETITION_OPEN_DAYS,
        },
    )
