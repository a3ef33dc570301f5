"""The staff console has no sign-in of its own: the platform's applies lockout, 2FA and audit."""

from __future__ import annotations

import time

from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, log_in
from egov.accounts import actions, mfa
from egov.accounts.models import TotpDevice, User
from egov.audit.models import AuditAction, AuditEvent

CONSOLE = "/" + settings.ADMIN_PATH
CONSOLE_LOGIN = CONSOLE + "login/"
SIGN_IN = reverse("accounts:sign_in")


def enrol(user: User) -> None:
    device = actions.begin_totp_enrolment(user=user)
    actions.confirm_totp_enrolment(user=user, code=mfa.code_at(device.secret, time.time() - 30))


def test_the_consoles_login_page_sends_people_to_the_platform_sign_in(client: Client) -> None:
    response = client.get(CONSOLE_LOGIN, {"next": CONSOLE + "audit/"})
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2F{settings.ADMIN_PATH.strip('/')}%2Faudit%2F"
    # Opening the console signed out ends at the platform's sign-in, coming back after.
    response = client.get(CONSOLE, follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN + "?next=")
    assert response.status_code == 200


def test_the_consoles_own_login_form_signs_nobody_in(client: Client, platform_admin: User) -> None:
    enrol(platform_admin)
    response = client.post(
        CONSOLE_LOGIN, {"username": platform_admin.email, "password": PASSWORD, "next": CONSOLE}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session
    assert client.get(CONSOLE).status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.USER_SIGNED_IN).exists()


def test_the_console_is_reached_through_the_platform_sign_in_with_both_factors(
    client: Client, platform_admin: User
) -> None:
    enrol(platform_admin)
    response = client.post(
        SIGN_IN, {"email": platform_admin.email, "password": PASSWORD, "next": CONSOLE}
    )
    assert response["Location"] == reverse("accounts:mfa_verify")
    code = mfa.code_at(TotpDevice.objects.get(user=platform_admin).secret, time.time())
    response = client.post(reverse("accounts:mfa_verify"), {"code": code})
    assert response["Location"] == CONSOLE
    assert client.get(CONSOLE).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.USER_SIGNED_IN)
    assert event.detail == {"second_factor": True}


def test_a_locked_account_cannot_reach_the_console(client: Client, platform_admin: User) -> None:
    for _ in range(actions.ACCOUNT_FAILURE_LIMIT):
        client.post(SIGN_IN, {"email": platform_admin.email, "password": "wrong", "next": CONSOLE})
    response = client.post(
        SIGN_IN, {"email": platform_admin.email, "password": PASSWORD, "next": CONSOLE}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_signing_out_of_the_console_is_the_platforms_sign_out(platform_admin: User) -> None:
    client = log_in(Client(), platform_admin)
    assert client.get(CONSOLE + "logout/").status_code == 405
    response = client.post(CONSOLE + "logout/")
    assert response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.USER_SIGNED_OUT).count() == 1
