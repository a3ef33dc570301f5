"""Reads of the access log."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.lib.people import Person
from egov.privacy.models import AccessEvent


def accesses_to(owner: Person) -> QuerySet[AccessEvent]:
    """Who looked at ``owner``'s data, newest first, with each viewer's position
    (unit and agency, for officers) fetched in the same query."""
    return (
        AccessEvent.objects.filter(owner_id=owner.pk)
        .select_related("viewer__officer__unit__agency")
        .order_by("-occurred_at", "-id")
    )
