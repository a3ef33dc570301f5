"""The permits card on "My government"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from egov.permits import rules
from egov.permits.queries import applications_of

CARD_SIZE = 5


def my_government_card(request: HttpRequest) -> dict[str, Any] | None:
    """The person's latest applications, or None for someone who neither has nor may make one."""
    recent = list(applications_of(request.user)[:CARD_SIZE])
    if not recent and not rules.can_apply(request.user):
        return None
    return {"recent_applications": recent}
