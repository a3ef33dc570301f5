"""Participation in the browser: a proposal decided with reasons, a petition from start to signing.

A citizen proposes an improvement and the Jongno officer adopts it with
reasons, which the citizen then reads and rates, and answers "Was this page
useful?" on the public list. The same citizen starts a petition;
four supporters bring it to moderation; the platform administrator publishes
it; another citizen signs it and sees the count and the table by region. In
English, Korean and Indonesian, with axe-core on every page on the way.
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
ADMIN = "admin@egov.example"
SIGNER = "employer@egov.example"
SUPPORTERS = [f"supporter{number}@egov.example" for number in range(1, 5)]


@pytest.fixture
def browser_for(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> Iterator[dict[str, Page]]:
    """One signed-in browser per person, opened on first use."""
    contexts = []

    class Pages(dict[str, Page]):
        def __missing__(self, email: str) -> Page:
            context = new_context(browser, egov_server, received_pages)
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(15_000)
            sign_in(page, email, DEMO_PASSWORD)
            self[email] = page
            return page

    yield Pages()
    for context in contexts:
        context.close()


def go(page: Page, language: str, path: str) -> None:
    page.goto(f"/language/?language={language}&next={path}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def choose(page: Page, select: str, text: str) -> None:
    option = page.locator(f"{select} option", has_text=re.compile(text)).first
    value = option.get_attribute("value")
    assert value, f"no option matching {text} in {select}"
    page.locator(select).select_option(value)


def press(page: Page, button: str) -> None:
    page.locator(button).first.click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ko", "id"])
def test_a_proposal_is_decided_and_a_petition_is_published_and_signed(
    browser_for: dict[str, Page], language: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    citizen = browser_for[CITIZEN]

    # A proposal, decided with reasons.
    go(citizen, language, "/participation/")
    go(citizen, language, "/participation/proposals/new/")
    choose(citizen, "select[name=agency]", "Jongno|종로")
    citizen.locator("input[name=title]").fill(f"버스 정류장 쉼터 {tag}")
    press(citizen, "button[name=similar]")
    citizen.locator("textarea[name=problem]").fill("비가 오면 어르신들이 서서 기다립니다.")
    citizen.locator("textarea[name=current_situation]").fill("율곡로 정류장에는 쉼터가 없습니다.")
    citizen.locator("textarea[name=proposed_change]").fill(
        "가장 붐비는 정류장 열 곳에 쉼터를 둡니다."
    )
    citizen.locator("textarea[name=expected_effect]").fill("안전하고 편하게 기다릴 수 있습니다.")
    citizen.locator("input[name=visibility]").last.check()
    press(citizen, "main form button.primary")
    proposal = citizen.url.removeprefix(citizen.url.split("/participation/")[0])

    officer = browser_for[OFFICER]
    go(officer, language, "/staff/participation/proposals/")
    go(officer, language, proposal)
    officer.locator("#decide_outcome_0").check()
    officer.locator("#decide_reason").fill("2027년 예산으로 열 곳에 설치합니다.")
    press(officer, "form[action$='/decide/'] button")
    go(citizen, language, proposal)
    expect(citizen.locator("main")).to_contain_text("2027년 예산으로")
    citizen.locator("#rating_score_0").check()
    press(citizen, "form[action$='/rating/'] button")
    go(citizen, language, "/participation/proposals/")
    # "Was this page useful?" from the foot of the page, and back to it.
    press(citizen, "#page-feedback a")
    citizen.locator("#feedback_useful_0").check()
    citizen.locator("#feedback_comment").fill("표가 읽기 쉽습니다.")
    press(citizen, "main form button.primary")
    expect(citizen).to_have_url(re.compile(r"/participation/proposals/$"))

    # A petition: started, supported, moderated, signed.
    go(citizen, language, "/participation/petitions/new/")
    choose(citizen, "select[name=agency]", "Jongno|종로")
    citizen.locator("input[name=title]").fill(f"종로 도서관 일요일 개관 {tag}")
    citizen.locator("textarea[name=body]").fill("주말에만 도서관에 갈 수 있는 주민이 많습니다.")
    choose(citizen, "select[name=district]", "Jongno-gu|종로구")
    press(citizen, "main form button.primary")
    petition = citizen.url.removeprefix(citizen.url.split("/participation/")[0])

    for email in SUPPORTERS:
        supporter = browser_for[email]
        go(supporter, language, petition)
        choose(supporter, "#sign_district", "Jung-gu|중구")
        press(supporter, "form[action$='/sign/'] button")

    admin = browser_for[ADMIN]
    go(admin, language, "/staff/participation/moderation/")
    go(admin, language, petition)
    press(admin, "form[action$='/publish/'] button")

    signer = browser_for[SIGNER]
    go(signer, language, "/participation/petitions/")
    go(signer, language, petition)
    choose(signer, "#sign_district", "Mapo-gu|마포구")
    signer.locator("#sign_show_name").check()
    press(signer, "form[action$='/sign/'] button")
    expect(signer.locator(".petition-count")).to_have_text("6")
    expect(signer.locator("main svg.petition-map")).to_have_count(1)
