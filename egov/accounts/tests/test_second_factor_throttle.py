"""Guessing the second factor after the right password (issue: sixty codes in two seconds)."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD, RunOnCommit, make_user
from egov.accounts import actions, mfa
from egov.accounts.models import FailedSignIn, TotpDevice, User
from egov.audit.models import AuditAction, AuditEvent

VERIFY = reverse("accounts:mfa_verify")


def enrol(user: User) -> None:
    device = actions.begin_totp_enrolment(user=user)
    actions.confirm_totp_enrolment(user=user, code=mfa.code_at(device.secret, time.time() - 30))


def right_code(user: User) -> str:
    return mfa.code_at(TotpDevice.objects.get(user=user).secret, time.time())


def wrong_code(user: User) -> str:
    secret = TotpDevice.objects.get(user=user).secret
    valid = {mfa.code_at(secret, time.time() + offset) for offset in (-60, -30, 0, 30, 60)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def pending_sign_in(user: User) -> Client:
    client = Client()
    response = client.post(reverse("accounts:sign_in"), {"email": user.email, "password": PASSWORD})
    assert response["Location"] == VERIFY
    return client


def rewind(seconds: float) -> None:
    FailedSignIn.objects.update(occurred_at=F("occurred_at") - datetime.timedelta(seconds=seconds))


@pytest.fixture
def owner(citizen: User) -> User:
    enrol(citizen)
    return citizen


def test_sixty_wrong_codes_then_the_right_one_does_not_sign_in(owner: User) -> None:
    client = pending_sign_in(owner)
    for _ in range(60):
        client.post(VERIFY, {"code": wrong_code(owner)})
    response = client.post(VERIFY, {"code": right_code(owner)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Only the first few were even checked; the rest waited.
    checked = AuditEvent.objects.filter(action=AuditAction.MFA_FAILED).count()
    assert checked == actions.SECOND_FACTOR_SLOWDOWN_AFTER


def test_after_a_few_wrong_codes_the_next_waits_a_little(owner: User) -> None:
    client = pending_sign_in(owner)
    for _ in range(actions.SECOND_FACTOR_SLOWDOWN_AFTER):
        assert client.post(VERIFY, {"code": wrong_code(owner)}).status_code == 200
    response = client.post(VERIFY, {"code": right_code(owner)})
    assert response.status_code == 429
    assert "Wait 30 seconds" in response.content.decode()
    rewind(actions.SECOND_FACTOR_DELAY.total_seconds() + 1)
    response = client.post(VERIFY, {"code": right_code(owner)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)
    # A completed sign-in clears the count.
    assert not FailedSignIn.objects.exists()


def test_failures_count_per_account_across_sessions_and_lock_it(
    owner: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        for _ in range(actions.SECOND_FACTOR_FAILURE_LIMIT):
            # A fresh session for every guess, as an attacker would use.
            client = pending_sign_in(owner)
            response = client.post(VERIFY, {"code": wrong_code(owner)})
            rewind(actions.SECOND_FACTOR_DELAY.total_seconds() + 1)
    assert response.status_code == 429
    assert re.search(r"paused for 1\d minutes", response.content.decode())
    # The pending sign-in is gone: the verification page sends its holder back.
    assert client.get(VERIFY)["Location"] == reverse("accounts:sign_in")
    # Another session with the password gets no further, even with the right code.
    again = pending_sign_in(owner)
    assert again.post(VERIFY, {"code": right_code(owner)}).status_code == 429
    assert "_auth_user_id" not in again.session
    lock = AuditEvent.objects.get(action=AuditAction.USER_LOCKED_OUT)
    assert lock.detail == {"step": "second_factor"}
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert "knows your password" in message.subject
    link = re.search(r"/accounts/reset-password/\S+/", str(message.body))
    assert link is not None
    # After the window the owner can sign in again.
    rewind(actions.THROTTLE_WINDOW.total_seconds())
    assert again.post(VERIFY, {"code": right_code(owner)}).status_code == 302


def test_the_owner_resetting_the_password_ends_the_lock(
    owner: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        for _ in range(actions.SECOND_FACTOR_FAILURE_LIMIT):
            pending_sign_in(owner).post(VERIFY, {"code": wrong_code(owner)})
            rewind(actions.SECOND_FACTOR_DELAY.total_seconds() + 1)
    link = re.search(r"/accounts/reset-password/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    new_password = "a-fresh-passphrase-only-the-owner-knows"
    Client().post(link.group(0), {"password": new_password})
    owner.refresh_from_db()
    assert owner.check_password(new_password)
    client = Client()
    client.post(reverse("accounts:sign_in"), {"email": owner.email, "password": new_password})
    assert client.post(VERIFY, {"code": right_code(owner)}).status_code == 302


def test_the_lock_email_is_in_the_owners_language(run_on_commit: RunOnCommit, db: None) -> None:
    owner = make_user("korean@test.example", preferred_language="ko")
    enrol(owner)
    with run_on_commit():
        for _ in range(actions.SECOND_FACTOR_FAILURE_LIMIT):
            pending_sign_in(owner).post(VERIFY, {"code": wrong_code(owner)})
            rewind(actions.SECOND_FACTOR_DELAY.total_seconds() + 1)
    (message,) = mail.outbox
    with translation.override("ko"):
        assert message.subject == translation.gettext(
            "Someone who knows your password tried to sign in"
        )
    assert message.subject != "Someone who knows your password tried to sign in"
