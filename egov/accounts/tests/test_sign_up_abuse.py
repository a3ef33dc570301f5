"""Sign-up must not reveal accounts by timing, nor email strangers without limit."""

from __future__ import annotations

import datetime
import statistics
import time
from typing import ClassVar

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from conftest import RunOnCommit
from egov.accounts import actions
from egov.accounts.models import SignUpEmail, User

URL = reverse("accounts:sign_up")


def form(email: str) -> dict[str, str]:
    return {
        "name": "Siti Rahayu",
        "email": email,
        "password": "kopi-susu-di-pagi-hari",
        "preferred_language": "id",
    }


class CountingHasher(Argon2PasswordHasher):
    """Argon2 as configured, counting how often sign-up pays for it."""

    calls: ClassVar[list[str]] = []

    def encode(self, password: str, salt: str) -> str:
        self.calls.append(salt)
        return super().encode(password, salt)


def test_both_paths_hash_the_password_once(
    client: Client, citizen: User, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls.clear()
    client.post(URL, form(citizen.email))
    existing = len(CountingHasher.calls)
    CountingHasher.calls.clear()
    client.post(URL, form("new-person@test.example"))
    new = len(CountingHasher.calls)
    assert existing == new == 1


def test_an_existing_account_takes_about_as_long_as_a_new_one(
    client: Client, citizen: User
) -> None:
    def timed(email: str) -> float:
        started = time.perf_counter()
        assert client.post(URL, form(email)).status_code == 200
        return time.perf_counter() - started

    existing = statistics.median(timed(citizen.email) for _ in range(3))
    new = statistics.median(timed(f"new{n}@test.example") for n in range(3))
    # Before, about 9 ms against 343 ms; now both hash with Argon2.
    assert existing > new / 2, (existing, new)


def test_both_paths_send_one_email_through_the_queue(
    client: Client, citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        client.post(URL, form(citizen.email))
    with run_on_commit():
        client.post(URL, form("new-person@test.example"))
    assert [message.to for message in mail.outbox] == [
        [citizen.email],
        ["new-person@test.example"],
    ]


def test_one_address_gets_a_few_emails_an_hour_whoever_asks(
    citizen: User, run_on_commit: RunOnCommit
) -> None:
    pages = []
    for number in range(actions.SIGN_UP_EMAILS_PER_ADDRESS + 3):
        with run_on_commit():
            response = Client(REMOTE_ADDR=f"198.51.100.{number}").post(URL, form(citizen.email))
        pages.append(response.status_code)
    # The page never changes (that would tell the address has an account) ...
    assert pages == [200] * (actions.SIGN_UP_EMAILS_PER_ADDRESS + 3)
    # ... but the stranger's mailbox stops filling.
    assert len(mail.outbox) == actions.SIGN_UP_EMAILS_PER_ADDRESS
    # After the window it may be emailed again.
    _age_all(actions.SIGN_UP_EMAIL_WINDOW.total_seconds() + 1)
    with run_on_commit():
        Client().post(URL, form(citizen.email))
    assert len(mail.outbox) == actions.SIGN_UP_EMAILS_PER_ADDRESS + 1


def test_a_new_address_is_limited_the_same_way(client: Client, db: None) -> None:
    for _ in range(actions.SIGN_UP_EMAILS_PER_ADDRESS + 2):
        assert client.post(URL, form("fresh@test.example")).status_code == 200
    assert User.objects.filter(email="fresh@test.example").count() == 1
    assert SignUpEmail.objects.count() == actions.SIGN_UP_EMAILS_PER_ADDRESS


def test_one_client_address_cannot_email_many_strangers(db: None) -> None:
    sender = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(actions.SIGN_UP_EMAILS_PER_CLIENT):
        assert sender.post(URL, form(f"stranger{number}@test.example")).status_code == 200
    response = sender.post(URL, form("one-more@test.example"))
    assert response.status_code == 429
    assert "Too many sign-ups from your network" in response.content.decode()
    assert not User.objects.filter(email="one-more@test.example").exists()
    # Someone else is not held back by it.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(URL, form("one-more@test.example")).status_code == 200


def test_the_count_keeps_no_address(client: Client, db: None) -> None:
    client.post(URL, form("Secret.Person@test.example"))
    row = SignUpEmail.objects.get()
    assert "secret" not in row.account_key.lower()


def _age_all(seconds: float) -> None:
    SignUpEmail.objects.update(sent_at=F("sent_at") - datetime.timedelta(seconds=seconds))
