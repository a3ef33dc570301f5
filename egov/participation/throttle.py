"""The brakes on signing and commenting, per account and per address (egov.lib.ratelimit).

The address is the person's (egov.lib.http.client_address), read through the
trusted proxies: behind a proxy every visitor would otherwise share its budget.
"""

from __future__ import annotations

from django.http import HttpRequest

from egov.lib.http import client_address
from egov.lib.ratelimit import Limit, hit
from egov.participation.limits import (
    COMMENTS_PER_HOUR_PER_ACCOUNT,
    COMMENTS_PER_HOUR_PER_ADDRESS,
    FEEDBACK_PER_HOUR_PER_ADDRESS,
    REPORTS_PER_HOUR_PER_ADDRESS,
    SIGNATURES_PER_HOUR_PER_ACCOUNT,
    SIGNATURES_PER_HOUR_PER_ADDRESS,
)

HOUR = 3600


def _allowed(request: HttpRequest, scope: str, per_account: int, per_address: int) -> bool:
    account = hit(f"{scope}.account", str(request.user.pk), Limit(per_account, HOUR))
    address = client_address(request) or ""
    by_address = not address or hit(f"{scope}.address", address, Limit(per_address, HOUR))
    return account and by_address


def may_sign_now(request: HttpRequest) -> bool:
    return _allowed(
        request, "petition.sign", SIGNATURES_PER_HOUR_PER_ACCOUNT, SIGNATURES_PER_HOUR_PER_ADDRESS
    )


def may_comment_now(request: HttpRequest) -> bool:
    return _allowed(
        request,
        "consultation.comment",
        COMMENTS_PER_HOUR_PER_ACCOUNT,
        COMMENTS_PER_HOUR_PER_ADDRESS,
    )


def may_give_feedback_now(request: HttpRequest) -> bool:
    """Anyone may answer, signed in or not: the address alone is counted."""
    address = client_address(request) or ""
    return not address or hit("page.feedback", address, Limit(FEEDBACK_PER_HOUR_PER_ADDRESS, HOUR))


def may_report_now(request: HttpRequest) -> bool:
    address = client_address(request) or ""
    return not address or hit(
        "moderation.report", address, Limit(REPORTS_PER_HOUR_PER_ADDRESS, HOUR)
    )
