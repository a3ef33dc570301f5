"""Surges: a category rising in a district, week over week (thresholds in limits.py).

The weeks are calendar weeks, Monday to Sunday, in the office's time zone:
"this week" is the last full week before the moment asked about, "last
week" the one before it. A complaint counts in the week it was received.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from egov.complaints.limits import SURGE_FACTOR, SURGE_MIN_COMPLAINTS
from egov.lib.calendar import local_date, office_zone


@dataclass(frozen=True)
class Weeks:
    """The two weeks a surge compares, as local Mondays and the moments that bound them."""

    this_week: datetime.date
    last_week: datetime.date

    def _start(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=office_zone())

    @property
    def starts(self) -> datetime.datetime:
        """The first moment of last week (the earlier one)."""
        return self._start(self.last_week)

    @property
    def middle(self) -> datetime.datetime:
        """The first moment of this week."""
        return self._start(self.this_week)

    @property
    def ends(self) -> datetime.datetime:
        """The first moment after this week: the Monday the current week began."""
        return self._start(self.this_week + datetime.timedelta(days=7))


def weeks_before(now: datetime.datetime) -> Weeks:
    """The last full week before ``now`` and the week before it."""
    today = local_date(now)
    current_monday = today - datetime.timedelta(days=today.weekday())
    this_week = current_monday - datetime.timedelta(days=7)
    return Weeks(this_week=this_week, last_week=this_week - datetime.timedelta(days=7))


def is_surge(this_week: int, last_week: int) -> bool:
    """At least SURGE_MIN_COMPLAINTS, and at least SURGE_FACTOR times the week before."""
    if this_week < SURGE_MIN_COMPLAINTS:
        return False
    return this_week >= SURGE_FACTOR * last_week
