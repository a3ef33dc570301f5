from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, RunOnCommit
from egov.accounts.models import User

NEW_PASSWORD = "a-brand-new-passphrase-2026"


def reset_link() -> str:
    match = re.search(r"/accounts/reset-password/\S+/", str(mail.outbox[-1].body))
    assert match is not None
    return match.group(0)


def test_a_citizen_resets_a_forgotten_password(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        response = client.post(
            reverse("accounts:forgot_password"), {"email": "Citizen@Test.example"}
        )
    assert response.status_code == 200
    link = reset_link()
    response = client.post(link, {"password": NEW_PASSWORD})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    # The link is spent once the password changes.
    assert client.get(link).status_code == 400


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client: Client, db: None, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        response = client.post(reverse("accounts:forgot_password"), {"email": "ghost@test.example"})
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_a_weak_new_password_is_explained(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        client.post(reverse("accounts:forgot_password"), {"email": citizen.email})
    response = client.post(reset_link(), {"password": "12345678"})
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_a_malformed_request_is_explained(client: Client, db: None) -> None:
    response = client.post(reverse("accounts:forgot_password"), {"email": "@@"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
