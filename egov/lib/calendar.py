"""The statutory clock: working days, working hours and deadlines as Korean law counts them.

One clock for every service. It knows no service and reads no database: the
caller gives it the moment of receipt, the period and its unit, the
extensions and the stretches during which the clock stood still, and a
:class:`WorkingCalendar` (weekends, public holidays, and the closures that the
agencies app keeps as data). The same inputs always give the same deadline.

The Civil Petitions Treatment Act (민원 처리에 관한 법률) art. 19 says how a
processing period is counted:

1. A period of **5 days or less** is counted in **hours from the moment of
   receipt**; Saturdays and public holidays do not count, and one day is 8
   working hours (art. 19(1)).
2. A period of **6 days or more** is counted in **days, the first day
   included**; Saturdays and public holidays do not count (art. 19(2)).
3. A period in **weeks, months or years** counts the first day and follows the
   Civil Act (민법) arts. 159 to 161 (art. 19(3)): it runs by the calendar,
   ends on the day before the day of the last week, month or year that
   corresponds to the first day (or on the last day of a month that has no
   such day), at the end of that day, and when that day is a Saturday or a
   public holiday it ends on the next day.

"Immediately" (즉시) means within 3 working hours, counted like a short
period. Office hours are a setting (``OFFICE_HOURS``, by default 09:00-12:00
and 13:00-18:00, in ``OFFICE_TIME_ZONE``, Asia/Seoul; see settings.py): those
are the hours of a working day that count. Public holidays come from the ``holidays`` package
(the public category for South Korea: Sundays are not in it but never count,
substitute holidays and election days are); closures declared at short notice
(temporary public holidays, one office's closure) are passed in as
:class:`Closure` rows.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from egov.lib.env import parse_office_hours
from egov.lib.i18n import pick
from egov.lib.time_elements import machine_readable

# Art. 19(1): "이 경우 1일은 8시간의 근무시간을 기준으로 한다."
HOURS_PER_DAY = 8
# "즉시": within three working hours.
IMMEDIATE_HOURS = 3
# Art. 19(1) and (2): up to five days is counted in hours, six or more in days.
LONGEST_PERIOD_IN_HOURS = 5
# No statutory period runs this long; a walk past it means a calendar with no
# working days at all (a misconfiguration), which must fail, not loop.
_LONGEST_WALK = datetime.timedelta(days=3 * 366)


class Unit(StrEnum):
    """The unit a period is set in."""

    IMMEDIATE = "immediate"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class Counting(StrEnum):
    """How the law counts a period: in working hours, working days, or by the calendar."""

    HOURS = "hours"
    DAYS = "days"
    CALENDAR = "calendar"


class DayOffReason(StrEnum):
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    PUBLIC_HOLIDAY = "public_holiday"
    TEMPORARY_HOLIDAY = "temporary_holiday"
    OFFICE_CLOSURE = "office_closure"


# ---- office hours -------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeHours:
    """The hours of a working day that count, in one time zone."""

    spans: tuple[tuple[datetime.time, datetime.time], ...]
    zone: ZoneInfo

    @classmethod
    def parse(cls, spans: str, zone: str) -> OfficeHours:
        """``"09:00-12:00,13:00-18:00"`` in a zone: ascending, non-overlapping spans of a day."""
        return cls(parse_office_hours(spans), ZoneInfo(zone))

    @classmethod
    def from_settings(cls) -> OfficeHours:
        """The office hours and zone of settings.OFFICE_HOURS and OFFICE_TIME_ZONE."""
        return _configured_hours(settings.OFFICE_HOURS, settings.OFFICE_TIME_ZONE)


@lru_cache(maxsize=8)
def _configured_hours(spans: str, zone: str) -> OfficeHours:
    return OfficeHours.parse(spans, zone)


# ---- days off --------------------------------------------------------------------------


@dataclass(frozen=True)
class Closure:
    """A day the offices are shut that the holidays package does not know.

    ``nationwide`` is a temporary public holiday (임시공휴일) the government
    declared; otherwise one office closed (the caller passes only the closures
    that apply to the office whose clock it is).
    """

    day: datetime.date
    name_en: str
    name_ko: str
    name_id: str
    nationwide: bool

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


@dataclass(frozen=True)
class DayOff:
    """A day that did not count, and why."""

    day: datetime.date
    reason: DayOffReason
    # The holiday's English name from the holidays package, or the closure.
    holiday: str = ""
    closure: Closure | None = None

    @property
    def name(self) -> str:
        """The day's name in the active language, empty for an ordinary weekend day."""
        if self.closure is not None:
            return self.closure.name
        return holiday_name_in_language(self.holiday) if self.holiday else ""

    @property
    def reason_label(self) -> str:
        """Why the day is off, in the active language ("Saturday", "Public holiday"...)."""
        return _(DAY_OFF_LABELS[self.reason])


DAY_OFF_LABELS = {
    DayOffReason.SATURDAY: gettext_noop("Saturday"),
    DayOffReason.SUNDAY: gettext_noop("Sunday"),
    DayOffReason.PUBLIC_HOLIDAY: gettext_noop("Public holiday"),
    DayOffReason.TEMPORARY_HOLIDAY: gettext_noop("Temporary public holiday"),
    DayOffReason.OFFICE_CLOSURE: gettext_noop("Office closed"),
}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("KR", years=[year], categories=("public",)).items())


def public_holiday(day: datetime.date) -> str | None:
    """The public holiday's English name (from the holidays package), or None."""
    return _public_holidays(day.year).get(day)


# The names the holidays package gives Korean public holidays, marked here so
# that they are translated like every other string (a test checks that every
# name the package gives for the years around now has a translation).
HOLIDAY_NAMES = (
    gettext_noop("New Year's Day"),
    gettext_noop("The day preceding Korean New Year"),
    gettext_noop("Korean New Year"),
    gettext_noop("The second day of Korean New Year"),
    gettext_noop("Independence Movement Day"),
    gettext_noop("Labor Day"),
    gettext_noop("Children's Day"),
    gettext_noop("Buddha's Birthday"),
    gettext_noop("Memorial Day"),
    gettext_noop("Constitution Day"),
    gettext_noop("Liberation Day"),
    gettext_noop("The day preceding Chuseok"),
    gettext_noop("Chuseok"),
    gettext_noop("The second day of Chuseok"),
    gettext_noop("National Foundation Day"),
    gettext_noop("Hangul Day"),
    gettext_noop("Christmas Day"),
    gettext_noop("Armed Forces Day"),
    gettext_noop("Local Election Day"),
    gettext_noop("National Assembly Election Day"),
    gettext_noop("Presidential Election Day"),
    gettext_noop("Temporary Public Holiday"),
)
_ALTERNATIVE = "Alternative holiday for "


def holiday_name_in_language(name: str) -> str:
    """A holiday name from the package, in the active language.

    The package joins two holidays on one day with "; " and calls a substitute
    holiday "Alternative holiday for <name>"; each part is translated.
    """
    parts = []
    for part in name.split("; "):
        if part.startswith(_ALTERNATIVE):
            parts.append(
                _("Alternative holiday for %(holiday)s")
                % {"holiday": _(part.removeprefix(_ALTERNATIVE))}
            )
        else:
            parts.append(_(part))
    return "; ".join(parts)


class WorkingCalendar:
    """Which days and hours count, for one office.

    Weekends and public holidays never count; ``closures`` are the extra days
    off that apply to this office (nationwide temporary holidays and its own
    closures).
    """

    def __init__(
        self, *, closures: Iterable[Closure] = (), hours: OfficeHours | None = None
    ) -> None:
        self.hours = hours or OfficeHours.from_settings()
        self.zone = self.hours.zone
        self.closures: dict[datetime.date, Closure] = {}
        for closure in closures:
            # A nationwide holiday says more than one office's closure of the same day.
            if closure.nationwide or closure.day not in self.closures:
                self.closures[closure.day] = closure

    def day_off(self, day: datetime.date) -> DayOff | None:
        """Why ``day`` does not count, or None when it is a working day."""
        holiday = public_holiday(day)
        if holiday is not None:
            return DayOff(day, DayOffReason.PUBLIC_HOLIDAY, holiday=holiday)
        closure = self.closures.get(day)
        if closure is not None:
            reason = (
                DayOffReason.TEMPORARY_HOLIDAY
                if closure.nationwide
                else DayOffReason.OFFICE_CLOSURE
            )
            return DayOff(day, reason, closure=closure)
        if day.weekday() == 5:
            return DayOff(day, DayOffReason.SATURDAY)
        if day.weekday() == 6:
            return DayOff(day, DayOffReason.SUNDAY)
        return None

    def is_working_day(self, day: datetime.date) -> bool:
        return self.day_off(day) is None

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after ``day``."""
        day += datetime.timedelta(days=1)
        limit = day + _LONGEST_WALK
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
            if day > limit:
                raise ValueError("the calendar has no working day at all")
        return day

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        if moment.tzinfo is None:
            raise ValueError("the clock needs aware datetimes")
        return moment.astimezone(self.zone)

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        """The office's date of ``moment``: 08:00 in Seoul is still the day before in UTC."""
        return self.local(moment).date()

    def start_of_day(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=self.zone)

    def spans(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The office hours of ``day`` as moments; none on a day off."""
        if not self.is_working_day(day):
            return []
        return [
            (
                datetime.datetime.combine(day, start, tzinfo=self.zone),
                datetime.datetime.combine(day, end, tzinfo=self.zone),
            )
            for start, end in self.hours.spans
        ]

    def working_time(self, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        """How much office time lies between two moments (none when ``end`` is earlier)."""
        return _working_time(self, start, end, ())

    def working_days_after(self, first: datetime.date, last: datetime.date) -> int:
        """How many working days lie after ``first`` up to and including ``last``."""
        count = 0
        day = first
        while day < last:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count


# ---- periods and their deadlines ------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A statutory period: an amount in a unit (``Period(7, Unit.DAYS)``)."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit == Unit.IMMEDIATE:
            return
        if self.amount < 1:
            raise ValueError("a period is at least 1")

    @property
    def counting(self) -> Counting:
        """Art. 19: up to five days in hours, six days or more in days, longer units by calendar."""
        if self.unit in (Unit.IMMEDIATE, Unit.HOURS):
            return Counting.HOURS
        if self.unit == Unit.DAYS:
            return Counting.HOURS if self.amount <= LONGEST_PERIOD_IN_HOURS else Counting.DAYS
        return Counting.CALENDAR

    def working_time(self, amount: int | None = None) -> datetime.timedelta:
        """This period (or ``amount`` of its unit) as working time: a day is 8 working hours.

        "Immediately" is 3 working hours; an extension of it is counted in hours.
        """
        if amount is None:
            if self.unit == Unit.IMMEDIATE:
                return datetime.timedelta(hours=IMMEDIATE_HOURS)
            amount = self.amount
        if self.unit in (Unit.IMMEDIATE, Unit.HOURS):
            return datetime.timedelta(hours=amount)
        return datetime.timedelta(hours=amount * HOURS_PER_DAY)


@dataclass(frozen=True)
class Stop:
    """A stretch during which the clock stood still; ``ended_at`` is None while it still does."""

    started_at: datetime.datetime
    ended_at: datetime.datetime | None = None

    def closed_at_start(self) -> Stop:
        """The stop as if the clock ran again at once: what a deadline is while it stands."""
        return Stop(self.started_at, self.ended_at or self.started_at)


@dataclass(frozen=True)
class CountedDay:
    """A day that counted: in hours counting, the office time counted on it."""

    day: datetime.date
    time: datetime.timedelta = datetime.timedelta(0)
    first: datetime.datetime | None = None
    last: datetime.datetime | None = None


@dataclass(frozen=True)
class StoppedDay:
    """A working day (or part of one) that did not count because the clock stood still."""

    day: datetime.date
    time: datetime.timedelta = datetime.timedelta(0)


@dataclass(frozen=True)
class Deadline:
    """When a period ends, and everything needed to explain how."""

    received_at: datetime.datetime
    period: Period
    counting: Counting
    # Period plus extensions, in the period's unit.
    extension_amount: int
    # When the period expires: the moment the last working hour runs out, or
    # the end of the last day (midnight at its close, in the office's zone).
    # None while the clock stands still.
    due_at: datetime.datetime | None
    counted: tuple[CountedDay, ...] = ()
    skipped: tuple[DayOff, ...] = ()
    stopped: tuple[StoppedDay, ...] = ()
    # While the clock stands still: what is left of the period (hours counting:
    # working time; days: working days; calendar: calendar days).
    remaining_time: datetime.timedelta = datetime.timedelta(0)
    remaining_days: int = 0
    # Calendar counting: the day the period ran out before art. 161 moved it.
    calendar_end: datetime.date | None = None
    zone: ZoneInfo = field(default_factory=lambda: office_zone())

    @property
    def total(self) -> int:
        return self.period.amount + self.extension_amount

    @property
    def clock_stopped(self) -> bool:
        return self.due_at is None

    @property
    def due_day(self) -> datetime.date | None:
        """The last day on which the period runs, in the office's zone."""
        if self.due_at is None:
            return None
        return due_day(self.due_at, self.counting, self.zone)

    @property
    def counted_time(self) -> datetime.timedelta:
        return sum((day.time for day in self.counted), datetime.timedelta(0))

    @property
    def stopped_time(self) -> datetime.timedelta:
        return sum((day.time for day in self.stopped), datetime.timedelta(0))


def due_day(
    due_at: datetime.datetime, counting: Counting, zone: ZoneInfo | None = None
) -> datetime.date:
    """The day a deadline falls on: a day-counted one expires at midnight ending that day."""
    local = due_at.astimezone(zone or office_zone())
    if counting == Counting.HOURS:
        return local.date()
    return (local - datetime.timedelta(microseconds=1)).date()


@dataclass
class _Walk:
    """A walk through the calendar from receipt: what it counted, skipped and stopped on."""

    received_at: datetime.datetime
    period: Period
    extension: int
    calendar: WorkingCalendar
    counting: Counting
    counted: list[CountedDay] = field(default_factory=list)
    skipped: list[DayOff] = field(default_factory=list)
    stopped: list[StoppedDay] = field(default_factory=list)

    def result(
        self,
        due_at: datetime.datetime | None,
        *,
        remaining_time: datetime.timedelta = datetime.timedelta(0),
        remaining_days: int = 0,
        calendar_end: datetime.date | None = None,
    ) -> Deadline:
        return Deadline(
            received_at=self.received_at,
            period=self.period,
            counting=self.counting,
            extension_amount=self.extension,
            due_at=due_at,
            counted=tuple(self.counted),
            skipped=tuple(self.skipped),
            stopped=tuple(self.stopped),
            remaining_time=remaining_time,
            remaining_days=remaining_days,
            calendar_end=calendar_end,
            zone=self.calendar.zone,
        )


def office_zone() -> ZoneInfo:
    """The zone whose days and office hours the clock counts (settings.OFFICE_TIME_ZONE)."""
    return OfficeHours.from_settings().zone


def local_date(moment: datetime.datetime) -> datetime.date:
    """The office's calendar date of ``moment``: 08:00 in Seoul is still the day before in UTC."""
    return moment.astimezone(office_zone()).date()


@dataclass(frozen=True)
class Due:
    """A deadline as pages write it: a date for one counted in days, a time too for hours.

    ``templates/_due.html`` shows it in a ``<time>`` element for every service.
    """

    at: datetime.datetime
    counting: Counting

    @property
    def day(self) -> datetime.date:
        return due_day(self.at, self.counting)

    @property
    def text(self) -> str:
        if self.counting == Counting.HOURS:
            local = self.at.astimezone(office_zone())
            return _("%(date)s at %(time)s") % {
                "date": date_format(local.date(), "DATE_FORMAT"),
                "time": time_format(local.time(), "H:i"),
            }
        return date_format(self.day, "DATE_FORMAT")

    @property
    def machine(self) -> str:
        """The value of a ``<time datetime>``: a date, or a moment to the second."""
        if self.counting == Counting.HOURS:
            return machine_readable(self.at.astimezone(office_zone()))
        return machine_readable(self.day)

    def __str__(self) -> str:
        return self.text


def deadline(
    *,
    received_at: datetime.datetime,
    period: Period,
    calendar: WorkingCalendar,
    extensions: Sequence[int] = (),
    stops: Sequence[Stop] = (),
) -> Deadline:
    """When ``period`` ends for something received at ``received_at``.

    ``extensions`` are amounts in the period's unit and are counted the same
    way (an extension of a 3-day period adds working hours). ``stops`` are the
    stretches during which the clock stood still; an open one (no end) leaves
    the deadline unknown until the clock runs again, and the result says how
    much of the period was left.
    """
    extension = sum(extensions)
    if any(amount < 0 for amount in extensions):
        raise ValueError("an extension cannot be negative")
    walk = _Walk(received_at, period, extension, calendar, period.counting)
    if walk.counting == Counting.HOURS:
        return _hours_deadline(walk, stops)
    if walk.counting == Counting.DAYS:
        return _days_deadline(walk, stops)
    return _calendar_deadline(walk, stops)


def _hours_deadline(walk: _Walk, stops: Sequence[Stop]) -> Deadline:
    """Art. 19(1): working time from the moment of receipt."""
    calendar, counted, skipped, stopped = walk.calendar, walk.counted, walk.skipped, walk.stopped
    needed = walk.period.working_time() + walk.period.working_time(walk.extension)
    start = calendar.local(walk.received_at)
    open_stop = min((stop.started_at for stop in stops if stop.ended_at is None), default=None)
    closed = [
        (calendar.local(s.started_at), calendar.local(s.ended_at)) for s in stops if s.ended_at
    ]
    day = start.date()
    limit = day + _LONGEST_WALK
    while True:
        if day > limit:
            raise ValueError("the calendar has no working day at all")
        off = calendar.day_off(day)
        if off is not None:
            skipped.append(off)
            day += datetime.timedelta(days=1)
            continue
        day_time = datetime.timedelta(0)
        day_stopped = datetime.timedelta(0)
        first: datetime.datetime | None = None
        last: datetime.datetime | None = None
        for span_start, span_end in calendar.spans(day):
            piece_start = max(span_start, start)
            if piece_start >= span_end:
                continue
            for piece, running in _split_by_stops(piece_start, span_end, closed, open_stop):
                length = piece[1] - piece[0]
                if not running:
                    day_stopped += length
                    continue
                if first is None:
                    first = piece[0]
                if length >= needed:
                    due = piece[0] + needed
                    day_time += needed
                    counted.append(CountedDay(day, day_time, first, due))
                    if day_stopped:
                        stopped.append(StoppedDay(day, day_stopped))
                    return walk.result(due)
                needed -= length
                day_time += length
                last = piece[1]
        if day_time:
            counted.append(CountedDay(day, day_time, first, last))
        if day_stopped:
            stopped.append(StoppedDay(day, day_stopped))
        if open_stop is not None and calendar.start_of_day(
            day + datetime.timedelta(days=1)
        ) > calendar.local(open_stop):
            # The clock stopped today and has not run again: the rest waits.
            return walk.result(None, remaining_time=needed)
        day += datetime.timedelta(days=1)


def _split_by_stops(
    start: datetime.datetime,
    end: datetime.datetime,
    closed: list[tuple[datetime.datetime, datetime.datetime]],
    open_stop: datetime.datetime | None,
) -> list[tuple[tuple[datetime.datetime, datetime.datetime], bool]]:
    """Cut [start, end) into pieces, each marked running or stopped."""
    cuts = {start, end}
    for stop_start, stop_end in closed:
        cuts.update(moment for moment in (stop_start, stop_end) if start < moment < end)
    if open_stop is not None and start < open_stop < end:
        cuts.add(open_stop)
    points = sorted(cuts)
    pieces = []
    for piece_start, piece_end in pairwise(points):
        stopped = (open_stop is not None and piece_start >= open_stop) or any(
            stop_start <= piece_start and piece_end <= stop_end for stop_start, stop_end in closed
        )
        pieces.append(((piece_start, piece_end), not stopped))
    return pieces


def _stopped_days(
    stops: Sequence[Stop], calendar: WorkingCalendar
) -> tuple[set[datetime.date], datetime.date | None]:
    """Days that do not count because the clock stood still, and where an open stop began.

    A stop takes the days after the one it began on, up to and including the
    day the clock ran again: the day it began already counted, and one of the
    two partial days must, or a stop of a few minutes would cost a day.
    """
    days: set[datetime.date] = set()
    open_from: datetime.date | None = None
    for stop in stops:
        first = calendar.local_date(stop.started_at)
        if stop.ended_at is None:
            open_from = first if open_from is None else min(open_from, first)
            continue
        last = calendar.local_date(stop.ended_at)
        day = first
        while day < last:
            day += datetime.timedelta(days=1)
            days.add(day)
    return days, open_from


def _days_deadline(walk: _Walk, stops: Sequence[Stop]) -> Deadline:
    """Art. 19(2): working days, the day of receipt counted when it is one."""
    calendar, counted, skipped, stopped = walk.calendar, walk.counted, walk.skipped, walk.stopped
    needed = walk.period.amount + walk.extension
    stopped_days, open_from = _stopped_days(stops, calendar)
    day = calendar.local_date(walk.received_at)
    limit = day + _LONGEST_WALK
    while True:
        if day > limit:
            raise ValueError("the calendar has no working day at all")
        if open_from is not None and day > open_from:
            return walk.result(None, remaining_days=needed - len(counted))
        off = calendar.day_off(day)
        if off is not None:
            skipped.append(off)
        elif day in stopped_days:
            stopped.append(StoppedDay(day))
        else:
            counted.append(CountedDay(day))
            if len(counted) == needed:
                return walk.result(calendar.start_of_day(day + datetime.timedelta(days=1)))
        day += datetime.timedelta(days=1)


def calendar_period_end(first: datetime.date, amount: int, unit: Unit) -> datetime.date:
    """The last day of a period in weeks, months or years counting ``first`` (Civil Act art. 160).

    It ends on the day before the day of the last week, month or year that
    corresponds to the first day; a month without that day ends the period on
    its own last day.
    """
    if unit == Unit.WEEKS:
        return first + datetime.timedelta(weeks=amount) - datetime.timedelta(days=1)
    months = amount if unit == Unit.MONTHS else amount * 12
    if unit not in (Unit.MONTHS, Unit.YEARS):
        raise ValueError(f"{unit} is not a calendar unit")
    index = first.year * 12 + (first.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_of_month = _calendar.monthrange(year, month)[1]
    if first.day > last_of_month:
        return datetime.date(year, month, last_of_month)
    return datetime.date(year, month, first.day) - datetime.timedelta(days=1)


def _calendar_deadline(walk: _Walk, stops: Sequence[Stop]) -> Deadline:
    """Art. 19(3) with Civil Act arts. 159-161: by the calendar, moved off a day off."""
    calendar, period = walk.calendar, walk.period
    first = calendar.local_date(walk.received_at)
    end = calendar_period_end(first, period.amount + walk.extension, period.unit)
    if any(stop.ended_at is None for stop in stops):
        return walk.result(None, remaining_days=max((end - first).days + 1, 0))
    stopped_days, _open = _stopped_days(stops, calendar)
    walk.stopped.extend(StoppedDay(day) for day in sorted(stopped_days))
    end += datetime.timedelta(days=len(stopped_days))
    due = end
    off = calendar.day_off(due)
    while off is not None:
        # Art. 161: a period ending on a Saturday or a public holiday ends the next day.
        walk.skipped.append(off)
        due += datetime.timedelta(days=1)
        off = calendar.day_off(due)
    return walk.result(calendar.start_of_day(due + datetime.timedelta(days=1)), calendar_end=end)


def calendar_days_due(received_at: datetime.datetime, days: int, calendar: WorkingCalendar) -> Due:
    """The end of a period of ``days`` calendar days, such as a review "within 30 days".

    Civil Act art. 157: the day of receipt is not counted, so the period ends
    at the end of the ``days``-th day after it; art. 161: a period ending on a
    Saturday or a public holiday (or an office closure) ends on the next day
    that is not one. Used where a rule speaks of days, not working days (the
    Regulations on Public Proposals, art. 10(1)).
    """
    if days < 1:
        raise ValueError("a period is at least 1 day")
    end = calendar.local_date(received_at) + datetime.timedelta(days=days)
    while calendar.day_off(end) is not None:
        end += datetime.timedelta(days=1)
    return Due(calendar.start_of_day(end + datetime.timedelta(days=1)), Counting.CALENDAR)


def _working_time(
    calendar: WorkingCalendar,
    start: datetime.datetime,
    end: datetime.datetime,
    stops: Sequence[Stop],
) -> datetime.timedelta:
    start, end = calendar.local(start), calendar.local(end)
    if end <= start:
        return datetime.timedelta(0)
    open_stop = min((stop.started_at for stop in stops if stop.ended_at is None), default=None)
    closed = [
        (calendar.local(s.started_at), calendar.local(s.ended_at)) for s in stops if s.ended_at
    ]
    total = datetime.timedelta(0)
    day = start.date()
    while day <= end.date():
        for span_start, span_end in calendar.spans(day):
            piece_start, piece_end = max(span_start, start), min(span_end, end)
            if piece_start >= piece_end:
                continue
            for piece, running in _split_by_stops(piece_start, piece_end, closed, open_stop):
                if running:
                    total += piece[1] - piece[0]
        day += datetime.timedelta(days=1)
    return total


@dataclass(frozen=True)
class Elapsed:
    """How much of the clock something took: working time, or counted days."""

    counting: Counting
    time: datetime.timedelta = datetime.timedelta(0)
    days: int = 0

    @property
    def working_days(self) -> int:
        """In days, for statistics: started working days (8 hours each) in hours counting."""
        if self.counting == Counting.HOURS:
            return math.ceil(self.time / datetime.timedelta(hours=HOURS_PER_DAY))
        return self.days


def elapsed(
    *,
    received_at: datetime.datetime,
    until: datetime.datetime,
    period: Period,
    calendar: WorkingCalendar,
    stops: Sequence[Stop] = (),
) -> Elapsed:
    """How much of the clock ran from receipt to ``until``, counted the way ``period`` is.

    In days, the day of receipt is the first (something answered the day it
    arrived took 1 day); days on which the clock stood still do not count.
    """
    counting = period.counting
    if counting == Counting.HOURS:
        return Elapsed(counting, time=_working_time(calendar, received_at, until, stops))
    stopped_days, open_from = _stopped_days(stops, calendar)
    first, last = calendar.local_date(received_at), calendar.local_date(until)
    days = 0
    day = first
    while day <= last:
        stopped = day in stopped_days or (open_from is not None and day > open_from)
        if not stopped and (counting == Counting.CALENDAR or calendar.is_working_day(day)):
            days += 1
        day += datetime.timedelta(days=1)
    return Elapsed(counting, days=days)


# ---- how the clock stands, in words --------------------------------------------------------


@dataclass(frozen=True)
class TimeLeft:
    """How urgent something is, in words (never by colour alone)."""

    text: str
    overdue: bool = False
    stopped: bool = False


def _hours_text(time: datetime.timedelta) -> tuple[int, int]:
    minutes = int(time.total_seconds() // 60)
    return divmod(minutes, 60)


def time_left(
    *,
    due_at: datetime.datetime,
    counting: Counting,
    now: datetime.datetime,
    calendar: WorkingCalendar,
) -> TimeLeft:
    """How the clock stands at ``now``, in the unit the period is counted in.

    In hours: the working hours (and minutes) left or overdue. In days and by
    the calendar: the working days after today up to the due day, "due today",
    or the working days since it passed.
    """
    if counting == Counting.HOURS:
        if now < due_at:
            hours, minutes = _hours_text(calendar.working_time(now, due_at))
            if hours == 0:
                return TimeLeft(
                    ngettext(
                        "%(count)d working minute left", "%(count)d working minutes left", minutes
                    )
                    % {"count": minutes}
                )
            return TimeLeft(
                ngettext("%(count)d working hour left", "%(count)d working hours left", hours)
                % {"count": hours}
            )
        hours, _minutes = _hours_text(calendar.working_time(due_at, now))
        if hours == 0:
            return TimeLeft(_("Overdue"), overdue=True)
        return TimeLeft(
            ngettext(
                "Overdue by %(count)d working hour", "Overdue by %(count)d working hours", hours
            )
            % {"count": hours},
            overdue=True,
        )
    today = calendar.local_date(now)
    last = due_day(due_at, counting, calendar.zone)
    if now >= due_at:
        late = calendar.working_days_after(last, today)
        if late == 0:
            return TimeLeft(_("Overdue"), overdue=True)
        return TimeLeft(
            ngettext("Overdue by %(count)d working day", "Overdue by %(count)d working days", late)
            % {"count": late},
            overdue=True,
        )
    if last == today:
        return TimeLeft(_("Due today"))
    left = calendar.working_days_after(today, last)
    return TimeLeft(
        ngettext("%(count)d working day left", "%(count)d working days left", left)
        % {"count": left}
    )


# ---- when the calendar changes --------------------------------------------------------------


@dataclass(frozen=True)
class CalendarChange:
    """A closure declared or withdrawn: the day, the office (None: every office), and why."""

    day: datetime.date
    agency_id: int | None
    closure: Closure
    # The closure's id, so that every deadline it moved can point back to it.
    reference: int
    withdrawn: bool


# A service's function that recounts the deadlines a change affects; returns how many moved.
DeadlineKeeper = Callable[[CalendarChange], int]
_keepers: list[DeadlineKeeper] = []


def keep_deadlines(keeper: DeadlineKeeper) -> DeadlineKeeper:
    """Register a service's deadline keeper (from its ``AppConfig.ready``)."""
    if keeper not in _keepers:
        _keepers.append(keeper)
    return keeper


def deadline_keepers() -> tuple[DeadlineKeeper, ...]:
    return tuple(_keepers)
