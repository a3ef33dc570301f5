"""Every <time datetime> is a valid HTML time, to the second, in the reader's zone."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import timezone

from egov.lib.calendar import Counting, Due
from egov.lib.time_elements import machine_readable

UTC = datetime.UTC
# 13:31:02.509260 UTC is 22:31:02 in Seoul: Python writes all six fractional digits.
MOMENT = datetime.datetime(2026, 11, 29, 13, 31, 2, 509260, tzinfo=UTC)


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_a_moment_is_written_to_the_second_with_its_offset() -> None:
    seoul = MOMENT.astimezone(ZoneInfo("Asia/Seoul"))
    assert machine_readable(seoul) == "2026-11-29T22:31:02+09:00"


def test_a_moment_in_utc_keeps_its_zero_offset() -> None:
    assert machine_readable(MOMENT) == "2026-11-29T13:31:02+00:00"


def test_a_day_is_a_date() -> None:
    assert machine_readable(datetime.date(2026, 10, 5)) == "2026-10-05"


def test_a_moment_without_a_zone_is_a_local_date_and_time() -> None:
    assert machine_readable(datetime.datetime(2026, 11, 29, 22, 31, 2, 999999)) == (
        "2026-11-29T22:31:02"
    )


def test_an_offset_of_hours_and_minutes_is_written_in_both() -> None:
    kathmandu = MOMENT.astimezone(ZoneInfo("Asia/Kathmandu"))  # UTC+05:45
    assert machine_readable(kathmandu) == "2026-11-29T19:16:02+05:45"
    assert machine_readable(MOMENT.astimezone(ZoneInfo("America/St_Johns"))) == (
        "2026-11-29T10:01:02-03:30"
    )


@pytest.mark.parametrize("value", [None, "", "2026-11-29", 0])
def test_a_missing_or_odd_value_writes_nothing(value: object) -> None:
    assert machine_readable(value) == ""


def test_every_template_has_the_filter_and_it_writes_the_readers_zone() -> None:
    source = '<time datetime="{{ at|machine_readable }}">{{ at|date:"H:i" }}</time>'
    assert render(source, at=MOMENT) == '<time datetime="2026-11-29T22:31:02+09:00">22:31</time>'
    with timezone.override("Asia/Jakarta"):
        assert render(source, at=MOMENT) == (
            '<time datetime="2026-11-29T20:31:02+07:00">20:31</time>'
        )


def test_a_deadline_in_hours_is_a_moment_and_one_in_days_a_date() -> None:
    assert Due(MOMENT, Counting.HOURS).machine == "2026-11-29T22:31:02+09:00"
    assert Due(MOMENT, Counting.DAYS).machine == "2026-11-29"
