"""Dates and times as each language writes them, checked on one moment by hand.

The moment is 7 December 2026 at 13:48 in Seoul (a Monday).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from egov.notifications.formats import moment

MOMENT = datetime.datetime(2026, 12, 7, 13, 48, tzinfo=ZoneInfo("Asia/Seoul"))


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "7 December 2026", "7 December 2026, 13:48"),
        ("ko", "2026년 12월 7일", "2026년 12월 7일 오후 1:48"),
        ("id", "7 Desember 2026", "7 Desember 2026, 13.48"),
    ],
)
def test_each_language_writes_the_day_and_the_moment_its_own_way(
    language: str, day: str, moment: str
) -> None:
    template = Template('{{ when|date:"DATE_FORMAT" }}|{{ when|date:"DATETIME_FORMAT" }}')
    with translation.override(language):
        text = template.render(Context({"when": MOMENT}))
    assert text == f"{day}|{moment}"


def test_a_morning_in_korean_says_so_before_the_time() -> None:
    morning = MOMENT.replace(hour=9, minute=5)
    with translation.override("ko"):
        text = Template('{{ when|date:"DATETIME_FORMAT" }}').render(Context({"when": morning}))
    assert text == "2026년 12월 7일 오전 9:05"


def test_messages_format_their_dates_the_same_way() -> None:
    with translation.override("en"):
        assert moment(MOMENT.isoformat()) == "7 December 2026, 13:48"
