"""Days off beyond the public holidays: declared and withdrawn by platform admins, audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from egov.accounts.models import User
from egov.agencies import actions
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency, Closure
from egov.audit.models import AuditAction, AuditEvent
from egov.lib.calendar import DayOffReason

PAGE = "/staff/calendar/"
NAMES = {"name_en": "Typhoon closure", "name_ko": "태풍 휴무", "name_id": "Libur topan"}


def next_working_day() -> datetime.date:
    calendar = calendar_for(None)
    return calendar.next_working_day(calendar.local_date(timezone.now()))


def form(day: datetime.date, overrides: dict[str, str] | None = None) -> dict[str, str]:
    return {"day": day.isoformat(), "agency": "", **NAMES, **(overrides or {})}


def signed_in_as(user: User) -> Client:
    client = Client()
    log_in(client, user)
    return client


def test_a_platform_admin_declares_a_temporary_public_holiday(platform_admin: User) -> None:
    day = next_working_day()
    closure = actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)
    assert closure.nationwide
    off = calendar_for(None, fresh=True).day_off(day)
    assert off is not None
    assert (off.reason, off.name) == (DayOffReason.TEMPORARY_HOLIDAY, "Typhoon closure")
    event = AuditEvent.objects.get(action=AuditAction.CLOSURE_DECLARED)
    assert event.detail == {"day": day.isoformat(), "agency": None}
    assert event.actor_id == platform_admin.pk


def test_an_office_closure_stops_only_that_offices_clock(
    platform_admin: User, agency: Agency
) -> None:
    day = next_working_day()
    actions.declare_closure(actor=platform_admin, day=day, agency=agency, **NAMES)
    assert not calendar_for(agency.pk, fresh=True).is_working_day(day)
    assert calendar_for(None, fresh=True).is_working_day(day)


@pytest.mark.parametrize("role", ["citizen", "officer", "supervisor", "agency_admin"])
def test_only_a_platform_admin_may_declare_or_withdraw(
    role: str, platform_admin: User, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        actions.declare_closure(actor=user, day=next_working_day(), agency=None, **NAMES)
    closure = actions.declare_closure(
        actor=platform_admin, day=next_working_day(), agency=None, **NAMES
    )
    with pytest.raises(PermissionDenied):
        actions.withdraw_closure(actor=user, closure=closure)
    assert signed_in_as(user).get(PAGE).status_code == 404
    response = signed_in_as(user).post(reverse("agencies:withdraw_closure", args=[closure.pk]))
    assert response.status_code == 404
    assert Closure.objects.in_force().count() == 1


def test_a_day_already_off_is_refused_with_its_reason(platform_admin: User) -> None:
    calendar = calendar_for(None)
    saturday = calendar.local_date(timezone.now())
    while (off := calendar.day_off(saturday)) is None or off.reason != DayOffReason.SATURDAY:
        saturday += datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="already a day off \\(Saturday\\)"):
        actions.declare_closure(actor=platform_admin, day=saturday, agency=None, **NAMES)


def test_the_same_day_cannot_be_declared_twice(platform_admin: User) -> None:
    day = next_working_day()
    actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)
    with pytest.raises(ValidationError, match="already a day off"):
        actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)


def test_a_withdrawn_day_counts_again_and_stays_on_record(platform_admin: User) -> None:
    day = next_working_day()
    closure = actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)
    actions.withdraw_closure(actor=platform_admin, closure=closure)
    closure.refresh_from_db()
    assert (closure.withdrawn_by, closure.withdrawn_at is not None) == (platform_admin, True)
    assert calendar_for(None, fresh=True).is_working_day(day)
    assert AuditEvent.objects.filter(action=AuditAction.CLOSURE_WITHDRAWN).count() == 1
    with pytest.raises(ValidationError, match="withdrawn already"):
        actions.withdraw_closure(actor=platform_admin, closure=closure)
    # The day may be declared again.
    actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)


def test_the_page_lists_declared_days_and_the_public_holidays_ahead(platform_admin: User) -> None:
    day = next_working_day()
    actions.declare_closure(actor=platform_admin, day=day, agency=None, **NAMES)
    html = signed_in_as(platform_admin).get(PAGE).content.decode()
    assert "Typhoon closure" in html
    assert "Every office (temporary public holiday)" in html
    assert "Public holidays in the next twelve months" in html
    assert "Civil Petitions Treatment Act, article 19" in html
    korean = signed_in_as(platform_admin)
    korean.cookies["django_language"] = "ko"
    assert "태풍 휴무" in korean.get(PAGE).content.decode()


def test_declaring_through_the_page(platform_admin: User, agency: Agency) -> None:
    client = signed_in_as(platform_admin)
    day = next_working_day()
    response = client.post(PAGE, form(day, {"agency": str(agency.pk)}))
    assert response.status_code == 302
    closure = Closure.objects.get()
    assert (closure.day, closure.agency) == (day, agency)
    page = client.get(PAGE).content.decode()
    assert "is now a day off" in page
    response = client.post(reverse("agencies:withdraw_closure", args=[closure.pk]))
    assert response.status_code == 302
    assert "is a working day again" in client.get(PAGE).content.decode()
    # Withdrawing again finds nothing in force.
    again = client.post(reverse("agencies:withdraw_closure", args=[closure.pk]))
    assert again.status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"day": ""}, "Enter the day that will be off."),
        ({"day": "tomorrow"}, "Enter the day as a date, such as 2026-12-24."),
        ({"day": "2026-02-30"}, "Enter the day as a date, such as 2026-12-24."),
        ({"day": "2000-01-03"}, "A day that has passed cannot be declared a day off."),
        ({"day": "2099-01-05"}, "A day off can be declared at most a year ahead."),
        ({"name_ko": ""}, "Name the day off in Korean."),
        ({"name_id": "   "}, "Name the day off in Indonesian."),
        ({"name_en": "x" * 121}, "Ensure this value has at most 120 characters"),
        ({"agency": "999999"}, "Choose an office from the list."),
        ({"agency": "<script>alert(1)</script>"}, "Choose an office from the list."),
    ],
)
def test_wrong_missing_oversized_and_hostile_input_is_refused_and_kept(
    platform_admin: User, overrides: dict[str, str], message: str
) -> None:
    client = signed_in_as(platform_admin)
    response = client.post(PAGE, form(next_working_day(), overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert "Libur topan" in html or overrides.get("name_id") == "   "
    assert not Closure.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CLOSURE_DECLARED).exists()


def test_a_post_without_its_csrf_token_is_refused(platform_admin: User) -> None:
    client = Client(enforce_csrf_checks=True)
    log_in(client, platform_admin)
    response = client.post(PAGE, form(next_working_day()))
    assert response.status_code == 403
    assert not Closure.objects.exists()
