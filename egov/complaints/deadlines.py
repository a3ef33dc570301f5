"""A complaint's statutory clock: what the law gives the case, counted by the platform's one clock.

The period comes from the Enforcement Decree of the Civil Petitions Treatment
Act (7 days for an inquiry or a grievance, 14 for a suggestion or an inquiry
needing a legal interpretation) as the agency configured it, and it is counted
by ``egov.lib.calendar`` as art. 19 of the Act says: five days or less in
working hours from the moment of receipt, six days or more in working days
with the day of receipt counted. The clock stands still while the citizen is
asked for more information (art. 22) and while a complaint is closed as a
repeat (art. 23) until it is reopened on appeal; each extension is counted in
the same unit. Nothing here writes or reads the current time: callers pass
``now`` where it matters, so the same history always gives the same deadline.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.agencies.calendar import calendar_for
from egov.lib.calendar import (
    Counting,
    Deadline,
    Due,
    Period,
    Stop,
    TimeLeft,
    Unit,
    WorkingCalendar,
    deadline,
    elapsed,
)
from egov.lib.calendar import time_left as clock_time_left

if TYPE_CHECKING:
    from egov.complaints.models import Complaint

# The Act and article every complaint deadline page names.
LAW = "민원 처리에 관한 법률 제19조"


def period_of(complaint: Complaint) -> Period:
    """The processing period the case was received with, in days as the Decree sets them."""
    return Period(complaint.period_days, Unit.DAYS)


def review_period(days: int) -> Period:
    return Period(days, Unit.DAYS)


@dataclass(frozen=True)
class ExtensionStep:
    number: int
    days: int
    reason: str
    applied_at: datetime.datetime
    with_consent: bool


@dataclass(frozen=True)
class Pause:
    """A stretch during which the clock stood still, and how much of the clock it gave back."""

    kind: str  # "supplement" or "repeat_closure"
    started_at: datetime.datetime
    ended_at: datetime.datetime | None  # None while the clock still stands
    counting: Counting
    # In the period's unit: working time when counted in hours, days otherwise.
    time: datetime.timedelta
    days: int

    @property
    def stop(self) -> Stop:
        return Stop(self.started_at, self.ended_at)

    @property
    def given_back(self) -> str:
        """How much of the clock the stop gave back, in words and in the period's unit."""
        if self.counting == Counting.HOURS:
            return working_time_text(self.time)
        return ngettext("%(count)d working day", "%(count)d working days", self.days) % {
            "count": self.days
        }


@dataclass(frozen=True)
class SecondReviewStep:
    opened_at: datetime.datetime
    working_days: int
    deadline: Deadline


@dataclass(frozen=True)
class DeadlineExplanation:
    """Everything the case pages need to say why the case is due when it is."""

    processing: Deadline
    extensions: tuple[ExtensionStep, ...]
    pauses: tuple[Pause, ...]
    second_review: SecondReviewStep | None
    # The processing period alone, before extensions and pauses: what the citizen was first told.
    period_deadline: Deadline

    @property
    def counting(self) -> Counting:
        if self.second_review is not None:
            return self.second_review.deadline.counting
        return self.processing.counting

    @property
    def due_at(self) -> datetime.datetime | None:
        """The deadline that rules now; None while the clock stands still."""
        if self.second_review is not None:
            return self.second_review.deadline.due_at
        return self.processing.due_at

    @property
    def clock_stopped(self) -> bool:
        return self.due_at is None

    @property
    def extension_days(self) -> int:
        return sum(step.days for step in self.extensions)

    @property
    def law(self) -> str:
        return LAW

    @property
    def rows(self) -> list[DayRow]:
        return day_rows(self.processing)

    @property
    def period_hours(self) -> int:
        """The processing period in working hours, when it is counted in hours."""
        return int(self.processing.period.working_time().total_seconds() // 3600)

    @property
    def remaining(self) -> str:
        """While the clock stands still: what is left of the period, in its unit."""
        due = self.processing
        if due.counting == Counting.HOURS:
            return working_time_text(due.remaining_time)
        return ngettext("%(count)d working day", "%(count)d working days", due.remaining_days) % {
            "count": due.remaining_days
        }

    @property
    def due(self) -> Due | None:
        """The deadline that rules now, as pages write it."""
        due_at = self.due_at
        return Due(due_at, self.counting) if due_at is not None else None

    @property
    def period_due(self) -> Due | None:
        """The period alone, before any extension or stop of the clock."""
        due_at = self.period_deadline.due_at
        return Due(due_at, self.period_deadline.counting) if due_at is not None else None

    @property
    def processing_due(self) -> Due | None:
        """The processing deadline (before any second review), as pages write it."""
        due_at = self.processing.due_at
        return Due(due_at, self.processing.counting) if due_at is not None else None


def _extensions(complaint: Complaint, as_of: datetime.datetime | None) -> list[ExtensionStep]:
    from egov.complaints.models import ExtensionStatus

    steps = []
    for extension in complaint.extensions.all():
        applied_at = extension.decided_at or extension.requested_at
        if extension.status != ExtensionStatus.APPLIED:
            continue
        if as_of is not None and applied_at > as_of:
            continue
        steps.append(
            ExtensionStep(
                number=extension.number,
                days=extension.days,
                reason=extension.reason,
                applied_at=applied_at,
                with_consent=extension.number == 2,
            )
        )
    return steps


def _stops(complaint: Complaint, as_of: datetime.datetime | None) -> list[tuple[str, Stop]]:
    """The stretches the clock stood still, as known at ``as_of`` (by default: now)."""

    def known(moment: datetime.datetime | None) -> datetime.datetime | None:
        if moment is None or (as_of is not None and moment > as_of):
            return None
        return moment

    stops = []
    for request in complaint.supplement_requests.all():
        if known(request.requested_at) is not None:
            stops.append(("supplement", Stop(request.requested_at, known(request.answered_at))))
    closed = known(complaint.repeat_closed_at)
    if closed is not None:
        stops.append(("repeat_closure", Stop(closed, known(complaint.repeat_appealed_at))))
    stops.sort(key=lambda item: item[1].started_at)
    return stops


def _pause(kind: str, stop: Stop, calendar: WorkingCalendar, counting: Counting) -> Pause:
    end = stop.ended_at
    none = datetime.timedelta(0)
    if end is None:
        return Pause(kind, stop.started_at, None, counting, none, 0)
    if counting == Counting.HOURS:
        time = calendar.working_time(stop.started_at, end)
        return Pause(kind, stop.started_at, end, counting, time, 0)
    first, last = calendar.local_date(stop.started_at), calendar.local_date(end)
    if counting == Counting.CALENDAR:
        return Pause(kind, stop.started_at, end, counting, none, (last - first).days)
    days = calendar.working_days_after(first, last)
    return Pause(kind, stop.started_at, end, counting, none, days)


def explain_deadline(
    complaint: Complaint,
    *,
    calendar: WorkingCalendar | None = None,
    as_of: datetime.datetime | None = None,
    extra_extension: int = 0,
) -> DeadlineExplanation:
    """Recount the case's deadline from its history, step by step.

    Reads the complaint's extensions, supplement requests and second review
    (prefetch them for a list); writes nothing. With ``as_of`` only what had
    happened by then counts (how a migration replays history); with
    ``extra_extension`` a pending extension is counted as if applied.
    """
    calendar = calendar or calendar_for(complaint.agency_id)
    period = period_of(complaint)
    extensions = _extensions(complaint, as_of)
    stops = _stops(complaint, as_of)
    amounts = [step.days for step in extensions]
    if extra_extension:
        amounts.append(extra_extension)
    processing = deadline(
        received_at=complaint.received_at,
        period=period,
        calendar=calendar,
        extensions=amounts,
        stops=[stop for _kind, stop in stops],
    )
    review = getattr(complaint, "second_review", None)
    second_review = None
    if review is not None and (as_of is None or review.opened_at <= as_of):
        second_review = SecondReviewStep(
            opened_at=review.opened_at,
            working_days=review.period_days,
            deadline=deadline(
                received_at=review.opened_at,
                period=review_period(review.period_days),
                calendar=calendar,
            ),
        )
    return DeadlineExplanation(
        processing=processing,
        extensions=tuple(extensions),
        pauses=tuple(_pause(kind, stop, calendar, period.counting) for kind, stop in stops),
        second_review=second_review,
        period_deadline=deadline(
            received_at=complaint.received_at, period=period, calendar=calendar
        ),
    )


def stored_due_at(
    complaint: Complaint,
    *,
    calendar: WorkingCalendar | None = None,
    as_of: datetime.datetime | None = None,
) -> datetime.datetime:
    """The deadline the case is filed under; while the clock stands still, as if it ran again now.

    The queue sorts by it and "overdue" compares with it; a stopped case is
    never overdue (the queue says so), and when the clock runs again the
    action that restarts it stores the deadline moved by the stop.
    """
    calendar = calendar or calendar_for(complaint.agency_id)
    review = getattr(complaint, "second_review", None)
    if review is not None and (as_of is None or review.opened_at <= as_of):
        due = deadline(
            received_at=review.opened_at,
            period=review_period(review.period_days),
            calendar=calendar,
        ).due_at
    else:
        amounts = [step.days for step in _extensions(complaint, as_of)]
        stops = [stop.closed_at_start() for _kind, stop in _stops(complaint, as_of)]
        due = deadline(
            received_at=complaint.received_at,
            period=period_of(complaint),
            calendar=calendar,
            extensions=amounts,
            stops=stops,
        ).due_at
    assert due is not None  # no stop is open once each is closed at its start
    return due


def days_taken(
    complaint: Complaint,
    answered_at: datetime.datetime,
    *,
    calendar: WorkingCalendar | None = None,
) -> int:
    """Working days the case was on the clock until ``answered_at``; the day of receipt is day 1.

    Time the clock stood still is not the officer's. A period counted in hours
    reports the working days begun (8 working hours each).
    """
    calendar = calendar or calendar_for(complaint.agency_id)
    return elapsed(
        received_at=complaint.received_at,
        until=answered_at,
        period=period_of(complaint),
        calendar=calendar,
        stops=[stop for _kind, stop in _stops(complaint, answered_at)],
    ).working_days


def counting_of(complaint: Complaint) -> Counting:
    """How the deadline that rules now is counted (a second review has its own 7 days)."""
    from egov.complaints.models import Status

    if complaint.status == Status.SECOND_REVIEW:
        return Counting.DAYS
    return period_of(complaint).counting


def time_left(
    complaint: Complaint, now: datetime.datetime, *, calendar: WorkingCalendar | None = None
) -> TimeLeft:
    """How the case's clock stands, in words: the one reading every page shows."""
    from egov.complaints.models import Status

    if complaint.status == Status.AWAITING_SUPPLEMENT:
        return TimeLeft(_("Clock stopped: waiting for the information asked for"), stopped=True)
    if not complaint.is_open:
        return TimeLeft(_("Finished"))
    return clock_time_left(
        due_at=complaint.due_at,
        counting=counting_of(complaint),
        now=now,
        calendar=calendar or calendar_for(complaint.agency_id),
    )


def due_at_receipt(
    *, received_at: datetime.datetime, period_days: int, calendar: WorkingCalendar
) -> datetime.datetime:
    """The deadline of a case just received: nothing has stopped or extended its clock yet."""
    due = deadline(
        received_at=received_at, period=Period(period_days, Unit.DAYS), calendar=calendar
    )
    assert due.due_at is not None  # only an open stop leaves it unknown
    return due.due_at


def pause_detail(
    complaint: Complaint,
    started_at: datetime.datetime,
    ended_at: datetime.datetime,
    *,
    calendar: WorkingCalendar | None = None,
) -> dict[str, int]:
    """How much of the clock a stop gave back, in the period's unit, for the timeline and audit."""
    counting = period_of(complaint).counting
    pause = _pause(
        "", Stop(started_at, ended_at), calendar or calendar_for(complaint.agency_id), counting
    )
    if counting == Counting.HOURS:
        return {"paused_minutes": int(pause.time.total_seconds() // 60)}
    return {"paused_days": pause.days}


def review_deadline(
    opened_at: datetime.datetime, days: int, *, calendar: WorkingCalendar
) -> datetime.datetime:
    due = deadline(received_at=opened_at, period=review_period(days), calendar=calendar)
    assert due.due_at is not None
    return due.due_at


def review_days_taken(
    opened_at: datetime.datetime,
    days: int,
    answered_at: datetime.datetime,
    *,
    calendar: WorkingCalendar,
) -> int:
    return elapsed(
        received_at=opened_at, until=answered_at, period=review_period(days), calendar=calendar
    ).working_days


def working_time_text(time: datetime.timedelta) -> str:
    """Office time in words: "7 working hours", "2 working hours 30 minutes"."""
    minutes = int(time.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if minutes == 0:
        return ngettext("%(count)d working hour", "%(count)d working hours", hours) % {
            "count": hours
        }
    return _("%(hours)d working hours %(minutes)d minutes") % {"hours": hours, "minutes": minutes}


@dataclass(frozen=True)
class DayRow:
    """One day of a period as the case page lists it: counted (how much), or why not."""

    day: datetime.date
    counted: bool
    # Days counting: the day's number in the period (the day of receipt is 1).
    number: int = 0
    # Hours counting: the office time counted that day, and from when to when.
    time: str = ""
    first: datetime.datetime | None = None
    last: datetime.datetime | None = None
    why_not: str = ""


def day_rows(due: Deadline) -> list[DayRow]:
    """Every day from receipt to the deadline: which counted and how much, which did not and why."""
    rows: list[DayRow] = []
    for number, counted in enumerate(due.counted, start=1):
        rows.append(
            DayRow(
                day=counted.day,
                counted=True,
                number=number if due.counting == Counting.DAYS else 0,
                time=working_time_text(counted.time) if due.counting == Counting.HOURS else "",
                first=counted.first,
                last=counted.last,
            )
        )
    for off in due.skipped:
        why = f"{off.reason_label}: {off.name}" if off.name else off.reason_label
        rows.append(DayRow(day=off.day, counted=False, why_not=why))
    counted_days = {row.day for row in rows}
    for stopped in due.stopped:
        if stopped.day in counted_days:
            continue  # part of the day counted; the rest stood still, as the pauses say
        rows.append(DayRow(day=stopped.day, counted=False, why_not=_("The clock stood still")))
    rows.sort(key=lambda row: row.day)
    return rows
