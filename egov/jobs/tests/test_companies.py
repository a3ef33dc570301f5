"""Registering a company, and its verification by an employment officer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import log_in, make_user
from egov.accounts.models import Role, User
from egov.audit.models import AuditAction, AuditEvent
from egov.jobs import actions, rules
from egov.jobs.models import Company


def test_registering_makes_the_account_the_companys_employer(company_owner: User) -> None:
    company = actions.register_company(
        user=company_owner, registration_number="124-81-00998", name="한빛물산"
    )
    company_owner.refresh_from_db()
    assert company_owner.role == Role.EMPLOYER
    assert company.registration_number == "1248100998"
    assert not company.is_verified
    assert rules.company_of(company_owner) == company
    assert AuditEvent.objects.filter(action=AuditAction.JOBS_COMPANY_REGISTERED).count() == 1


def test_a_wrong_check_digit_is_refused(company_owner: User) -> None:
    with pytest.raises(ValidationError):
        actions.register_company(
            user=company_owner, registration_number="124-81-00997", name="한빛물산"
        )
    assert not Company.objects.exists()


def test_a_second_employer_joins_the_company_with_that_number(company: Company) -> None:
    colleague = make_user("colleague@test.example")
    joined = actions.register_company(
        user=colleague, registration_number="1248100998", name="다른 이름"
    )
    assert joined == company
    assert company.members.count() == 2


def test_an_account_belongs_to_one_company(company_owner: User, company: Company) -> None:
    with pytest.raises(ValidationError):
        actions.register_company(user=company_owner, registration_number="2208162517", name="둘")


def test_an_employment_officer_verifies_a_company(
    company: Company, employment_officer: User
) -> None:
    actions.verify_company(officer=employment_officer, company=company)
    company.refresh_from_db()
    assert company.is_verified
    assert company.verified_by == employment_officer
    assert AuditEvent.objects.filter(action=AuditAction.JOBS_COMPANY_VERIFIED).count() == 1


def test_an_officer_outside_an_employment_office_cannot_verify(
    company: Company, officer: User
) -> None:
    with pytest.raises(PermissionDenied):
        actions.verify_company(officer=officer, company=company)


def test_only_employment_officers_see_the_companies_page(
    client: Client, company: Company, employment_officer: User, company_owner: User
) -> None:
    log_in(client, company_owner)
    assert client.get("/staff/jobs/companies/").status_code == 404
    assert client.post(f"/staff/jobs/companies/{company.pk}/verify/").status_code == 404
    log_in(client, employment_officer)
    page = client.get("/staff/jobs/companies/")
    assert page.status_code == 200
    assert "124-81-00998" in page.content.decode()
    response = client.post(f"/staff/jobs/companies/{company.pk}/verify/")
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.is_verified


@pytest.mark.parametrize(
    ("number", "name", "error"),
    [
        ("124-81-00997", "한빛", "not a valid business registration number"),
        ("", "한빛", "Fill in"),
        ("<script>", "한빛", "not a valid business registration number"),
        ("124-81-00998", "x" * 201, "at most 200 characters"),
        ("124-81-00998", "", "Fill in"),
    ],
)
def test_the_registration_form_refuses_bad_input(
    client: Client, citizen: User, number: str, name: str, error: str
) -> None:
    log_in(client, citizen)
    response = client.post("/jobs/employer/company/", {"registration_number": number, "name": name})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Company.objects.exists()


def test_the_registration_page_registers_and_leads_to_the_employer_page(
    client: Client, citizen: User
) -> None:
    log_in(client, citizen)
    response = client.post(
        "/jobs/employer/company/", {"registration_number": "124-81-00998", "name": "한빛물산"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/jobs/employer/"
    page = client.get("/jobs/employer/")
    assert "Waiting for an employment officer" in page.content.decode()


def test_staff_cannot_register_a_company(client: Client, officer: User) -> None:
    log_in(client, officer)
    assert client.get("/jobs/employer/company/").status_code == 404
