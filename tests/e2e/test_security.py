"""Two-step verification and staff pages, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import assert_accessible, demo_code, enrolled_secrets, sign_in


def test_a_citizen_turns_on_two_step_verification(page: Page) -> None:
    sign_in(page, "siti@egov.example", DEMO_PASSWORD)
    page.goto("/accounts/security/")
    assert_accessible(page)
    page.locator("a[href='/accounts/security/two-step/']").click()
    expect(page.locator("img.qr-code")).to_be_visible()
    assert_accessible(page)
    secret = page.locator(".secret-key").inner_text().replace(" ", "")
    enrolled_secrets["siti@egov.example"] = secret
    page.locator("input[name=code]").fill(demo_code("siti@egov.example"))
    page.locator("input[name=code]").press("Enter")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)


def test_an_officer_passes_two_step_verification_and_sees_their_unit(page: Page) -> None:
    sign_in(page, "officer@egov.example", DEMO_PASSWORD)
    page.goto("/staff/unit/")
    expect(page.locator("h1")).to_have_text("민원여권과")
    expect(page.get_by_role("table")).to_contain_text("박지훈")
    assert_accessible(page)


def test_an_agency_admin_sees_contacts_with_a_notice(page: Page) -> None:
    sign_in(page, "agency-admin@egov.example", DEMO_PASSWORD)
    page.goto("/staff/unit/")
    expect(page.get_by_role("table")).to_contain_text("@egov.example")
    assert_accessible(page)
