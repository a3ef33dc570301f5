"""The complaints card on "My government"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from egov.complaints import rules
from egov.complaints.queries import complaints_of

CARD_SIZE = 5


def my_government_card(request: HttpRequest) -> dict[str, Any] | None:
    """The person's latest complaints, or None for someone who neither has nor may file one."""
    user = request.user
    recent = list(complaints_of(user)[:CARD_SIZE])
    if not recent and not rules.can_submit(user):
        return None
    return {"recent_complaints": recent}
