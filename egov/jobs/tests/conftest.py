"""Jobs fixtures: an employment office and its officer, a verified employer, posting values."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from pytest_django import Settings

from conftest import make_officer, make_user
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.jobs import actions
from egov.jobs.models import Company, Posting
from egov.lib.calendar import local_date


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def employment_officer(unit: Unit) -> User:
    actions.designate_employment_office(actor=None, unit=unit)
    return make_officer("jobs-officer@test.example", unit)


@pytest.fixture
def company_owner(db: None) -> User:
    return make_user("owner@test.example", name="최사장")


@pytest.fixture
def company(company_owner: User) -> Company:
    return actions.register_company(
        user=company_owner, registration_number="124-81-00998", name="한빛물산"
    )


@pytest.fixture
def verified_company(company: Company, employment_officer: User) -> Company:
    return actions.verify_company(officer=employment_officer, company=company)


def posting_values(**changes: Any) -> dict[str, Any]:
    today = local_date(timezone.now())
    values: dict[str, Any] = {
        "title": "아파트 경비원",
        "description": "서울 종로구 아파트 단지의 경비 업무를 맡을 분을 찾습니다.",
        "employment_type": "FULL_TIME",
        "district_code": "11110",
        "remote": False,
        "applicant_country": "",
        "salary_min": 2_200_000,
        "salary_max": 2_600_000,
        "salary_unit": "MONTH",
        "occupation_code": "54",
        "experience_years": 0,
        "education": "",
        "skills": "순찰, 시설 점검",
        "working_hours": "주 5일, 09:00-18:00",
        "benefits": "4대 보험",
        "openings": 2,
        "how_to_apply": "egov 채용 담당자에게 이메일로 이력서를 보내 주세요: jobs@hanbit.example",
        "work_languages": "ko",
        "valid_through": today + datetime.timedelta(days=30),
    }
    values.update(changes)
    return values


def publish(employer: User, **changes: Any) -> Posting:
    posting = actions.save_draft(employer=employer, values=posting_values(**changes))
    return actions.submit_posting(employer=employer, posting=posting)
