"""Make many permit applications with their steps, straight into the database.

    migrate and load_demo first (the demo's permit types and officers), then:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench \\
        .venv/bin/python -m bench.generate_permits --count 1000000

Each application gets every step of its type's current procedure: the steps
before the current one done (by an officer of the step's unit, stamped to the
minute, recorded a few seconds later; about one in ten late, with a delay
reason), the current one in progress, the rest pending with their expected
dates, and the history the tracker shows (received, assigned, each step
started and completed, the decision). With the demo catalogue a million
applications make about 4.6 million step rows and 7.5 million history
events. Rows go in with ``bulk_create``, a chunk per transaction, so an
interrupted run leaves whole applications behind.

Like generate_complaints, this bypasses the actions (a million action calls
would take hours) and writes no audit events or notifications (history
events carry audit event id 0), which no benchmark reads; the audit chain
stays intact. Receipt numbers continue the month's counter, which is moved
on once a chunk, so later applications continue the sequence. Nothing else
may write to the database while this runs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from typing import Any

from bench import BENCH_EMAIL_DOMAIN, command_line, setup_django

DELAYS = (
    "Waiting for another unit's opinion",
    "Site inspection postponed by rain",
    "Awaiting the applicant's corrected drawings",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365, help="spread over this many days")
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    setup_django()

    from django.db import transaction
    from django.utils import timezone

    from egov.accounts.models import Role, User
    from egov.lib.calendar import local_date
    from egov.permits.limits import format_receipt_number
    from egov.permits.models import (
        Application,
        ApplicationEvent,
        ApplicationStep,
        Channel,
        EventKind,
        PermitType,
        ReceiptCounter,
        Status,
        StepStatus,
    )

    rng = random.Random(options.seed)
    types = [(t, t.current_version()) for t in PermitType.objects.all()]
    if not types:
        raise SystemExit("No permit types: run manage.py load_demo first.")
    procedures = {t.pk: list(v.steps.order_by("position")) for t, v in types}
    officers: dict[int, list[User]] = {}
    for user in User.objects.filter(role=Role.OFFICER, officer__isnull=False).select_related(
        "officer"
    ):
        officers.setdefault(user.officer.unit_id, []).append(user)
    applicants = list(
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").values_list("pk", flat=True)
    ) or list(User.objects.filter(role=Role.CITIZEN).values_list("pk", flat=True))
    if not applicants:
        raise SystemExit("No citizens to apply: run load_demo or generate_complaints first.")

    now = timezone.now()
    start = time.perf_counter()
    made = steps_made = events_made = 0
    print(f"# {command_line()}")
    while made < options.count:
        size = min(options.chunk, options.count - made)
        moments = sorted(
            now - datetime.timedelta(seconds=rng.uniform(0, options.days * 86400))
            for _ in range(size)
        )
        with transaction.atomic():
            counters = dict(ReceiptCounter.objects.values_list("period", "last_number"))
            applications = []
            for received in moments:
                permit_type, version = rng.choice(types)
                period = local_date(received).strftime("%y%m")
                number = counters[period] = counters.get(period, 0) + 1
                procedure = procedures[permit_type.pk]
                reached = rng.randint(0, len(procedure))
                decided = reached == len(procedure)
                status = (
                    Status.APPROVED
                    if decided
                    else rng.choice(
                        [Status.IN_PROGRESS] * 8 + [Status.SUPPLEMENT, Status.WITHDRAWN]
                    )
                )
                due = received + datetime.timedelta(days=version.period_amount * 1.4)
                application = Application(
                    receipt_number=format_receipt_number(period, number),
                    version=version,
                    permit_type=permit_type,
                    agency_id=permit_type.agency_id,
                    unit_id=version.unit_id,
                    applicant_id=rng.choice(applicants),
                    channel=Channel.WEB,
                    status=status if reached else Status.RECEIVED,
                    summary="Generated application",
                    site_address="서울특별시 종로구",
                    received_at=received,
                    due_at=due,
                    decided_at=None,
                    fee_won=version.fee_won,
                )
                application._reached = reached  # type: ignore[attr-defined]
                applications.append(application)
            Application.objects.bulk_create(applications)
            rows = []
            for application in applications:
                moment = application.received_at
                reached = application._reached  # type: ignore[attr-defined]
                for definition in procedures[application.permit_type_id]:
                    expected = moment + datetime.timedelta(hours=rng.uniform(2, 40))
                    step = ApplicationStep(
                        application=application,
                        definition=definition,
                        position=definition.position,
                        unit_id=definition.unit_id,
                        expected_at=expected,
                    )
                    if definition.position <= reached:
                        official = rng.choice(officers.get(definition.unit_id) or [None])
                        started = (
                            moment + datetime.timedelta(minutes=rng.randint(5, 600))
                        ).replace(second=0, microsecond=0)
                        late = rng.random() < 0.1
                        done = (
                            expected + datetime.timedelta(hours=rng.uniform(1, 30))
                            if late
                            else started + (expected - started) * rng.uniform(0.2, 0.9)
                        ).replace(second=0, microsecond=0)
                        done = max(done, started)
                        step.status = StepStatus.DONE
                        step.started_at = started
                        step.started_recorded_at = started + datetime.timedelta(seconds=20)
                        step.completed_at = done
                        step.completed_recorded_at = done + datetime.timedelta(seconds=30)
                        step.delay_reason = rng.choice(DELAYS) if done > expected else ""
                        if official is not None:
                            step.official = official
                            step.official_name = official.name
                            step.official_position_en = official.officer.position_en
                            step.official_position_ko = official.officer.position_ko
                            step.official_position_id = official.officer.position_id
                        moment = done
                    elif (
                        definition.position == reached + 1 and application.status != Status.RECEIVED
                    ):
                        step.status = StepStatus.IN_PROGRESS
                        step.started_at = moment.replace(second=0, microsecond=0)
                        step.started_recorded_at = moment
                        moment = expected
                    else:
                        moment = expected
                    rows.append(step)
                if application.status == Status.APPROVED:
                    application.decided_at = moment
            ApplicationStep.objects.bulk_create(rows, batch_size=5000)
            events = []
            for step in rows:
                if step.position == 1:
                    application = step.application
                    received = application.received_at
                    events.append(_event(application, EventKind.RECEIVED, received))
                    events.append(_event(application, EventKind.ASSIGNED, received))
                if step.started_at is not None:
                    events.append(
                        _event(step.application, EventKind.STEP_STARTED, step.started_at, step)
                    )
                if step.completed_at is not None:
                    events.append(
                        _event(
                            step.application,
                            EventKind.STEP_COMPLETED,
                            step.completed_at,
                            step,
                            note=step.delay_reason,
                        )
                    )
            for application in applications:
                if application.decided_at is not None:
                    events.append(_event(application, EventKind.APPROVED, application.decided_at))
                elif application.status == Status.WITHDRAWN:
                    events.append(_event(application, EventKind.WITHDRAWN, application.received_at))
            ApplicationEvent.objects.bulk_create(events, batch_size=5000)
            for period, number in counters.items():
                ReceiptCounter.objects.update_or_create(
                    period=period, defaults={"last_number": number}
                )
            Application.objects.bulk_update(
                [a for a in applications if a.decided_at is not None], ["decided_at"]
            )
        made += size
        steps_made += len(rows)
        events_made += len(events)
        elapsed = time.perf_counter() - start
        print(
            f"{made:,} applications, {steps_made:,} steps, {events_made:,} events, "
            f"{made / elapsed:,.0f}/s"
        )
    print(f"done in {time.perf_counter() - start:.1f} s")


def _event(application: Any, kind: str, moment: Any, step: Any = None, note: str = "") -> Any:
    """A history entry as the actions write it, without its audit event (id 0: none)."""
    from egov.permits.models import ApplicationEvent

    return ApplicationEvent(
        application=application,
        kind=kind,
        occurred_at=moment,
        recorded_at=moment + datetime.timedelta(seconds=30),
        actor=getattr(step, "official", None) if step is not None else None,
        step=step,
        note=note,
        audit_event_id=0,
    )


if __name__ == "__main__":
    main()
