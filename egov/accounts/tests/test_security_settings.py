from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, RunOnCommit
from egov.accounts.models import User


def test_changing_the_password_asks_for_the_current_one(signed_in: Client, citizen: User) -> None:
    url = reverse("accounts:change_password")
    wrong = signed_in.post(url, {"current_password": "guess", "new_password": "x" * 20})
    assert "not your current password" in wrong.content.decode()
    short = signed_in.post(url, {"current_password": PASSWORD, "new_password": "short-pass"})
    assert "at least 15 characters" in short.content.decode()
    response = signed_in.post(
        url, {"current_password": PASSWORD, "new_password": "an-entirely-new-passphrase"}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("an-entirely-new-passphrase")
    assert signed_in.get(reverse("portal:dashboard")).status_code == 200, "still signed in"


def test_a_long_passphrase_of_64_characters_is_welcome(signed_in: Client, citizen: User) -> None:
    passphrase = "kalimat sandi yang sangat panjang tetapi mudah diingat oleh siti!"
    assert len(passphrase) >= 64
    response = signed_in.post(
        reverse("accounts:change_password"),
        {"current_password": PASSWORD, "new_password": passphrase},
    )
    assert response.status_code == 302


def test_changing_the_email_needs_the_password_and_a_confirmation(
    signed_in: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    url = reverse("accounts:change_email")
    wrong = signed_in.post(url, {"current_password": "guess", "new_email": "new@test.example"})
    assert "not your current password" in wrong.content.decode()
    with run_on_commit():
        signed_in.post(url, {"current_password": PASSWORD, "new_email": "New@Test.example"})
    assert mail.outbox[-1].to == ["new@test.example"]
    citizen.refresh_from_db()
    assert citizen.email == "citizen@test.example", "nothing changes before the link"
    link = re.search(r"/accounts/security/email/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    with run_on_commit():
        assert signed_in.get(link.group(0)).status_code == 302
    citizen.refresh_from_db()
    assert citizen.email == "new@test.example"
    assert mail.outbox[-1].to == ["citizen@test.example"], "the old address is told"


def test_an_email_change_link_only_works_for_its_own_account(
    client: Client, citizen: User, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    client.force_login(citizen)
    with run_on_commit():
        client.post(
            reverse("accounts:change_email"),
            {"current_password": PASSWORD, "new_email": "new@test.example"},
        )
    link = re.search(r"/accounts/security/email/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    client.force_login(other_citizen)
    assert client.get(link.group(0)).status_code == 400
    assert client.get(link.group(0)[:-5] + "xxxx/").status_code == 400
