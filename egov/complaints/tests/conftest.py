"""Complaint fixtures: a routed category, a submitted complaint, and ways to set the clock.

Time is never frozen. Tests that need a case received in the past move its
stored dates with ``received_on`` (arranging the scene is not an action), and
pure deadline functions take explicit dates.
"""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from conftest import make_officer, make_user
from egov.accounts.models import Role, User
from egov.agencies import actions as agency_actions
from egov.agencies.calendar import calendar_for
from egov.agencies.models import Agency, AgencyKind, Unit
from egov.complaints import actions
from egov.complaints.deadlines import stored_due_at
from egov.complaints.models import (
    Answer,
    Category,
    Complaint,
    ComplaintType,
    Outcome,
)
from egov.lib.calendar import Counting, Due

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    """These tests create many accounts and never sign in: Argon2's cost buys nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    """Uploaded files go to a scratch folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def category(platform_admin: User, agency: Agency, unit: Unit) -> Category:
    category = actions.create_category(
        actor=platform_admin,
        code="streetlights",
        name_en="Streetlights",
        name_ko="가로등",
        name_id="Lampu jalan",
        default_agency=agency,
    )
    actions.set_routing(actor=platform_admin, category=category, agency=agency, unit=unit)
    return category


@pytest.fixture
def other_agency(db: None) -> Agency:
    return agency_actions.create_agency(
        actor=None,
        code="other-district",
        kind=AgencyKind.DISTRICT,
        name_en="Other District Office",
        name_ko="다른구청",
        name_id="Kantor Distrik Lain",
    )


@pytest.fixture
def unit_of_other_agency(other_agency: Agency) -> Unit:
    return agency_actions.create_unit(
        actor=None,
        agency=other_agency,
        code="roads",
        name_en="Roads Division",
        name_ko="도로과",
        name_id="Divisi Jalan",
    )


@pytest.fixture
def officer_of_other_agency(unit_of_other_agency: Unit) -> User:
    return make_officer("officer3@test.example", unit_of_other_agency)


@pytest.fixture
def admin_of_other_agency(unit_of_other_agency: Unit) -> User:
    return make_officer("admin3@test.example", unit_of_other_agency, Role.AGENCY_ADMIN)


@pytest.fixture
def second_officer(unit: Unit) -> User:
    return make_officer("officer4@test.example", unit)


@pytest.fixture
def citizens(db: None) -> list[User]:
    """Five more people who can co-sign."""
    return [make_user(f"signer{number}@test.example", name="서명인") for number in range(5)]


def submit(citizen: User, category: Category, **overrides: Any) -> Complaint:
    fields: dict[str, Any] = {
        "citizen": citizen,
        "type": ComplaintType.GRIEVANCE,
        "category": category,
        "title": "Streetlight dark for a week",
        "body": "The streetlight in front of 12 Yulgok-ro has been dark for a week.",
        "is_public": True,
    }
    fields.update(overrides)
    return actions.submit_complaint(**fields)


@pytest.fixture
def complaint(citizen: User, category: Category) -> Complaint:
    return submit(citizen, category)


@pytest.fixture
def assigned(complaint: Complaint, officer: User) -> Complaint:
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    return complaint


def answer(complaint: Complaint, officer: User, **overrides: Any) -> Answer:
    fields: dict[str, Any] = {
        "actor": officer,
        "complaint": complaint,
        "outcome": Outcome.ACCEPTED,
        "body": "The lamp was replaced on Tuesday.",
        "legal_basis": "Road Act, Article 31",
    }
    fields.update(overrides)
    return actions.answer_complaint(**fields)


@pytest.fixture
def answered(assigned: Complaint, officer: User) -> Complaint:
    answer(assigned, officer)
    assigned.refresh_from_db()
    return assigned


def received_on(
    complaint: Complaint, day: datetime.date, *, hour: int = 10, minute: int = 0
) -> None:
    """Arrange the scene: the complaint arrived on ``day`` (Seoul time), due accordingly."""
    complaint.received_at = datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=SEOUL
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=complaint.received_at, due_at=stored_due_at(complaint)
    )
    complaint.refresh_from_db()


def days_moved(complaint: Complaint, before: datetime.datetime) -> int:
    """How many working days the complaint's (day-counted) deadline moved since ``before``."""
    calendar = calendar_for(complaint.agency_id)
    return calendar.working_days_after(Due(before, Counting.DAYS).day, complaint.due.day)


def days_counted(complaint: Complaint, first: datetime.date, last: datetime.date) -> int:
    """Working days from ``first`` to ``last``, both included: how art. 19(2) counts a period."""
    calendar = calendar_for(complaint.agency_id)
    return calendar.is_working_day(first) + calendar.working_days_after(first, last)
