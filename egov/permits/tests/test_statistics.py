"""Statistics per type and unit: the median and the on-time rate, as a chart and a table."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from egov.accounts.models import User
from egov.permits import actions
from egov.permits.models import Application, PermitStatistics, PermitType, Status
from egov.permits.tests.conftest import apply


def _decided(application: Application, days: float, *, on_time: bool) -> None:
    decided = application.received_at + datetime.timedelta(days=days)
    due = decided + datetime.timedelta(hours=1 if on_time else -1)
    Application.objects.filter(pk=application.pk).update(
        status=Status.APPROVED, decided_at=decided, due_at=due
    )


def test_the_median_and_the_on_time_rate_per_type_and_unit(
    client: Client, citizen: User, permit_type: PermitType
) -> None:
    applications = [apply(citizen, permit_type) for _ in range(4)]
    _decided(applications[0], 2, on_time=True)
    _decided(applications[1], 4, on_time=True)
    _decided(applications[2], 9, on_time=False)
    # The fourth is still open: received, not decided.
    assert actions.refresh_statistics() == 1
    row = PermitStatistics.objects.get()
    assert (row.received, row.decided, row.decided_on_time) == (4, 3, 2)
    assert row.median_days == 4
    assert row.on_time_rate is not None
    assert abs(row.on_time_rate - 2 / 3) < 1e-9
    page = client.get(reverse("permits:statistics"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "67%" in body
    assert "4.0" in body


def test_no_figures_yet(client: Client, db: None) -> None:
    response = client.get(reverse("permits:statistics"))
    assert response.status_code == 200
    assert "No figures yet" in response.content.decode()
