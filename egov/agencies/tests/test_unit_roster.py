from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import assert_only_these_can_see, log_in
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.privacy.models import AccessEvent, AccessPurpose


def test_only_the_unit_and_its_agency_admin_see_the_roster(
    unit: Unit, everyone: dict[str, User]
) -> None:
    assert_only_these_can_see(
        reverse("agencies:unit_roster", args=[unit.pk]),
        everyone,
        allowed={"officer", "supervisor", "agency admin"},
    )


def test_a_unit_that_does_not_exist_looks_like_a_forbidden_one(officer: User) -> None:
    client = Client()
    log_in(client, officer)
    assert client.get(reverse("agencies:unit_roster", args=[999_999])).status_code == 404


def test_an_officer_sees_names_and_positions_but_no_contacts(
    officer: User, supervisor: User, unit: Unit
) -> None:
    client = Client()
    log_in(client, officer)
    page = client.get(reverse("agencies:unit_roster", args=[unit.pk])).content.decode()
    assert "Administrative officer" in page
    assert supervisor.email not in page
    assert not AccessEvent.objects.exists()


def test_an_agency_admin_sees_contacts_and_each_view_is_logged(
    agency_admin: User, officer: User, supervisor: User, unit: Unit
) -> None:
    client = Client()
    log_in(client, agency_admin)
    page = client.get(reverse("agencies:unit_roster", args=[unit.pk])).content.decode()
    assert officer.email in page
    events = AccessEvent.objects.filter(viewer=agency_admin)
    assert {event.owner_id for event in events} == {officer.pk, supervisor.pk}
    assert all(event.purpose == AccessPurpose.UNIT_ADMINISTRATION for event in events)
    assert all(event.fields == ["email"] for event in events)


def test_my_unit_leads_an_officer_to_their_roster(officer: User, unit: Unit, citizen: User) -> None:
    client = Client()
    log_in(client, officer)
    response = client.get(reverse("agencies:my_unit"))
    assert response["Location"] == reverse("agencies:unit_roster", args=[unit.pk])
    log_in(client, citizen)
    assert client.get(reverse("agencies:my_unit")).status_code == 404
