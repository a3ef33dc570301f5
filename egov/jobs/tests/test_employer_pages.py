"""The employer writes a posting on the page; the checker answers on submit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import log_in
from egov.accounts.models import User
from egov.jobs.models import Company, Posting, Status
from egov.lib.calendar import local_date


def form_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "아파트 경비원",
        "description": "경비 업무.",
        "occupation_code": "54",
        "employment_type": "FULL_TIME",
        "district_code": "11110",
        "salary_min": "2200000",
        "salary_max": "2600000",
        "salary_unit": "MONTH",
        "experience_years": "0",
        "education": "",
        "working_hours": "주 5일",
        "openings": "1",
        "how_to_apply": "이메일로 지원",
        "work_languages": ["ko"],
        "valid_through": (local_date(timezone.now()) + datetime.timedelta(days=30)).isoformat(),
        "submit": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_checker_stops_a_forbidden_requirement_and_names_the_words(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    log_in(client, company_owner)
    response = client.post(
        "/jobs/employer/postings/new/", form_data(description="여성만, 용모 단정")
    )
    posting = Posting.objects.get()
    assert response["Location"] == f"/jobs/employer/postings/{posting.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Must be changed" in page
    assert "여성만" in page
    assert "용모 단정" in page
    assert "Equal Employment Opportunity and Work-Family Balance Assistance Act, art. 7" in page
    assert "Fair Hiring Procedure Act, art. 4-3" in page
    client.post(f"/jobs/employer/postings/{posting.pk}/", form_data())
    posting.refresh_from_db()
    assert posting.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"salary_min": None}, "Fill in"),
        ({"salary_min": "-5"}, "greater than or equal to 0"),
        ({"salary_min": "abc"}, "Enter a whole number"),
        ({"salary_unit": "FORTNIGHT"}, "Select a valid choice"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"valid_through": "2000-01-01"}, "Choose a closing date from today on"),
        ({"valid_through": "tomorrow"}, "Enter a valid date"),
        ({"district_code": "99999"}, "Choose a district from the list"),
        ({"occupation_code": "<script>"}, "Select a valid choice"),
        ({"work_languages": ["xx"]}, "Select a valid choice"),
        ({"openings": "0"}, "greater than or equal to 1"),
    ],
)
def test_the_posting_form_refuses_wrong_input_and_keeps_what_was_typed(
    client: Client,
    company_owner: User,
    verified_company: Company,
    changes: dict[str, Any],
    message: str,
) -> None:
    log_in(client, company_owner)
    response = client.post("/jobs/employer/postings/new/", form_data(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "경비 업무." in page
    assert not Posting.objects.exists()


def test_people_without_a_company_cannot_write_postings(client: Client, citizen: User) -> None:
    log_in(client, citizen)
    assert client.get("/jobs/employer/postings/new/").status_code == 404
    assert client.get("/jobs/employer/").status_code == 302


def test_the_employer_page_lists_the_postings(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    log_in(client, company_owner)
    client.post("/jobs/employer/postings/new/", form_data())
    page = client.get("/jobs/employer/").content.decode()
    assert "아파트 경비원" in page
    assert "Verified employer" in page
    posting = Posting.objects.get()
    client.post(f"/jobs/employer/postings/{posting.pk}/close/", {"reason": "filled"})
    posting.refresh_from_db()
    assert posting.status == Status.CLOSED


def test_the_rules_page_adds_a_version(client: Client, employment_officer: User) -> None:
    log_in(client, employment_officer)
    assert client.get("/staff/jobs/rules/").status_code == 200
    response = client.post(
        "/staff/jobs/rules/",
        {"kind": "forbidden", "category": "age", "language": "ko", "pattern": "청년만", "note": ""},
    )
    assert response.status_code == 302
    from egov.jobs.models import RuleSet

    assert RuleSet.objects.order_by("-version").first().version == 2  # type: ignore[union-attr]
    refused = client.post(
        "/staff/jobs/rules/",
        {"kind": "forbidden", "category": "age", "language": "ko", "pattern": "(", "note": ""},
    )
    assert "This is not a usable pattern." in refused.content.decode()


def test_visitors_are_sent_to_sign_in_for_employer_pages(client: Client, db: None) -> None:
    response = client.get("/jobs/employer/postings/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
