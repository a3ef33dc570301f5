from __future__ import annotations

import time

from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.middleware import STAFF_IDLE_SECONDS
from egov.accounts.models import User


def _idle(client: Client, seconds: float) -> None:
    session = client.session
    session["egov_last_seen"] = time.time() - seconds
    session.save()


def test_a_staff_session_ends_after_thirty_idle_minutes(officer: User) -> None:
    client = log_in(Client(), officer)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    _idle(client, STAFF_IDLE_SECONDS + 1)
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    follow = client.get(response["Location"])
    assert "30 idle minutes" in follow.content.decode()
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_activity_keeps_a_staff_session_alive(officer: User) -> None:
    client = log_in(Client(), officer)
    _idle(client, STAFF_IDLE_SECONDS - 60)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_a_citizen_is_not_signed_out_after_thirty_minutes(signed_in: Client) -> None:
    _idle(signed_in, STAFF_IDLE_SECONDS + 1)
    assert signed_in.get(reverse("portal:dashboard")).status_code == 200
