"""A sign-in that passed the password but not yet the code is short-lived."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts import actions, mfa, views
from egov.accounts.models import TotpDevice, User

VERIFY = reverse("accounts:mfa_verify")
SIGN_IN = reverse("accounts:sign_in")


@pytest.fixture
def owner(citizen: User) -> User:
    device = actions.begin_totp_enrolment(user=citizen)
    actions.confirm_totp_enrolment(user=citizen, code=mfa.code_at(device.secret, time.time() - 30))
    return citizen


def right_code(user: User) -> str:
    return mfa.code_at(TotpDevice.objects.get(user=user).secret, time.time())


def pending(user: User) -> Client:
    client = Client()
    response = client.post(SIGN_IN, {"email": user.email, "password": PASSWORD})
    assert response["Location"] == VERIFY
    return client


def test_a_pending_sign_in_finishes_within_minutes(owner: User) -> None:
    client = pending(owner)
    response = client.post(VERIFY, {"code": right_code(owner)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert views.PENDING_USER_KEY not in client.session


def test_a_pending_sign_in_expires(owner: User) -> None:
    client = pending(owner)
    session = client.session
    session[views.PENDING_AT_KEY] = time.time() - views.PENDING_SIGN_IN_SECONDS - 1
    session.save()
    response = client.post(VERIFY, {"code": right_code(owner)}, follow=True)
    assert response.redirect_chain[0][0] == SIGN_IN
    assert "Your sign-in has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert views.PENDING_USER_KEY not in client.session


def test_a_pending_sign_in_dies_with_a_password_change(owner: User) -> None:
    client = pending(owner)
    # The owner, elsewhere, changes the password (or resets it from the email).
    actions.set_password(user=owner, password="a-brand-new-passphrase-for-egov")
    response = client.post(VERIFY, {"code": right_code(owner)})
    assert response["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("started", [None, "yesterday", time.time() + 3600])
def test_a_pending_sign_in_with_a_missing_or_odd_start_is_refused(
    owner: User, started: object
) -> None:
    client = pending(owner)
    session = client.session
    session[views.PENDING_AT_KEY] = started
    session.save()
    assert client.post(VERIFY, {"code": right_code(owner)})["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session
