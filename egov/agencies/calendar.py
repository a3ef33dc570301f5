"""Each office's working calendar: the platform's clock with the closures kept as data.

``calendar_for(agency_id)`` is what every service counts a deadline with: the
weekends and public holidays of ``egov.lib.calendar`` plus the nationwide
temporary holidays and that office's own closures. Closures are few and read
on many pages, so each process keeps them for a minute; declaring or
withdrawing one clears this process's copy at once, and the background job
that moves open deadlines reads them fresh.
"""

from __future__ import annotations

import datetime
import time
from threading import Lock

from egov.lib.calendar import Closure, DayOff, DayOffReason, WorkingCalendar

# How long a process may use closures it read: a closure declared elsewhere
# reaches its pages' words ("3 working days left") within this many seconds.
CLOSURES_SECONDS = 60.0

_lock = Lock()
_cache: dict[int | None, tuple[float, WorkingCalendar]] = {}


def calendar_for(agency_id: int | None, *, fresh: bool = False) -> WorkingCalendar:
    """The working calendar of an office (``None``: nationwide closures only)."""
    now = time.monotonic()
    if not fresh:
        with _lock:
            cached = _cache.get(agency_id)
        if cached is not None and now - cached[0] < CLOSURES_SECONDS:
            return cached[1]
    calendar = WorkingCalendar(closures=closures_for(agency_id))
    with _lock:
        _cache[agency_id] = (now, calendar)
    return calendar


def closures_for(agency_id: int | None) -> list[Closure]:
    from egov.agencies.models import Closure as ClosureRow

    return [row.for_clock() for row in ClosureRow.objects.for_office(agency_id)]


def forget_closures() -> None:
    """Drop this process's closures, after a change to them."""
    with _lock:
        _cache.clear()


def upcoming_public_holidays(today: datetime.date, *, days: int = 366) -> list[DayOff]:
    """The public holidays from ``today`` on, with their names: what closures come on top of."""
    calendar = WorkingCalendar(closures=())
    found = []
    for offset in range(days):
        day = today + datetime.timedelta(days=offset)
        off = calendar.day_off(day)
        if off is not None and off.reason == DayOffReason.PUBLIC_HOLIDAY:
            found.append(off)
    return found
