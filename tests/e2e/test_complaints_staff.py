"""The officer's complaint pages in a real browser: queue, case, filing for a citizen.

The demo officer works in Jongno-gu Office's Civil Affairs Division, where the
demo leaves no open case, so each test first files one at the counter for the
demo citizen, through the file-on-behalf page. Fields are found by their
names, so the same steps work in English and in Korean.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import assert_accessible, sign_in

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
