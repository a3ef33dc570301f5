"""The officer's complaint pages in a real browser: queue, case, filing for a citizen.

Signing in, the officer lands on the work queue. The case page's menu jumps
to each form; the transfer form finds a unit of any agency by typing its
name, with the script (the list follows the typing) and without it (the
"Find unit" button lists the matches, keeping the reason typed).

The demo officer works in Jongno-gu Office's Civil Affairs Division, where the
demo leaves no open case, so each test first files one at the counter for the
demo citizen, through the file-on-behalf page. Fields are found by their
names, so the same steps work in English and in Korean.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, new_context, sign_in
from tests.e2e.validation import ReceivedPages

OFFICER = "officer@egov.example"
CITIZEN = "citizen@egov.example"
QUEUE = "/staff/complaints/"
FILE = "/staff/complaints/file/"
CASE = re.compile(r"/staff/complaints/EP-\d{4}-\d{7,}/$")


def in_language(page: Page, language: str, path: str) -> None:
    """Switch the interface for this browser only (a GET leaves the officer's profile alone)."""
    page.goto(f"/language/?language={language}&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", language)


def choose(page: Page, select: str, text: str) -> None:
    """Pick the option whose text matches, whatever the language shows around it."""
    option = page.locator(f"{select} option", has_text=re.compile(text)).first
    value = option.get_attribute("value")
    assert value, f"no option matching {text} in {select}"
    page.locator(select).select_option(value)


def file_at_the_counter(page: Page, title: str, *, check_accessibility: bool = False) -> str:
    """File a parking complaint for the demo citizen; returns the case page's address."""
    page.goto(FILE)
    if check_accessibility:
        assert_accessible(page)
    page.locator("input[name=email]").fill(CITIZEN)
    page.locator("form[action='/staff/complaints/file/'] button[type=submit]").click()
    expect(page.locator("dl.facts")).to_contain_text("김*수")
    if check_accessibility:
        assert_accessible(page)
    page.locator("input[name=channel][value=counter]").check()
    page.locator("input[name=type][value=grievance]").check()
    choose(page, "select[name=category]", "Illegal parking|불법 주정차")
    choose(page, "select[name=agency]", "Jongno-gu Office|종로구청")
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=body]").fill(
        "매일 아침 정문 앞 횡단보도에 차량이 주차되어 있습니다."
    )
    page.locator("form[action='/staff/complaints/file/complaint/'] button[type=submit]").click()
    page.wait_for_url(CASE)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def test_an_officer_files_at_the_counter_and_works_the_case_to_an_answer(page: Page) -> None:
    sign_in(page, OFFICER, DEMO_PASSWORD)
    # Staff start on their work, not on My government.
    assert page.url.endswith(QUEUE)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Work queue|처리 대기열"))
    in_language(page, "en", FILE)
    answered_title = f"Parked on the crossing {uuid.uuid4().hex[:6]}"
    waiting_title = f"Parked on the pavement {uuid.uuid4().hex[:6]}"
    file_at_the_counter(page, answered_title, check_accessibility=True)
    expect(page.locator(".messages")).to_contain_text("was received for the citizen")
    file_at_the_counter(page, waiting_title)

    page.get_by_role("link", name="Work queue").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work queue")
    expect(page.get_by_role("table")).to_contain_text(answered_title)
    assert_accessible(page)
    page.get_by_role("row", name=re.compile(answered_title)).get_by_role("link").click()
    page.wait_for_url(CASE)
    assert_accessible(page)

    choose(page, "#assign_officer", "박지훈")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".messages")).to_contain_text("박지훈 now handles the complaint.")

    page.locator("#extend_days").fill("2")
    page.locator("#extend_reason").fill("현장 확인 일정이 필요합니다.")
    page.get_by_role("button", name="Extend the deadline").click()
    expect(page.locator(".messages")).to_contain_text("The deadline is now")
    expect(page.locator("main")).to_contain_text("Extension 1")

    page.locator("#answer_outcome_0").check()
    page.locator("#answer_body").fill(
        "단속 카메라를 설치하고 등교 시간대 집중 단속을 시작했습니다."
    )
    page.locator("#answer_legal_basis").fill("도로교통법 제32조")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".messages")).to_contain_text("The answer was sent to the citizen.")
    expect(page.locator("dl.staff-case-facts")).to_contain_text("Answered")
    assert_accessible(page)

    page.goto(QUEUE)
    expect(page.get_by_role("table")).not_to_contain_text(answered_title)
    page.get_by_role("row", name=re.compile(waiting_title)).get_by_role("link").click()
    page.get_by_role("button", name="Assign").click()
    page.locator("#supplement_request_text").fill("주차 차량 사진과 시간대를 알려 주십시오.")
    page.locator("#supplement_respond_within_days").fill("5")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".messages")).to_contain_text("asked for more information")
    expect(page.locator("dl.staff-case-facts")).to_contain_text("Waiting for more information")
    assert_accessible(page)


def test_a_wrong_answer_is_explained_on_the_page_and_keeps_what_was_typed(page: Page) -> None:
    sign_in(page, OFFICER, DEMO_PASSWORD)
    in_language(page, "en", FILE)
    file_at_the_counter(page, f"Blocked ramp {uuid.uuid4().hex[:6]}")
    page.locator("input[name=outcome][value=not_accepted]").check()
    page.locator("#answer_body").fill("We cannot remove cars from private land.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("A refusal must give its reason.")
    expect(page.locator("#answer_body")).to_have_value("We cannot remove cars from private land.")
    assert_accessible(page)


def test_the_staff_pages_are_accessible_in_korean(page: Page) -> None:
    sign_in(page, OFFICER, DEMO_PASSWORD)
    in_language(page, "ko", QUEUE)
    case_url = file_at_the_counter(
        page, f"보도 주차 {uuid.uuid4().hex[:6]}", check_accessibility=True
    )
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    assert_accessible(page)
    page.goto(QUEUE)
    expect(page.get_by_role("table")).to_contain_text("보도 주차")
    assert_accessible(page)
    page.get_by_role("link", name=case_url.rstrip("/").rsplit("/", 1)[-1]).click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    assert_accessible(page)


def test_the_menu_jumps_to_a_form_and_the_unit_is_found_by_typing_its_name(page: Page) -> None:
    sign_in(page, OFFICER, DEMO_PASSWORD)
    in_language(page, "en", FILE)
    title = f"Pothole on the bridge {uuid.uuid4().hex[:6]}"
    file_at_the_counter(page, title)

    menu = page.get_by_role("navigation", name="What you can do")
    expect(menu.get_by_role("link")).to_have_text(
        [
            "Assign",
            "Answer",
            "Ask for more information",
            "Extend the deadline",
            "Transfer to another unit",
            "Add an internal note",
        ]
    )
    menu.get_by_role("link", name="Transfer to another unit").click()
    assert page.url.endswith("#action-transfer")
    expect(page.locator("#action-transfer")).to_be_in_viewport()

    # Before a search: the units of the case's own agency.
    expect(page.locator("#action-transfer")).to_contain_text("Units of Jongno-gu Office.")
    page.locator("#transfer_reason").fill("마포구 관할 도로입니다.")
    # The list follows the typing: another agency's unit, by two words of its names.
    page.locator("#transfer_unit_query").press_sequentially("mapo road", delay=30)
    roads = page.get_by_role("radio", name="Roads Division — Mapo-gu Office")
    expect(roads).to_be_visible()
    expect(page.locator("[data-unit-search-status]")).to_have_text("1 unit matches “mapo road”.")
    assert "/transfer/" not in page.url, "the list came without a page load"
    assert_accessible(page)
    roads.check()
    page.locator("#transfer_unit_query").fill("도로과")
    expect(page.get_by_role("radio", name="Roads Division — Mapo-gu Office")).to_be_checked()
    page.get_by_role("button", name="Transfer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("was transferred to Mapo-gu Office")
    expect(page.get_by_role("heading", level=1)).to_have_text("Work queue")
    expect(page.get_by_role("table")).not_to_contain_text(title)


def test_without_javascript_find_unit_lists_the_units_and_keeps_the_reason(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> None:
    # Signed in with the script on (the helper checks each page with axe-core),
    # then the same session in a browser that runs no script at all.
    signing_in = new_context(browser, egov_server, received_pages, locale="en-GB")
    sign_in(signing_in.new_page(), OFFICER, DEMO_PASSWORD)
    session = signing_in.storage_state()
    signing_in.close()
    context = new_context(
        browser,
        egov_server,
        received_pages,
        locale="en-GB",
        java_script_enabled=False,
        storage_state=session,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        in_language(page, "en", FILE)
        title = f"Overflowing bins {uuid.uuid4().hex[:6]}"
        file_at_the_counter(page, title)
        page.get_by_role("navigation", name="What you can do").get_by_role(
            "link", name="Transfer to another unit"
        ).click()
        page.locator("#transfer_reason").fill("청소는 강남구 소관입니다.")
        page.locator("#transfer_unit_query").fill("청소")
        page.get_by_role("button", name="Find unit").click()
        page.wait_for_url(re.compile(r"/transfer/find/#action-transfer$"))
        expect(page.locator("#transfer_reason")).to_have_value("청소는 강남구 소관입니다.")
        expect(page.locator("#transfer_unit_query")).to_have_value("청소")
        sanitation = page.get_by_role("radio", name="Sanitation Division — Gangnam-gu Office")
        sanitation.check()
        # Enter in the search box searches again; the unit chosen stays chosen.
        page.locator("#transfer_unit_query").fill("gangnam")
        page.locator("#transfer_unit_query").press("Enter")
        page.wait_for_load_state()
        expect(sanitation).to_be_checked()
        page.get_by_role("button", name="Transfer", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("was transferred to Gangnam-gu Office")
    finally:
        context.close()
