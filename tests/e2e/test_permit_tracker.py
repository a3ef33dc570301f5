"""A permit from application to issuance, and the public tracker in three languages.

A citizen applies for a building report online with its documents; the
officer of the civil affairs division asks for a site plan and the citizen
supplies it; the officers of the two units work the procedure, the review
step late with a delay reason; the last step issues the permit. An anonymous
visitor then reads every step on the tracker in Korean, Indonesian and
English. axe-core checks every page on the way.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from egov.portal.demo import AGENCIES, DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, new_context, sign_in
from tests.e2e.validation import ReceivedPages

CITIZEN = "citizen@egov.example"
# Jongno-gu's civil affairs officer does the receipt and the issuance...
RECEIPT_OFFICER = "officer@egov.example"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _construction_officer() -> str:
    """...and the demo officer of Jongno-gu's building division, the document review."""
    paths = [f"{agency.code}/{unit[0]}" for agency in AGENCIES for unit in agency.units]
    return f"officer{paths.index('seoul-jongno/construction') + 1:02d}@egov.example"


@pytest.fixture
def browsers(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> Iterator[dict[str, Page]]:
    names = ("citizen", "receipt", "review", "visitor")
    contexts = [new_context(browser, egov_server, received_pages) for _ in names]
    pages = {}
    for name, context in zip(names, contexts, strict=True):
        pages[name] = context.new_page()
        pages[name].set_default_timeout(15_000)
    yield pages
    for context in contexts:
        context.close()


def go(page: Page, path: str, language: str = "en") -> None:
    page.goto(f"/language/?language={language}&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def press(page: Page, action: str) -> None:
    page.locator(f"form[action$='/{action}/'] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert_accessible(page)


def _make_review_late(server: LiveServer, receipt: str) -> None:
    """Arrange the scene: the review was expected an hour ago (time is never frozen)."""
    an_hour_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    with sqlite3.connect(server.workdir / "egov.sqlite3") as database:
        database.execute(
            "UPDATE permits_applicationstep SET expected_at = ? WHERE position = 2 AND "
            "application_id = (SELECT id FROM permits_application WHERE receipt_number = ?)",
            (an_hour_ago.strftime("%Y-%m-%d %H:%M:%S"), receipt),
        )


def test_a_permit_is_worked_step_by_step_and_anyone_can_follow_it(
    browsers: dict[str, Page], egov_server: LiveServer
) -> None:
    citizen, receipt_officer = browsers["citizen"], browsers["receipt"]
    reviewer, visitor = browsers["review"], browsers["visitor"]

    sign_in(citizen, CITIZEN, DEMO_PASSWORD)
    go(citizen, "/permits/")
    citizen.locator("a[href='/permits/apply/building-report/']").click()
    assert_accessible(citizen)
    citizen.locator("input[name=summary]").fill("Single-storey storage building")
    citizen.locator("input[name=site_address]").fill("서울특별시 종로구 삼청로 9")
    for index in range(2):
        citizen.locator(f"input[name=document_{index}]").set_input_files(
            {"name": f"document-{index}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url("**/receipt/")
    assert_accessible(citizen)
    receipt = citizen.locator(".permit-receipt dd").first.inner_text().strip()
    case = f"/staff/permits/{receipt}/"

    sign_in(receipt_officer, RECEIPT_OFFICER, DEMO_PASSWORD)
    go(receipt_officer, case)
    receipt_officer.locator("#id_supplement-note").fill("배치도를 보완해 주십시오.")
    press(receipt_officer, "supplement")

    go(citizen, f"/permits/track/{receipt}/")
    citizen.locator(f"a[href='/permits/{receipt}/supplement/']").click()
    assert_accessible(citizen)
    citizen.locator("textarea[name=answer]").fill("배치도를 첨부합니다.")
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url(f"**/permits/track/{receipt}/")

    go(receipt_officer, case)
    press(receipt_officer, "start")
    press(receipt_officer, "complete")

    sign_in(reviewer, _construction_officer(), DEMO_PASSWORD)
    go(reviewer, case)
    press(reviewer, "start")
    _make_review_late(egov_server, receipt)
    reviewer.locator("form[action$='/complete/'] button[type=submit]").click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator(".error-summary")).to_have_count(1)
    assert_accessible(reviewer)
    reviewer.locator("#id_complete-delay_reason").fill("구조 검토 의견을 기다렸습니다.")
    press(reviewer, "complete")

    go(receipt_officer, case)
    press(receipt_officer, "start")
    press(receipt_officer, "complete")
    expect(receipt_officer.locator("main")).to_contain_text("Approved")

    captions = {
        "ko": "처리 절차와 각 단계의 처리 내역",
        "id": "Prosedur dan cara setiap langkah ditangani",
        "en": "The procedure and how each step was handled",
    }
    for language, caption in captions.items():
        go(visitor, f"/permits/track/{receipt}/", language)
        main = visitor.locator("main")
        expect(main).to_contain_text(caption)
        expect(main).to_contain_text("구조 검토 의견을 기다렸습니다.")
        expect(main).to_contain_text("박지훈")
        expect(visitor.locator(".permit-step-done")).to_have_count(3)
        expect(main).not_to_contain_text("삼청로")
        expect(main).not_to_contain_text("김민수")
    go(visitor, "/permits/applications/")
    go(visitor, "/permits/statistics/")
