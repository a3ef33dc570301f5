"""Signing out ends a session, whether it is read from the database or through the cache."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from conftest import log_in
from egov.accounts.models import User


@pytest.mark.parametrize(
    "engine", ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]
)
def test_a_signed_out_session_signs_nobody_in_again(
    settings: Settings, citizen: User, engine: str
) -> None:
    settings.SESSION_ENGINE = engine
    client = log_in(Client(), citizen)
    dashboard = reverse("portal:dashboard")
    assert client.get(dashboard).status_code == 200
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(reverse("accounts:sign_out")).status_code == 302
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
