"""Background jobs for agencies: moving deadlines after the calendar changed."""

from __future__ import annotations

from django_tasks import task

from egov.agencies.calendar import forget_closures
from egov.agencies.models import Closure
from egov.lib.calendar import CalendarChange, deadline_keepers


@task()
def move_deadlines_for_closure(*, closure_id: int, withdrawn: bool) -> int:
    """Let every service recount the deadlines a declared or withdrawn closure affects."""
    closure = Closure.objects.get(pk=closure_id)
    forget_closures()
    change = CalendarChange(
        day=closure.day,
        agency_id=closure.agency_id,
        closure=closure.for_clock(),
        reference=closure.pk,
        withdrawn=withdrawn,
    )
    return sum(keeper(change) for keeper in deadline_keepers())
