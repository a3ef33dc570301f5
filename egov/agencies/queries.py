"""Reads for agencies."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.agencies.models import Agency


def agency_tree() -> QuerySet[Agency]:
    """Every agency with its parent, in one query."""
    return Agency.objects.select_related("parent").order_by("kind", "name_en")
