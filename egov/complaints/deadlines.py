"""The statutory clock: pure functions that compute and explain a complaint's deadline.

Nothing here reads the clock or writes: callers pass the moments and dates, so
the same inputs always give the same deadline, and tests need no frozen time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from egov.lib.calendar import add_working_days, skipped_days, working_days_between

if TYPE_CHECKING:
    from egov.complaints.models import Complaint


def local_date(moment: datetime.datetime) -> datetime.date:
    """The calendar date of ``moment`` in settings.TIME_ZONE (Asia/Seoul by default).

    Deadlines count local working days: a complaint sent at 08:00 in Seoul on a
    Monday was received on Monday, although it was still Sunday in UTC.
    """
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def processing_due_date(
    *, received_on: datetime.date, period_days: int, extension_days: int, paused_days: int
) -> datetime.date:
    """The received date plus every working day the case is allowed.

    Adding working days composes (adding a then b equals adding a + b), so the
    period, each extension and each pause can be summed before counting.
    """
    return add_working_days(received_on, period_days + extension_days + paused_days)


def working_days_taken(
    *, received_on: datetime.date, answered_on: datetime.date, paused_days: int
) -> int:
    """Working days on the clock: time the clock stood still is not the officer's."""
    return max(working_days_between(received_on, answered_on) - paused_days, 0)


@dataclass(frozen=True)
class SkippedDay:
    day: datetime.date
    holiday: str  # the holiday's name; empty for an ordinary weekend day


@dataclass(frozen=True)
class ExtensionStep:
    number: int
    days: int
    reason: str
    applied_on: datetime.date
    with_consent: bool


@dataclass(frozen=True)
class Pause:
    """A stretch during which the clock stood still."""

    kind: str  # "supplement" or "repeat_closure"
    started_on: datetime.date
    ended_on: datetime.date | None  # None while the pause is still going on
    working_days: int


@dataclass(frozen=True)
class SecondReviewStep:
    opened_on: datetime.date
    working_days: int
    due_date: datetime.date


@dataclass(frozen=True)
class DeadlineExplanation:
    """Everything the timeline page needs to say why the case is due when it is."""

    received_on: datetime.date
    period_days: int
    period_due_date: datetime.date
    extensions: tuple[ExtensionStep, ...]
    pauses: tuple[Pause, ...]
    processing_due_date: datetime.date
    skipped_days: tuple[SkippedDay, ...]
    second_review: SecondReviewStep | None
    due_date: datetime.date

    @property
    def extension_days(self) -> int:
        return sum(step.days for step in self.extensions)

    @property
    def paused_days(self) -> int:
        return sum(pause.working_days for pause in self.pauses)

    @property
    def clock_stopped(self) -> bool:
        return any(pause.ended_on is None for pause in self.pauses)


def explain_deadline(complaint: Complaint) -> DeadlineExplanation:
    """Recompute the complaint's deadline from its parts, step by step.

    Reads the complaint's extensions, supplement requests and second review
    (prefetch them for a list); writes nothing and never reads the clock.
    """
    from egov.complaints.models import ExtensionStatus

    received_on = local_date(complaint.received_at)
    extensions = tuple(
        ExtensionStep(
            number=extension.number,
            days=extension.days,
            reason=extension.reason,
            applied_on=local_date(extension.decided_at or extension.requested_at),
            with_consent=extension.number == 2,
        )
        for extension in complaint.extensions.all()
        if extension.status == ExtensionStatus.APPLIED
    )
    pauses = [
        Pause(
            kind="supplement",
            started_on=local_date(request.requested_at),
            ended_on=local_date(request.answered_at) if request.answered_at else None,
            working_days=request.paused_days,
        )
        for request in complaint.supplement_requests.all()
    ]
    if complaint.repeat_closed_at is not None:
        ended = complaint.repeat_appealed_at
        closed_on = local_date(complaint.repeat_closed_at)
        pauses.append(
            Pause(
                kind="repeat_closure",
                started_on=closed_on,
                ended_on=local_date(ended) if ended else None,
                working_days=working_days_between(closed_on, local_date(ended)) if ended else 0,
            )
        )
    pauses.sort(key=lambda pause: pause.started_on)
    extension_days = sum(step.days for step in extensions)
    paused_days = sum(pause.working_days for pause in pauses)
    processing_due = processing_due_date(
        received_on=received_on,
        period_days=complaint.period_days,
        extension_days=extension_days,
        paused_days=paused_days,
    )
    review = getattr(complaint, "second_review", None)
    second_review = (
        SecondReviewStep(
            opened_on=local_date(review.opened_at),
            working_days=review.period_days,
            due_date=review.due_date,
        )
        if review is not None
        else None
    )
    return DeadlineExplanation(
        received_on=received_on,
        period_days=complaint.period_days,
        period_due_date=add_working_days(received_on, complaint.period_days),
        extensions=extensions,
        pauses=tuple(pauses),
        processing_due_date=processing_due,
        skipped_days=tuple(
            SkippedDay(day, holiday) for day, holiday in skipped_days(received_on, processing_due)
        ),
        second_review=second_review,
        due_date=second_review.due_date if second_review else processing_due,
    )
