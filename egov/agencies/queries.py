"""Reads for agencies. ``access_*`` fetch and check permission in one place."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.agencies import rules
from egov.agencies.models import Agency, Closure, Officer, Unit


def agency_tree() -> QuerySet[Agency]:
    """Every agency with its parent, in one query."""
    return Agency.objects.select_related("parent").order_by("kind", "name_en")


def access_unit(user: User, unit_id: int) -> Unit:
    """The unit, if ``user`` may see its roster; otherwise 404, as if it did not exist."""
    unit = Unit.objects.select_related("agency").filter(pk=unit_id).first()
    if unit is None or not rules.can_view_unit_roster(user, unit):
        raise Http404
    return unit


def roster(unit: Unit) -> QuerySet[Officer]:
    return Officer.objects.filter(unit=unit).select_related("user").order_by("user__name")


def closures_from(day: datetime.date) -> QuerySet[Closure]:
    """Days off in force from ``day`` on, with their offices, in date order."""
    return Closure.objects.in_force().filter(day__gte=day).select_related("agency")


def closure_in_force(closure_id: int) -> Closure:
    closure = Closure.objects.in_force().filter(pk=closure_id).first()
    if closure is None:
        raise Http404
    return closure
