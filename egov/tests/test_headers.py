"""Every response carries the security headers; production adds HSTS and secure cookies."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from egov.accounts.models import User
from egov.tests.test_settings import ROOT, SAFE


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    first = client.get(reverse("portal:home"))
    second = client.get(reverse("portal:home"))
    policy = first["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "'unsafe-inline'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    assert nonce.group(1) not in second["Content-Security-Policy"], "a nonce is never reused"


@pytest.mark.django_db
def test_pages_have_no_inline_script(client: Client) -> None:
    for url in (reverse("portal:home"), reverse("accounts:sign_in"), reverse("accounts:sign_up")):
        page = client.get(url).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)", page) is None, url
        assert " on" + "click=" not in page


@pytest.mark.django_db
def test_pages_carry_the_other_protective_headers(client: Client) -> None:
    response = client.get(reverse("portal:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_pages_for_a_signed_in_user_are_not_cached(signed_in: Client) -> None:
    assert signed_in.get(reverse("portal:dashboard"))["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_form_post_without_its_csrf_token_is_refused(citizen: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()


# Runs in a separate process with EGOV_ENV=production. Static files are
# served from the collectstatic manifest in production; the probe swaps in the
# plain storage so that it needs no collectstatic run.
PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
call_command("migrate", verbosity=0)
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
host = {"host": "egov.example.org"}
with override_settings(STORAGES=plain):
    response = Client().get("/", secure=True, headers=host)
    insecure = Client().get("/", secure=False, headers=host)
    cookie = Client().get("/accounts/sign-in/", secure=True, headers=host).cookies["csrftoken"]
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "insecure": [insecure.status_code, insecure.headers.get("Location")],
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"])},
}))
"""


def test_production_sends_hsts_secure_cookies_and_redirects_to_https() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); exec(open(0).read())"],
        input=PRODUCTION_PROBE,
        cwd=ROOT,
        env={
            **SAFE,
            "DJANGO_SETTINGS_MODULE": "egov.settings",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    headers = report["headers"]
    assert report["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
    assert report["csrf_cookie"] == {"secure": True, "httponly": True}
    assert report["insecure"] == [301, "https://egov.example.org/"]
