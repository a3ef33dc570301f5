"""Surges: a category rising in a district, the last full week against the week before."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.models import User
from egov.complaints import actions
from egov.complaints.models import Category, Complaint, Surge
from egov.complaints.queries import surge_complaints
from egov.complaints.surges import is_surge, weeks_before
from egov.complaints.tests.conftest import SEOUL, submit

# Wednesday 9 December 2026, noon in Seoul: the last full week is Monday 30
# November to Sunday 6 December; the week before, 23 to 29 November.
NOW = datetime.datetime(2026, 12, 9, 12, 0, tzinfo=SEOUL)
JONGNO, JUNG, YONGSAN = "11110", "11140", "11170"
_numbers = itertools.count(9_000_000)


def at(day: int, month: int = 12, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


def copies(model: Complaint, district: str, *moments: datetime.datetime) -> None:
    """Arrange the scene: more complaints like ``model``, received at these moments."""
    rows = []
    for moment in moments:
        row = Complaint.objects.get(pk=model.pk)
        row.pk = None
        row.receipt_number = f"EP-2612-{next(_numbers):07d}"
        row.district_code = district
        row.received_at = moment
        row.due_at = moment + datetime.timedelta(days=14)
        rows.append(row)
    Complaint.objects.bulk_create(rows)


@pytest.fixture
def scene(citizen: User, category: Category) -> Complaint:
    return build_scene(citizen, category)


def build_scene(citizen: User, category: Category) -> Complaint:
    """The worked example: one pair surges, one rises too little, one has too few complaints."""
    model = submit(citizen, category)
    # Jongno: 10 in the last full week (its first and last minutes among them), 5 the
    # week before (from its first minute); the minutes just outside count in neither.
    copies(
        model,
        JONGNO,
        at(30, 11, 0, 0),
        *[at(day) for day in (1, 1, 2, 3, 3, 4, 5)],
        at(6, 12, 12),
        at(6, 12, 23, 59),
        at(7, 12, 0, 0),  # this week, still running: not counted
        at(23, 11, 0, 0),
        *[at(day, 11) for day in (24, 25, 27, 29)],
        at(22, 11, 23, 59),  # three weeks ago: not counted
    )
    # Jung: 10 against 6, less than twice as many.
    copies(model, JUNG, *[at(1)] * 10, *[at(24, 11)] * 6)
    # Yongsan: 9 against none, fewer than ten.
    copies(model, YONGSAN, *[at(2)] * 9)
    Complaint.objects.filter(pk=model.pk).update(district_code="")
    return model


def test_the_weeks_are_the_last_full_monday_to_sunday_and_the_one_before() -> None:
    weeks = weeks_before(NOW)
    assert weeks.this_week == datetime.date(2026, 11, 30)
    assert weeks.last_week == datetime.date(2026, 11, 23)
    assert weeks.starts == at(23, 11, 0, 0)
    assert weeks.middle == at(30, 11, 0, 0)
    assert weeks.ends == at(7, 12, 0, 0)
    # On Monday at midnight the week that just ended is the last full one.
    assert weeks_before(at(7, 12, 0, 0)).this_week == datetime.date(2026, 11, 30)
    assert weeks_before(at(6, 12, 23, 59)).this_week == datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("this_week", "last_week", "surges"),
    [(10, 5, True), (10, 0, True), (9, 0, False), (10, 6, False), (40, 20, True)],
)
def test_a_surge_is_at_least_ten_and_at_least_twice_the_week_before(
    this_week: int, last_week: int, surges: bool
) -> None:
    assert is_surge(this_week, last_week) is surges


def test_the_refresh_flags_the_pair_that_surged_with_its_counts(
    scene: Complaint, category: Category, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        assert actions.refresh_surges(now=NOW) == 1
    surge = Surge.objects.get()
    assert (surge.category_id, surge.district_code) == (category.pk, JONGNO)
    assert (surge.week_start, surge.this_week, surge.last_week) == (
        datetime.date(2026, 11, 30),
        10,
        5,
    )
    # The complaints behind it are exactly the week's ten.
    behind = list(surge_complaints(surge))
    assert len(behind) == 10
    assert all(at(30, 11, 0, 0) <= row.received_at < at(7, 12, 0, 0) for row in behind)


def test_a_refresh_keeps_the_surge_row_and_drops_what_no_longer_surges(
    scene: Complaint,
) -> None:
    actions.refresh_surges(now=NOW)
    first = Surge.objects.get()
    actions.refresh_surges(now=NOW + datetime.timedelta(hours=1))
    assert Surge.objects.get().pk == first.pk
    # The next Monday compares other weeks: the surge is gone.
    assert actions.refresh_surges(now=at(14, 12, 9)) == 0
    assert not Surge.objects.exists()


def test_the_query_count_does_not_grow_with_the_complaints(
    scene: Complaint, django_assert_num_queries: Any
) -> None:
    actions.refresh_surges(now=NOW)
    copies(scene, JUNG, *[at(3)] * 30)
    with django_assert_num_queries(7):
        assert actions.refresh_surges(now=NOW) == 2


# ---- the staff pages --------------------------------------------------------------


@pytest.fixture
def surge(scene: Complaint) -> Surge:
    actions.refresh_surges(now=NOW)
    return Surge.objects.get()


def _page(client: Client, user: User, name: str, **kwargs: Any) -> int:
    log_in(client, user)
    return client.get(reverse(name, kwargs=kwargs)).status_code


def test_staff_of_the_handling_agency_see_the_surge(
    client: Client, surge: Surge, officer: User, officer_of_other_unit: User, agency_admin: User
) -> None:
    for user in (officer, officer_of_other_unit, agency_admin):
        response = log_in(Client(), user).get(reverse("complaints_staff:surges"))
        assert response.status_code == 200
        assert reverse("complaints_staff:surge", kwargs={"surge_id": surge.pk}) in (
            response.content.decode()
        )
    response = log_in(client, officer).get(
        reverse("complaints_staff:surge", kwargs={"surge_id": surge.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('href="/staff/complaints/EP-2612-') == 10
    assert (
        reverse("participation_staff:consultation_from_surge", kwargs={"surge_id": surge.pk})
        in page
    )


def test_nobody_else_sees_the_surge(
    client: Client,
    surge: Surge,
    citizen: User,
    officer_of_other_agency: User,
    platform_admin: User,
) -> None:
    for user in (citizen, officer_of_other_agency, platform_admin):
        assert _page(Client(), user, "complaints_staff:surge", surge_id=surge.pk) == 404
    assert _page(client, citizen, "complaints_staff:surges") == 404
    # The other agency's staff have a list, without this agency's surge.
    response = log_in(Client(), officer_of_other_agency).get(reverse("complaints_staff:surges"))
    assert response.status_code == 200
    assert f"/surges/{surge.pk}/" not in response.content.decode()


def test_an_unknown_surge_is_a_404(client: Client, surge: Surge, officer: User) -> None:
    assert _page(client, officer, "complaints_staff:surge", surge_id=surge.pk + 1000) == 404
    log_in(client, officer)
    assert client.get("/staff/complaints/surges/99999999999999999999/").status_code == 404
