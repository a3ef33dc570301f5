from __future__ import annotations

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, RunOnCommit
from egov.accounts import actions
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent

URL = reverse("accounts:sign_in")
WRONG = "The email address or password is not correct."


def test_the_right_password_signs_in_and_goes_to_my_government(
    client: Client, citizen: User
) -> None:
    response = client.post(URL, {"email": citizen.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    assert AuditEvent.objects.filter(action=AuditAction.USER_SIGNED_IN).count() == 1


def test_a_wrong_password_and_an_unknown_account_read_the_same(
    client: Client, citizen: User
) -> None:
    wrong = client.post(URL, {"email": citizen.email, "password": "not-the-password"})
    unknown = client.post(URL, {"email": "nobody@test.example", "password": "not-the-password"})
    assert wrong.status_code == unknown.status_code == 200
    assert WRONG in wrong.content.decode()
    assert WRONG in unknown.content.decode()
    assert 'value="citizen@test.example"' in wrong.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.USER_SIGN_IN_FAILED).count() == 2


def test_an_unconfirmed_account_gets_a_new_link(
    client: Client, db: None, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        actions.sign_up(
            email="new@test.example", name="New", password=PASSWORD, preferred_language="en"
        )
    mail.outbox.clear()
    with run_on_commit():
        response = client.post(URL, {"email": "new@test.example", "password": PASSWORD})
    assert response.status_code == 200
    assert "confirm your email address first" in response.content.decode()
    assert len(mail.outbox) == 1


def test_next_only_leads_to_this_site(client: Client, citizen: User) -> None:
    inside = client.post(
        URL, {"email": citizen.email, "password": PASSWORD, "next": "/my/notifications/"}
    )
    assert inside["Location"] == "/my/notifications/"
    client.logout()
    outside = client.post(
        URL, {"email": citizen.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert outside["Location"] == reverse("portal:dashboard")


def test_oversized_and_missing_input_never_fails(client: Client, db: None) -> None:
    assert client.post(URL, {"email": "a" * 10_000, "password": "b" * 10_000}).status_code == 200
    response = client.post(URL, {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." not in page
    # Each says what to do, next to its field and as a link in the summary at the top.
    assert page.count('<li><a href="#') == 2
    assert page.count("Fill in “") == 4


def test_sign_out_needs_post_and_is_audited(client: Client, citizen: User) -> None:
    client.force_login(citizen)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    assert client.post(reverse("accounts:sign_out")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.USER_SIGNED_OUT).count() == 1
    assert client.get(reverse("portal:dashboard")).status_code == 302
