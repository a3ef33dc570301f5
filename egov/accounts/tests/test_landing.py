"""Where people land after signing in: staff on their work, everyone else on My government."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts.models import User
from egov.accounts.tests.test_mfa import current_code, enrol

SIGN_IN = reverse("accounts:sign_in")
VERIFY = reverse("accounts:mfa_verify")
QUEUE = reverse("complaints_staff:queue")
DASHBOARD = reverse("portal:dashboard")


def sign_in(client: Client, user: User, **extra: str) -> str:
    """Sign in with the password and, for an enrolled account, the code; the final Location."""
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD, **extra})
    assert response.status_code == 302
    if response["Location"] != VERIFY:
        return str(response["Location"])
    response = client.post(VERIFY, {"code": current_code(user)})
    assert response.status_code == 302
    return str(response["Location"])


def test_a_citizen_lands_on_my_government(client: Client, citizen: User) -> None:
    assert sign_in(client, citizen) == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_a_citizen_with_two_step_verification_lands_on_my_government(
    client: Client, citizen: User
) -> None:
    enrol(citizen)
    assert sign_in(client, citizen) == DASHBOARD


@pytest.mark.parametrize("who", ["officer", "supervisor", "agency_admin"])
def test_staff_with_a_position_land_on_their_work_queue(
    client: Client, request: pytest.FixtureRequest, who: str
) -> None:
    user: User = request.getfixturevalue(who)
    enrol(user)
    assert sign_in(client, user) == QUEUE
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert "<h1>Work queue</h1>" in page.content.decode()


def test_staff_without_a_position_land_on_their_own_first_staff_page(
    client: Client, platform_admin: User
) -> None:
    # A platform administrator handles no cases (the queue is a 404 for them):
    # they start on the first staff page they do have, the petitions to moderate.
    enrol(platform_admin)
    landing = sign_in(client, platform_admin)
    assert landing == reverse("participation_staff:moderation")
    page = client.get(landing)
    assert page.status_code == 200
    assert f'href="{QUEUE}"' not in page.content.decode()


def test_a_safe_next_wins_for_staff_through_the_second_step(client: Client, officer: User) -> None:
    enrol(officer)
    assert sign_in(client, officer, next="/my/notifications/") == "/my/notifications/"


def test_a_safe_next_wins_for_citizens(client: Client, citizen: User) -> None:
    assert sign_in(client, citizen, next="/my/notifications/") == "/my/notifications/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "queue"]
)
def test_an_unsafe_next_is_ignored_and_staff_still_land_on_their_queue(
    client: Client, officer: User, citizen: User, next_url: str
) -> None:
    enrol(officer)
    assert sign_in(client, officer, next=next_url) == QUEUE
    client.logout()
    assert sign_in(client, citizen, next=next_url) == DASHBOARD


def test_staff_not_yet_enrolled_go_to_their_queue_through_the_setup(
    client: Client, officer: User
) -> None:
    response = client.post(SIGN_IN, {"email": officer.email, "password": PASSWORD})
    assert response["Location"] == QUEUE
    # The staff-session check still stands before the queue.
    assert client.get(QUEUE)["Location"] == reverse("accounts:mfa_setup")
