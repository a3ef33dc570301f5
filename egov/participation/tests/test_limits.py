"""Signing and commenting are braked per account and per address."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from conftest import log_in
from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.lib.env import parse_networks
from egov.participation import actions
from egov.participation.models import Comment, Petition
from egov.participation.tests.conftest import start


def test_an_account_that_signs_too_often_is_held_back(
    client: Client,
    author: User,
    agency: Agency,
    supporters: list[User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("egov.participation.throttle.SIGNATURES_PER_HOUR_PER_ACCOUNT", 2)
    petitions = [start(author, agency, title=f"Petition {n}") for n in range(3)]
    log_in(client, supporters[0])
    codes = [
        client.post(reverse("participation:sign", args=[p.pk]), {"district": "11110"}).status_code
        for p in petitions
    ]
    assert codes == [302, 302, 429]
    assert Petition.objects.get(pk=petitions[2].pk).signature_count == 1


def test_one_address_is_held_back_across_accounts(
    client: Client,
    author: User,
    agency: Agency,
    supporters: list[User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("egov.participation.throttle.SIGNATURES_PER_HOUR_PER_ADDRESS", 2)
    petition = start(author, agency)
    codes = []
    for supporter in supporters[:3]:
        log_in(client, supporter)
        response = client.post(
            reverse("participation:sign", args=[petition.pk]),
            {"district": "11110"},
            REMOTE_ADDR="203.0.113.50",
        )
        codes.append(response.status_code)
    assert codes == [302, 302, 429]


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        # Two people behind the platform's own proxy: each has their own budget.
        (["198.51.100.1", "198.51.100.2", "198.51.100.1"], [302, 302, 429]),
        # What a client writes left of the address the proxy saw is not believed:
        # three made-up addresses from one person are still one address.
        (
            ["1.1.1.1, 198.51.100.9", "2.2.2.2, 198.51.100.9", "3.3.3.3, 198.51.100.9"],
            [302, 429, 429],
        ),
    ],
)
def test_behind_a_trusted_proxy_the_person_s_address_is_braked(
    client: Client,
    author: User,
    agency: Agency,
    supporters: list[User],
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    forwarded: list[str],
    expected: list[int],
) -> None:
    settings.TRUSTED_PROXIES = parse_networks(["10.0.0.0/8"], name="TRUSTED_PROXIES")
    monkeypatch.setattr("egov.participation.throttle.SIGNATURES_PER_HOUR_PER_ADDRESS", 1)
    petition = start(author, agency)
    codes = []
    for supporter, chain in zip(supporters[:3], forwarded, strict=True):
        log_in(client, supporter)
        response = client.post(
            reverse("participation:sign", args=[petition.pk]),
            {"district": "11110"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=chain,
        )
        codes.append(response.status_code)
    # One signature per address per hour here.
    assert codes == expected


def test_commenting_too_often_is_held_back(
    client: Client,
    citizen: User,
    officer: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("egov.participation.throttle.COMMENTS_PER_HOUR_PER_ACCOUNT", 1)
    consultation = actions.open_consultation(
        actor=officer,
        question="Q?",
        description="",
        options=["A", "B"],
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    log_in(client, citizen)
    url = reverse("participation:comment", args=[consultation.pk])
    assert client.post(url, {"body": "First"}).status_code == 302
    assert client.post(url, {"body": "Second"}).status_code == 429
    assert Comment.objects.count() == 1
