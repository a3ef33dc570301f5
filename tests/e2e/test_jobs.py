"""An employer registers a company, an officer verifies it, the checker stops a posting,
the employer fixes and publishes it, and a job seeker finds it by a two-syllable word."""

from __future__ import annotations

import datetime

from playwright.sync_api import Browser, Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, new_context, sign_in
from tests.e2e.validation import ReceivedPages

EMPLOYER = "new-employer@egov.example"
OFFICER = "employment-officer@egov.example"


def english(page: Page, path: str) -> None:
    page.goto(f"/language/?language=en&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def fresh_page(browser: Browser, server: LiveServer, pages: ReceivedPages) -> Page:
    page = new_context(browser, server, pages, locale="en-GB").new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_posting_goes_from_a_new_company_to_a_job_seekers_search(
    page: Page, browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> None:
    # The employer registers a company.
    sign_in(page, EMPLOYER, DEMO_PASSWORD)
    english(page, "/jobs/employer/company/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register your company")
    page.get_by_label("Business registration number").fill("124-81-00997")
    page.get_by_label("Company name").fill("새봄경비")
    page.get_by_role("button", name="Register the company").click()
    expect(page.locator("#id_registration_number_error")).to_contain_text(
        "not a valid business registration number"
    )
    assert_accessible(page)
    page.get_by_label("Business registration number").fill("124-81-00998")
    page.get_by_role("button", name="Register the company").click()
    expect(page.get_by_text("Waiting for an employment officer")).to_be_visible()
    assert_accessible(page)

    # An employment officer verifies it.
    officer = fresh_page(browser, egov_server, received_pages)
    sign_in(officer, OFFICER, DEMO_PASSWORD)
    english(officer, "/staff/jobs/companies/")
    assert_accessible(officer)
    officer.get_by_role("button", name="Verify 새봄경비").click()
    expect(officer.get_by_text("새봄경비 is verified.")).to_be_visible()
    officer.context.close()

    # The employer writes a posting; the checker stops a forbidden requirement.
    page.goto("/jobs/employer/")
    expect(page.get_by_text("Verified employer").first).to_be_visible()
    page.get_by_role("link", name="Write a posting").click()
    assert_accessible(page)
    page.get_by_label("Job title").fill("아파트경비원 야간")
    page.get_by_label("Description of the job").fill("야간 순찰과 출입 관리. 남자만 지원 가능.")
    page.get_by_label("Occupation (ISCO-08)").select_option("54")
    page.get_by_label("Employment type").select_option("FULL_TIME")
    page.get_by_label("Where the work is").select_option("11110")
    page.get_by_label("Lowest pay (won)").fill("2300000")
    page.get_by_label("Highest pay (won)").fill("2700000")
    page.get_by_label("Pay per").select_option("MONTH")
    page.get_by_label("Working hours").fill("주 5일 22:00-07:00")
    page.get_by_label("How to apply").fill("이력서를 hr@saebom.example 로 보내 주세요.")
    page.get_by_label("한국어").check()
    closes = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Applications close on").fill(closes.isoformat())
    page.get_by_role("button", name="Check and submit").click()
    expect(page.get_by_text("The checker stopped this posting.")).to_be_visible()
    expect(page.locator("mark", has_text="남자만")).to_be_visible()
    expect(page.get_by_text("Equal Employment Opportunity and Work-Family Balance")).to_be_visible()
    assert_accessible(page)

    # Fixed, it is published at once: the company is verified.
    page.get_by_label("Description of the job").fill(
        "야간 순찰과 출입 관리. 누구나 지원할 수 있습니다."
    )
    page.get_by_role("button", name="Check and submit").click()
    expect(page.get_by_text("The posting is published.")).to_be_visible()
    expect(page.get_by_role("heading", name="How to apply")).to_be_visible()
    assert_accessible(page)

    # A job seeker, not signed in, finds it by a two-syllable word and by filters.
    seeker = fresh_page(browser, egov_server, received_pages)
    english(seeker, "/jobs/")
    assert_accessible(seeker)
    seeker.get_by_label("Keywords").fill("경비")
    seeker.get_by_text("Filters").click()
    seeker.get_by_label("Region").select_option("11")
    seeker.get_by_label("Occupation group").select_option("5")
    seeker.get_by_role("button", name="Search").click()
    expect(seeker.get_by_role("link", name="아파트경비원 야간")).to_be_visible()
    assert_accessible(seeker)
    seeker.get_by_role("link", name="아파트경비원 야간").click()
    expect(seeker.get_by_text("Verified employer")).to_be_visible()
    assert seeker.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(seeker)
    seeker.context.close()
