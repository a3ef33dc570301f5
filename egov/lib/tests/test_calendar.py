"""The statutory clock, by worked examples a reader can check against a calendar.

Civil Petitions Treatment Act (민원 처리에 관한 법률) art. 19, with office hours
09:00-12:00 and 13:00-18:00 in Seoul. Calendars used below:

    November/December 2026         February 2027              September/October 2026
    Mo Tu We Th Fr Sa Su           Mo Tu We Th Fr Sa Su       Mo Tu We Th Fr Sa Su
    30  1  2  3  4  5  6            1  2  3  4  5  6  7       21 22 23 24 25 26 27
     7  8  9 10 11 12 13            8  9 10 11 12 13 14       28 29 30  1  2  3  4
    14 15 16 17 18 19 20           15 16 17 18 19 20 21        5  6  7  8  9 10 11
    21 22 23 24 25 26 27
    28 29 30 31  1  2  3

Holidays (from the holidays package): Christmas Fri 25 Dec 2026 and New
Year's Day Fri 1 Jan 2027; Seollal 2027 is Sat 6 to Mon 8 February with Tue 9
as its substitute (Korean New Year fell on a Sunday); Chuseok 2026 is Thu 24
to Sat 26 September, National Foundation Day Sat 3 October with Mon 5
October as its substitute, Hangul Day Fri 9 October.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from egov.lib.calendar import (
    Closure,
    Counting,
    DayOffReason,
    Deadline,
    OfficeHours,
    Period,
    Stop,
    Unit,
    WorkingCalendar,
    calendar_period_end,
    deadline,
    due_day,
    elapsed,
    holiday_name_in_language,
    time_left,
)

SEOUL = ZoneInfo("Asia/Seoul")
HOURS = OfficeHours.parse("09:00-12:00,13:00-18:00", "Asia/Seoul")
CALENDAR = WorkingCalendar(hours=HOURS)
D = datetime.date


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL)


def end_of(day: datetime.date) -> datetime.datetime:
    """A period counted in days runs to the end of its last day: midnight as it closes."""
    return at(day + datetime.timedelta(days=1), 0)


def due(
    received: datetime.datetime,
    amount: int,
    unit: Unit = Unit.DAYS,
    *,
    calendar: WorkingCalendar = CALENDAR,
    extensions: Sequence[int] = (),
    stops: Sequence[Stop] = (),
) -> Deadline:
    return deadline(
        received_at=received,
        period=Period(amount, unit),
        calendar=calendar,
        extensions=extensions,
        stops=stops,
    )


# ---- which counting the law uses ---------------------------------------------------------


def test_five_days_or_less_are_counted_in_hours_and_six_or_more_in_days() -> None:
    assert Period(5, Unit.DAYS).counting == Counting.HOURS
    assert Period(6, Unit.DAYS).counting == Counting.DAYS
    assert Period(1, Unit.IMMEDIATE).counting == Counting.HOURS
    assert Period(2, Unit.WEEKS).counting == Counting.CALENDAR
    assert Period(3, Unit.DAYS).working_time() == datetime.timedelta(hours=24)


# ---- art. 19(2): six days or more, in days, the first day counted -------------------------


def test_a_seven_day_period_received_on_monday_morning_ends_on_the_next_tuesday() -> None:
    # Mon 30 Nov is day 1, Tue 1 Dec day 2 ... Fri 4 day 5, Mon 7 day 6, Tue 8 day 7.
    result = due(at(D(2026, 11, 30), 9, 30), 7)
    assert result.counting == Counting.DAYS
    assert result.due_at == end_of(D(2026, 12, 8))
    assert result.due_day == D(2026, 12, 8)
    assert [day.day for day in result.counted] == [
        D(2026, 11, 30),
        D(2026, 12, 1),
        D(2026, 12, 2),
        D(2026, 12, 3),
        D(2026, 12, 4),
        D(2026, 12, 7),
        D(2026, 12, 8),
    ]
    assert [(off.day, off.reason) for off in result.skipped] == [
        (D(2026, 12, 5), DayOffReason.SATURDAY),
        (D(2026, 12, 6), DayOffReason.SUNDAY),
    ]


def test_the_day_of_receipt_counts_even_when_it_arrived_after_office_hours() -> None:
    # Art. 19(2) counts "the first day" with no condition on the hour.
    assert due(at(D(2026, 11, 30), 21), 7).due_day == D(2026, 12, 8)


def test_a_period_in_days_received_on_saturday_starts_counting_on_monday() -> None:
    # Sat 5 Dec does not count: Mon 7 is day 1 ... Tue 15 is day 7.
    assert due(at(D(2026, 12, 5), 11), 7).due_day == D(2026, 12, 15)


def test_fourteen_days_across_christmas_and_new_year() -> None:
    # Mon 21 to Thu 24 Dec are days 1-4; Christmas (Fri 25) and the weekend skip;
    # Mon 28 to Thu 31 are 5-8; New Year's Day and the weekend skip; Mon 4 to
    # Fri 8 Jan are 9-13; Mon 11 Jan is day 14.
    result = due(at(D(2026, 12, 21), 14), 14)
    assert result.due_day == D(2027, 1, 11)
    holidays = {off.day: off.holiday for off in result.skipped if off.holiday}
    assert holidays == {D(2026, 12, 25): "Christmas Day", D(2027, 1, 1): "New Year's Day"}


def test_seven_days_across_chuseok_and_a_substitute_holiday() -> None:
    # Wed 23 Sep is day 1; Chuseok Thu 24 to Sat 26 and Sun 27 skip; Mon 28 to
    # Fri 2 Oct are days 2-6; Sat 3 (National Foundation Day), Sun 4 and its
    # substitute Mon 5 skip; Tue 6 Oct is day 7.
    result = due(at(D(2026, 9, 23), 10), 7)
    assert result.due_day == D(2026, 10, 6)
    reasons = {off.day: (off.reason, off.holiday) for off in result.skipped}
    assert reasons[D(2026, 9, 25)] == (DayOffReason.PUBLIC_HOLIDAY, "Chuseok")
    assert reasons[D(2026, 9, 27)] == (DayOffReason.SUNDAY, "")
    assert reasons[D(2026, 10, 5)] == (
        DayOffReason.PUBLIC_HOLIDAY,
        "Alternative holiday for National Foundation Day",
    )


def test_seven_days_across_seollal_and_its_substitute_holiday() -> None:
    # Thu 4 and Fri 5 Feb 2027 are days 1-2; Seollal Sat 6 to Mon 8 and the
    # substitute Tue 9 skip; Wed 10 to Fri 12 are 3-5; Mon 15 and Tue 16 are 6-7.
    result = due(at(D(2027, 2, 4), 10), 7)
    assert result.due_day == D(2027, 2, 16)
    assert D(2027, 2, 9) in {off.day for off in result.skipped}


# ---- art. 19(1): five days or less, in working hours from the moment of receipt -------------


def test_three_days_received_during_office_hours_are_24_working_hours_later() -> None:
    # Mon 30 Nov from 10:00: 2 h before lunch and 5 after (7), Tue 8 (15), Wed 8
    # (23), and the 24th hour is Thu 3 Dec 09:00-10:00.
    result = due(at(D(2026, 11, 30), 10), 3)
    assert result.counting == Counting.HOURS
    assert result.due_at == at(D(2026, 12, 3), 10)
    assert [(day.day, day.time) for day in result.counted] == [
        (D(2026, 11, 30), datetime.timedelta(hours=7)),
        (D(2026, 12, 1), datetime.timedelta(hours=8)),
        (D(2026, 12, 2), datetime.timedelta(hours=8)),
        (D(2026, 12, 3), datetime.timedelta(hours=1)),
    ]
    assert result.counted_time == datetime.timedelta(hours=24)


def test_received_before_office_hours_the_clock_starts_at_nine() -> None:
    # Mon, Tue and Wed each give 8 hours: due at the close of Wednesday.
    assert due(at(D(2026, 11, 30), 7, 30), 3).due_at == at(D(2026, 12, 2), 18)


def test_received_during_lunch_the_clock_starts_at_one() -> None:
    # Mon 13:00-18:00 (5), Tue 8 (13), Wed 8 (21), Thu 09:00-12:00 (24).
    assert due(at(D(2026, 11, 30), 12, 30), 3).due_at == at(D(2026, 12, 3), 12)


def test_received_after_office_hours_the_clock_starts_the_next_morning() -> None:
    assert due(at(D(2026, 11, 30), 19), 3).due_at == at(D(2026, 12, 3), 18)


def test_received_on_friday_evening_the_weekend_does_not_count() -> None:
    # Fri 17:30-18:00 (0.5), Mon 8 (8.5), Tue 8 (16.5), Wed 09:00-12:00 and 13:00-17:30.
    result = due(at(D(2026, 12, 4), 17, 30), 3)
    assert result.due_at == at(D(2026, 12, 9), 17, 30)
    assert [off.reason for off in result.skipped] == [DayOffReason.SATURDAY, DayOffReason.SUNDAY]


def test_received_on_saturday_the_clock_starts_on_monday_morning() -> None:
    assert due(at(D(2026, 12, 5), 11), 3).due_at == at(D(2026, 12, 9), 18)


def test_received_on_a_public_holiday_the_clock_starts_on_the_next_working_day() -> None:
    # Christmas (Fri 25 Dec) and the weekend: Mon 28, Tue 29, Wed 30 give 24 hours.
    result = due(at(D(2026, 12, 25), 10), 3)
    assert result.due_at == at(D(2026, 12, 30), 18)
    assert result.skipped[0].holiday == "Christmas Day"


def test_three_days_across_seollal_with_its_substitute_holiday() -> None:
    # Fri 5 Feb 2027 15:00-18:00 (3); Sat 6 to Tue 9 skip; Wed 10 (11), Thu 11
    # (19), Fri 12 09:00-12:00 and 13:00-15:00 (24).
    assert due(at(D(2027, 2, 5), 15), 3).due_at == at(D(2027, 2, 12), 15)


def test_immediately_means_within_three_working_hours() -> None:
    # Mon 16:00-18:00 (2), Tue 09:00-10:00 (3).
    result = due(at(D(2026, 11, 30), 16), 1, Unit.IMMEDIATE)
    assert result.due_at == at(D(2026, 12, 1), 10)


def test_a_period_in_hours_counts_working_hours() -> None:
    assert due(at(D(2026, 11, 30), 10), 2, Unit.HOURS).due_at == at(D(2026, 11, 30), 12)


def test_the_seconds_of_receipt_are_kept() -> None:
    received = at(D(2026, 11, 30), 10) + datetime.timedelta(seconds=37)
    assert due(received, 3).due_at == at(D(2026, 12, 3), 10) + datetime.timedelta(seconds=37)


def test_receipt_in_utc_is_counted_in_seoul_time() -> None:
    # 00:30 UTC on Monday 30 November is 09:30 in Seoul.
    received = datetime.datetime(2026, 11, 30, 0, 30, tzinfo=datetime.UTC)
    assert due(received, 1).due_at == at(D(2026, 12, 1), 9, 30)


# ---- art. 19(3): weeks, months and years by the calendar (Civil Act arts. 159-161) ------------


def test_a_week_ends_the_day_before_the_same_weekday() -> None:
    # Wed 2 Dec, one week: the corresponding day is Wed 9, so it ends on Tue 8.
    result = due(at(D(2026, 12, 2), 10), 1, Unit.WEEKS)
    assert result.counting == Counting.CALENDAR
    assert result.due_at == end_of(D(2026, 12, 8))


def test_a_period_ending_on_a_sunday_ends_on_the_next_working_day() -> None:
    # Mon 30 Nov, one week, ends Sun 6 Dec; art. 161 moves it to Mon 7.
    result = due(at(D(2026, 11, 30), 10), 1, Unit.WEEKS)
    assert result.calendar_end == D(2026, 12, 6)
    assert result.due_day == D(2026, 12, 7)


def test_a_week_ending_on_chuseok_ends_after_it() -> None:
    # Fri 18 Sep, one week, ends Thu 24 (the day before Chuseok); Fri 25, Sat 26
    # and Sun 27 are days off too, so the period ends on Mon 28.
    result = due(at(D(2026, 9, 18), 10), 1, Unit.WEEKS)
    assert result.due_day == D(2026, 9, 28)
    assert [off.day for off in result.skipped] == [
        D(2026, 9, 24),
        D(2026, 9, 25),
        D(2026, 9, 26),
        D(2026, 9, 27),
    ]


def test_a_month_ends_the_day_before_the_corresponding_day() -> None:
    assert due(at(D(2026, 11, 16), 10), 1, Unit.MONTHS).due_day == D(2026, 12, 15)


def test_a_month_from_the_31st_of_january_ends_on_the_last_day_of_february() -> None:
    # Feb 2026 has no 31st: the period ends on Sat 28 February (Civil Act art.
    # 160(3)); Sat 28, Sun 1 March (Independence Movement Day) and its
    # substitute Mon 2 March are days off, so it ends on Tue 3 March.
    result = due(at(D(2026, 1, 31), 10), 1, Unit.MONTHS)
    assert result.calendar_end == D(2026, 2, 28)
    assert result.due_day == D(2026, 3, 3)


def test_calendar_period_ends_by_hand() -> None:
    assert calendar_period_end(D(2026, 3, 1), 1, Unit.MONTHS) == D(2026, 3, 31)
    assert calendar_period_end(D(2028, 2, 29), 1, Unit.YEARS) == D(2029, 2, 28)
    assert calendar_period_end(D(2026, 11, 30), 2, Unit.WEEKS) == D(2026, 12, 13)
    assert calendar_period_end(D(2026, 11, 30), 12, Unit.MONTHS) == D(2027, 11, 29)


# ---- closures declared at short notice ------------------------------------------------------


def test_a_temporary_public_holiday_moves_a_deadline_by_a_working_day() -> None:
    holiday = Closure(D(2026, 12, 3), "Temporary holiday", "임시공휴일", "Libur sementara", True)
    before = due(at(D(2026, 11, 30), 9, 30), 7)
    after = due(
        at(D(2026, 11, 30), 9, 30), 7, calendar=WorkingCalendar(closures=[holiday], hours=HOURS)
    )
    assert before.due_day == D(2026, 12, 8)
    assert after.due_day == D(2026, 12, 9)
    closed = [off for off in after.skipped if off.closure is not None]
    assert [(off.day, off.reason) for off in closed] == [
        (D(2026, 12, 3), DayOffReason.TEMPORARY_HOLIDAY)
    ]


def test_an_office_closure_stops_the_hours_of_that_day() -> None:
    closure = Closure(D(2026, 12, 1), "Office move", "청사 이전", "Pindah kantor", False)
    calendar = WorkingCalendar(closures=[closure], hours=HOURS)
    # Mon 30 Nov 10:00 (7), Tue closed, Wed 8 (15), Thu 8 (23), Fri 09:00-10:00.
    result = due(at(D(2026, 11, 30), 10), 3, calendar=calendar)
    assert result.due_at == at(D(2026, 12, 4), 10)
    assert result.skipped[0].reason == DayOffReason.OFFICE_CLOSURE


def test_closure_names_follow_the_active_language() -> None:
    closure = Closure(D(2026, 12, 3), "Temporary holiday", "임시공휴일", "Libur sementara", True)
    off = WorkingCalendar(closures=[closure], hours=HOURS).day_off(D(2026, 12, 3))
    assert off is not None
    with translation.override("ko"):
        assert off.name == "임시공휴일"
    with translation.override("id"):
        assert off.name == "Libur sementara"


# ---- extensions and clock stops, in the period's own unit -----------------------------------


def test_an_extension_of_a_day_counted_period_adds_working_days() -> None:
    # 7 + 7 days from Mon 30 Nov: Tue 8 is day 7, then Wed 9 to Fri 11 (8-10)
    # and Mon 14 to Thu 17 (11-14).
    assert due(at(D(2026, 11, 30), 10), 7, extensions=[7]).due_day == D(2026, 12, 17)


def test_an_extension_of_an_hour_counted_period_adds_working_hours() -> None:
    # 3 + 2 days = 40 working hours from Mon 30 Nov 10:00: Mon 7, Tue to Fri 32
    # (39), and the 40th hour is Mon 7 Dec 09:00-10:00.
    assert due(at(D(2026, 11, 30), 10), 3, extensions=[2]).due_at == at(D(2026, 12, 7), 10)


def test_a_clock_stop_in_hours_gives_back_exactly_the_working_hours_it_took() -> None:
    # Stopped Tue 1 Dec 11:00 to Wed 2 Dec 15:00: 6 + 5 = 11 working hours.
    # Counted: Mon 7, Tue 2 (9), Wed 15:00-18:00 (12), Thu 8 (20), Fri 09:00-12:00
    # and 13:00-14:00 (24).
    stop = Stop(at(D(2026, 12, 1), 11), at(D(2026, 12, 2), 15))
    result = due(at(D(2026, 11, 30), 10), 3, stops=[stop])
    assert result.due_at == at(D(2026, 12, 4), 14)
    assert result.stopped_time == datetime.timedelta(hours=11)


def test_a_clock_stop_in_days_leaves_out_the_days_after_it_began_up_to_its_end() -> None:
    # Stopped on Wed 2 Dec, running again on Fri 4: Thu 3 and Fri 4 do not count.
    # Days: Mon 30, Tue 1, Wed 2 (1-3), Mon 7 to Thu 10 (4-7).
    stop = Stop(at(D(2026, 12, 2), 11), at(D(2026, 12, 4), 15))
    result = due(at(D(2026, 11, 30), 10), 7, stops=[stop])
    assert result.due_day == D(2026, 12, 10)
    assert [day.day for day in result.stopped] == [D(2026, 12, 3), D(2026, 12, 4)]


def test_while_the_clock_stands_still_the_deadline_is_unknown_and_the_rest_is_kept() -> None:
    stopped_hours = due(at(D(2026, 11, 30), 10), 3, stops=[Stop(at(D(2026, 12, 1), 11))])
    assert stopped_hours.due_at is None
    assert stopped_hours.clock_stopped
    assert stopped_hours.remaining_time == datetime.timedelta(hours=15)

    stopped_days = due(at(D(2026, 11, 30), 10), 7, stops=[Stop(at(D(2026, 12, 2), 11))])
    assert stopped_days.due_at is None
    assert stopped_days.remaining_days == 4


def test_a_stop_closed_at_its_start_leaves_the_deadline_where_it_was() -> None:
    stop = Stop(at(D(2026, 12, 1), 11))
    assert due(at(D(2026, 11, 30), 10), 3, stops=[stop.closed_at_start()]).due_at == at(
        D(2026, 12, 3), 10
    )


# ---- elapsed time and the clock in words ---------------------------------------------------------


def test_elapsed_days_count_the_day_of_receipt_as_the_first() -> None:
    taken = elapsed(
        received_at=at(D(2026, 11, 30), 10),
        until=at(D(2026, 12, 3), 16),
        period=Period(7, Unit.DAYS),
        calendar=CALENDAR,
    )
    assert taken.days == 4
    assert taken.working_days == 4


def test_elapsed_hours_are_working_hours_and_count_started_days() -> None:
    taken = elapsed(
        received_at=at(D(2026, 11, 30), 10),
        until=at(D(2026, 12, 1), 11),
        period=Period(3, Unit.DAYS),
        calendar=CALENDAR,
    )
    assert taken.time == datetime.timedelta(hours=9)
    assert taken.working_days == 2


def test_time_left_in_hours_counts_only_office_hours() -> None:
    # Due Thu 3 Dec 10:00; at Wed 17:00 one hour is left that day and one on Thursday.
    left = time_left(
        due_at=at(D(2026, 12, 3), 10),
        counting=Counting.HOURS,
        now=at(D(2026, 12, 2), 17),
        calendar=CALENDAR,
    )
    assert left.text == "2 working hours left"
    assert not left.overdue
    late = time_left(
        due_at=at(D(2026, 12, 3), 10),
        counting=Counting.HOURS,
        now=at(D(2026, 12, 3), 13, 30),
        calendar=CALENDAR,
    )
    assert (late.text, late.overdue) == ("Overdue by 2 working hours", True)


def test_time_left_in_days_counts_working_days_to_the_due_day() -> None:
    due_at = end_of(D(2026, 12, 8))

    def words(now: datetime.datetime) -> str:
        return time_left(due_at=due_at, counting=Counting.DAYS, now=now, calendar=CALENDAR).text

    assert words(at(D(2026, 11, 30), 9)) == "6 working days left"
    assert words(at(D(2026, 12, 8), 17)) == "Due today"
    assert words(at(D(2026, 12, 9), 0, 1)) == "Overdue by 1 working day"
    assert words(at(D(2026, 12, 12), 10)) == "Overdue by 3 working days"


def test_the_due_day_of_a_day_counted_deadline_is_the_day_before_its_closing_midnight() -> None:
    assert due_day(end_of(D(2026, 12, 8)), Counting.DAYS, SEOUL) == D(2026, 12, 8)
    assert due_day(at(D(2026, 12, 3), 10), Counting.HOURS, SEOUL) == D(2026, 12, 3)


# ---- names and settings ---------------------------------------------------------------------


def test_holiday_names_are_translated_part_by_part() -> None:
    with translation.override("ko"):
        assert holiday_name_in_language("Chuseok") == "추석"
        assert holiday_name_in_language("Alternative holiday for Chuseok") == "추석 대체공휴일"
    with translation.override("id"):
        assert "Chuseok" in holiday_name_in_language("Chuseok; National Foundation Day")


@pytest.mark.parametrize(
    "spans", ["", "9-12", "12:00-09:00", "09:00-12:00,11:00-13:00", "09:00-12:00;13:00-18:00"]
)
def test_office_hours_that_make_no_sense_are_refused(spans: str) -> None:
    with pytest.raises(ValueError, match="office hours"):
        OfficeHours.parse(spans, "Asia/Seoul")


def test_other_office_hours_change_the_count() -> None:
    long_days = WorkingCalendar(hours=OfficeHours.parse("08:00-12:00,13:00-17:00", "Asia/Seoul"))
    # Mon 10:00: 2 + 4 = 6 hours, Tue 8 (14), Wed 8 (22), Thu 08:00-10:00.
    assert due(at(D(2026, 11, 30), 10), 3, calendar=long_days).due_at == at(D(2026, 12, 3), 10)
