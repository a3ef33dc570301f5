"""Periodic jobs: a small schedule that enqueues tasks at fixed intervals.

``manage.py run_scheduler`` (started by ``make run``) enqueues each job when it
falls due; the worker runs it. Run exactly one scheduler per deployment.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass
class PeriodicJob:
    name: str
    every: datetime.timedelta
    enqueue: Callable[[], Any]
    # The local time of day a daily job runs at (the morning summary); a job
    # without one runs when the scheduler starts, then every ``every``.
    at: datetime.time | None = None
    next_run: datetime.datetime | None = field(default=None)

    def due(self, now: datetime.datetime) -> bool:
        if self.next_run is None:
            self.next_run = now if self.at is None else _next_time_of_day(now, self.at)
        return now >= self.next_run

    def run(self, now: datetime.datetime) -> None:
        self.enqueue()
        if self.at is None:
            self.next_run = now + self.every
        else:
            self.next_run = _next_time_of_day(now, self.at, after=True)


def _next_time_of_day(
    now: datetime.datetime, at: datetime.time, *, after: bool = False
) -> datetime.datetime:
    """The next moment the local clock shows ``at`` (now itself counts unless ``after``)."""
    local = timezone.localtime(now)
    candidate = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate < local or (after and candidate == local):
        candidate += datetime.timedelta(days=1)
    return candidate


def schedule() -> list[PeriodicJob]:
    """Every periodic job on the platform. Apps add theirs here."""
    from egov.complaints.tasks import refresh_complaint_statistics, send_progress_notices
    from egov.notifications.tasks import retry_deliveries, send_digests
    from egov.portal.tasks import clear_expired_sessions

    return [
        PeriodicJob(
            "clear expired sessions", datetime.timedelta(hours=6), clear_expired_sessions.enqueue
        ),
        # Hourly is soon enough for a notice due "after 30 days", and cheap: the
        # query reads a partial index of the cases still waiting for one.
        PeriodicJob(
            "send complaint progress notices",
            datetime.timedelta(hours=1),
            send_progress_notices.enqueue,
        ),
        # Full aggregates over the complaints table: hourly keeps the figures fresh
        # for the pages without putting that scan on every request.
        PeriodicJob(
            "refresh complaint statistics",
            datetime.timedelta(hours=1),
            refresh_complaint_statistics.enqueue,
        ),
        PeriodicJob(
            "retry failed deliveries", datetime.timedelta(minutes=5), retry_deliveries.enqueue
        ),
        # In the morning, so that the summary is read at the start of the day.
        PeriodicJob(
            "send daily summaries",
            datetime.timedelta(days=1),
            send_digests.enqueue,
            at=datetime.time(8, 0),
        ),
    ]
