"""Participation fixtures: verified citizens, an agency's staff, a proposal, a petition."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pytest_django import Settings

from conftest import make_user
from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.lib import regions
from egov.participation import actions
from egov.participation.models import Petition, Proposal

DISTRICT = "11110"  # 서울특별시 종로구


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def verified(user: User) -> User:
    """Confirm the account's email (arranging the scene, not an action under test)."""
    User.objects.filter(pk=user.pk).update(email_confirmed_at=timezone.now())
    user.refresh_from_db()
    return user


def district(code: str = DISTRICT) -> regions.District:
    found = regions.district(code)
    assert found is not None
    return found


def propose(proposer: User, agency: Agency, **overrides: Any) -> Proposal:
    fields: dict[str, Any] = {
        "proposer": proposer,
        "agency": agency,
        "title": "Bus stop shelters with seats",
        "problem": "Older people wait standing in the rain.",
        "current_situation": "Most stops on Yulgok-ro have no shelter.",
        "proposed_change": "Put shelters with seats at the ten busiest stops.",
        "expected_effect": "Safer, more comfortable waiting.",
        "is_public": True,
    }
    fields.update(overrides)
    return actions.submit_proposal(**fields)


@pytest.fixture
def proposal(citizen: User, agency: Agency) -> Proposal:
    return propose(citizen, agency)


@pytest.fixture
def supporters(db: None) -> list[User]:
    return [
        verified(make_user(f"supporter{number}@test.example", name="지지자")) for number in range(6)
    ]


@pytest.fixture
def author(citizen: User) -> User:
    return verified(citizen)


def start(author: User, agency: Agency, **overrides: Any) -> Petition:
    fields: dict[str, Any] = {
        "author": author,
        "agency": agency,
        "title": "Keep the Jongno library open on Sundays",
        "body": "Students and workers can only come at weekends.",
        "district": district(),
        "show_name": True,
    }
    fields.update(overrides)
    return actions.start_petition(**fields)


@pytest.fixture
def petition(author: User, agency: Agency) -> Petition:
    return start(author, agency)


def in_the_past(petition: Petition, *, days: int) -> None:
    Petition.objects.filter(pk=petition.pk).update(
        closes_at=timezone.now() - datetime.timedelta(days=days)
    )
