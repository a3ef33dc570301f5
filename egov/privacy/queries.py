"""Reads of the access log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from egov.privacy.models import AccessEvent

if TYPE_CHECKING:
    from egov.accounts.models import User


def accesses_to(owner: User) -> QuerySet[AccessEvent]:
    """Who looked at ``owner``'s data, newest first, with each viewer's position
    (unit and agency, for officers) fetched in the same query."""
    return (
        AccessEvent.objects.filter(owner=owner)
        .select_related("viewer__officer__unit__agency")
        .order_by("-occurred_at", "-id")
    )
