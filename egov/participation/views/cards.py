"""The participation card on "My government"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from egov.participation import rules
from egov.participation.queries import proposals_of

CARD_SIZE = 5


def my_government_card(request: HttpRequest) -> dict[str, Any] | None:
    """The person's latest proposals, or None for someone who may not propose."""
    user = request.user
    recent = list(proposals_of(user)[:CARD_SIZE])
    if not recent and not rules.can_propose(user):
        return None
    return {"recent_proposals": recent}
