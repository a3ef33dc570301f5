"""The client's address behind the documented proxy, for throttling and both logs."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from egov.accounts import actions
from egov.accounts.models import FailedSignIn, User
from egov.audit.context import AuditContextMiddleware
from egov.audit.models import AuditAction, AuditEvent
from egov.lib.env import parse_networks
from egov.privacy.access import record_access
from egov.privacy.models import AccessEvent, AccessPurpose

URL = reverse("accounts:sign_in")
PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings: Settings, db: None) -> None:
    settings.TRUSTED_PROXIES = parse_networks([PROXY], name="TRUSTED_PROXIES")


def guess(client: Client, number: int, **headers: Any) -> int:
    response = client.post(
        URL, {"email": f"guess{number}@test.example", "password": "x"}, **headers
    )
    return response.status_code


def test_behind_the_proxy_one_guesser_does_not_block_everyone(
    client: Client, behind_proxy: None
) -> None:
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for number in range(actions.ADDRESS_FAILURE_LIMIT):
        guess(client, number, **attacker)
    assert guess(client, 999, **attacker) == 429
    neighbour = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert guess(Client(), 1000, **neighbour) == 200
    assert set(FailedSignIn.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.9",
        "198.51.100.20",
    }


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_throttle(
    client: Client, db: None
) -> None:
    for number in range(actions.ADDRESS_FAILURE_LIMIT):
        guess(client, number, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert guess(client, 999, HTTP_X_FORWARDED_FOR="192.0.2.250") == 429
    assert set(FailedSignIn.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_the_audit_log_records_the_client_not_the_proxy(
    client: Client, citizen: User, behind_proxy: None
) -> None:
    client.post(
        URL,
        {"email": citizen.email, "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    event = AuditEvent.objects.get(action=AuditAction.USER_SIGN_IN_FAILED)
    assert event.ip_address == "203.0.113.9"


def test_the_access_log_records_the_client_not_the_proxy(
    citizen: User, other_citizen: User, behind_proxy: None
) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        record_access(
            viewer=other_citizen,
            owner=citizen,
            fields=["phone"],
            purpose=AccessPurpose.COMPLAINT_HANDLING,
        )
        return HttpResponse()

    middleware = AuditContextMiddleware(view)
    middleware(RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9"))
    middleware(
        RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    )
    assert list(AccessEvent.objects.order_by("pk").values_list("ip_address", flat=True)) == [
        "203.0.113.9",
        "198.51.100.7",
    ]
