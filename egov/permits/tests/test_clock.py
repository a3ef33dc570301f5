"""Worked examples: the deadline as the Civil Petitions Treatment Act art. 19 counts it."""

from __future__ import annotations

import datetime
import zoneinfo

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.permits import actions
from egov.permits.models import Application, PermitType
from egov.permits.tests.conftest import apply, version_spec

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def _received(application: Application, moment: datetime.datetime) -> Application:
    Application.objects.filter(pk=application.pk).update(received_at=moment)
    application.refresh_from_db()
    return application


def test_fifteen_days_count_the_first_day_and_skip_weekends_and_christmas(
    citizen: User, permit_type: PermitType, unit: Unit, other_unit: Unit
) -> None:
    # Art. 19(2): six days or more are counted in days, the first day included,
    # Saturdays and public holidays not. Received Monday 7 December 2026: the
    # 15th working day is Monday 28 December (25 December is a holiday).
    actions.revise_permit_type(
        actor=None, permit_type=permit_type, spec=version_spec(unit, other_unit, period=15)
    )
    application = _received(
        apply(citizen, permit_type), datetime.datetime(2026, 12, 7, 10, 0, tzinfo=SEOUL)
    )
    assert actions.decision_due(application) == datetime.datetime(2026, 12, 29, tzinfo=SEOUL)


def test_three_days_are_counted_in_working_hours_from_receipt(
    citizen: User, permit_type: PermitType, unit: Unit, other_unit: Unit
) -> None:
    # Art. 19(1): five days or less are counted in hours, a day being 8 working
    # hours. Received Friday 11 December 2026 at 16:00: 2 hours on Friday, 8 on
    # Monday, 8 on Tuesday, and the last 6 on Wednesday end at 16:00.
    actions.revise_permit_type(
        actor=None, permit_type=permit_type, spec=version_spec(unit, other_unit, period=3)
    )
    application = _received(
        apply(citizen, permit_type), datetime.datetime(2026, 12, 11, 16, 0, tzinfo=SEOUL)
    )
    assert actions.decision_due(application) == datetime.datetime(2026, 12, 16, 16, 0, tzinfo=SEOUL)


def test_a_stop_for_documents_moves_the_deadline_by_the_working_time_it_took(
    citizen: User, permit_type: PermitType, unit: Unit, other_unit: Unit, officer: User
) -> None:
    actions.revise_permit_type(
        actor=None, permit_type=permit_type, spec=version_spec(unit, other_unit, period=3)
    )
    application = _received(
        apply(citizen, permit_type), datetime.datetime(2026, 12, 11, 16, 0, tzinfo=SEOUL)
    )
    actions.request_supplement(actor=officer, application=application, note="Site plan")
    supplement = application.supplements.get()
    # Asked Monday 14 December at 09:00, answered Tuesday at 09:00: one working day stopped.
    type(supplement).objects.filter(pk=supplement.pk).update(
        requested_at=datetime.datetime(2026, 12, 14, 9, 0, tzinfo=SEOUL),
        answered_at=datetime.datetime(2026, 12, 15, 9, 0, tzinfo=SEOUL),
    )
    assert actions.decision_due(application) == datetime.datetime(2026, 12, 17, 16, 0, tzinfo=SEOUL)
