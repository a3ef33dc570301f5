from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, RunOnCommit
from egov.accounts import actions
from egov.accounts.models import FailedSignIn, User
from egov.audit.models import AuditAction, AuditEvent

URL = reverse("accounts:sign_in")


def fail(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        client.post(URL, {"email": email, "password": "wrong-password-guess"})


def test_an_account_locks_after_ten_failures_even_with_the_right_password(
    client: Client, citizen: User
) -> None:
    fail(client, citizen.email, actions.ACCOUNT_FAILURE_LIMIT)
    response = client.post(URL, {"email": citizen.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "signing in is paused for 15 minutes" in response.content.decode()
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.USER_LOCKED_OUT).count() == 1


def test_the_owner_is_emailed_a_link_that_unlocks_at_once(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        fail(client, citizen.email, actions.ACCOUNT_FAILURE_LIMIT)
    message = mail.outbox[-1]
    assert message.to == [citizen.email]
    match = re.search(r"/accounts/unlock/\S+/", str(message.body))
    assert match is not None
    assert client.get(match.group(0)).status_code == 302
    assert client.post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 302


def test_a_lockout_reads_the_same_for_an_account_that_does_not_exist(
    client: Client, citizen: User
) -> None:
    fail(client, citizen.email, actions.ACCOUNT_FAILURE_LIMIT)
    fail(client, "nobody@test.example", actions.ACCOUNT_FAILURE_LIMIT)
    known = client.post(URL, {"email": citizen.email, "password": "x"})
    unknown = client.post(URL, {"email": "nobody@test.example", "password": "x"})
    assert known.status_code == unknown.status_code == 429
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|value="[^"]*@test\.example"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())


def test_one_address_guessing_many_accounts_is_slowed(client: Client, db: None) -> None:
    for number in range(actions.ADDRESS_FAILURE_LIMIT):
        client.post(URL, {"email": f"guess{number}@test.example", "password": "x"})
    assert client.post(URL, {"email": "another@test.example", "password": "x"}).status_code == 429


def test_the_typed_address_is_never_stored(client: Client, db: None) -> None:
    fail(client, "Secret.Person@test.example", 1)
    row = FailedSignIn.objects.get()
    assert "secret" not in row.account_key.lower()
    assert row.account_key == actions.sign_in_account_key("secret.person@test.example")


def test_a_successful_sign_in_clears_the_count(client: Client, citizen: User) -> None:
    fail(client, citizen.email, actions.ACCOUNT_FAILURE_LIMIT - 1)
    assert client.post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 302
    assert not FailedSignIn.objects.filter(
        account_key=actions.sign_in_account_key(citizen.email)
    ).exists()


# ---- Lockout as a weapon: strangers' guessing must not lock the owner out ----

ATTACKER: dict[str, Any] = {"REMOTE_ADDR": "203.0.113.9"}


def test_the_owners_known_browser_signs_in_while_a_stranger_is_paused(
    client: Client, citizen: User
) -> None:
    # The owner signed in from this browser before, and signed out.
    assert client.post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:sign_out"))
    attacker = Client()
    for _ in range(actions.ACCOUNT_FAILURE_LIMIT):
        attacker.post(URL, {"email": citizen.email, "password": "guess"}, **ATTACKER)
    # The attacker is paused, even with the right password.
    assert (
        attacker.post(URL, {"email": citizen.email, "password": PASSWORD}, **ATTACKER).status_code
        == 429
    )
    # So is any other browser, whose owner has the unlock link by email.
    assert Client().post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 429
    # The owner's browser is not.
    response = client.post(URL, {"email": citizen.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_a_known_browser_still_needs_the_right_password(client: Client, citizen: User) -> None:
    client.post(URL, {"email": citizen.email, "password": PASSWORD})
    client.post(reverse("accounts:sign_out"))
    fail(Client(), citizen.email, actions.ACCOUNT_FAILURE_LIMIT)
    response = client.post(URL, {"email": citizen.email, "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_forged_or_borrowed_device_cookie_does_not_lift_the_pause(
    citizen: User, other_citizen: User
) -> None:
    other = Client()
    other.post(URL, {"email": other_citizen.email, "password": PASSWORD})
    borrowed = other.cookies["egov_device"].value
    fail(Client(), citizen.email, actions.ACCOUNT_FAILURE_LIMIT)
    for cookie in (borrowed, "forged", borrowed[:-2] + "xx", "\x00" * 500):
        attacker = Client()
        attacker.cookies["egov_device"] = cookie
        response = attacker.post(URL, {"email": citizen.email, "password": PASSWORD})
        assert response.status_code == 429, cookie


def test_a_known_browser_is_still_held_by_its_addresss_limit(client: Client, citizen: User) -> None:
    client.post(URL, {"email": citizen.email, "password": PASSWORD})
    client.post(reverse("accounts:sign_out"))
    for number in range(actions.ADDRESS_FAILURE_LIMIT):
        client.post(URL, {"email": f"guess{number}@test.example", "password": "x"})
    assert client.post(URL, {"email": citizen.email, "password": PASSWORD}).status_code == 429


def test_the_device_cookie_is_http_only_and_names_no_address(client: Client, citizen: User) -> None:
    client.post(URL, {"email": citizen.email, "password": PASSWORD})
    cookie = client.cookies["egov_device"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert "citizen" not in cookie.value
