"""The working-day calendar every statutory deadline uses.

A working day is a weekday that is not a Korean public holiday. Public
holidays include substitute holidays (대체공휴일) and election days; they come
from the ``holidays`` package's public category for South Korea.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _korean_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("KR", years=[year], categories=("public",)).items())


def holiday_name(day: datetime.date) -> str | None:
    """The holiday's English name, or None on an ordinary day."""
    return _korean_holidays(day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after ``day``."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``; the start day itself never counts.

    This is how a processing period is counted: something received on a
    Friday with a 3-day period is due on Wednesday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    for _ in range(days):
        day = next_working_day(day)
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def skipped_days(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """Days after ``start`` up to ``end`` that did not count, with the holiday's name.

    A weekend day that is not also a holiday comes with an empty name.
    """
    skipped: list[tuple[datetime.date, str]] = []
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        name = holiday_name(day)
        if name is not None:
            skipped.append((day, name))
        elif day.weekday() >= 5:
            skipped.append((day, ""))
    return skipped
