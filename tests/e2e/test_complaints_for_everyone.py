"""Complaints for everyone, in a real browser: a phone in Korean, and a person with no account.

A citizen on a 360 px phone in Korean files a roads complaint about Jongno,
meets the error summary first (it takes the focus, the title says "오류:",
each error links to its field), sees where the complaint will go before
sending it, and gets the receipt. An officer at 1280 px in Indonesian files
for a person with no account, prints the receipt with its access code, and
that person follows the case on the public page with the receipt number and
the code. axe-core finds nothing on any page, and nothing scrolls sideways.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, new_context, sign_in
from tests.e2e.validation import ReceivedPages

JONGNO = "11110"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_a_citizen_on_a_phone_in_korean_files_by_district_and_fixes_errors_from_the_summary(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> None:
    context = new_context(
        browser, egov_server, received_pages, locale="ko-KR", viewport=PHONE, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "citizen@egov.example", DEMO_PASSWORD)
    page.goto("/language/?language=ko&next=/complaints/new/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    no_sideways_scroll(page)
    assert_accessible(page)

    # Nothing filled in: the summary comes first, takes the focus, and links to each field.
    page.locator("button[name=step][value=check]").click()
    page.wait_for_load_state()
    assert page.title().startswith("오류: ")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("민원의 종류를 고르세요.")
    assert_accessible(page)
    no_sideways_scroll(page)
    summary.locator("a[href='#id_type_0']").click()
    expect(page).to_have_url(re.compile("#id_type_0$"))

    title = f"보도블록 파손 {uuid.uuid4().hex[:6]}"
    page.locator("input[name=type][value=grievance]").check()
    page.locator("select[name=category]").select_option("roads")
    page.locator("select[name=district]").select_option(JONGNO)
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=body]").fill("율곡로 정류장 앞 보도블록 세 장이 깨져 있습니다.")
    page.locator("button[name=step][value=check]").click()

    # Where it goes, before it is sent: Jongno's own office, not the default Mapo.
    expect(page.locator(".route")).to_contain_text("종로구청")
    expect(page.locator(".route")).not_to_contain_text("마포구청")
    expect(page.locator(".summary-list")).to_contain_text(title)
    no_sideways_scroll(page)
    assert_accessible(page)
    page.locator("form[action='/complaints/new/'] button.primary").click()

    receipt = page.locator(".complaint-receipt-number").inner_text()
    assert re.fullmatch(r"EP-\d{4}-\d{7,}", receipt)
    expect(page.locator(".next-steps")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    # Printed (or saved as PDF), the receipt stands alone: no menus, no buttons.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".complaint-form-page .actions")).to_be_hidden()
    expect(page.locator(".complaint-receipt-number")).to_have_text(receipt)
    expect(page.locator(".receipt-contact")).to_contain_text("110")
    page.emulate_media(media="screen")
    context.close()


def test_an_officer_files_for_a_person_with_no_account_who_follows_it_with_the_code(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> None:
    officer_context = new_context(
        browser, egov_server, received_pages, locale="id-ID", viewport=DESKTOP
    )
    officer = officer_context.new_page()
    officer.set_default_timeout(10_000)
    sign_in(officer, "officer@egov.example", DEMO_PASSWORD)
    officer.goto("/language/?language=id&next=/staff/complaints/file/no-account/")
    expect(officer.locator("html")).to_have_attribute("lang", "id")
    assert_accessible(officer)

    form = officer.locator("form.staff-file")
    form.locator("button.primary").click()
    officer.wait_for_load_state()
    assert officer.title().startswith("Galat: ")
    # The form posts to its summary's fragment: the page opens at the summary.
    expect(officer.locator(".error-summary")).to_be_in_viewport()
    assert_accessible(officer)

    title = f"Lampu jalan mati {uuid.uuid4().hex[:6]}"
    officer.locator("input[name=name]").fill("Budi Santoso")
    officer.locator("input[name=phone]").fill("010-5555-0101")
    officer.locator("input[name=language][value=id]").check()
    officer.locator("input[name=consent]").check()
    officer.locator("input[name=channel][value=counter]").check()
    officer.locator("input[name=type][value=grievance]").check()
    officer.locator("select[name=category]").select_option("parking")
    officer.locator("select[name=district]").select_option(JONGNO)
    officer.locator("input[name=title]").fill(title)
    officer.locator("textarea[name=body]").fill("Mobil parkir di trotoar depan asrama setiap pagi.")
    officer.locator("form.staff-file button.primary").click()

    receipt = officer.locator(".complaint-receipt-number").first.inner_text()
    code = officer.locator("#access-code").inner_text()
    assert re.fullmatch(r"EP-\d{4}-\d{7,}", receipt)
    assert re.fullmatch(r"[A-Z0-9]{8}", code)
    expect(officer.locator("html")).to_have_attribute("lang", "id")
    assert_accessible(officer)
    officer_context.close()

    # The person, on any computer, with the receipt in hand.
    visitor_context = new_context(browser, egov_server, received_pages, locale="en-GB")
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(10_000)
    visitor.goto("/complaints/follow/")
    assert_accessible(visitor)
    visitor.locator("input[name=receipt_number]").fill(receipt)
    visitor.locator("input[name=access_code]").fill("WRONG123")
    visitor.locator("main form button.primary").click()
    expect(visitor.locator(".error-summary")).to_be_in_viewport()
    assert_accessible(visitor)
    visitor.locator("input[name=access_code]").fill(code)
    visitor.locator("main form button.primary").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(visitor)
    visitor_context.close()


def test_while_a_citizen_types_answered_complaints_like_theirs_appear(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> None:
    context = new_context(browser, egov_server, received_pages, locale="id-ID", viewport=PHONE)
    page = context.new_page()
    sign_in(page, "siti@egov.example", DEMO_PASSWORD)
    page.goto("/language/?language=id&next=/complaints/new/")
    page.locator("select[name=category]").select_option("parking")
    page.locator("select[name=district]").select_option(JONGNO)
    page.locator("input[name=title]").press_sequentially("횡단보도 불법 주차", delay=20)
    similar = page.locator("[data-similar] .similar")
    expect(similar).to_be_visible()
    expect(similar.get_by_role("link")).to_contain_text(["횡단보도"])
    assert_accessible(page)
    context.close()
