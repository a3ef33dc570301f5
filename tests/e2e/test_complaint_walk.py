"""A complaint from submission to the second answer, with every party in their own browser.

A citizen files; the officer assigns it and asks for more information; the
citizen gives it; the officer extends the deadline and answers; the citizen
rates the answer 2, which opens a second review by the unit's supervisor; the
supervisor answers; the citizen reads the second answer. In English and in
Korean, with axe-core on every page on the way.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, new_context, sign_in
from tests.e2e.validation import ReceivedPages

CITIZEN = "citizen@egov.example"
OFFICER = "officer@egov.example"
REVIEWER = "team-leader@egov.example"


@pytest.fixture
def browsers(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> Iterator[dict[str, Page]]:
    contexts = [new_context(browser, egov_server, received_pages) for _ in range(3)]
    pages = {}
    for name, context in zip(("citizen", "officer", "reviewer"), contexts, strict=True):
        pages[name] = context.new_page()
        pages[name].set_default_timeout(15_000)
    yield pages
    for context in contexts:
        context.close()


def go(page: Page, language: str, path: str) -> None:
    """Open ``path`` in ``language`` for this browser (a GET leaves the saved preference)."""
    page.goto(f"/language/?language={language}&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def choose(page: Page, select: str, text: str) -> None:
    option = page.locator(f"{select} option", has_text=re.compile(text)).first
    value = option.get_attribute("value")
    assert value, f"no option matching {text} in {select}"
    page.locator(select).select_option(value)


def submit(page: Page, action_suffix: str) -> None:
    """Press the button of the form whose action holds ``action_suffix`` (empty: the page)."""
    # An action may end in the fragment of its error summary ("/assign/#assign-errors").
    form = f"form[action*='{action_suffix}']" if action_suffix else "main form:not([action])"
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_complaint_walks_from_submission_to_a_second_answer(
    browsers: dict[str, Page], language: str
) -> None:
    citizen, officer, reviewer = browsers["citizen"], browsers["officer"], browsers["reviewer"]
    title = f"Car parked on the crossing {uuid.uuid4().hex[:6]}"

    sign_in(citizen, CITIZEN, DEMO_PASSWORD)
    go(citizen, language, "/complaints/new/")
    citizen.locator("input[name=type][value=grievance]").check()
    choose(citizen, "select[name=category]", "Illegal parking|불법 주정차")
    choose(citizen, "select[name=agency]", "Jongno-gu Office|종로구청")
    citizen.locator("input[name=title]").fill(title)
    citizen.locator("textarea[name=body]").fill("매일 아침 횡단보도 위에 차량이 주차되어 있습니다.")
    citizen.locator("input[name=visibility]").last.check()
    # The form, then the check of the answers (its primary button sends).
    submit(citizen, "/complaints/new/")
    citizen.locator("form[action='/complaints/new/'] button.primary").click()
    citizen.wait_for_load_state()
    receipt = citizen.locator(".complaint-receipt-number").inner_text()
    case = f"/staff/complaints/{receipt}/"
    timeline = f"/complaints/{receipt}/"

    sign_in(officer, OFFICER, DEMO_PASSWORD)
    go(officer, language, case)
    choose(officer, "#assign_officer", "박지훈")
    submit(officer, "/assign/")
    officer.locator("#supplement_request_text").fill("주차 차량 사진과 시간대를 알려 주십시오.")
    officer.locator("#supplement_respond_within_days").fill("5")
    submit(officer, "/supplement/")

    go(citizen, language, timeline)
    citizen.locator("#supplement_answer_text").fill("오전 7시 30분부터 9시 사이입니다.")
    submit(citizen, "/supplement/")

    go(officer, language, case)
    officer.locator("#extend_days").fill("2")
    officer.locator("#extend_reason").fill("현장 확인이 필요합니다.")
    submit(officer, "/extend/")
    officer.locator("#answer_outcome_0").check()
    officer.locator("#answer_body").fill("단속 카메라를 설치하고 집중 단속을 시작했습니다.")
    officer.locator("#answer_legal_basis").fill("도로교통법 제32조")
    submit(officer, "/answer/")

    go(citizen, language, timeline)
    citizen.locator("input[name=score][value='2']").check()
    citizen.locator("#rating_comment").fill("아직도 주차 차량이 있습니다.")
    submit(citizen, "/rating/")

    sign_in(reviewer, REVIEWER, DEMO_PASSWORD)
    go(reviewer, language, case)
    reviewer.locator("#review_outcome_0").check()
    reviewer.locator("#review_body").fill("현장을 다시 확인하고 견인 조치를 했습니다.")
    reviewer.locator("#review_legal_basis").fill("도로교통법 제35조")
    submit(reviewer, "/second-review/")

    go(citizen, language, timeline)
    expect(citizen.locator("main")).to_contain_text("견인 조치")
    expect(citizen.locator("h3[id^=answer-]")).to_have_count(2)
