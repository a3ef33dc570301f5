import datetime

import pytest

from egov.lib.calendar import (
    add_working_days,
    holiday_name,
    is_working_day,
    next_working_day,
    skipped_days,
    working_days_between,
)

D = datetime.date


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(D(2026, 11, 27))  # a Friday
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 11, 29))  # Sunday


def test_korean_public_holidays_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 10, 9))  # Hangul Day, a Friday
    assert not is_working_day(D(2026, 2, 17))  # Seollal
    assert holiday_name(D(2026, 9, 25)) is not None  # Chuseok


def test_substitute_holidays_are_not_working_days() -> None:
    # Liberation Day 2026 falls on a Saturday, so Monday 17 August is its substitute.
    assert not is_working_day(D(2026, 8, 17))
    assert "Alternative" in (holiday_name(D(2026, 8, 17)) or "")
    # Buddha's Birthday 2026 is a Sunday; Monday 25 May is off instead.
    assert not is_working_day(D(2026, 5, 25))


def test_the_start_day_never_counts() -> None:
    monday = D(2026, 11, 23)
    assert add_working_days(monday, 1) == D(2026, 11, 24)
    assert add_working_days(monday, 0) == monday


def test_a_period_skips_the_weekend() -> None:
    friday = D(2026, 11, 27)
    assert add_working_days(friday, 3) == D(2026, 12, 2)  # Mon, Tue, Wed


def test_a_period_skips_chuseok_and_its_weekend() -> None:
    # Received Wednesday 23 September 2026: 24-26 Chuseok, 27 Sunday.
    received = D(2026, 9, 23)
    assert add_working_days(received, 1) == D(2026, 9, 28)
    assert add_working_days(received, 7) == D(2026, 10, 7)  # 3 October's substitute is 5 October


def test_working_days_between_counts_only_working_days() -> None:
    assert working_days_between(D(2026, 11, 27), D(2026, 12, 2)) == 3
    assert working_days_between(D(2026, 12, 2), D(2026, 11, 27)) == 0
    start = D(2026, 9, 23)
    assert working_days_between(start, add_working_days(start, 14)) == 14


def test_next_working_day_after_a_holiday_weekend() -> None:
    assert next_working_day(D(2026, 10, 2)) == D(2026, 10, 6)  # Fri -> Sat, Sun, Mon (substitute)


def test_skipped_days_explain_each_gap() -> None:
    skipped = dict(skipped_days(D(2026, 10, 2), D(2026, 10, 6)))
    assert set(skipped) == {D(2026, 10, 3), D(2026, 10, 4), D(2026, 10, 5)}
    assert skipped[D(2026, 10, 4)] == ""  # an ordinary Sunday has no holiday name
    assert "National Foundation Day" in skipped[D(2026, 10, 3)]


def test_a_negative_period_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2026, 1, 5), -1)
