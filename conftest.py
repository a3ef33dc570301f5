"""Fixtures every test can use: named users of each role, in named units."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from egov.accounts import actions as account_actions
from egov.accounts.actions import MFA_SESSION_KEY
from egov.accounts.models import Role, User
from egov.agencies import actions as agency_actions
from egov.agencies.calendar import forget_closures
from egov.agencies.models import Agency, AgencyKind, Unit
from egov.notifications import sms

PASSWORD = "a-long-test-passphrase-for-egov"  # noqa: S105 - test accounts only


@pytest.fixture(autouse=True)
def empty_outboxes(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No text message is left from another test, and no file reaches var/outbox."""
    sms.outbox.clear()
    settings.OUTBOX_DIR = tmp_path_factory.mktemp("outbox")


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with nothing cached: rolled-back tests reuse ids, and keys name ids."""
    for cache in caches.all():
        cache.clear()
    forget_closures()
    yield
    for cache in caches.all():
        cache.clear()
    forget_closures()
    # A page read in another language leaves that language active in this thread.
    translation.activate(settings.LANGUAGE_CODE)


RunOnCommit = Callable[[], AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture
def run_on_commit(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> RunOnCommit:
    """``with run_on_commit(): action(...)`` runs what the action queued for after its commit.

    Each test runs inside a transaction that is rolled back, so nothing it does
    ever commits: without this, notifications and emails (sent only after a
    commit) would never go out.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def agency(db: None) -> Agency:
    return agency_actions.create_agency(
        actor=None,
        code="test-district",
        kind=AgencyKind.DISTRICT,
        name_en="Test District Office",
        name_ko="테스트구청",
        name_id="Kantor Distrik Uji",
    )


@pytest.fixture
def unit(agency: Agency) -> Unit:
    return agency_actions.create_unit(
        actor=None,
        agency=agency,
        code="civil-affairs",
        name_en="Civil Affairs Division",
        name_ko="민원여권과",
        name_id="Divisi Urusan Sipil",
    )


@pytest.fixture
def other_unit(agency: Agency) -> Unit:
    return agency_actions.create_unit(
        actor=None,
        agency=agency,
        code="roads",
        name_en="Roads Division",
        name_ko="도로과",
        name_id="Divisi Jalan",
    )


def make_user(
    email: str,
    role: Role = Role.CITIZEN,
    name: str = "홍길동",
    *,
    phone: str = "",
    preferred_language: str = "en",
) -> User:
    return account_actions.create_user(
        actor=None,
        email=email,
        password=PASSWORD,
        name=name,
        role=role,
        phone=phone,
        preferred_language=preferred_language,
    )


def make_officer(email: str, unit: Unit, role: Role = Role.OFFICER) -> User:
    user = make_user(email, role, name="박공무")
    agency_actions.appoint_officer(
        actor=None,
        user=user,
        unit=unit,
        position_en="Administrative officer",
        position_ko="주무관",
        position_id="Pejabat administrasi",
    )
    return user


@pytest.fixture
def citizen(db: None) -> User:
    return make_user("citizen@test.example", name="김민수", phone="010-1234-5678")


@pytest.fixture
def other_citizen(db: None) -> User:
    return make_user("other@test.example", name="Siti Rahayu", preferred_language="id")


@pytest.fixture
def employer(db: None) -> User:
    return make_user("employer@test.example", Role.EMPLOYER, name="이영희")


@pytest.fixture
def officer(unit: Unit) -> User:
    return make_officer("officer@test.example", unit)


@pytest.fixture
def officer_of_other_unit(other_unit: Unit) -> User:
    return make_officer("officer2@test.example", other_unit)


@pytest.fixture
def supervisor(unit: Unit) -> User:
    return make_officer("supervisor@test.example", unit, Role.SUPERVISOR)


@pytest.fixture
def agency_admin(unit: Unit) -> User:
    return make_officer("agency-admin@test.example", unit, Role.AGENCY_ADMIN)


@pytest.fixture
def platform_admin(db: None) -> User:
    return make_user("admin@test.example", Role.PLATFORM_ADMIN, name="Admin")


def log_in(client: Client, user: User) -> Client:
    """Sign ``user`` in as if they had passed two-step verification where it is required."""
    client.force_login(user)
    session = client.session
    session[MFA_SESSION_KEY] = user.must_use_mfa
    session.save()
    return client


@pytest.fixture
def signed_in(client: Client, citizen: User) -> Client:
    client.force_login(citizen)
    return client


@pytest.fixture
def everyone(
    citizen: User,
    other_citizen: User,
    employer: User,
    officer: User,
    officer_of_other_unit: User,
    supervisor: User,
    agency_admin: User,
    platform_admin: User,
) -> dict[str, User]:
    """One user of every kind, named for the role they play in a permission test."""
    return {
        "citizen": citizen,
        "other citizen": other_citizen,
        "employer": employer,
        "officer": officer,
        "officer of another unit": officer_of_other_unit,
        "supervisor": supervisor,
        "agency admin": agency_admin,
        "platform admin": platform_admin,
    }


def assert_only_these_can_see(url: str, everyone: dict[str, User], allowed: set[str]) -> None:
    """Prove the chokepoint: the allowed users see ``url``; every other user gets 404,
    exactly as for something that does not exist; a visitor is sent to sign in."""
    assert allowed <= set(everyone), f"unknown names: {allowed - set(everyone)}"
    for name, user in everyone.items():
        client = Client()
        log_in(client, user)
        status = client.get(url).status_code
        expected = 200 if name in allowed else 404
        assert status == expected, f"{name} got {status}, expected {expected}"
    visitor = Client().get(url)
    assert visitor.status_code == 302
    assert visitor["Location"].startswith("/accounts/sign-in/")
