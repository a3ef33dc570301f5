"""Periodic jobs: a small schedule that enqueues tasks at fixed intervals.

``manage.py run_scheduler`` (started by ``make run``) enqueues each job when it
falls due; the worker runs it. Run exactly one scheduler per deployment.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PeriodicJob:
    name: str
    every: datetime.timedelta
    enqueue: Callable[[], Any]
    next_run: datetime.datetime | None = field(default=None)

    def due(self, now: datetime.datetime) -> bool:
        return self.next_run is None or now >= self.next_run

    def run(self, now: datetime.datetime) -> None:
        self.enqueue()
        self.next_run = now + self.every


def schedule() -> list[PeriodicJob]:
    """Every periodic job on the platform. Apps add theirs here."""
    from egov.complaints.tasks import refresh_complaint_statistics, send_progress_notices
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
    ]
