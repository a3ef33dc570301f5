"""The scheduler's jobs: every so often, or daily at a local time of day."""

from __future__ import annotations

import datetime
import zoneinfo

from egov.lib.periodic import PeriodicJob

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def seoul(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=SEOUL)


def test_a_job_runs_at_start_then_every_interval() -> None:
    runs: list[int] = []
    job = PeriodicJob("tick", datetime.timedelta(hours=1), lambda: runs.append(1))
    start = seoul(1, 10)
    assert job.due(start)
    job.run(start)
    assert not job.due(start + datetime.timedelta(minutes=59))
    assert job.due(start + datetime.timedelta(hours=1))
    assert runs == [1]


def test_a_daily_job_waits_for_its_time_of_day() -> None:
    job = PeriodicJob("summary", datetime.timedelta(days=1), lambda: None, at=datetime.time(8))
    assert not job.due(seoul(1, 7, 59))
    assert job.due(seoul(1, 8, 0))
    job.run(seoul(1, 8, 0))
    assert not job.due(seoul(1, 8, 0))  # never twice in one morning
    assert not job.due(seoul(2, 7, 59))
    assert job.due(seoul(2, 8, 0))


def test_a_scheduler_started_after_the_time_runs_the_job_tomorrow() -> None:
    job = PeriodicJob("summary", datetime.timedelta(days=1), lambda: None, at=datetime.time(8))
    assert not job.due(seoul(1, 9))
    assert job.next_run == seoul(2, 8)
