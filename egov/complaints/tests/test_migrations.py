"""The migration that recounts existing deadlines, run on this engine against older rows.

Cases are written with the models as they were before deadlines became
moments (migration 0006), with the old dates deliberately wrong the way the
old counting made them; migrating forward must give the deadlines art. 19
gives, worked out by hand below (office hours 09:00-12:00 and 13:00-18:00):

- a grievance (7 days) received Mon 30 Nov 2026 09:30 is due by the end of
  Tue 8 Dec (the old count said Wed 9);
- an "other" complaint (3 days = 24 working hours) received Mon 30 Nov 10:00
  is due Thu 3 Dec 10:00 (the old count said the whole of Thu 3);
- a grievance received Wed 2 Dec 10:00, asked for more information on Thu 3
  Dec and answered on Mon 7 Dec (so Fri 4 and Mon 7 do not count), extended
  by 2 days on Tue 8 and answered on Wed 9: its 9 days (Wed 2 and Thu 3, Tue
  8 to Fri 11, Mon 14 to Wed 16) end on Wed 16 Dec; the answer on Wed 9 was on
  time, after 4 working days on the clock (Wed 2, Thu 3, Tue 8, Wed 9).
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
BEFORE = [("complaints", "0006_complaint_in_queue")]
AFTER = [("complaints", "0009_drop_day_deadlines")]


def seoul(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_recounts_every_deadline_from_the_cases_history() -> None:
    executor = migrate(BEFORE)
    # The accounts and agencies tables stay as they are now: only complaints go back.
    others = [
        *executor.loader.graph.leaf_nodes("accounts"),
        *executor.loader.graph.leaf_nodes("agencies"),
    ]
    old = executor.loader.project_state([*BEFORE, *others]).apps
    Agency = old.get_model("agencies", "Agency")
    Unit = old.get_model("agencies", "Unit")
    User = old.get_model("accounts", "User")
    Category = old.get_model("complaints", "Category")
    Complaint = old.get_model("complaints", "Complaint")
    Extension = old.get_model("complaints", "Extension")
    SupplementRequest = old.get_model("complaints", "SupplementRequest")
    Answer = old.get_model("complaints", "Answer")
    ComplaintEvent = old.get_model("complaints", "ComplaintEvent")

    agency = Agency.objects.create(
        code="old", kind="district", name_en="Old", name_ko="옛", name_id="Lama"
    )
    unit = Unit.objects.create(agency=agency, code="u", name_en="U", name_ko="U", name_id="U")
    citizen = User.objects.create(email="old@test.example", name="김", role="citizen")
    officer = User.objects.create(email="officer@test.example", name="박", role="officer")
    category = Category.objects.create(code="c", name_en="C", name_ko="C", name_id="C")

    def case(
        number: int, *, period: int, received: datetime.datetime, due: datetime.date, **fields: Any
    ) -> Any:
        return Complaint.objects.create(
            receipt_number=f"EP-2611-{number:07d}",
            citizen=citizen,
            type="grievance" if period == 7 else "other",
            category=category,
            agency=agency,
            unit=unit,
            title="t",
            body="b",
            received_at=received,
            period_days=period,
            due_date=due,
            content_fingerprint="f",
            **fields,
        )

    grievance = case(1, period=7, received=seoul(11, 30, 9, 30), due=datetime.date(2026, 12, 9))
    other = case(2, period=3, received=seoul(11, 30, 10), due=datetime.date(2026, 12, 3))
    handled = case(
        3,
        period=7,
        received=seoul(12, 2, 10),
        due=datetime.date(2026, 12, 17),
        status="answered",
        assigned_officer=officer,
        extension_days=2,
        paused_days=2,
        answered_at=seoul(12, 9, 15),
    )
    SupplementRequest.objects.create(
        complaint=handled,
        number=1,
        requested_by=officer,
        request_text="?",
        requested_at=seoul(12, 3, 11),
        respond_by=datetime.date(2026, 12, 11),
        answer_text="!",
        answered_at=seoul(12, 7, 16),
        paused_days=2,
    )
    Extension.objects.create(
        complaint=handled,
        number=1,
        requested_by=officer,
        days=2,
        reason="r",
        status="applied",
        requested_at=seoul(12, 8, 10),
        decided_at=seoul(12, 8, 10),
    )
    Answer.objects.create(
        complaint=handled,
        officer=officer,
        unit=unit,
        outcome="accepted",
        body="a",
        answered_at=seoul(12, 9, 15),
        due_date=datetime.date(2026, 12, 17),
        on_time=True,
        working_days_taken=4,
    )
    for kind, at, due in (
        ("received", seoul(12, 2, 10), datetime.date(2026, 12, 11)),
        ("extended", seoul(12, 8, 10), datetime.date(2026, 12, 17)),
    ):
        ComplaintEvent.objects.create(
            complaint=handled, kind=kind, at=at, unit=unit, due_date_after=due
        )

    new = migrate(AFTER).loader.project_state(AFTER).apps
    Complaint = new.get_model("complaints", "Complaint")
    Answer = new.get_model("complaints", "Answer")
    ComplaintEvent = new.get_model("complaints", "ComplaintEvent")

    assert Complaint.objects.get(pk=grievance.pk).due_at == seoul(12, 9)  # the end of Tue 8 Dec
    assert Complaint.objects.get(pk=other.pk).due_at == seoul(12, 3, 10)
    assert Complaint.objects.get(pk=handled.pk).due_at == seoul(12, 17)  # the end of Wed 16 Dec
    reply = Answer.objects.get(complaint_id=handled.pk)
    assert (reply.due_at, reply.on_time, reply.working_days_taken) == (seoul(12, 17), True, 4)
    # After the first step the deadline was 7 days from Wed 2 Dec: the end of Thu 10 Dec.
    steps = list(ComplaintEvent.objects.filter(complaint_id=handled.pk).order_by("at"))
    assert [step.due_at_after for step in steps] == [seoul(12, 11), seoul(12, 17)]
