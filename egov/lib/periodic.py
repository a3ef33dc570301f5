"""Periodic jobs: a small schedule that enqueues tasks at fixed intervals.

Apps register their jobs when they start (services in their registration,
see ``egov.lib.services``). ``manage.py run_scheduler`` (started by ``make
run``) enqueues each job when it falls due; the worker runs it. Run exactly
one scheduler per deployment.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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


_jobs: dict[str, PeriodicJob] = {}


def register(*jobs: PeriodicJob) -> None:
    """Put jobs on the schedule; apps call it from ``AppConfig.ready()``.

    Services list theirs in their registration (``egov.lib.services``),
    which calls this. Job names are unique on the platform.
    """
    for job in jobs:
        if job.name in _jobs and _jobs[job.name] is not job:
            raise ValueError(f"a periodic job named {job.name!r} is registered already")
        _jobs[job.name] = job


def schedule() -> list[PeriodicJob]:
    """Every periodic job on the platform, each a fresh copy with no run yet."""
    return [replace(job, next_run=None) for job in _jobs.values()]
