"""A posting's life: written, checked, reviewed, published, reported, closed, expired."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from conftest import log_in, make_user
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.jobs import actions
from egov.jobs.models import ClosedReason, Company, Posting, Report, Status
from egov.jobs.search import Filters, search_postings
from egov.jobs.tests.conftest import posting_values, publish
from egov.lib.calendar import local_date
from egov.notifications.models import Notification


def found(text: str) -> list[int]:
    return [posting.pk for posting in search_postings(Filters(text=text)).page.items]


def test_a_clean_posting_of_a_verified_company_is_published_at_once(
    company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner)
    assert posting.status == Status.PUBLISHED
    assert posting.date_posted is not None
    assert posting.findings == []
    assert posting.monthly_salary_min == 2_200_000
    assert posting.province_code == "11"
    assert posting.occupation_major == "5"
    assert found("경비") == [posting.pk]


def test_a_forbidden_requirement_keeps_the_posting_a_draft(
    company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner, description="경비원 모집, 남자만, 55세 이하.")
    assert posting.status == Status.DRAFT
    categories = {finding["category"]: finding["words"] for finding in posting.blocking_findings()}
    assert categories == {"sex": ["남자만"], "age": ["55세 이하"]}
    assert found("경비") == []
    fixed = actions.save_draft(
        employer=company_owner,
        values=posting_values(description="경비원 모집. 누구나 지원할 수 있습니다."),
        posting=posting,
    )
    assert actions.submit_posting(employer=company_owner, posting=fixed).status == Status.PUBLISHED


def test_pay_below_the_minimum_wage_is_stopped(
    company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner, salary_min=9_000, salary_max=10_000, salary_unit="HOUR")
    assert posting.status == Status.DRAFT
    (finding,) = posting.blocking_findings()
    assert finding["category"] == "below_minimum_wage"
    assert finding["law"] == "minimum-wage-6"


def test_a_scam_sign_sends_the_posting_to_moderation(
    company_owner: User, verified_company: Company, employment_officer: User
) -> None:
    posting = publish(company_owner, how_to_apply="텔레그램으로만 연락 주세요.")
    assert posting.status == Status.IN_REVIEW
    assert [finding["category"] for finding in posting.warning_findings()] == ["messenger"]
    assert found("경비") == []
    actions.approve_posting(officer=employment_officer, posting=posting)
    assert posting.status == Status.PUBLISHED
    assert found("경비") == [posting.pk]


def test_an_unverified_companys_posting_waits_for_review(
    company_owner: User, company: Company, employment_officer: User, run_on_commit: Any
) -> None:
    posting = publish(company_owner)
    assert posting.status == Status.IN_REVIEW
    with run_on_commit():
        actions.reject_posting(
            officer=employment_officer, posting=posting, reason="사업자 정보를 확인할 수 없습니다."
        )
    posting.refresh_from_db()
    assert posting.status == Status.DRAFT
    assert posting.rejection_reason == "사업자 정보를 확인할 수 없습니다."
    assert Notification.objects.filter(recipient=company_owner).count() == 1


def test_a_rejection_needs_a_reason(
    company_owner: User, company: Company, employment_officer: User
) -> None:
    posting = publish(company_owner)
    with pytest.raises(ValidationError):
        actions.reject_posting(officer=employment_officer, posting=posting, reason="  ")


def test_only_employment_officers_moderate(
    company_owner: User, company: Company, officer: User
) -> None:
    posting = publish(company_owner)
    with pytest.raises(PermissionDenied):
        actions.approve_posting(officer=officer, posting=posting)
    with pytest.raises(PermissionDenied):
        actions.approve_posting(officer=company_owner, posting=posting)


def test_another_company_cannot_change_a_posting(
    company_owner: User, verified_company: Company
) -> None:
    posting = actions.save_draft(employer=company_owner, values=posting_values())
    stranger = make_user("stranger@test.example")
    actions.register_company(user=stranger, registration_number="2208162517", name="남의회사")
    with pytest.raises(PermissionDenied):
        actions.submit_posting(employer=stranger, posting=posting)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_through": datetime.date(2000, 1, 1)}, "valid_through"),
        (
            {"valid_through": local_date(timezone.now()) + datetime.timedelta(days=91)},
            "valid_through",
        ),
        ({"occupation_code": "99"}, "occupation_code"),
        ({"district_code": ""}, "district_code"),
        ({"district_code": "", "remote": True}, "applicant_country"),
        ({"salary_min": 3_000_000, "salary_max": 2_000_000}, "salary_max"),
    ],
)
def test_a_posting_must_be_complete_and_honest(
    company_owner: User, verified_company: Company, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.save_draft(employer=company_owner, values=posting_values(**changes))
    assert field in refused.value.error_dict


def test_a_remote_posting_names_where_applicants_must_live(
    company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner, district_code="", remote=True, applicant_country="KR")
    assert posting.status == Status.PUBLISHED
    assert posting.province_code == ""


def test_anyone_can_report_a_live_posting_and_it_reaches_the_queue(
    client: Client, company_owner: User, verified_company: Company, employment_officer: User
) -> None:
    posting = publish(company_owner)
    response = client.post(f"/jobs/{posting.pk}/report/", {"reason": "실제로 없는 일자리입니다."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reporter is None
    log_in(client, employment_officer)
    assert "실제로 없는 일자리입니다." in client.get("/staff/jobs/queue/").content.decode()
    client.post(f"/staff/jobs/queue/{posting.pk}/take-down/", {"reason": "허위 공고"})
    posting.refresh_from_db()
    assert posting.status == Status.DRAFT
    assert posting.rejection_reason == "허위 공고"
    report.refresh_from_db()
    assert report.resolved_by == employment_officer


@pytest.mark.parametrize("reason", ["", " ", "x" * 2001])
def test_a_report_needs_a_reason_of_sensible_length(
    client: Client, company_owner: User, verified_company: Company, reason: str
) -> None:
    posting = publish(company_owner)
    response = client.post(f"/jobs/{posting.pk}/report/", {"reason": reason})
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_the_employer_closes_a_filled_posting(
    company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner)
    actions.close_posting(employer=company_owner, posting=posting, reason=ClosedReason.FILLED)
    assert posting.status == Status.CLOSED
    assert posting.closed_reason == ClosedReason.FILLED
    assert found("경비") == []


def _age(posting: Posting, *, closes_in_days: int) -> None:
    # Arranging the scene, not an action: the posting's closing day moves.
    Posting.objects.filter(pk=posting.pk).update(
        valid_through=local_date(timezone.now()) + datetime.timedelta(days=closes_in_days)
    )


def test_postings_expire_after_their_closing_day(
    company_owner: User, verified_company: Company, run_on_commit: Callable[[], Any]
) -> None:
    live = publish(company_owner)
    past = publish(company_owner, title="경비 반장")
    _age(past, closes_in_days=-1)
    with run_on_commit():
        assert actions.expire_postings() == 1
    past.refresh_from_db()
    live.refresh_from_db()
    assert past.status == Status.CLOSED
    assert past.closed_reason == ClosedReason.EXPIRED
    assert live.status == Status.PUBLISHED
    assert found("반장") == []
    assert AuditEvent.objects.filter(action=AuditAction.JOBS_POSTING_EXPIRED).count() == 1
    assert actions.expire_postings() == 0


def test_the_employer_is_reminded_once_a_week_before_expiry(
    company_owner: User, verified_company: Company, run_on_commit: Callable[[], Any]
) -> None:
    soon = publish(company_owner)
    later = publish(company_owner, title="경비 반장")
    _age(soon, closes_in_days=7)
    _age(later, closes_in_days=8)
    with run_on_commit():
        assert actions.send_expiry_reminders() == 1
    assert actions.send_expiry_reminders() == 0
    assert Notification.objects.filter(recipient=company_owner).count() == 1


def test_the_expiry_jobs_are_scheduled() -> None:
    from egov.lib import periodic

    names = {job.name for job in periodic.schedule()}
    assert {"expire job postings", "remind employers of expiring postings"} <= names
