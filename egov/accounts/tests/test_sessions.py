"""Where sessions are kept, and that signing out ends one wherever it is read from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from conftest import log_in
from egov.accounts.models import User

ROOT = Path(__file__).resolve().parents[3]


def _session_engine(**environment: str) -> str:
    """SESSION_ENGINE as a fresh process reads the settings with this environment."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django.conf as c; print(c.settings.SESSION_ENGINE)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "egov.settings", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_sessions_are_read_through_the_cache_only_when_the_cache_is_shared() -> None:
    shared = _session_engine(REDIS_URL="redis://127.0.0.1:6379/0")
    assert shared == "django.contrib.sessions.backends.cached_db"
    assert _session_engine(REDIS_URL="") == "django.contrib.sessions.backends.db"


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
