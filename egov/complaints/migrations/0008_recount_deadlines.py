"""Recount every complaint's deadline from its own history, as art. 19 of the Act counts it.

Before this, a deadline was the date of receipt plus the period in working
days, the day of receipt never counted, and a 3-day complaint was counted in
whole days. Now the platform's clock (egov.lib.calendar) counts five days or
less in working hours from the moment of receipt and six or more in working
days with the day of receipt included. For each case this replays what
happened: the extensions applied, the stretches the clock stood still (a
request for more information until it was answered, a repeat closure until
it was appealed), the second review; it fills the deadline of the case, of
each answer (with "on time" and the working days taken) and of each second
review, and the deadline after each timeline step. It reads only what the
case's rows say and the pure clock, never the application's code, so it
gives the same result whenever it runs. No closures exist yet when it runs.

On a large database this takes a while (it walks every case in batches of
1,000); it can be run again safely.
"""

import datetime

from django.db import migrations

from egov.lib.calendar import Period, Stop, Unit, WorkingCalendar, deadline, elapsed

BATCH = 1000
APPLIED = "applied"
SECOND_REVIEW = "second_review"


def _stops(complaint, as_of):
    """The stretches the clock stood still, as known at ``as_of``."""

    def known(moment):
        return moment if moment is not None and moment <= as_of else None

    stops = []
    for request in complaint.supplement_requests.all():
        if request.requested_at <= as_of:
            stops.append(Stop(request.requested_at, known(request.answered_at)))
    if complaint.repeat_closed_at is not None and complaint.repeat_closed_at <= as_of:
        stops.append(Stop(complaint.repeat_closed_at, known(complaint.repeat_appealed_at)))
    return stops


def _extensions(complaint, as_of):
    return [
        extension.days
        for extension in complaint.extensions.all()
        if extension.status == APPLIED
        and (extension.decided_at or extension.requested_at) <= as_of
    ]


def _processing_due(complaint, calendar, as_of):
    return deadline(
        received_at=complaint.received_at,
        period=Period(complaint.period_days, Unit.DAYS),
        calendar=calendar,
        extensions=_extensions(complaint, as_of),
        stops=[stop.closed_at_start() for stop in _stops(complaint, as_of)],
    ).due_at


def _review_due(review, calendar):
    return deadline(
        received_at=review.opened_at, period=Period(review.period_days, Unit.DAYS), calendar=calendar
    ).due_at


def _write(connection, model, fields, rows):
    """UPDATE the given fields of each row, one statement run for many rows.

    Django's bulk_update builds one CASE per field over the whole batch,
    which took three quarters of this migration's time at a million cases;
    one prepared UPDATE run with executemany (psycopg pipelines it) does not.
    """
    if not rows:
        return
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments}"
        f" WHERE {quote(model._meta.pk.column)} = %s"
    )
    values = [
        [column.get_db_prep_save(getattr(row, column.attname), connection) for column in columns]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def recount(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Answer = apps.get_model("complaints", "Answer")
    SecondReview = apps.get_model("complaints", "SecondReview")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    calendar = WorkingCalendar()
    far_future = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    last_id = 0
    while True:
        batch = list(
            Complaint.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .prefetch_related("extensions", "supplement_requests", "answers", "events")[:BATCH]
        )
        if not batch:
            return
        last_id = batch[-1].pk
        reviews = {
            review.complaint_id: review
            for review in SecondReview.objects.filter(complaint_id__in=[c.pk for c in batch])
        }
        complaints, answers, events = [], [], []
        for complaint in batch:
            review = reviews.get(complaint.pk)
            review_due = _review_due(review, calendar) if review is not None else None
            if review is not None:
                review.due_at = review_due
            complaint.due_at = review_due or _processing_due(complaint, calendar, far_future)
            complaints.append(complaint)
            for answer in complaint.answers.all():
                if answer.kind == SECOND_REVIEW and review is not None:
                    answer.due_at = review_due
                    period, start, stops = Period(review.period_days, Unit.DAYS), review.opened_at, []
                else:
                    answer.due_at = _processing_due(complaint, calendar, answer.answered_at)
                    period = Period(complaint.period_days, Unit.DAYS)
                    start, stops = complaint.received_at, _stops(complaint, answer.answered_at)
                answer.on_time = answer.answered_at <= answer.due_at
                answer.working_days_taken = elapsed(
                    received_at=start,
                    until=answer.answered_at,
                    period=period,
                    calendar=calendar,
                    stops=stops,
                ).working_days
                answers.append(answer)
            previous_day, previous_due = None, None
            for event in sorted(complaint.events.all(), key=lambda event: (event.at, event.pk)):
                # Only a step that moved the old date can have moved the deadline.
                if event.due_date_after != previous_day or previous_due is None:
                    if review is not None and review.opened_at <= event.at:
                        previous_due = review_due
                    else:
                        previous_due = _processing_due(complaint, calendar, event.at)
                    previous_day = event.due_date_after
                event.due_at_after = previous_due
                events.append(event)
        connection = schema_editor.connection
        _write(connection, Complaint, ["due_at"], complaints)
        _write(connection, Answer, ["due_at", "on_time", "working_days_taken"], answers)
        _write(connection, SecondReview, ["due_at"], list(reviews.values()))
        _write(connection, ComplaintEvent, ["due_at_after"], events)


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0007_deadline_moments'),
    ]

    operations = [
        migrations.RunPython(recount, migrations.RunPython.noop, elidable=False),
    ]
